import Foundation

/// Numerically stable log-domain helpers used by log densities.
///
/// References: M. Mächler, "Accurately computing log(1 − exp(−|a|))", Rmpfr vignette,
/// 2012 (the softplus cut-offs).
extension Special {
  /// log(1 + x), accurate for small x; −∞ at −1, NaN below.
  @inlinable public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }

  /// eˣ − 1, accurate for small x.
  @inlinable public static func expm1(_ x: Double) -> Double { Foundation.expm1(x) }

  /// log Σᵢ exp(xᵢ) without overflow (`scipy.special.logsumexp`).
  ///
  /// −∞ for an empty input or when every term is −∞; +∞ if any term is +∞; NaN if any
  /// is NaN.
  public static func logSumExp<C: Collection>(_ values: C) -> Double where C.Element == Double {
    var maximum = -Double.infinity
    for v in values {
      if v.isNaN { return .nan }
      if v > maximum { maximum = v }
    }
    if maximum == -.infinity { return -.infinity }
    if maximum == .infinity { return .infinity }
    var sum = 0.0
    for v in values { sum += Foundation.exp(v - maximum) }
    return maximum + Foundation.log(sum)
  }

  /// log(1 + eˣ) (`np.logaddexp(0, x)`): x for x > 33.3, eˣ for x < −37.
  public static func softplus(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x > 0 { return x + Foundation.log1p(Foundation.exp(-x)) }
    return Foundation.log1p(Foundation.exp(x))
  }

  /// log σ(x) = −softplus(−x) (`scipy.special.log_expit`).
  @inlinable public static func logSigmoid(_ x: Double) -> Double { -softplus(-x) }

  /// The logistic sigmoid σ(x) = 1/(1 + e⁻ˣ) (`scipy.special.expit`).
  public static func sigmoid(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
    let e = Foundation.exp(x)
    return e / (1 + e)
  }

  /// logit(p) = log(p / (1 − p)); ±∞ at 1 and 0, NaN outside [0, 1].
  public static func logit(_ p: Double) -> Double {
    if p < 0 || p > 1 { return .nan }
    return Foundation.log(p / (1 - p))
  }
}
