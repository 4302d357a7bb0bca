import Foundation

/// An in-place iterative radix-2 complex FFT of a power-of-two length, with its twiddle
/// factors computed once per length.
///
/// Used for autocovariances: any transform length m ≥ 2n − 1 gives the same linear
/// autocorrelation of n values as NumPy's `rfft`/`irfft` at SciPy's `next_fast_len`
/// (they differ only in rounding), so a power of two is enough.
///
/// References:
/// 1. J. W. Cooley & J. W. Tukey, "An algorithm for the machine calculation of complex
///    Fourier series", Math. Comp. 19 (1965).
/// 2. W. H. Press et al., *Numerical Recipes*, 3rd ed., §12.2–12.3 (two real transforms
///    packed into one complex transform).
struct ComplexFFT {
  let count: Int
  private let cosines: [Double]
  private let sines: [Double]
  private let bitReversed: [Int]

  /// - Parameter count: a power of two, at least 1.
  init(count: Int) {
    precondition(count > 0 && count & (count - 1) == 0, "FFT length must be a power of two")
    self.count = count
    let half = count / 2
    var c = [Double](repeating: 0, count: max(half, 1))
    var s = [Double](repeating: 0, count: max(half, 1))
    for k in 0..<half {
      let angle = -2.0 * Double.pi * Double(k) / Double(count)
      c[k] = Foundation.cos(angle)
      s[k] = Foundation.sin(angle)
    }
    cosines = c
    sines = s
    var bits = 0
    while (1 << bits) < count { bits += 1 }
    var rev = [Int](repeating: 0, count: count)
    for i in 0..<count {
      var r = 0
      var v = i
      for _ in 0..<bits { r = (r << 1) | (v & 1); v >>= 1 }
      rev[i] = r
    }
    bitReversed = rev
  }

  /// Transforms (re, im) in place: X_k = Σ_j x_j e^{∓2πijk/m} (minus sign forward;
  /// the inverse is not scaled by 1/m).
  func transform(_ re: inout [Double], _ im: inout [Double], inverse: Bool = false) {
    let n = count
    let sign: Double = inverse ? -1 : 1
    re.withUnsafeMutableBufferPointer { r in
      im.withUnsafeMutableBufferPointer { m in
        bitReversed.withUnsafeBufferPointer { rev in
          for i in 0..<n {
            let j = rev[i]
            if j > i { r.swapAt(i, j); m.swapAt(i, j) }
          }
        }
        cosines.withUnsafeBufferPointer { cs in
          sines.withUnsafeBufferPointer { sn in
            var size = 2
            while size <= n {
              let half = size / 2
              let step = n / size
              var start = 0
              while start < n {
                var k = 0
                for j in start..<(start + half) {
                  let wr = cs[k], wi = sign * sn[k]
                  let l = j + half
                  let tr = r[l] * wr - m[l] * wi
                  let ti = r[l] * wi + m[l] * wr
                  r[l] = r[j] - tr
                  m[l] = m[j] - ti
                  r[j] += tr
                  m[j] += ti
                  k += step
                }
                start += size
              }
              size *= 2
            }
          }
        }
      }
    }
  }
}

/// The smallest power of two ≥ n (1 for n ≤ 1).
func nextPowerOfTwo(_ n: Int) -> Int {
  var m = 1
  while m < n { m <<= 1 }
  return m
}

/// Biased autocovariances of two real series of equal length n at lags 0..<n, from one
/// complex FFT: a in the real part, b in the imaginary part, zero-padded to m ≥ 2n.
/// acov[t] = Σ_{i<n−t} (x_i − x̄)(x_{i+t} − x̄) / n, as ArviZ's `autocov`.
func autocovariancePair(_ a: ArraySlice<Double>, _ b: ArraySlice<Double>?, fft: ComplexFFT) -> ([Double], [Double]) {
  let n = a.count
  let m = fft.count
  var re = [Double](repeating: 0, count: m)
  var im = [Double](repeating: 0, count: m)
  let meanA = a.withUnsafeBufferPointer(npSum) / Double(n)
  for (i, v) in a.enumerated() { re[i] = v - meanA }
  if let b {
    let meanB = b.withUnsafeBufferPointer(npSum) / Double(n)
    for (i, v) in b.enumerated() { im[i] = v - meanB }
  }
  fft.transform(&re, &im)
  // Z = A + iB with A, B the transforms of the two real series:
  // A_k = (Z_k + conj Z_{m−k})/2, B_k = (Z_k − conj Z_{m−k})/(2i). The power spectra
  // |A_k|², |B_k|² are real and even, so |A|² + i|B|² transforms back to (acov_a, acov_b).
  var pr = [Double](repeating: 0, count: m)
  var pi = [Double](repeating: 0, count: m)
  for k in 0..<m {
    let j = (m - k) & (m - 1)
    let ar = 0.5 * (re[k] + re[j]), ai = 0.5 * (im[k] - im[j])
    let br = 0.5 * (im[k] + im[j]), bi = -0.5 * (re[k] - re[j])
    pr[k] = ar * ar + ai * ai
    pi[k] = br * br + bi * bi
  }
  fft.transform(&pr, &pi, inverse: true)
  let scale = 1.0 / (Double(m) * Double(n))
  return ((0..<n).map { pr[$0] * scale }, (0..<n).map { pi[$0] * scale })
}

/// FFT plans by length, shared by all threads (a plan is immutable once made).
final class FFTPlans: @unchecked Sendable {
  static let shared = FFTPlans()
  private let lock = NSLock()
  private var plans: [Int: ComplexFFT] = [:]

  func plan(_ count: Int) -> ComplexFFT {
    lock.lock()
    defer { lock.unlock() }
    if let p = plans[count] { return p }
    let p = ComplexFFT(count: count)
    plans[count] = p
    return p
  }
}

/// Biased autocovariances (lags 0..<n) of each row of a (rows × n) row-major buffer.
func autocovarianceRows(_ x: [Double], rows: Int, n: Int) -> [[Double]] {
  guard n > 0 else { return Array(repeating: [], count: rows) }
  let fft = FFTPlans.shared.plan(nextPowerOfTwo(2 * n))
  var out: [[Double]] = []
  out.reserveCapacity(rows)
  var r = 0
  while r < rows {
    let a = x[(r * n)..<((r + 1) * n)]
    let b: ArraySlice<Double>? = r + 1 < rows ? x[((r + 1) * n)..<((r + 2) * n)] : nil
    let (ca, cb) = autocovariancePair(a, b, fft: fft)
    out.append(ca)
    if b != nil { out.append(cb) }
    r += 2
  }
  return out
}

/// The mean over rows of the biased autocovariances (lags 0..<n) of a (rows × n)
/// buffer whose rows are already demeaned: the FFT is linear, so the rows' power spectra
/// are summed and transformed back once (rows/2 forward transforms and one inverse).
func meanAutocovariance(demeaned d: [Double], rows: Int, n: Int) -> [Double] {
  let fft = FFTPlans.shared.plan(nextPowerOfTwo(2 * n))
  let m = fft.count
  var power = [Double](repeating: 0, count: m)
  var re = [Double](repeating: 0, count: m)
  var im = [Double](repeating: 0, count: m)
  var r = 0
  while r < rows {
    for i in 0..<m { re[i] = 0; im[i] = 0 }
    for i in 0..<n { re[i] = d[r * n + i] }
    if r + 1 < rows { for i in 0..<n { im[i] = d[(r + 1) * n + i] } }
    fft.transform(&re, &im)
    // |A_k|² + |B_k|² for the two packed real series (see autocovariancePair).
    for k in 0..<m {
      let j = (m - k) & (m - 1)
      let ar = 0.5 * (re[k] + re[j]), ai = 0.5 * (im[k] - im[j])
      let br = 0.5 * (im[k] + im[j]), bi = -0.5 * (re[k] - re[j])
      power[k] += ar * ar + ai * ai + br * br + bi * bi
    }
    r += 2
  }
  var zero = [Double](repeating: 0, count: m)
  fft.transform(&power, &zero, inverse: true)
  let scale = 1.0 / (Double(m) * Double(n) * Double(rows))
  return (0..<n).map { power[$0] * scale }
}
