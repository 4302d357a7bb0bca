import Foundation

/// Pareto-smoothed importance sampling, exactly as ArviZ 0.23's `psislw`, `_psislw`,
/// `_gpdfit` and `_gpinv` (arviz/stats/stats.py).
///
/// References:
/// 1. A. Vehtari, D. Simpson, A. Gelman, Y. Yao, J. Gabry, "Pareto smoothed importance
///    sampling", JMLR 25(72), 2024 (arXiv:1507.02646).
/// 2. J. Zhang & M. A. Stephens, "A new and efficient estimation method for the
///    generalized Pareto distribution", Technometrics 51(3), 2009 (the k̂ estimate with
///    a weakly informative prior).
enum PSIS {
  /// Smoothed, normalized log weights of one observation and the Pareto shape k̂
  /// (+∞ when the tail has 4 draws or fewer).
  static func smooth(_ logWeights: [Double], reff: Double) -> (logWeights: [Double], k: Double) {
    let n = logWeights.count
    let cutoffIndex = -Int(Foundation.ceil(Swift.min(Double(n) / 5.0, 3 * (Double(n) / reff).squareRoot()))) - 1
    let cutoffMin = Foundation.log(Double.leastNormalMagnitude)
    var x = logWeights
    let maxX = x.max() ?? 0
    for i in 0..<n { x[i] -= maxX }
    let order = x.withUnsafeBufferPointer(argsortValues)
    let xCutoff = Swift.max(x[Int(order[n + cutoffIndex])], cutoffMin)
    let expCutoff = Foundation.exp(xCutoff)
    let tailIndices = (0..<n).filter { x[$0] > xCutoff }
    var k = Double.infinity
    if tailIndices.count > 4 {
      let tail = tailIndices.map { x[$0] }
      let tailOrder = tail.withUnsafeBufferPointer(argsortValues).map(Int.init)
      let sortedTail = tailOrder.map { Foundation.exp(tail[$0]) - expCutoff }
      let (kHat, sigma) = generalizedParetoFit(sortedTail)
      k = kHat
      if kHat.isFinite {
        let m = tailIndices.count
        let probs = (0..<m).map { (Double($0) + 0.5) / Double(m) }
        let smoothed = generalizedParetoQuantile(probs, kHat, sigma).map { Foundation.log($0 + expCutoff) }
        for (j, t) in tailOrder.enumerated() { x[tailIndices[t]] = smoothed[j] }
        for i in 0..<n where x[i] > 0 { x[i] = 0 }
      }
    }
    let norm = logSumExp(x)
    for i in 0..<n { x[i] -= norm }
    return (x, k)
  }

  /// ArviZ `_gpdfit` on sorted exceedances: Zhang & Stephens' posterior mean of b over
  /// m = 30 + ⌊√n⌋ grid points, then k̂ shrunk toward ½ with weight 10.
  static func generalizedParetoFit(_ ary: [Double]) -> (k: Double, sigma: Double) {
    let priorBs = 3.0, priorK = 10.0
    let n = ary.count
    let mEst = 30 + Int(Double(n).squareRoot())
    var b = (1...mEst).map { 1 - (Double(mEst) / (Double($0) - 0.5)).squareRoot() }
    let quartile = ary[Int(Double(n) / 4 + 0.5) - 1]
    for j in 0..<mEst { b[j] /= priorBs * quartile }
    for j in 0..<mEst { b[j] += 1 / ary[n - 1] }
    var row = [Double](repeating: 0, count: n)
    let kAry = b.map { bj -> Double in
      for i in 0..<n { row[i] = Foundation.log1p(-bj * ary[i]) }
      return npSum(row) / Double(n)
    }
    let lenScale = (0..<mEst).map { Double(n) * (Foundation.log(-(b[$0] / kAry[$0])) - kAry[$0] - 1) }
    var terms = [Double](repeating: 0, count: mEst)
    var weights = (0..<mEst).map { i -> Double in
      for j in 0..<mEst { terms[j] = Foundation.exp(lenScale[j] - lenScale[i]) }
      return 1 / npSum(terms)
    }
    let keep = weights.map { $0 >= 10 * Double.ulpOfOne }
    if keep.contains(false) {
      weights = zip(weights, keep).filter(\.1).map(\.0)
      b = zip(b, keep).filter(\.1).map(\.0)
    }
    let total = npSum(weights)
    for j in weights.indices { weights[j] /= total }
    let bPost = npSum(zip(b, weights).map { $0 * $1 })
    for i in 0..<n { row[i] = Foundation.log1p(-bPost * ary[i]) }
    var kPost = npSum(row) / Double(n)
    let sigma = -kPost / bPost
    kPost = (Double(n) * kPost + priorK * 0.5) / (Double(n) + priorK)
    return (kPost, sigma)
  }

  /// ArviZ `_gpinv`: the generalized Pareto quantile σ·((1 − p)^(−k) − 1)/k (σ·(−log(1 − p))
  /// when |k| < ε); NaN for σ ≤ 0.
  static func generalizedParetoQuantile(_ probs: [Double], _ kappa: Double, _ sigma: Double) -> [Double] {
    if sigma <= 0 { return probs.map { _ in .nan } }
    return probs.map { p -> Double in
      if p == 0 { return 0 }
      if p == 1 { return kappa >= 0 ? .infinity : -sigma / kappa }
      let x = Swift.abs(kappa) < Double.ulpOfOne ? -Foundation.log1p(-p) : Foundation.expm1(-kappa * Foundation.log1p(-p)) / kappa
      return x * sigma
    }
  }
}

/// ArviZ's `_logsumexp` of a vector: max + log Σ exp(x − max) (− log `bInv`).
func logSumExp(_ x: [Double], bInv: Double? = nil) -> Double {
  guard var m = x.max() else { return -.infinity }
  if bInv == 0 { return .infinity }
  var e = [Double](repeating: 0, count: x.count)
  let shift = m
  for i in x.indices { e[i] = Foundation.exp(x[i] - shift) }
  let out = Foundation.log(npSum(e))
  if let bInv { m -= Foundation.log(bInv) }
  return out + m
}
