import Foundation

/// The error function family and the standard normal CDF, log-CDF and quantile.
///
/// References:
/// 1. W. J. Cody, "Rational Chebyshev approximations for the error function", Math.
///    Comp. 23, 1969 (as implemented by the C library's `erf`/`erfc`).
/// 2. Abramowitz & Stegun 26.2.23 (starting value for the quantile) and 26.2.12 (the
///    asymptotic expansion of the normal tail used by `logNormalCDF` below −20).
/// 3. SciPy `ndtr`, `log_ndtr`, `ndtri` (the reference values in the tests).
extension Special {
  /// erf(x); ±1 at ±∞, NaN for NaN.
  @inlinable public static func erf(_ x: Double) -> Double { Foundation.erf(x) }

  /// erfc(x) = 1 − erf(x) without cancellation; 0 at +∞, 2 at −∞.
  @inlinable public static func erfc(_ x: Double) -> Double { Foundation.erfc(x) }

  static let sqrtHalf = 0.70710678118654752440
  /// 1/√2 − `sqrtHalf`, the rounding error of the constant.
  static let sqrtHalfLow = -4.833646656726457e-17
  static let logSqrt2Pi = 0.91893853320467274178

  /// Φ(x), the standard normal CDF (`scipy.special.ndtr`): accurate relative to Φ in
  /// the lower tail down to x ≈ −38 (where Φ underflows to 0).
  public static func normalCDF(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    let t = x * sqrtHalf
    let z = Swift.abs(t)
    if z < sqrtHalf { return 0.5 + 0.5 * Foundation.erf(t) }
    var y = 0.5 * Foundation.erfc(z)
    if z > 2 && y > 0 {
      // z carries the rounding of |x|/√2, which erfc amplifies by 2z² in the tail:
      // correct to first order with δ = |x|/√2 − z and d log erfc/dz = −2e^{−z²}/(√π erfc z).
      let ax = Swift.abs(x)
      let delta = (-z).addingProduct(ax, sqrtHalf) + ax * sqrtHalfLow
      let slope = 1.1283791670955126 * Foundation.exp(-z * z) / (2 * y)
      y *= 1 - slope * delta
    }
    return t > 0 ? 1 - y : y
  }

  /// log Φ(x) (`scipy.special.log_ndtr`): −∞ at −∞, 0 at +∞; uses log1p(−Φ(−x)) for x > 0 and
  /// the asymptotic tail series for x < −20, where Φ itself would underflow.
  public static func logNormalCDF(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x > 0 { return Foundation.log1p(-normalCDF(-x)) }
    if x > -20 { return Foundation.log(normalCDF(x)) }
    if x == -.infinity { return -.infinity }
    let logLHS = -0.5 * x * x - Foundation.log(-x) - logSqrt2Pi
    var lastTotal = 0.0
    var rightHandSide = 1.0
    var numerator = 1.0
    var denominatorFactor = 1.0
    let denominatorConstant = 1.0 / (x * x)
    var sign = 1.0
    var i = 0.0
    while Swift.abs(lastTotal - rightHandSide) > Double.ulpOfOne {
      i += 1
      lastTotal = rightHandSide
      sign = -sign
      denominatorFactor *= denominatorConstant
      numerator *= 2 * i - 1
      rightHandSide += sign * numerator * denominatorFactor
    }
    return logLHS + Foundation.log(rightHandSide)
  }

  /// The standard normal density φ(x).
  @inlinable public static func normalPDF(_ x: Double) -> Double {
    Foundation.exp(-0.5 * x * x) * 0.39894228040143267794
  }

  /// Φ⁻¹(p), the standard normal quantile (`scipy.special.ndtri`).
  ///
  /// −∞ at 0, +∞ at 1, NaN outside [0, 1]. For p > ½ uses −Φ⁻¹(1 − p) (1 − p is exact
  /// there). Starts from A&S 26.2.23 and polishes with Newton steps, on erf in the
  /// centre (relative accuracy near p = ½) and on log Φ in the tail.
  public static func normalQuantile(_ p: Double) -> Double {
    if p.isNaN || p < 0 || p > 1 { return .nan }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    if p > 0.5 { return -lowerNormalQuantile(1 - p) }
    return lowerNormalQuantile(p)
  }

  /// Φ⁻¹(p) for 0 < p ≤ ½.
  static func lowerNormalQuantile(_ p: Double) -> Double {
    if p == 0.5 { return 0 }
    let t = (-2 * Foundation.log(p)).squareRoot()
    var x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
      / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t))
    if p > 0.1 {
      // Centre: solve ½·erf(x/√2) = p − ½ (p − ½ is exact here).
      let target = p - 0.5
      for _ in 0..<50 {
        let step = (0.5 * Foundation.erf(x * sqrtHalf) - target) / normalPDF(x)
        x -= step
        if Swift.abs(step) <= 1e-17 * Swift.abs(x) { break }
      }
      return x
    }
    // Tail: solve log Φ(x) = log p.
    let logP = Foundation.log(p)
    for _ in 0..<50 {
      let cdf = normalCDF(x)
      let step = (Foundation.log(cdf) - logP) * cdf / normalPDF(x)
      x -= step
      if Swift.abs(step) <= 1e-17 * Swift.abs(x) { break }
    }
    return x
  }
}
