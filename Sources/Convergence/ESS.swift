import Foundation

/// The core estimators on (m chains × n draws) row-major buffers: the basic R̂ and the
/// effective sample size with Geyer's initial positive and initial monotone sequences,
/// exactly as ArviZ 0.23's `_rhat` and `_ess` (arviz/stats/diagnostics.py).
///
/// References:
/// 1. A. Vehtari, A. Gelman, D. Simpson, B. Carpenter, P.-C. Bürkner, "Rank-normalization,
///    folding, and localization: an improved R̂ for assessing convergence of MCMC",
///    Bayesian Analysis 16(2), 2021.
/// 2. C. J. Geyer, "Practical Markov chain Monte Carlo", Statistical Science 7(4), 1992.
/// 3. Stan Reference Manual, "Effective sample size".

/// `np.finfo(float).resolution`: ArviZ's threshold for a constant array.
let constantResolution = 1e-15

/// NumPy's pairwise summation (`pairwise_sum_DOUBLE`: eight accumulators in blocks of
/// up to 128, halves above that), so means and variances round as NumPy's do. This
/// matters where cancellation is severe (draws near 1e8 that differ in the units).
func pairwiseSum(_ a: UnsafeBufferPointer<Double>) -> Double {
  let n = a.count
  if n < 8 {
    var res = 0.0
    for v in a { res += v }
    return res
  }
  if n <= 128 {
    var r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7]
    var i = 8
    let end = n - n % 8
    while i < end {
      r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3]
      r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7]
      i += 8
    }
    var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n { res += a[i]; i += 1 }
    return res
  }
  var n2 = n / 2
  n2 -= n2 % 8
  return pairwiseSum(UnsafeBufferPointer(rebasing: a[0..<n2])) + pairwiseSum(UnsafeBufferPointer(rebasing: a[n2..<n]))
}

/// `pairwiseSum` of the squared deviations (aᵢ − c)², in the same order: NumPy's
/// `sum((a - c) ** 2)` without forming the array (c = 0 gives the squares exactly).
func pairwiseSumOfSquares(_ a: UnsafeBufferPointer<Double>, minus c: Double = 0) -> Double {
  @inline(__always) func sq(_ i: Int) -> Double { let d = a[i] - c; return d * d }
  let n = a.count
  if n < 8 {
    var res = 0.0
    for i in 0..<n { res += sq(i) }
    return res
  }
  if n <= 128 {
    var r0 = sq(0), r1 = sq(1), r2 = sq(2), r3 = sq(3), r4 = sq(4), r5 = sq(5), r6 = sq(6), r7 = sq(7)
    var i = 8
    let end = n - n % 8
    while i < end {
      r0 += sq(i); r1 += sq(i + 1); r2 += sq(i + 2); r3 += sq(i + 3)
      r4 += sq(i + 4); r5 += sq(i + 5); r6 += sq(i + 6); r7 += sq(i + 7)
      i += 8
    }
    var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n { res += sq(i); i += 1 }
    return res
  }
  var n2 = n / 2
  n2 -= n2 % 8
  return pairwiseSumOfSquares(UnsafeBufferPointer(rebasing: a[0..<n2]), minus: c)
    + pairwiseSumOfSquares(UnsafeBufferPointer(rebasing: a[n2..<n]), minus: c)
}

/// NumPy's `sum` of a contiguous buffer: 0 + pairwise sum.
@inline(__always) func npSum(_ a: UnsafeBufferPointer<Double>) -> Double { 0.0 + pairwiseSum(a) }

func npSum(_ a: [Double]) -> Double { a.withUnsafeBufferPointer(npSum) }

/// Sample variance with `ddof`, as NumPy's `var`: mean by pairwise sum, then the
/// pairwise sum of squared deviations.
func variance(_ x: UnsafeBufferPointer<Double>, ddof: Int) -> Double {
  let n = x.count
  let mean = npSum(x) / Double(n)
  return (0.0 + pairwiseSumOfSquares(x, minus: mean)) / Double(n - ddof)
}

func variance(_ x: [Double], ddof: Int) -> Double {
  x.withUnsafeBufferPointer { variance($0, ddof: ddof) }
}

/// NumPy's `mean` (pairwise sum / n).
func mean(_ x: UnsafeBufferPointer<Double>) -> Double {
  npSum(x) / Double(x.count)
}

/// ArviZ `_rhat`: √((B/W + n − 1)/n) with B = n·var(chain means, ddof 1) and
/// W = mean(chain variances, ddof 1). NaN when any value is NaN; +∞ when every chain is
/// constant but the chains differ; NaN when all values are equal.
func basicRhat(_ x: UnsafeBufferPointer<Double>, chains m: Int, draws n: Int) -> Double {
  for v in x where v.isNaN { return .nan }
  var means = [Double](repeating: 0, count: m)
  var within = 0.0
  for c in 0..<m {
    let row = UnsafeBufferPointer(rebasing: x[(c * n)..<((c + 1) * n)])
    let mu = mean(row)
    means[c] = mu
    within += (0.0 + pairwiseSumOfSquares(row, minus: mu)) / Double(n - 1)  // var(row, ddof: 1)
  }
  within /= Double(m)
  let between = Double(n) * variance(means, ddof: 1)
  return ((between / within + Double(n) - 1) / Double(n)).squareRoot()
}

/// How many lags ESS computes directly (O(m·n) each) before switching to one FFT for all
/// lags. Well-mixed chains stop Geyer's sequence after a few lags. (24 before the lag
/// sums had several accumulators; with them, 40 is 4% faster on Benchmarks/convergence
/// and 64 no faster.)
let directLagLimit = 40

/// ArviZ `_ess` on (m × n): NaN when any value is NaN; m·n when max − min < 1e-15;
/// otherwise m·n/τ̂ with τ̂ from the chains' mean biased autocovariance (FFT or direct
/// sums, which agree to rounding), Geyer's truncation, and τ̂ ≥ 1/log10(m·n).
func effectiveSampleSize(_ x: UnsafeBufferPointer<Double>, chains m: Int, draws n: Int) -> Double {
  effectiveSampleSize(rows: { x.baseAddress! + $0 * n }, chains: m, draws: n)
}

/// `effectiveSampleSize` of m rows of n values, row c starting at `rows(c)` (so the split
/// chains of a (chains × draws) buffer are read in place, not copied).
func effectiveSampleSize(rows rowStart: (Int) -> UnsafePointer<Double>, chains m: Int, draws n: Int) -> Double {
  let nd = Double(n)
  // Demeaned chains; the range and NaN check ride along in the same pass.
  var chainMean = [Double](repeating: 0, count: m)
  var lo = Double.infinity, hi = -Double.infinity
  var sawNaN = false
  let d = [Double](unsafeUninitializedCapacity: m * n) { buf, count in
    for c in 0..<m {
      let row = UnsafeBufferPointer(start: rowStart(c), count: n)
      let mu = mean(row)
      chainMean[c] = mu
      for i in 0..<n {
        let v = row[i]
        sawNaN = sawNaN || v.isNaN
        lo = v < lo ? v : lo
        hi = v > hi ? v : hi
        buf[c * n + i] = v - mu
      }
    }
    count = m * n
  }
  if sawNaN { return .nan }
  if hi - lo < constantResolution { return Double(m * n) }
  // meanAcov[t] = mean over chains of Σ_{i<n−t} d_i d_{i+t} / n, filled lazily.
  // Only computed lags are read.
  var meanAcov = [Double](unsafeUninitializedCapacity: n) { _, count in count = n }
  var perChain = [Double](repeating: 0, count: m)
  var second = [Double](repeating: 0, count: m)
  var computed = 0
  func fill(upTo t: Int) {
    if t < computed { return }
    if t < directLagLimit {
      // Lags in pairs: one pass over the draws gives Σ d_i d_{i+L} and Σ d_i d_{i+L+1}.
      let last = Swift.min(Swift.max(t, computed + 1), n - 1)
      d.withUnsafeBufferPointer { dp in
        var lag = computed
        while lag <= last {
          let pair = lag + 1 <= n - 1
          for c in 0..<m {
            let a = dp.baseAddress! + c * n
            let b = a + lag
            let len = n - lag
            // Eight accumulators per lag (i mod 8), which the compiler keeps in vector
            // registers: independent addition chains instead of one per register
            // (four accumulators: −4% on Benchmarks/convergence; eight: −2% more).
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, u0 = 0.0, u1 = 0.0, u2 = 0.0, u3 = 0.0
            var i = 0
            if pair {
              // b[i + 1] is in range for i < len − 1.
              var s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0, u4 = 0.0, u5 = 0.0, u6 = 0.0, u7 = 0.0
              while i + 8 <= len - 1 {
                s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]
                s2 += a[i + 2] * b[i + 2]; s3 += a[i + 3] * b[i + 3]
                s4 += a[i + 4] * b[i + 4]; s5 += a[i + 5] * b[i + 5]
                s6 += a[i + 6] * b[i + 6]; s7 += a[i + 7] * b[i + 7]
                u0 += a[i] * b[i + 1]; u1 += a[i + 1] * b[i + 2]
                u2 += a[i + 2] * b[i + 3]; u3 += a[i + 3] * b[i + 4]
                u4 += a[i + 4] * b[i + 5]; u5 += a[i + 5] * b[i + 6]
                u6 += a[i + 6] * b[i + 7]; u7 += a[i + 7] * b[i + 8]
                i += 8
              }
              s0 += s4; s1 += s5; s2 += s6; s3 += s7
              u0 += u4; u1 += u5; u2 += u6; u3 += u7
              while i < len - 1 { s0 += a[i] * b[i]; u0 += a[i] * b[i + 1]; i += 1 }
              s0 += a[len - 1] * b[len - 1]
              second[c] = ((u0 + u2) + (u1 + u3)) / nd
            } else {
              while i < len { s0 += a[i] * b[i]; i += 1 }
            }
            perChain[c] = ((s0 + s2) + (s1 + s3)) / nd
          }
          meanAcov[lag] = npSum(perChain) / Double(m)
          if pair { meanAcov[lag + 1] = npSum(second) / Double(m) }
          lag += pair ? 2 : 1
        }
        computed = lag
      }
    } else {
      meanAcov = meanAutocovariance(demeaned: d, rows: m, n: n)
      computed = n
    }
  }
  return geyerESS(chains: m, draws: n, chainMeans: chainMean) { t in fill(upTo: t); return meanAcov[t] }
}

/// The ESS from the chains' mean biased autocovariance `acov(t)` (asked for t = 0, 1, 2, …
/// in order) and the chain means: ArviZ `_ess` after its constant check — Geyer's initial
/// positive sequence, the initial monotone sequence, τ ≥ 1/log10(m·n).
func geyerESS(chains m: Int, draws n: Int, chainMeans: [Double], acov: (Int) -> Double) -> Double {
  let nd = Double(n)
  let meanVar = acov(0) * nd / (nd - 1.0)
  var varPlus = meanVar * (nd - 1.0) / nd
  if m > 1 { varPlus += variance(chainMeans, ddof: 1) }

  var rho = [Double](repeating: 0, count: n)
  var rhoEven = 1.0
  rho[0] = rhoEven
  var rhoOdd = 1.0 - (meanVar - acov(1)) / varPlus
  rho[1] = rhoOdd
  // Geyer's initial positive sequence.
  var t = 1
  while t < n - 3 && (rhoEven + rhoOdd) > 0.0 {
    rhoEven = 1.0 - (meanVar - acov(t + 1)) / varPlus
    rhoOdd = 1.0 - (meanVar - acov(t + 2)) / varPlus
    if (rhoEven + rhoOdd) >= 0 {
      rho[t + 1] = rhoEven
      rho[t + 2] = rhoOdd
    }
    t += 2
  }
  let maxT = t - 2
  if rhoEven > 0 { rho[maxT + 1] = rhoEven }
  // Geyer's initial monotone sequence.
  t = 1
  while t <= maxT - 2 {
    if (rho[t + 1] + rho[t + 2]) > (rho[t - 1] + rho[t]) {
      rho[t + 1] = (rho[t - 1] + rho[t]) / 2.0
      rho[t + 2] = rho[t + 1]
    }
    t += 2
  }
  let total = Double(m * n)
  var sum = 0.0
  if maxT >= 0 { for k in 0...maxT { sum += rho[k] } }
  var tail = 0.0
  if maxT + 1 < n { tail = rho[maxT + 1] }
  var tau = -1.0 + 2.0 * sum + tail
  tau = Swift.max(tau, 1 / Foundation.log10(total))
  for v in rho where v.isNaN { return .nan }
  return total / tau
}

/// The ESS of the split indicator 1[x ≤ q] (tail ESS) from bit counts: with I the 0/1
/// series of a split chain, μ its mean and L a lag,
/// Σ_{i<n−L} (I_i − μ)(I_{i+L} − μ) = A_L − μ·(B_L + C_L) + (n − L)·μ², where
/// A_L = #{i : I_i = I_{i+L} = 1} (AND and popcount of the shifted bit set),
/// B_L = Σ_{i<n−L} I_i and C_L = Σ_{i≥L} I_i (prefix counts). Exact integer counts, so
/// it agrees with the FFT to rounding; a few word operations a lag instead of n
/// multiply-adds. `x` is (m chains × n draws), unsplit.
func splitIndicatorESS(_ x: UnsafeBufferPointer<Double>, chains m: Int, draws n: Int, threshold q: Double) -> Double {
  let h = n / 2
  let rows = 2 * m
  let words = (h + 63) / 64 + 1  // one spare word so shifted reads stay in range
  var bitStorage = [UInt64](repeating: 0, count: rows * words)
  var ones = [Int](repeating: 0, count: rows)
  bitStorage.withUnsafeMutableBufferPointer { bits in
    for r in 0..<rows {
      let row = x.baseAddress! + (r < m ? r * n : (r - m) * n + n - h)
      let out = bits.baseAddress! + r * words
      // Whole words in a register, branch-free (whether a draw is below a tail quantile
      // is unpredictable).
      var i = 0
      var count = 0
      while i < h {
        var word: UInt64 = 0
        let end = Swift.min(i + 64, h)
        for k in i..<end { word |= UInt64(row[k] <= q ? 1 : 0) << UInt64(k - i) }
        out[i >> 6] = word
        count += word.nonzeroBitCount
        i = end
      }
      ones[r] = count
    }
  }
  let totalOnes = ones.reduce(0, +)
  if totalOnes == 0 || totalOnes == rows * h { return Double(rows * h) }  // constant
  let nd = Double(h)
  let means = ones.map { Double($0) / nd }
  var perRow = [Double](repeating: 0, count: rows)
  // B_L and C_L for the next lag, per row: one bit leaves each sum per lag.
  var below = ones, above = ones
  var cache: [Double] = []
  return bitStorage.withUnsafeBufferPointer { bitsBuffer in
    let bits = bitsBuffer.baseAddress!
    @inline(__always) func bit(_ r: Int, _ k: Int) -> Int { Int((bits[r * words + k >> 6] >> UInt64(k & 63)) & 1) }
    return geyerESS(chains: rows, draws: h, chainMeans: means) { lag in
      while cache.count <= lag {
        let l = cache.count
        let shiftWords = l >> 6, shiftBits = UInt64(l & 63)
        let valid = h - l
        for r in 0..<rows {
          let base = bits + r * words
          var both = 0
          var w = 0
          while w * 64 < valid {
            var shifted = base[w + shiftWords] >> shiftBits
            if shiftBits != 0 && w + shiftWords + 1 < words {
              shifted |= base[w + shiftWords + 1] << (64 - shiftBits)
            }
            var word = base[w] & shifted
            let remaining = valid - w * 64
            if remaining < 64 { word &= (1 << UInt64(remaining)) - 1 }
            both += word.nonzeroBitCount
            w += 1
          }
          let mu = means[r]
          let b = Double(below[r]), c = Double(above[r])  // Σ_{i<h−l} I_i, Σ_{i≥l} I_i
          perRow[r] = (Double(both) - mu * (b + c) + Double(valid) * mu * mu) / nd
          if valid > 0 {
            below[r] -= bit(r, valid - 1)
            above[r] -= bit(r, l)
          }
        }
        cache.append(npSum(perRow) / Double(rows))
      }
      return cache[lag]
    }
  }
}

/// Python's `max(a, b)`: `a` unless `b > a` (so a NaN first argument wins).
@inline(__always) func pythonMax(_ a: Double, _ b: Double) -> Double { b > a ? b : a }
/// Python's `min(a, b)`: `a` unless `b < a`.
@inline(__always) func pythonMin(_ a: Double, _ b: Double) -> Double { b < a ? b : a }

/// ArviZ's `quantile` (SciPy `mquantiles` with alphap = betap = 1, R type 7) of sorted
/// values, with its exact arithmetic: aleph = n·p + (1 − p), k = ⌊clip(aleph, 1, n−1)⌋,
/// γ = clip(aleph − k, 0, 1), q = (1 − γ)·x[k−1] + γ·x[k].
func typeSevenQuantile(sorted x: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
  let n = x.count
  if n == 0 { return .nan }
  if n == 1 { return x[0] }
  let m = 1.0 + p * (1.0 - 1.0 - 1.0)
  let aleph = Double(n) * p + m
  let k = Int(Foundation.floor(Swift.min(Swift.max(aleph, 1), Double(n - 1))))
  let gamma = Swift.min(Swift.max(aleph - Double(k), 0), 1)
  return (1.0 - gamma) * x[k - 1] + gamma * x[k]
}

/// NumPy's `quantile(method="linear")` of sorted values (NumPy 2's `_lerp`). NaN when
/// the values contain NaN (sorted last).
func linearQuantile(sorted x: UnsafeBufferPointer<Double>, _ q: Double) -> Double {
  let n = x.count
  if n == 0 { return .nan }
  if x[n - 1].isNaN { return .nan }
  let virtual = Double(n - 1) * q
  var previous = Foundation.floor(virtual)
  var gamma = virtual - previous
  if previous < 0 { previous = 0; gamma = 0 }
  let lower = Int(previous)
  if lower >= n - 1 { return x[n - 1] }
  let a = x[lower], b = x[lower + 1]
  let diff = b - a
  if gamma >= 0.5 { return b - diff * (1 - gamma) }
  return a + diff * gamma
}
