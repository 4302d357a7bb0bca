import Arrays
import Foundation

/// StudentT(df ν, loc μ, scale σ) on the reals (NumPyro `StudentT`, SciPy
/// `t(df, loc, scale)`).
///
/// With z = (x − μ)/σ and w = z²/ν:
///
///     log p = log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(νπ) − log σ − (ν+1)/2 · log(1 + w)
///     ∂/∂x = −(ν+1) z/(σ(ν + z²))       ∂/∂μ = −∂/∂x
///     ∂/∂σ = ((ν+1) z²/(ν + z²) − 1)/σ
///     ∂/∂ν = ½ψ((ν+1)/2) − ½ψ(ν/2) − 1/(2ν) − ½ log(1 + w) + (ν+1) z²/(2ν(ν + z²))
///
/// For ν/2 = a ≥ 50 the difference log Γ(a + ½) − log Γ(a), which cancels to ~½ log a
/// from terms of size a log a, is replaced by its asymptotic series (below), and so is
/// ψ(a + ½) − ψ(a); this keeps 1e-13 relative accuracy for ν up to 1e15, where direct
/// `lgamma` differences lose up to 1e-9.
///
/// Mean μ for ν > 1 (NaN otherwise); variance σ²ν/(ν − 2) for ν > 2, ∞ for 1 < ν ≤ 2,
/// NaN for ν ≤ 1 (NumPyro). Sampling: μ + σ Z √(ν/χ²_ν) with χ²_ν = 2·Gamma(ν/2),
/// taken in log space so tiny ν does not divide by an underflowed gamma.
///
/// References:
/// 1. NIST DLMF 5.11.13 (the asymptotic expansion of Γ(a + ½)/Γ(a), whose logarithm is
///    ½ log a − 1/(8a) + 1/(192a³) − 1/(640a⁵) + 17/(14336a⁷) − …).
public enum StudentT: ElementwiseFamily {
  public static let name = "StudentT"
  public static let parameterNames = ["df", "loc", "scale"]
  public static let differentiableParameters = [true, true, true]
  public static let parameterConstraints: [ParameterConstraint] = [.positive, .real, .positive]

  /// log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(νπ), the normalizing constant of the standard t.
  @inlinable
  static func logNormalizer(_ df: Double) -> Double {
    let a = 0.5 * df
    if a >= 50 {
      // ½ log a + S(a) − ½ log(2aπ) = S(a) − ½ log 2π
      let r = 1 / (a * a)
      let series = (-1.0 / 8 + r * (1.0 / 192 + r * (-1.0 / 640 + r * (17.0 / 14336)))) / a
      return series - 0.91893853320467274178
    }
    return Foundation.lgamma(a + 0.5) - Foundation.lgamma(a) - 0.5 * Foundation.log(df * Double.pi)
  }

  /// ½ψ((ν+1)/2) − ½ψ(ν/2) − 1/(2ν), the derivative of `logNormalizer`.
  @inlinable
  static func logNormalizerDerivative(_ df: Double) -> Double {
    let a = 0.5 * df
    if a >= 50 {
      // ψ(a + ½) − ψ(a) = 1/(2a) + 1/(8a²) − 1/(64a⁴) + 1/(128a⁶) − 17/(2048a⁸)
      let r = 1 / (a * a)
      return 0.5 * r * (1.0 / 8 + r * (-1.0 / 64 + r * (1.0 / 128 - r * (17.0 / 2048))))
    }
    return 0.5 * (Special.digamma(a + 0.5) - Special.digamma(a)) - 0.5 / df
  }

  /// t0 = log σ − `logNormalizer`(ν), t1 = 1/σ, t2 = `logNormalizerDerivative`(ν),
  /// t3 = 1/ν.
  @inlinable
  public static func parameterTerms(_ df: Double, _ loc: Double, _ scale: Double) -> ParameterTerms {
    ParameterTerms(Foundation.log(scale) - logNormalizer(df), 1 / scale, logNormalizerDerivative(df), 1 / df)
  }

  @inlinable
  public static func logProb(_ x: Double, _ df: Double, _ loc: Double, _ scale: Double) -> Double {
    logProb(x, df, loc, scale, parameterTerms(df, loc, scale))
  }

  @inlinable
  public static func logProb(_ x: Double, _ df: Double, _ loc: Double, _ scale: Double, _ terms: ParameterTerms) -> Double {
    guard x.isFinite else { return x.isNaN ? .nan : -.infinity }
    let z = (x - loc) * terms.t1
    return -terms.t0 - 0.5 * (df + 1) * Foundation.log1p(z * z * terms.t3)
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ df: Double, _ loc: Double, _ scale: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(x, df, loc, scale, parameterTerms(df, loc, scale))
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ df: Double, _ loc: Double, _ scale: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    guard x.isFinite else { return (x.isNaN ? .nan : -.infinity, 0, 0, 0, 0) }
    let inverseScale = terms.t1
    let z = (x - loc) * inverseScale
    let z2 = z * z
    let log1pW = Foundation.log1p(z2 * terms.t3)
    let logProb = -terms.t0 - 0.5 * (df + 1) * log1pW
    let ratio = (df + 1) / (df + z2)  // (ν+1)/(ν+z²)
    let dx = -ratio * z * inverseScale
    let dScale = (ratio * z2 - 1) * inverseScale
    let dDf = terms.t2 - 0.5 * log1pW + 0.5 * ratio * z2 * terms.t3
    return (logProb, dx, dDf, -dx, dScale)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .real }
  public static func mean(_ df: Double, _ loc: Double, _ scale: Double) -> Double { df > 1 ? loc : .nan }
  public static func variance(_ df: Double, _ loc: Double, _ scale: Double) -> Double {
    if df <= 1 { return .nan }
    if df <= 2 { return .infinity }
    return scale * scale * df / (df - 2)
  }

  public static func sample(_ stream: inout KeyStream, _ df: Double, _ loc: Double, _ scale: Double) -> Double {
    let z = Variates.standardNormal(&stream)
    let logChi2 = Foundation.log(2.0) + Variates.logStandardGamma(0.5 * df, &stream)
    return loc + scale * z * Foundation.exp(0.5 * (Foundation.log(df) - logChi2))
  }
}
