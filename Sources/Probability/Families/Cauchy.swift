import Arrays
import Foundation

/// Cauchy(loc μ, scale σ) on the reals (NumPyro `Cauchy`, SciPy `cauchy(loc, scale)`).
///
/// With z = (x − μ)/σ:
///
///     log p = −log π − log σ − log(1 + z²)
///     ∂/∂x = −2z/(σ(1 + z²))      ∂/∂μ = −∂/∂x      ∂/∂σ = (z² − 1)/(σ(1 + z²))
///
/// log(1 + z²) is `log1p(z²)`, and 2 log|z| + log1p(1/z²) once |z| > 1e8 so z² never
/// overflows (SciPy's `log1p(z*z)` becomes ∞ past |z| ≈ 1e154). The mean is undefined
/// (NaN) and the variance infinite, as NumPyro. Sampling: μ + σ tan(π(U − ½)).
public enum Cauchy: ElementwiseFamily {
  public static let name = "Cauchy"
  public static let parameterNames = ["loc", "scale"]
  public static let differentiableParameters = [true, true]
  public static let parameterConstraints: [ParameterConstraint] = [.real, .positive]

  /// log(1 + z²) without overflow.
  @inlinable
  static func log1pSquare(_ z: Double) -> Double {
    let a = Swift.abs(z)
    if a > 1e8 { return 2 * Foundation.log(a) + Foundation.log1p(1 / (a * a)) }
    return Foundation.log1p(z * z)
  }

  /// t0 = log π + log σ, t1 = 1/σ.
  @inlinable
  public static func parameterTerms(_ loc: Double, _ scale: Double, _ c: Double) -> ParameterTerms {
    ParameterTerms(1.14472988584940017414 + Foundation.log(scale), 1 / scale)
  }

  @inlinable
  public static func logProb(_ x: Double, _ loc: Double, _ scale: Double, _ c: Double) -> Double {
    logProb(x, loc, scale, c, parameterTerms(loc, scale, c))
  }

  @inlinable
  public static func logProb(_ x: Double, _ loc: Double, _ scale: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard x.isFinite else { return x.isNaN ? .nan : -.infinity }
    let z = (x - loc) * terms.t1
    return -terms.t0 - log1pSquare(z)
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ loc: Double, _ scale: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(x, loc, scale, c, parameterTerms(loc, scale, c))
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ loc: Double, _ scale: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    guard x.isFinite else { return (x.isNaN ? .nan : -.infinity, 0, 0, 0, 0) }
    let inverseScale = terms.t1
    let z = (x - loc) * inverseScale
    // 2z/(1 + z²) and z²/(1 + z²), formed so that large |z| neither overflows nor loses 1.
    let a = Swift.abs(z)
    let twoZOver = a > 1 ? 2 / (z + 1 / z) : 2 * z / (1 + z * z)
    let zSquaredOver = a > 1 ? 1 / (1 + 1 / (z * z)) : z * z / (1 + z * z)
    let dx = -twoZOver * inverseScale
    return (-terms.t0 - log1pSquare(z), dx, -dx,
            (2 * zSquaredOver - 1) * inverseScale, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .real }
  public static func mean(_ loc: Double, _ scale: Double, _ c: Double) -> Double { .nan }
  public static func variance(_ loc: Double, _ scale: Double, _ c: Double) -> Double { .infinity }

  public static func sample(_ stream: inout KeyStream, _ loc: Double, _ scale: Double, _ c: Double) -> Double {
    loc + scale * Foundation.tan(Double.pi * (Variates.openUniform(&stream) - 0.5))
  }
}
