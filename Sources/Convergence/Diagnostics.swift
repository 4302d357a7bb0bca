import Foundation

/// Draws of one scalar quantity grouped by chain: `values` row-major, chains × draws.
public struct ChainSamples: Sendable, Equatable {
  public var values: [Double]
  public let chains: Int
  public let draws: Int

  /// - Precondition: `values.count` is a multiple of `chains` (chains ≥ 1).
  public init(_ values: [Double], chains: Int) {
    precondition(chains >= 1 && values.count % chains == 0, "values must fill whole chains")
    self.values = values
    self.chains = chains
    self.draws = values.count / chains
  }

  /// One array per chain, all of the same length.
  public init(chains rows: [[Double]]) {
    precondition(!rows.isEmpty && Set(rows.map(\.count)).count == 1, "chains must have equal lengths")
    self.init(rows.flatMap { $0 }, chains: rows.count)
  }

  var hasNaN: Bool { values.contains { $0.isNaN } }

  /// ArviZ `_not_valid`: NaN anywhere, fewer than `minChains` chains or `minDraws` draws.
  func isInvalid(minDraws: Int = 4, minChains: Int) -> Bool {
    hasNaN || chains < minChains || draws < minDraws
  }

  /// Split chains (`_split_chains`): first halves of every chain, then last halves.
  func split() -> ChainSamples {
    let h = draws / 2
    var out = [Double]()
    out.reserveCapacity(2 * chains * h)
    for c in 0..<chains { out += values[(c * draws)..<(c * draws + h)] }
    for c in 0..<chains { out += values[((c + 1) * draws - h)..<((c + 1) * draws)] }
    return ChainSamples(out, chains: 2 * chains)
  }

  func mapped(_ f: (Double) -> Double) -> ChainSamples {
    ChainSamples(values.map(f), chains: chains)
  }

  func withBuffer<T>(_ body: (UnsafeBufferPointer<Double>) -> T) -> T {
    values.withUnsafeBufferPointer(body)
  }
}

/// R̂, ESS, MCSE, intervals, autocorrelation and E-BFMI of MCMC draws, as ArviZ 0.23
/// computes them (`arviz.rhat`, `arviz.ess`, `arviz.mcse`, `arviz.hdi`, `arviz.autocorr`,
/// `arviz.bfmi`), including its treatment of NaN (the result is NaN), constant chains
/// (ESS = chains × draws, R̂ NaN), one chain (R̂ NaN) and short chains (fewer than 4
/// draws: NaN).
///
/// References:
/// 1. A. Vehtari et al., "Rank-normalization, folding, and localization: an improved R̂
///    for assessing convergence of MCMC", Bayesian Analysis 16(2), 2021.
/// 2. M. Betancourt, "Diagnosing suboptimal cotangent disintegrations in Hamiltonian Monte
///    Carlo", arXiv:1604.00695 (E-BFMI).
public enum Diagnostics {
  public enum RhatMethod: String, CaseIterable, Sendable {
    case rank, split, folded, zScale = "z_scale", identity
  }

  public enum ESSMethod: String, CaseIterable, Sendable {
    case bulk, tail, mean, sd, median, quantile, mad, zScale = "z_scale", folded, identity, local
  }

  public enum MCSEMethod: String, CaseIterable, Sendable {
    case mean, sd, median, quantile
  }

  // MARK: R-hat

  /// R̂ (default: rank-normalized split R̂, the larger of the bulk and folded versions).
  /// NaN with NaN draws, fewer than 2 chains or fewer than 4 draws.
  public static func rhat(_ x: ChainSamples, method: RhatMethod = .rank) -> Double {
    if x.isInvalid(minChains: 2) { return .nan }
    switch method {
    case .rank:
      // Split, rank-normalize; fold about the median of the split draws.
      return x.withBuffer { p in
        let sorted = SortedDraws(p, chains: x.chains, draws: x.draws)
        let scores = NormalScores(size: 2 * x.chains * sorted.half)
        let bulk = sorted.zSplit(p, scores: scores)
        let rb = bulk.withUnsafeBufferPointer { basicRhat($0, chains: 2 * x.chains, draws: sorted.half) }
        let folded = sorted.zFoldedSplit(p, center: sorted.median(p, allDraws: false), scores: scores)
        let rt = folded.withUnsafeBufferPointer { basicRhat($0, chains: 2 * x.chains, draws: sorted.half) }
        return pythonMax(rb, rt)
      }
    case .split: return x.split().withBuffer { basicRhat($0, chains: 2 * x.chains, draws: x.draws / 2) }
    case .folded:
      let s = x.split()
      let med = median(s.values)
      let z = zScale(s.values.map { Swift.abs($0 - med) })
      return z.withUnsafeBufferPointer { basicRhat($0, chains: s.chains, draws: s.draws) }
    case .zScale:
      let s = x.split()
      return zScale(s.values).withUnsafeBufferPointer { basicRhat($0, chains: s.chains, draws: s.draws) }
    case .identity: return x.withBuffer { basicRhat($0, chains: x.chains, draws: x.draws) }
    }
  }

  // MARK: ESS

  /// Effective sample size. `prob` is the quantile for `.quantile`, the tail probability
  /// for `.tail` (default 0.05 and 0.95), and `[lower, upper]` for `.local`.
  /// NaN with NaN draws or fewer than 4 draws.
  /// - Throws: `DiagnosticsError` when `.quantile` or `.local` has no `prob`.
  public static func ess(_ x: ChainSamples, method: ESSMethod = .bulk, prob: [Double]? = nil) throws -> Double {
    if (method == .quantile || method == .local) && prob == nil {
      throw DiagnosticsError("ess(method: \"\(method.rawValue)\") needs prob")
    }
    if method == .local && prob!.count != 2 {
      throw DiagnosticsError("ess(method: \"local\") needs prob: [lower, upper]")
    }
    if x.isInvalid(minChains: 1) { return .nan }
    switch method {
    case .bulk: return essOf(zScaleSplit(x))
    case .tail:
      let (lo, hi) = prob.map { $0.count == 1 ? ($0[0], 1 - $0[0]) : ($0[0], $0[1]) } ?? (0.05, 0.95)
      return pythonMin(essQuantile(x, lo), essQuantile(x, hi))
    case .mean: return essOf(x.split())
    case .sd:
      let mu = x.withBuffer(mean)
      return essOf(x.mapped { ($0 - mu) * ($0 - mu) }.split())
    case .median: return essQuantile(x, 0.5)
    case .quantile: return essQuantile(x, prob![0])
    case .mad:
      let med = median(x.values)
      let folded = x.mapped { Swift.abs($0 - med) }
      let fmed = median(folded.values)
      let indicator = folded.mapped { $0 <= fmed ? 1 : 0 }.split()
      return essOf(ChainSamples(zScale(indicator.values), chains: indicator.chains))
    case .zScale: return essOf(ChainSamples(zScale(x.split().values), chains: 2 * x.chains))
    case .folded:
      let s = x.split()
      let med = median(s.values)
      return essOf(ChainSamples(zScale(s.values.map { Swift.abs($0 - med) }), chains: s.chains))
    case .identity: return essOf(x)
    case .local:
      let sorted = x.values.sorted()
      let (qlo, qhi) = sorted.withUnsafeBufferPointer {
        (typeSevenQuantile(sorted: $0, prob![0]), typeSevenQuantile(sorted: $0, prob![1]))
      }
      return essOf(x.mapped { (qlo <= $0 && $0 <= qhi) ? 1 : 0 }.split())
    }
  }

  static func essOf(_ s: ChainSamples) -> Double {
    s.withBuffer { effectiveSampleSize($0, chains: s.chains, draws: s.draws) }
  }

  static func zScaleSplit(_ x: ChainSamples) -> ChainSamples {
    let s = x.split()
    return ChainSamples(zScale(s.values), chains: s.chains)
  }

  /// ESS of the indicator x ≤ q_p (`_ess_quantile`), q_p ArviZ's type-7 quantile.
  static func essQuantile(_ x: ChainSamples, _ p: Double) -> Double {
    let sorted = x.values.sorted()
    let q = sorted.withUnsafeBufferPointer { typeSevenQuantile(sorted: $0, p) }
    return essOf(x.mapped { $0 <= q ? 1 : 0 }.split())
  }

  // MARK: MCSE

  /// Monte Carlo standard error of the mean, sd, median or a quantile (`prob`).
  /// - Throws: `DiagnosticsError` when `.quantile` has no `prob`.
  public static func mcse(_ x: ChainSamples, method: MCSEMethod = .mean, prob: Double? = nil) throws -> Double {
    if method == .quantile && prob == nil { throw DiagnosticsError("mcse(method: \"quantile\") needs prob") }
    if x.isInvalid(minChains: 1) { return .nan }
    switch method {
    case .mean:
      let e = essOf(x.split())
      let sd = x.withBuffer { variance($0, ddof: 1) }.squareRoot()
      return sd / e.squareRoot()
    case .sd: return mcseSD(x)
    case .median: return mcseQuantile(x, 0.5)
    case .quantile: return mcseQuantile(x, prob!)
    }
  }

  /// MCSE of the sd, ArviZ 0.23's variant (as posterior's `mcse_sd`): with s = (x − x̄)²,
  /// √(Var(s)/ESS_mean(s) / E(s) / 4), the ESS being that of s itself.
  static func mcseSD(_ x: ChainSamples) -> Double {
    let mu = x.withBuffer(mean)
    let sims = x.mapped { ($0 - mu) * ($0 - mu) }
    let e = essOf(sims.split())
    let evar = sims.withBuffer(mean)
    let sq = sims.values.map { $0 * $0 }
    let meanSq = sq.withUnsafeBufferPointer(mean)
    let varvar = (meanSq - evar * evar) / e
    return (varvar / evar / 4).squareRoot()
  }

  /// `_mcse_quantile`: half the distance between the sorted draws at the 15.9% and 84.1%
  /// points of Beta(ESS·p + 1, ESS·(1 − p) + 1).
  static func mcseQuantile(_ x: ChainSamples, _ p: Double) -> Double {
    let e = essQuantile(x, p)
    let probs = [0.1586553, 0.8413447]
    let ppf = probs.map { betaQuantile($0, e * p + 1, e * (1 - p) + 1) }
    let sorted = x.values.sorted()
    let size = sorted.count
    let lowerPoint = ppf[0] * Double(size) - 1, upperPoint = ppf[1] * Double(size) - 1
    let i1 = Int(Foundation.floor(lowerPoint.isNaN ? 0 : Swift.max(lowerPoint, 0)))
    let i2 = Int(Foundation.ceil(upperPoint.isNaN ? Double(size - 1) : Swift.min(upperPoint, Double(size - 1))))
    return (sorted[i2] - sorted[i1]) / 2
  }

  // MARK: Intervals

  /// The highest-density interval of the pooled draws (`arviz.hdi`, unimodal): the
  /// narrowest [s_i, s_{i+k}] with k = ⌊prob·n⌋ over the sorted draws (the first when
  /// several are equally narrow). NaN draws sort last, as in NumPy.
  /// - Throws: `DiagnosticsError` when prob ∉ (0, 1] or there are too few draws.
  public static func hdi(_ values: [Double], prob: Double = 0.94) throws -> (lower: Double, upper: Double) {
    guard prob > 0 && prob <= 1 else { throw DiagnosticsError("hdi's prob must be in (0, 1], got \(prob)") }
    let sorted = sortedNaNLast(values)
    guard let r = sorted.withUnsafeBufferPointer({ hdiOfSorted($0, prob: prob) }) else {
      throw DiagnosticsError("too few draws (\(values.count)) for a \(prob) interval")
    }
    return r
  }

  /// The equal-tailed interval: NumPy's linear quantiles at (1 ∓ prob)/2.
  public static func eti(_ values: [Double], prob: Double = 0.94) throws -> (lower: Double, upper: Double) {
    guard prob > 0 && prob <= 1 else { throw DiagnosticsError("eti's prob must be in (0, 1], got \(prob)") }
    guard !values.isEmpty else { throw DiagnosticsError("eti of no draws") }
    let sorted = sortedNaNLast(values)
    return sorted.withUnsafeBufferPointer {
      (linearQuantile(sorted: $0, (1 - prob) / 2), linearQuantile(sorted: $0, (1 + prob) / 2))
    }
  }

  // MARK: Autocorrelation and E-BFMI

  /// Autocorrelation of a series at lags 0..<n (`arviz.autocorr`): the biased FFT
  /// autocovariance divided by its lag-0 value (NaN for a constant series).
  public static func autocorrelation(_ x: [Double]) -> [Double] {
    let acov = autocovariance(x)
    guard let c0 = acov.first else { return [] }
    return acov.map { $0 / c0 }
  }

  /// Biased autocovariance at lags 0..<n by FFT (`arviz.autocov`).
  public static func autocovariance(_ x: [Double]) -> [Double] {
    if x.isEmpty { return [] }
    return autocovarianceRows(x, rows: 1, n: x.count)[0]
  }

  /// E-BFMI per chain: mean((E_t − E_{t−1})²) / var(E, ddof 1) (`arviz.bfmi`).
  public static func bfmi(_ energy: ChainSamples) -> [Double] {
    (0..<energy.chains).map { c in
      let row = Array(energy.values[(c * energy.draws)..<((c + 1) * energy.draws)])
      var num = 0.0
      for i in 1..<max(row.count, 1) { let d = row[i] - row[i - 1]; num += d * d }
      num /= Double(row.count - 1)
      return num / variance(row, ddof: 1)
    }
  }
}

/// A diagnostics call that cannot be made (bad method arguments, too few draws).
public struct DiagnosticsError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// NumPy's median (NaN when any value is NaN).
func median(_ x: [Double]) -> Double {
  if x.isEmpty || x.contains(where: \.isNaN) { return .nan }
  let s = x.sorted()
  let n = s.count
  return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
}

/// Sorted ascending with NaNs last (NumPy's sort order).
func sortedNaNLast(_ x: [Double]) -> [Double] {
  var finite = x.filter { !$0.isNaN }
  finite.sort()
  return finite + Array(repeating: .nan, count: x.count - finite.count)
}

/// ArviZ `_hdi` over sorted values (NaNs last); nil when ⌊prob·n⌋ = n leaves no interval.
/// NumPy's argmin returns the first NaN width when there is one, and so does this.
func hdiOfSorted(_ s: UnsafeBufferPointer<Double>, prob: Double) -> (lower: Double, upper: Double)? {
  let n = s.count
  let k = Int(Foundation.floor(prob * Double(n)))
  let count = n - k
  if count <= 0 { return nil }
  var best = 0
  var bestWidth = s[k] - s[0]
  if !bestWidth.isNaN {
    for i in 1..<max(count, 1) {
      let w = s[i + k] - s[i]
      if w.isNaN { best = i; break }
      if w < bestWidth { bestWidth = w; best = i }
    }
  }
  return (s[best], s[best + k])
}
