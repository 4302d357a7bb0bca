import Arrays
import Foundation

/// Cancellation-free pieces of count and gamma-type log densities (Loader's saddle-point
/// forms, as R's `dbinom`, `dpois`, `dnbinom`, `dgamma`, `dbeta`).
///
/// The textbook forms k log λ − λ − log Γ(k + 1) add terms of size k log k that cancel to
/// O(log k); for k ≈ 10⁶ they lose ~1e-9 absolutely (SciPy's `logpmf`s have this error).
/// Writing Stirling's series as log Γ(x + 1) = (x + ½) log x − x + ½ log 2π + δ(x) and
/// grouping the large terms into the deviance bd0(x, m) = x log(x/m) + m − x ≥ 0 keeps
/// every term small.
///
/// References:
/// 1. C. Loader, "Fast and accurate computation of binomial probabilities", 2000
///    (`stirlerr`, `bd0`, `dbinom_raw`, `dpois_raw`).
/// 2. R `nmath`: `dbinom.c`, `dpois.c`, `dnbinom.c` (`dnbinom_mu`), `dgamma.c`, `dbeta.c`,
///    `lbeta.c`.
@usableFromInline
enum SaddlePoint {
  /// ½ log 2π.
  @usableFromInline static let halfLog2Pi = 0.91893853320467274178

  /// δ(x) = log Γ(x + 1) − (x + ½) log x + x − ½ log 2π (= log Γ(x) − (x − ½) log x + x −
  /// ½ log 2π, the Stirling remainder). Direct for x ≤ 15 (terms below 45, error
  /// ~1e-14 absolute), the series 1/(12x) − 1/(360x³) + 1/(1260x⁵) − … above.
  @usableFromInline
  static func stirlingError(_ x: Double) -> Double {
    if x <= 15 {
      return Foundation.lgamma(x + 1) - (x + 0.5) * Foundation.log(x) + x - halfLog2Pi
    }
    let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
    let r = 1 / (x * x)
    if x > 500 { return (s0 - s1 * r) / x }
    if x > 80 { return (s0 - (s1 - s2 * r) * r) / x }
    if x > 35 { return (s0 - (s1 - (s2 - s3 * r) * r) * r) / x }
    return (s0 - (s1 - (s2 - (s3 - s4 * r) * r) * r) * r) / x
  }

  /// bd0(x, m) = x log(x/m) + m − x, by the series in v = (x − m)/(x + m) when x ≈ m.
  @usableFromInline
  static func deviance(_ x: Double, _ m: Double) -> Double {
    if Swift.abs(x - m) < 0.1 * (x + m) {
      let v = (x - m) / (x + m)
      var s = (x - m) * v
      var ej = 2 * x * v
      let v2 = v * v
      var j = 1.0
      while j < 1000 {
        ej *= v2
        let next = s + ej / (2 * j + 1)
        if next == s { return next }
        s = next
        j += 1
      }
      return s
    }
    return x * Foundation.log(x / m) + m - x
  }

  /// log of the binomial density with real "trials" n and successes x, p + q = 1
  /// (R `dbinom_raw`): log C(n, x) + x log p + (n − x) log q.
  @usableFromInline
  static func logBinomial(_ x: Double, _ n: Double, _ p: Double, _ q: Double) -> Double {
    if p == 0 { return x == 0 ? 0 : -.infinity }
    if q == 0 { return x == n ? 0 : -.infinity }
    if x == 0 {
      if n == 0 { return 0 }
      return p < 0.1 ? -deviance(n, n * q) - n * p : n * Foundation.log(q)
    }
    if x == n { return q < 0.1 ? -deviance(n, n * p) - n * q : n * Foundation.log(p) }
    if x < 0 || x > n { return -.infinity }
    let lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x) - deviance(x, n * p)
      - deviance(n - x, n * q)
    // log(2πx(n − x)/n); log((n − x)/n) rather than R's log1p(−x/n), which loses the
    // relative accuracy of n − x when x/n rounds near 1 (NegativeBinomial2, φ ≫ k).
    let lf = 2 * halfLog2Pi + Foundation.log(x) + Foundation.log((n - x) / n)
    return lc - 0.5 * lf
  }

  /// log of the Poisson density at real x ≥ 0 (R `dpois_raw`): x log λ − λ − log Γ(x + 1).
  @usableFromInline
  static func logPoisson(_ x: Double, _ lambda: Double) -> Double {
    if lambda == 0 { return x == 0 ? 0 : -.infinity }
    if !lambda.isFinite || x < 0 { return -.infinity }
    if x <= lambda * Double.leastNormalMagnitude { return -lambda }
    if lambda < x * Double.leastNormalMagnitude {
      return -lambda + x * Foundation.log(lambda) - Foundation.lgamma(x + 1)
    }
    return -stirlingError(x) - deviance(x, lambda) - halfLog2Pi - 0.5 * Foundation.log(x)
  }

  /// The x-independent part of `logPoisson(k, λ)` for k > 0: −δ(k) − ½ log 2πk, so that
  /// log Poisson(k; λ) = this − bd0(k, λ) (for λ in the normal range).
  @usableFromInline
  static func logPoissonConstant(_ k: Double) -> Double {
    -stirlingError(k) - halfLog2Pi - 0.5 * Foundation.log(k)
  }

  /// The p-independent part of `logBinomial(x, n, p, q)` for 0 < x < n:
  /// δ(n) − δ(x) − δ(n − x) − ½ log(2πx(n − x)/n), so that
  /// log Binomial = this − bd0(x, np) − bd0(n − x, nq).
  @usableFromInline
  static func logBinomialConstant(_ x: Double, _ n: Double) -> Double {
    stirlingError(n) - stirlingError(x) - stirlingError(n - x)
      - 0.5 * (2 * halfLog2Pi + Foundation.log(x) + Foundation.log((n - x) / n))
  }

  /// log k! for integers 0 ≤ k < 128 from a table, else lgamma(k + 1).
  @usableFromInline
  static func logFactorial(_ k: Double) -> Double {
    if k < 128 { return logFactorials[Int(k)] }
    return Foundation.lgamma(k + 1)
  }

  static let logFactorials: [Double] = (0..<128).map { Foundation.lgamma(Double($0) + 1) }

  /// ψ(φ + k) − ψ(φ) for a count k: the finite sum Σ_{j<k} 1/(φ + j) below k = 32
  /// (exact and cheaper than two digammas), else the digamma difference.
  @usableFromInline
  static func digammaShift(_ phi: Double, _ k: Double) -> Double {
    if k < 32 {
      var sum = 0.0
      var j = 0.0
      while j < k {
        sum += 1 / (phi + j)
        j += 1
      }
      return sum
    }
    return Special.digamma(phi + k) - Special.digamma(phi)
  }

  /// log B(a, b) without the cancellation of lgamma(a) + lgamma(b) − lgamma(a + b) when
  /// either argument is large (R `lbeta`).
  @usableFromInline
  static func logBeta(_ a: Double, _ b: Double) -> Double {
    let p = Swift.min(a, b)
    let q = Swift.max(a, b)
    if p >= 10 {
      // δ is also the remainder of log Γ(x) itself (see `stirlingError`).
      let correction = stirlingError(p) + stirlingError(q) - stirlingError(p + q)
      return -0.5 * Foundation.log(q) + halfLog2Pi + correction + (p - 0.5) * Foundation.log(p / (p + q))
        + q * Foundation.log1p(-p / (p + q))
    }
    if q >= 10 {
      let correction = stirlingError(q) - stirlingError(p + q)
      return Foundation.lgamma(p) + correction + p - p * Foundation.log(p + q)
        + (q - 0.5) * Foundation.log1p(-p / (p + q))
    }
    return Foundation.lgamma(p) + Foundation.lgamma(q) - Foundation.lgamma(p + q)
  }
}
