import Arrays
import Autodiff
import CellLanguage

/// Named draws, as NumPyro's samples dict: `samples["mu_a"]` is the array itself
/// (flat (chains·draws, …) or, grouped by chain, (chains, draws, …)); an unknown name is
/// an error listing the sites; `for (name, draws) in samples` iterates in site order.
/// It remembers how draws split into chains, so `summary` and the plots see chains.
final class SamplesHost: HostObject, DrawsSource, RichDisplayable {
  /// Site name → draws shaped (chains, draws, …).
  let names: [String]
  let grouped: [String: NDArray]
  let byChain: Bool
  let sampleStats: [String: NDArray]
  let maxTreeDepth: Int?
  let label: String

  init(names: [String], grouped: [String: NDArray], byChain: Bool, sampleStats: [String: NDArray] = [:], maxTreeDepth: Int? = nil, label: String = "Samples") {
    self.names = names
    self.grouped = grouped
    self.byChain = byChain
    self.sampleStats = sampleStats
    self.maxTreeDepth = maxTreeDepth
    self.label = label
  }

  var typeName: String { label }

  /// The array for `name` in this value's layout.
  func array(_ name: String) throws -> NDArray {
    guard let a = grouped[name] else {
      throw HostError("no site '\(name)' in these samples; the sites are \(names.map { "'\($0)'" }.joined(separator: ", "))", kind: "KeyError")
    }
    if byChain { return a }
    return try arrays { try a.reshaped([a.shape[0] * a.shape[1]] + Array(a.shape.dropFirst(2))) }
  }

  func namedArrays() -> [String: Value] {
    var out: [String: Value] = [:]
    for n in names { if let a = try? array(n) { out[n] = arrayValue(a) } }
    return out
  }

  func chainDraws() throws -> ChainDraws {
    ChainDraws(names: names, arrays: grouped, sampleStats: sampleStats, maxTreeDepth: maxTreeDepth)
  }

  var description: String {
    "\(label)(" + names.map { n in "\(n): \((try? array(n)).map { Graph.shapeText($0.shape) } ?? "?")" }.joined(separator: ", ") + ")"
  }

  var mimeBundle: MimeBundle {
    var rows = ""
    for n in names {
      guard let a = try? array(n) else { continue }
      let d = a.converted(to: .double).doubles
      let mean = d.isEmpty ? Double.nan : d.reduce(0, +) / Double(d.count)
      rows += "<tr><td><code>\(n)</code></td><td>\(Graph.shapeText(a.shape))</td><td>\(String(format: "%.4g", mean))</td></tr>"
    }
    let html = "<table><thead><tr><th>site</th><th>shape</th><th>mean (all elements)</th></tr></thead><tbody>\(rows)</tbody></table>"
    return ["text/plain": description, "text/html": html]
  }

  var memberNames: [String] { ["keys", "count", "numChains", "numDraws"] }

  func property(_ name: String) throws -> Value? {
    switch name {
    case "keys": return stringArrayValue(names)
    case "count": return .int(names.count)
    case "numChains": return .int(names.first.flatMap { grouped[$0]?.shape[0] } ?? 0)
    case "numDraws": return .int(names.first.flatMap { grouped[$0]?.shape[1] } ?? 0)
    default: return nil
    }
  }

  func subscriptGet(_ args: Arguments) throws -> Value? {
    guard args.count == 1 else { return nil }
    guard case .string(let name) = args[0] else {
      throw HostError("samples are indexed by site name (a String), not \(args[0].typeName)", kind: "TypeError")
    }
    return .host(ArrayHost(try array(name)))
  }

  func elements() throws -> [Value]? {
    try names.map { .tuple(TupleValue([.string($0), .host(ArrayHost(try array($0)))])) }
  }
}

/// A value that carries pointwise log-likelihood draws, shaped (chains, draws, …), per
/// observed site (an MCMC run, `logLikelihood(…)`'s result): `loo(mcmc)` reads it.
protocol LogLikelihoodSource {
  func pointwiseLogLikelihoodSites() throws -> [(name: String, draws: NDArray)]
}

extension SamplesHost: LogLikelihoodSource {
  func pointwiseLogLikelihoodSites() throws -> [(name: String, draws: NDArray)] {
    guard label == "LogLikelihood" else {
      throw HostError("these samples are draws of parameters, not pointwise log-likelihood: use logLikelihood(model, samples, …) or mcmc.logLikelihood", kind: "TypeError")
    }
    return names.compactMap { n in grouped[n].map { (n, $0) } }
  }
}

extension MCMCHost: LogLikelihoodSource {
  func pointwiseLogLikelihoodSites() throws -> [(name: String, draws: NDArray)] {
    guard let ll = try logLikelihood() else { throw HostError("this MCMC has no draws yet: call run(key, …) first", kind: "ValueError") }
    return try ll.pointwiseLogLikelihoodSites()
  }
}
