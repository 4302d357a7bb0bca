import Foundation

/// A summary table: one row per scalar component, ArviZ's columns, the raw values and
/// the values rounded as ArviZ's `round_to` does (what the table shows and indexing
/// returns), plus the sampler's health under the table when the draws came from NUTS.
public struct SummaryTable: Sendable, Equatable {
  public let index: [String]
  public let columns: [String]
  /// Unrounded values, rows × columns.
  public let raw: [[Double]]
  public let rounding: SummaryOptions.Rounding
  /// Divergences, tree-depth saturation and E-BFMI, when known.
  public var sampler: SamplerReport?

  public init(index: [String], columns: [String], raw: [[Double]], rounding: SummaryOptions.Rounding, sampler: SamplerReport? = nil) {
    self.index = index
    self.columns = columns
    self.raw = raw
    self.rounding = rounding
    self.sampler = sampler
  }

  /// The values as shown: `round_to` applied column by column (NumPy's `round`: scale
  /// by 10^d, round half to even, scale back).
  public var values: [[Double]] {
    let decimals = columns.map(decimals(for:))
    return raw.map { row in zip(row, decimals).map { v, d in d.map { roundHalfEven(v, $0) } ?? v } }
  }

  func decimals(for column: String) -> Int? {
    switch rounding {
    case .none: return nil
    case .decimals(let d): return d
    case .arviz:
      switch column {
      case "ess_bulk", "ess_tail": return 0
      case "r_hat": return 2
      default: return 3
      }
    }
  }

  /// The shown value at a row label and column name; nil when either is unknown.
  public subscript(row: String, column: String) -> Double? {
    guard let i = index.firstIndex(of: row), let j = columns.firstIndex(of: column) else { return nil }
    return values[i][j]
  }

  /// The unrounded value at a row label and column name.
  public func rawValue(row: String, column: String) -> Double? {
    guard let i = index.firstIndex(of: row), let j = columns.firstIndex(of: column) else { return nil }
    return raw[i][j]
  }

  /// Whether a row needs attention: R̂ above 1.01 or a bulk or tail ESS under 400
  /// (Vehtari et al. 2021's thresholds for four chains), judged on unrounded values.
  public func isFlagged(row i: Int) -> Bool {
    flaggedColumns(row: i).isEmpty == false
  }

  /// The columns of row `i` that break a threshold.
  public func flaggedColumns(row i: Int) -> Set<String> {
    var out: Set<String> = []
    for (j, c) in columns.enumerated() {
      let v = raw[i][j]
      switch c {
      case "r_hat" where v > 1.01: out.insert(c)
      case "ess_bulk", "ess_tail": if v < 400 { out.insert(c) }
      default: break
      }
    }
    return out
  }
}

/// NumPy's `round(x, d)` for d ≥ 0: rint(x·10^d)/10^d.
func roundHalfEven(_ x: Double, _ d: Int) -> Double {
  if d == 0 { return x.rounded(.toNearestOrEven) }
  if d > 0 {
    let f = Foundation.pow(10.0, Double(d))
    return (x * f).rounded(.toNearestOrEven) / f
  }
  let f = Foundation.pow(10.0, Double(-d))
  return (x / f).rounded(.toNearestOrEven) * f
}

/// The sampler's health, reported under a summary of NUTS draws: divergent transitions,
/// transitions that hit the maximum tree depth, and E-BFMI per chain (below 0.3 is a
/// warning, as in Stan and ArviZ).
public struct SamplerReport: Sendable, Equatable {
  public var chains: Int
  public var draws: Int
  /// Divergent transitions per chain.
  public var divergences: [Int]?
  /// Transitions at the maximum tree depth per chain.
  public var treeDepthSaturated: [Int]?
  public var maxTreeDepth: Int?
  /// E-BFMI per chain.
  public var bfmi: [Double]?

  /// From per-draw sampler statistics (each chains × draws): `diverging` as 0/1,
  /// `treeDepth`, `energy`. Absent statistics are left out of the report.
  public init?(diverging: ChainSamples?, treeDepth: ChainSamples?, maxTreeDepth: Int?, energy: ChainSamples?) {
    guard let any = diverging ?? treeDepth ?? energy else { return nil }
    chains = any.chains
    draws = any.draws
    divergences = diverging.map { d in (0..<d.chains).map { c in d.values[(c * d.draws)..<((c + 1) * d.draws)].filter { $0 != 0 }.count } }
    if let t = treeDepth, let maxTreeDepth {
      self.maxTreeDepth = maxTreeDepth
      treeDepthSaturated = (0..<t.chains).map { c in t.values[(c * t.draws)..<((c + 1) * t.draws)].filter { $0 >= Double(maxTreeDepth) }.count }
    }
    if let e = energy, e.draws >= 2 { bfmi = Diagnostics.bfmi(e) }
  }

  /// The report as lines of text, with remedies when something is wrong.
  public var lines: [String] {
    var out: [String] = []
    let total = chains * draws
    func pct(_ k: Int) -> String { String(format: "%.1f%%", total > 0 ? 100 * Double(k) / Double(total) : 0) }
    if let d = divergences {
      let k = d.reduce(0, +)
      out.append("Divergences: \(k) of \(total) draws (\(pct(k))); per chain: \(d.map(String.init).joined(separator: ", "))")
      if k > 0 {
        out.append("  Warning: divergent transitions bias the posterior; raise targetAcceptProb (e.g. 0.95) or reparameterize (non-centered).")
      }
    }
    if let t = treeDepthSaturated, let maxTreeDepth {
      let k = t.reduce(0, +)
      out.append("Tree depth \(maxTreeDepth) reached: \(k) of \(total) draws (\(pct(k))); per chain: \(t.map(String.init).joined(separator: ", "))")
      if k > 0 { out.append("  Warning: saturated trees cut trajectories short; raise maxTreeDepth or reparameterize.") }
    }
    if let b = bfmi {
      out.append("E-BFMI per chain: " + b.map { String(format: "%.2f", $0) }.joined(separator: ", "))
      let low = b.enumerated().filter { $0.element < 0.3 }.map(\.offset)
      if !low.isEmpty {
        out.append("  Warning: E-BFMI below 0.3 in chain\(low.count > 1 ? "s" : "") \(low.map(String.init).joined(separator: ", ")): the momentum resampling explores the energy poorly; reparameterize.")
      }
    }
    return out
  }
}
