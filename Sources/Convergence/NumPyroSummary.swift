import Foundation

/// NumPyro's `print_summary` (numpyro/diagnostics.py): mean, std, median, the `prob`
/// HPDI, n_eff and r_hat per component, in NumPyro's fixed-width layout. Its estimators
/// are the classic ones, not ArviZ's: n_eff from unsplit chains with the biased
/// autocovariance, Geyer's pairs clipped at 0 and made monotone (no truncation); r_hat the split
/// Gelman–Rubin without rank normalization. Use `summary` for the rank-normalized
/// diagnostics.
public enum NumPyroSummary {
  /// numpyro `effective_sample_size`: NaN with fewer than 2 draws.
  public static func effectiveSampleSize(_ x: ChainSamples) -> Double {
    let m = x.chains, n = x.draws
    guard n >= 2 else { return .nan }
    // gamma_k: the chains' mean biased FFT autocovariance S_k/N (numpyro ≥ 0.15,
    // `bias=True`).
    let biased = autocovarianceRows(x.values, rows: m, n: n)
    var perChain = [Double](repeating: 0, count: m)
    let gammaMean = (0..<n).map { k -> Double in
      for c in 0..<m { perChain[c] = biased[c][k] }
      return npSum(perChain) / Double(m)
    }
    let (within, estimator) = chainVarianceStats(x)
    var rho = gammaMean.map { 1 - (within - $0) / estimator }
    rho[0] = 1
    let pairs = n / 2
    var pairSums = (0..<pairs).map { rho[2 * $0] + rho[2 * $0 + 1] }
    var running = Double.infinity
    for i in 1..<max(pairs, 1) {
      let clipped = pairSums[i].isNaN ? Double.nan : Swift.max(pairSums[i], 0)
      running = (clipped.isNaN || running.isNaN) ? .nan : Swift.min(running, clipped)
      pairSums[i] = running
    }
    let tau = -1 + 2 * pairSums.reduce(0, +)
    return Double(m * n) / tau
  }

  /// numpyro `_compute_chain_variance_stats`.
  static func chainVarianceStats(_ x: ChainSamples) -> (within: Double, estimator: Double) {
    let m = x.chains, n = x.draws
    var vars: [Double] = [], means: [Double] = []
    for c in 0..<m {
      let row = Array(x.values[(c * n)..<((c + 1) * n)])
      vars.append(variance(row, ddof: 1))
      means.append(npSum(row) / Double(n))
    }
    var within = npSum(vars) / Double(m)
    var estimator = within * Double(n - 1) / Double(n)
    if m > 1 { estimator += variance(means, ddof: 1) } else { within = estimator }
    return (within, estimator)
  }

  /// numpyro `split_gelman_rubin` (NaN with fewer than 4 draws).
  public static func splitRhat(_ x: ChainSamples) -> Double {
    guard x.draws >= 4 else { return .nan }
    let (within, estimator) = chainVarianceStats(x.split())
    return (estimator / within).squareRoot()
  }

  /// numpyro `hpdi` of pooled draws (the narrowest interval holding ⌊prob·n⌋ + 1 draws).
  public static func hpdi(_ values: [Double], prob: Double) -> (Double, Double) {
    let sorted = sortedNaNLast(values)
    return sorted.withUnsafeBufferPointer { hdiOfSorted($0, prob: prob) } ?? (.nan, .nan)
  }

  /// The table NumPyro prints (a blank line, the header, one row per component, a
  /// blank line), for variables shaped (chains, draws, …).
  public static func text(_ variables: [SummaryVariable], prob: Double = 0.9) -> String {
    let rowNames = variables.map { v in v.name + "[" + v.draws.shape.dropFirst(2).map { String($0 - 1) }.joined(separator: ",") + "]" }
    let width = max(rowNames.map(\.count).max() ?? 0, 10)
    func name(_ s: String) -> String { TableRendering.leftPad(s, width) }
    func cell(_ s: String) -> String { " " + TableRendering.leftPad(s, 9) }
    let lo = String(format: "%.1f%%", 50 * (1 - prob)), hi = String(format: "%.1f%%", 50 * (1 + prob))
    var out = "\n" + name("") + ["mean", "std", "median", lo, hi, "n_eff", "r_hat"].map(cell).joined() + "\n"
    for v in variables {
      let shape = v.draws.shape
      guard shape.count >= 2 else { continue }
      let (m, n) = (shape[0], shape[1])
      let event = Array(shape.dropFirst(2))
      let k = event.reduce(1, *)
      let all = v.draws.converted(to: .double).doubles
      for j in 0..<k where m == 0 || n == 0 {
        let label = event.isEmpty ? v.name : v.name + "[" + componentIndex(event, j).map(String.init).joined(separator: ",") + "]"
        out += name(label) + Array(repeating: cell("nan"), count: 7).joined() + "\n"
      }
      if m == 0 || n == 0 { continue }
      for j in 0..<k {
        let x = ChainSamples((0..<(m * n)).map { all[$0 * k + j] }, chains: m)
        let label = event.isEmpty ? v.name : v.name + "[" + componentIndex(event, j).map(String.init).joined(separator: ",") + "]"
        let med = median(x.values)
        let sd = x.values.count > 1 ? variance(x.values, ddof: 1).squareRoot() : .nan
        let (a, b) = hpdi(x.values, prob: prob)
        let stats = [npSum(x.values) / Double(x.values.count), sd, med, a, b, effectiveSampleSize(x), splitRhat(x)]
        out += name(label) + stats.map { cell(String(format: "%.2f", $0)) }.joined() + "\n"
      }
    }
    return out + "\n"
  }
}

/// The multi-index of row-major component `flat` in `event`.
func componentIndex(_ event: [Int], _ flat: Int) -> [Int] {
  var index = [Int](repeating: 0, count: event.count)
  var r = flat
  for d in stride(from: event.count - 1, through: 0, by: -1) {
    index[d] = r % event[d]
    r /= event[d]
  }
  return index
}
