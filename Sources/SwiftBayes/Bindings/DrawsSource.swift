import Arrays
import CellLanguage

/// Posterior (or prior) draws grouped by chain: what summaries, diagnostics and the
/// Bayesian plots read, whatever produced them (an MCMC run, a samples value, a
/// dictionary of arrays, draws read back from CmdStan CSV).
public struct ChainDraws {
  /// Site names in display order.
  public var names: [String]
  /// Each site's draws shaped (chains, draws, …event shape).
  public var arrays: [String: NDArray]
  /// Per-draw sampler statistics shaped (chains, draws), keyed by NumPyro's extra-field
  /// names: `diverging` (Bool), `treeDepth`, `numSteps` (Int), `stepSize`, `energy`,
  /// `acceptProb`, `potentialEnergy` (Double). Empty when the draws did not come from
  /// a sampler.
  public var sampleStats: [String: NDArray]
  /// The sampler's maximum tree depth, for tree-depth saturation; nil when unknown.
  public var maxTreeDepth: Int?

  public init(names: [String], arrays: [String: NDArray], sampleStats: [String: NDArray] = [:], maxTreeDepth: Int? = nil) {
    self.names = names
    self.arrays = arrays
    self.sampleStats = sampleStats
    self.maxTreeDepth = maxTreeDepth
  }

  /// The number of chains (0 when there are no sites).
  public var chainCount: Int { names.first.flatMap { arrays[$0]?.shape.first } ?? 0 }
  /// The number of draws per chain.
  public var drawCount: Int { names.first.flatMap { arrays[$0].map { $0.shape.count > 1 ? $0.shape[1] : 0 } } ?? 0 }
}

/// A host value that carries draws grouped by chain (an MCMC run, a samples value).
public protocol DrawsSource: HostObject {
  func chainDraws() throws -> ChainDraws
}

/// The draws a value stands for, for `summary`, the diagnostics and the plots:
/// - a `DrawsSource` host value (an MCMC run, the samples from `getSamples()`, which
///   remember how draws split into chains);
/// - a dictionary from site name to arrays shaped (chains, draws, …), as ArviZ reads a
///   dict; a Swift array of numbers counts as one chain.
/// - Throws: a `TypeError` naming `function` for anything else, a `ShapeError` when the
///   sites disagree on chains and draws.
public func chainDraws(from v: Value, _ function: String) throws -> ChainDraws {
  if case .host(let h) = v, let source = h as? DrawsSource { return try source.chainDraws() }
  guard case .dictionary(let d) = v else {
    if let a = asArray(v), a.dtype != .bool, a.ndim >= 1 {
      // A single array: (chains, draws, …) when 2-d or more, one chain when 1-d.
      let grouped = a.ndim == 1 ? try arrays { try a.converted(to: .double).reshaped([1, a.shape[0]]) } : a.converted(to: .double)
      return ChainDraws(names: ["x"], arrays: ["x": grouped])
    }
    throw HostError("\(function) needs draws: an MCMC run, samples from getSamples(), or a dictionary of arrays shaped (chains, draws, …); got \(v.typeName)", kind: "TypeError")
  }
  var names: [String] = []
  var out: [String: NDArray] = [:]
  var chainsAndDraws: (Int, Int)?
  for (k, value) in zip(d.keys, d.values) {
    guard case .string(let name) = k else {
      throw HostError("\(function): draws dictionaries need String keys (site names), not \(k.typeName)", kind: "TypeError")
    }
    guard let a = asArray(value), a.dtype != .bool else {
      throw HostError("\(function): '\(name)' is not a numeric array (it is \(value.typeName))", kind: "TypeError")
    }
    let grouped = a.ndim == 1 ? try arrays { try a.converted(to: .double).reshaped([1, a.shape[0]]) } : a.converted(to: .double)
    guard grouped.ndim >= 2 else {
      throw HostError("\(function): '\(name)' must be shaped (chains, draws, …); it is a scalar", kind: "ShapeError")
    }
    let cd = (grouped.shape[0], grouped.shape[1])
    if let expected = chainsAndDraws, expected != cd {
      throw HostError("\(function): '\(name)' has \(cd.0) chains × \(cd.1) draws but earlier sites have \(expected.0) × \(expected.1)", kind: "ShapeError")
    }
    chainsAndDraws = cd
    names.append(name)
    out[name] = grouped
  }
  return ChainDraws(names: names, arrays: out)
}
