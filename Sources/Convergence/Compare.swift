import Foundation

/// Model comparison (`arviz.compare`): models ranked by elpd, differences to the best
/// with their standard errors, and weights.
public struct ComparisonTable: Sendable, Equatable {
  public enum WeightMethod: String, Sendable, CaseIterable {
    /// Stacking of predictive distributions (Yao et al. 2018), ArviZ's default.
    case stacking
    /// Akaike-type weights exp(elpd)/Σ exp(elpd).
    case pseudoBMA = "pseudo-BMA"
  }

  public struct Row: Sendable, Equatable {
    public let name: String
    public let rank: Int
    public let elpd: Double
    public let p: Double
    public let elpdDiff: Double
    public let weight: Double
    public let se: Double
    public let dse: Double
    public let warning: Bool
  }

  public let kind: ELPDResult.Kind
  public let scale: ICScale
  public let method: WeightMethod
  /// Best model first.
  public let rows: [Row]

  public var columns: [String] {
    ["rank", "elpd_\(kind.rawValue)", "p_\(kind.rawValue)", "elpd_diff", "weight", "se", "dse", "warning", "scale"]
  }

  var cells: [TableCells] {
    [.int(rows.map(\.rank)), .float(rows.map(\.elpd)), .float(rows.map(\.p)), .float(rows.map(\.elpdDiff)),
     .float(rows.map(\.weight)), .float(rows.map(\.se)), .float(rows.map(\.dse)), .bool(rows.map(\.warning)),
     .text(rows.map { _ in scale.rawValue })]
  }

  /// As pandas prints ArviZ's comparison DataFrame.
  public var text: String { TableRendering.text(index: rows.map(\.name), columns: columns, cells: cells) }

  /// An HTML table; models whose criterion warned are flagged.
  public var html: String {
    TableRendering.html(index: rows.map(\.name), columns: columns, cells: cells,
                        flags: rows.map { $0.warning ? ["warning"] : [] })
  }

  public var markdown: String { TableRendering.markdown(index: rows.map(\.name), columns: columns, cells: cells) }

  /// The value at a model name and column (rank, elpd_loo, …, dse; warning as 0/1).
  public subscript(model: String, column: String) -> Double? {
    guard let r = rows.first(where: { $0.name == model }) else { return nil }
    switch column {
    case "rank": return Double(r.rank)
    case "elpd_\(kind.rawValue)": return r.elpd
    case "p_\(kind.rawValue)": return r.p
    case "elpd_diff": return r.elpdDiff
    case "weight": return r.weight
    case "se": return r.se
    case "dse": return r.dse
    case "warning": return r.warning ? 1 : 0
    default: return nil
    }
  }
}

extension Diagnostics {
  /// Compares models by their pointwise loo or waic results (all of one kind and scale,
  /// same observations), as `arviz.compare`.
  /// - Throws: `DiagnosticsError` for mixed kinds or scales, differing observation
  ///   counts, or fewer than one model.
  public static func compare(_ models: [(name: String, result: ELPDResult)], method: ComparisonTable.WeightMethod = .stacking) throws -> ComparisonTable {
    guard let first = models.first else { throw DiagnosticsError("compare needs at least one model") }
    for m in models {
      guard m.result.kind == first.result.kind else { throw DiagnosticsError("compare: all information criteria must be the same, but found both loo and waic") }
      guard m.result.scale == first.result.scale else { throw DiagnosticsError("compare: all information criteria must use the same scale") }
      guard m.result.observations == first.result.observations else {
        throw DiagnosticsError("compare: the number of observations should be the same across all models ('\(m.name)' has \(m.result.observations), '\(first.name)' has \(first.result.observations))")
      }
    }
    let scale = first.result.scale
    let scaleValue = scale.value
    let ascending = scale != .log
    // pandas sort_values (stable here: ties keep input order).
    let sorted = models.enumerated().sorted { a, b in
      let x = a.element.result.estimate, y = b.element.result.estimate
      if x == y { return a.offset < b.offset }
      return ascending ? x < y : x > y
    }.map(\.element)
    let weights: [Double]
    switch method {
    case .stacking:
      let n = first.result.observations
      let matrix = (0..<n).map { i in sorted.map { Foundation.exp($0.result.pointwise[i] / scaleValue) } }
      weights = stackingWeights(matrix)
    case .pseudoBMA:
      let best = sorted[0].result.estimate
      let z = sorted.map { Foundation.exp(($0.result.estimate - best) / scaleValue) }
      let total = npSum(z)
      weights = z.map { $0 / total }
    }
    let bestPointwise = sorted[0].result.pointwise
    var rows: [ComparisonTable.Row] = []
    for (idx, m) in sorted.enumerated() {
      let diff = zip(m.result.pointwise, bestPointwise).map { scaleValue < 0 ? $0 - $1 : $1 - $0 }
      rows.append(.init(name: m.name, rank: idx, elpd: m.result.estimate, p: m.result.p, elpdDiff: npSum(diff),
                        weight: weights[idx], se: m.result.se, dse: (Double(diff.count) * variance(diff, ddof: 0)).squareRoot(),
                        warning: m.result.warning))
    }
    return ComparisonTable(kind: first.result.kind, scale: scale, method: method, rows: rows)
  }

  /// Stacking weights: argmax_w Σ_i log Σ_k A_ik w_k over the simplex (a concave
  /// problem), solved to machine precision by an active-set Newton method (free weights
  /// take Newton steps under Σw = 1; a weight that reaches 0 is fixed there and released
  /// when its KKT multiplier turns negative). ArviZ solves the same problem with SciPy's
  /// SLSQP; its answers agree to its tolerance.
  ///
  /// Reference: Y. Yao, A. Vehtari, D. Simpson, A. Gelman, "Using stacking to average
  /// Bayesian predictive distributions", Bayesian Analysis 13(3), 2018.
  static func stackingWeights(_ a: [[Double]]) -> [Double] {
    let k = a.first?.count ?? 0
    if k <= 1 { return Array(repeating: 1, count: k) }
    var w = [Double](repeating: 1 / Double(k), count: k)
    var free = Array(repeating: true, count: k)
    func objective(_ w: [Double]) -> Double {
      var f = 0.0
      for row in a {
        var d = 0.0
        for j in 0..<k { d += row[j] * w[j] }
        f -= Foundation.log(d)
      }
      return f
    }
    func gradientHessian(_ w: [Double]) -> ([Double], [[Double]]) {
      var g = [Double](repeating: 0, count: k)
      var h = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
      for row in a {
        var d = 0.0
        for j in 0..<k { d += row[j] * w[j] }
        for j in 0..<k {
          g[j] -= row[j] / d
          for l in 0..<k { h[j][l] += row[j] * row[l] / (d * d) }
        }
      }
      return (g, h)
    }
    for _ in 0..<500 {
      let (g, h) = gradientHessian(w)
      let f = (0..<k).filter { free[$0] }
      // Newton step on the free set under Σ d = 0: [H 1; 1ᵀ 0][d; λ] = [−g; 0].
      let n = f.count
      var m = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n + 1)
      var rhs = [Double](repeating: 0, count: n + 1)
      for (r, i) in f.enumerated() {
        for (c, j) in f.enumerated() { m[r][c] = h[i][j] }
        m[r][n] = 1
        m[n][r] = 1
        rhs[r] = -g[i]
      }
      guard let sol = solveLinear(m, rhs) else { break }
      var step = [Double](repeating: 0, count: k)
      for (r, i) in f.enumerated() { step[i] = sol[r] }
      let lambda = sol[n]
      let stepNorm = step.map(Swift.abs).max() ?? 0
      if stepNorm < 1e-15 {
        // Stationary on the free set: release a fixed weight whose multiplier is negative.
        // (KKT: g_j + λ ≥ 0 for fixed j, with λ the multiplier of Σw = 1 on the free set.)
        let candidates = (0..<k).filter { !free[$0] && g[$0] + lambda < -1e-12 }
        guard let j = candidates.min(by: { g[$0] < g[$1] }) else { break }
        free[j] = true
        continue
      }
      // Largest feasible step, then backtracking on the objective.
      var t = 1.0
      var blocking: Int? = nil
      for i in f where step[i] < 0 {
        let limit = -w[i] / step[i]
        if limit < t { t = limit; blocking = i }
      }
      let f0 = objective(w)
      var trial = w
      var accepted = false
      for _ in 0..<60 {
        for i in 0..<k { trial[i] = Swift.max(w[i] + t * step[i], 0) }
        if let b = blocking, t == -w[b] / step[b] { trial[b] = 0 }
        if objective(trial) <= f0 + 1e-14 * Swift.abs(f0) { accepted = true; break }
        t /= 2
        blocking = nil
      }
      if !accepted { break }
      w = trial
      if let b = blocking, w[b] == 0 { free[b] = false }
      let total = w.reduce(0, +)
      for i in 0..<k { w[i] /= total }
    }
    return w
  }

  /// Gaussian elimination with partial pivoting; nil when singular.
  static func solveLinear(_ matrix: [[Double]], _ rhs: [Double]) -> [Double]? {
    var a = matrix
    var b = rhs
    let n = b.count
    for col in 0..<n {
      guard let p = (col..<n).max(by: { Swift.abs(a[$0][col]) < Swift.abs(a[$1][col]) }), a[p][col] != 0 else { return nil }
      a.swapAt(col, p)
      b.swapAt(col, p)
      for r in (col + 1)..<max(n, col + 1) {
        let factor = a[r][col] / a[col][col]
        if factor == 0 { continue }
        for c in col..<n { a[r][c] -= factor * a[col][c] }
        b[r] -= factor * b[col]
      }
    }
    var x = [Double](repeating: 0, count: n)
    for r in stride(from: n - 1, through: 0, by: -1) {
      var s = b[r]
      for c in (r + 1)..<max(n, r + 1) { s -= a[r][c] * x[c] }
      x[r] = s / a[r][r]
    }
    return x
  }
}
