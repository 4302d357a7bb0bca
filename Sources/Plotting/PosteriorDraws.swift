import Arrays

/// An error in what a plot was given, with a message that names the plot.
public struct PlotError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Options every catalogue plot takes.
public struct PlotOptions: Sendable {
  /// Which sites to show, in this order; nil shows every site.
  public var varNames: [String]?
  /// Width and height in inches (100 px each); nil picks a size from the content.
  public var figsize: (Double, Double)?
  public var title: String?
  /// The probability mass of highest-density intervals (ArviZ's default 0.94).
  public var hdiProb: Double = 0.94

  public init(varNames: [String]? = nil, figsize: (Double, Double)? = nil, title: String? = nil, hdiProb: Double = 0.94) {
    self.varNames = varNames
    self.figsize = figsize
    self.title = title
    self.hdiProb = hdiProb
  }

  /// The figure size in pixels: `figsize` when given, else the default.
  func pixels(_ defaultInches: (Double, Double)) -> (Double, Double) {
    let (w, h) = figsize ?? defaultInches
    return (max(1, w) * 100, max(1, h) * 100)
  }
}

/// Draws grouped by chain, as the Bayesian plots read them.
public struct PosteriorDraws: Sendable {
  /// Site names in display order.
  public var names: [String]
  /// Each site's draws shaped (chains, draws, …event shape).
  public var arrays: [String: NDArray]
  /// Divergent transitions, `diverging[chain][draw]`; nil when unknown.
  public var diverging: [[Bool]]?
  /// The Hamiltonian energy at each draw, `energy[chain][draw]`; nil when unknown.
  public var energy: [[Double]]?

  public init(names: [String], arrays: [String: NDArray], diverging: [[Bool]]? = nil, energy: [[Double]]? = nil) {
    self.names = names
    self.arrays = arrays
    self.diverging = diverging
    self.energy = energy
  }

  /// One scalar of one site across chains: `chains[c][d]`.
  public struct Scalar: Sendable {
    /// `mu`, or `a[3]`, `L[0,1]` for elements of vector and matrix sites.
    public var label: String
    public var site: String
    public var chains: [[Double]]
    public var pooled: [Double] { chains.flatMap { $0 } }
  }

  /// Sites to show: `varNames` (checked) or every site.
  func sites(_ plot: String, _ options: PlotOptions) throws -> [String] {
    let wanted = options.varNames ?? names
    for n in wanted where arrays[n] == nil {
      throw PlotError("\(plot): no variable named '\(n)'; the draws have \(names.map { "'\($0)'" }.joined(separator: ", "))")
    }
    if wanted.isEmpty { throw PlotError("\(plot): no variables to plot") }
    return wanted
  }

  /// Chains and draws of a site, with a clear error when there are no draws.
  func chainShape(_ plot: String, _ site: String) throws -> (chains: Int, draws: Int, event: [Int]) {
    guard let a = arrays[site], a.ndim >= 2 else {
      throw PlotError("\(plot): '\(site)' must be shaped (chains, draws, …)")
    }
    guard a.shape[0] > 0, a.shape[1] > 0 else {
      throw PlotError("\(plot): '\(site)' has no draws (shape \(a.shape))")
    }
    return (a.shape[0], a.shape[1], Array(a.shape.dropFirst(2)))
  }

  /// Every scalar of the given sites, elements in row-major order.
  func scalars(_ plot: String, _ sites: [String]) throws -> [Scalar] {
    var out: [Scalar] = []
    for site in sites {
      let (c, d, event) = try chainShape(plot, site)
      let e = event.reduce(1, *)
      if e == 0 { continue }
      let values = arrays[site]!.converted(to: .double).doubles
      for k in 0..<e {
        var chains: [[Double]] = []
        chains.reserveCapacity(c)
        for ci in 0..<c {
          var row = [Double](repeating: 0, count: d)
          let base = ci * d * e + k
          for di in 0..<d { row[di] = values[base + di * e] }
          chains.append(row)
        }
        out.append(Scalar(label: event.isEmpty ? site : site + "[" + Self.index(k, event).map(String.init).joined(separator: ",") + "]", site: site, chains: chains))
      }
    }
    if out.isEmpty { throw PlotError("\(plot): the selected variables have no elements") }
    return out
  }

  static func index(_ flat: Int, _ shape: [Int]) -> [Int] {
    var r = [Int](repeating: 0, count: shape.count)
    var f = flat
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
      r[i] = f % shape[i]
      f /= shape[i]
    }
    return r
  }

  /// Draw indices (chain, draw) of divergent transitions.
  var divergent: [(chain: Int, draw: Int)] {
    guard let diverging else { return [] }
    var out: [(Int, Int)] = []
    for (c, row) in diverging.enumerated() {
      for (d, v) in row.enumerated() where v { out.append((c, d)) }
    }
    return out
  }
}

/// Evenly spaced indices keeping at most `limit` of `n` (all when n ≤ limit).
func thinnedIndices(_ n: Int, limit: Int) -> [Int] {
  guard n > limit, limit > 0 else { return Array(0..<n) }
  let step = Double(n) / Double(limit)
  return (0..<limit).map { Int((Double($0) * step).rounded(.down)) }
}
