import Foundation

/// Summary statistics the plots need, on plain arrays (NaN and ±∞ are dropped first).
public enum PlotStats {
  public static func finite(_ xs: [Double]) -> [Double] { xs.filter(\.isFinite) }

  public static func mean(_ xs: [Double]) -> Double {
    xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count)
  }

  /// Sample standard deviation (n − 1).
  public static func sd(_ xs: [Double]) -> Double {
    guard xs.count > 1 else { return 0 }
    let m = mean(xs)
    return (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot()
  }

  /// The q-quantile of sorted data by linear interpolation (NumPy's default).
  public static func quantile(sorted s: [Double], _ q: Double) -> Double {
    guard !s.isEmpty else { return .nan }
    let h = Double(s.count - 1) * q
    let i = Int(h.rounded(.down))
    if i + 1 >= s.count { return s[s.count - 1] }
    return s[i] + (h - Double(i)) * (s[i + 1] - s[i])
  }

  /// The highest-density interval holding `prob` of the draws: the narrowest interval
  /// between sorted draws i and i + ⌊prob·n⌋, as ArviZ's `hdi` computes it.
  public static func hdi(_ xs: [Double], prob: Double = 0.94) -> (Double, Double) {
    let s = finite(xs).sorted()
    guard !s.isEmpty else { return (.nan, .nan) }
    let inc = Int((prob * Double(s.count)).rounded(.down))
    let nIntervals = s.count - inc
    guard inc > 0, nIntervals > 0 else { return (s[0], s[s.count - 1]) }
    var best = 0
    var width = Double.infinity
    for i in 0..<nIntervals where s[i + inc] - s[i] < width {
      width = s[i + inc] - s[i]
      best = i
    }
    return (s[best], s[best + inc])
  }

  /// Autocorrelation at lags 0…maxLag (biased estimator, normalized by lag 0).
  public static func autocorrelation(_ xs: [Double], maxLag: Int) -> [Double] {
    let n = xs.count
    guard n > 1, maxLag >= 1 else { return [1] }
    let m = mean(xs)
    let c = xs.map { $0 - m }
    let c0 = c.reduce(0) { $0 + $1 * $1 }
    guard c0 > 0 else { return [Double](repeating: .nan, count: min(maxLag, n - 1) + 1) }
    return (0...min(maxLag, n - 1)).map { lag in
      var s = 0.0
      for i in 0..<(n - lag) { s += c[i] * c[i + lag] }
      return s / c0
    }
  }

  /// Fractional ranks 1…n (ties get their average rank).
  public static func ranks(_ xs: [Double]) -> [Double] {
    let order = xs.indices.sorted { xs[$0] < xs[$1] || (xs[$0] == xs[$1] && $0 < $1) }
    var r = [Double](repeating: 0, count: xs.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && xs[order[j + 1]] == xs[order[i]] { j += 1 }
      let avg = Double(i + j) / 2 + 1
      for k in i...j { r[order[k]] = avg }
      i = j + 1
    }
    return r
  }

  /// Histogram bin edges for data in [lo, hi]: the Freedman–Diaconis width, capped
  /// between 5 and 100 bins; integer data gets one bin per integer when that is fewer.
  public static func binEdges(_ xs: [Double], bins: Int? = nil) -> [Double] {
    let s = finite(xs).sorted()
    guard let lo = s.first, let hi = s.last else { return [0, 1] }
    if hi == lo { return [lo - 0.5, lo + 0.5] }
    if !(hi - lo).isFinite { return [lo, hi] }
    if bins == nil, s.allSatisfy({ $0 == $0.rounded() }), hi - lo <= 60 {
      return stride(from: lo - 0.5, through: hi + 0.5, by: 1).map { $0 }
    }
    var n: Int
    if let bins { n = max(1, bins) } else {
      let iqr = quantile(sorted: s, 0.75) - quantile(sorted: s, 0.25)
      let h = 2 * iqr / pow(Double(s.count), 1.0 / 3)
      n = h > 0 ? Int(((hi - lo) / h).rounded(.up)) : Int(log2(Double(s.count)).rounded(.up)) + 1
      n = min(100, max(5, n))
    }
    return (0...n).map { lo + (hi - lo) * Double($0) / Double(n) }
  }

  /// Counts of `xs` in the bins between `edges` (the last bin includes its right edge).
  public static func histogram(_ xs: [Double], edges: [Double]) -> [Double] {
    var counts = [Double](repeating: 0, count: max(0, edges.count - 1))
    guard let lo = edges.first, let hi = edges.last, counts.count > 0, hi > lo else { return counts }
    let uniform = edges.count < 3 || abs((edges[1] - edges[0]) - (hi - lo) / Double(counts.count)) < 1e-9 * (hi - lo)
    for x in xs where x.isFinite && x >= lo && x <= hi {
      var i: Int
      if uniform {
        let f = (x - lo) / (hi - lo) * Double(counts.count)
        i = f.isFinite ? Int(f) : (x >= hi ? counts.count - 1 : 0)
      } else {
        var a = 0, b = edges.count - 1
        while b - a > 1 { let m = (a + b) / 2; if edges[m] <= x { a = m } else { b = m } }
        i = a
      }
      i = min(counts.count - 1, max(0, i))
      counts[i] += 1
    }
    return counts
  }
}

/// A kernel density estimate on a grid.
public struct Density: Sendable {
  public var x: [Double]
  public var y: [Double]
  public var bandwidth: Double
}

/// Gaussian kernel density estimation with a data-driven bandwidth and boundary
/// correction.
///
/// - Bandwidth: Silverman's rule of thumb, 0.9·min(sd, IQR/1.34)·n^(−1/5) (robust to
///   heavy tails), times `adjust`.
/// - Boundary: when every draw is ≥ 0 (a scale or other positive parameter) and the
///   smallest lies within three bandwidths of 0, the grid starts at 0 and the density is
///   reflected there, so it does not leak below zero or dip at the edge. The same at 1
///   for draws in [0, 1] (probabilities).
/// - Speed: draws are linearly binned onto a grid of `gridSize` points and convolved with
///   the kernel truncated at 4 bandwidths, O(n + grid·kernel), like ArviZ's `kde`.
///
/// Non-finite draws are dropped. Fewer than two distinct values give nil.
///
/// References:
/// 1. B. W. Silverman. Density Estimation for Statistics and Data Analysis. 1986, §3.4.2.
/// 2. M. C. Jones. Simple boundary correction for kernel density estimation. Statistics
///    and Computing 3, 1993 (the reflection method).
public func kernelDensity(_ draws: [Double], gridSize: Int = 200, adjust: Double = 1) -> Density? {
  let s = PlotStats.finite(draws).sorted()
  guard s.count >= 2, let lo = s.first, let hi = s.last, hi > lo, (hi - lo).isFinite else { return nil }
  let n = Double(s.count)
  let iqr = PlotStats.quantile(sorted: s, 0.75) - PlotStats.quantile(sorted: s, 0.25)
  let sd = PlotStats.sd(s)
  var spread = min(sd, iqr / 1.34)
  if spread <= 0 { spread = sd > 0 ? sd : (hi - lo) / 4 }
  let bw = 0.9 * spread * pow(n, -0.2) * adjust
  let reflectLow = lo >= 0 && lo < 3 * bw
  let reflectHigh = hi <= 1 && lo >= 0 && hi > 1 - 3 * bw
  let gridLo = reflectLow ? 0 : lo - 3 * bw
  let gridHi = reflectHigh ? 1 : hi + 3 * bw
  let g = max(16, gridSize)
  let dx = (gridHi - gridLo) / Double(g - 1)
  // Ranges near the limits of Double (or below its resolution) have no usable grid.
  guard bw.isFinite, bw > 0, dx.isFinite, dx > 0, (gridHi - gridLo).isFinite else { return nil }
  // Linear binning.
  var bins = [Double](repeating: 0, count: g)
  for v in s {
    let t = (v - gridLo) / dx
    let i = min(g - 2, max(0, Int(t.rounded(.down))))
    let f = min(1, max(0, t - Double(i)))
    bins[i] += 1 - f
    bins[i + 1] += f
  }
  // Gaussian kernel on the grid, truncated at 4 bandwidths.
  let half = max(1, Int((4 * bw / dx).rounded(.up)))
  let kernel = (-half...half).map { k -> Double in
    let u = Double(k) * dx / bw
    return exp(-0.5 * u * u)
  }
  var y = [Double](repeating: 0, count: g)
  for i in 0..<g where bins[i] != 0 {
    let c = bins[i]
    let a = max(0, i - half), b = min(g - 1, i + half)
    for j in a...b { y[j] += c * kernel[j - i + half] }
    // Reflected images (at −x and 2·edge − x) put back the mass that would fall
    // past a reflecting edge.
    if reflectLow && i <= half {
      for j in 0...min(g - 1, half - i) { y[j] += c * kernel[j + i + half] }
    }
    if reflectHigh && i >= g - 1 - half {
      for j in max(0, 2 * (g - 1) - i - half)...(g - 1) { y[j] += c * kernel[2 * (g - 1) - i - j + half] }
    }
  }
  let norm = 1 / (n * bw * (2 * Double.pi).squareRoot())
  for i in 0..<g { y[i] *= norm }
  let x = (0..<g).map { gridLo + Double($0) * dx }
  return Density(x: x, y: y, bandwidth: bw)
}
