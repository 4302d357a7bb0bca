import Arrays
import Foundation

/// HalfCauchy(scale σ) on x ≥ 0 (NumPyro `HalfCauchy`, SciPy `halfcauchy(scale=σ)`).
///
/// With z = x/σ:
///
///     log p = log 2 − log π − log σ − log(1 + z²)      (x ≥ 0; −∞ for x < 0)
///     ∂/∂x = −2z/(σ(1 + z²))      ∂/∂σ = (z² − 1)/(σ(1 + z²))
///
/// x = 0 is in the support, as in SciPy. Mean and variance are ∞ (NumPyro).
/// Sampling: σ tan(πU/2) with U in (0, 1).
public enum HalfCauchy: ElementwiseFamily {
  public static let name = "HalfCauchy"
  public static let parameterNames = ["scale"]
  public static let differentiableParameters = [true]
  public static let parameterConstraints: [ParameterConstraint] = [.positive]

  /// log 2 − log π.
  @inlinable static var logTwoOverPi: Double { -0.45158270528945486473 }

  /// t0 = log σ − log(2/π), t1 = 1/σ (Cauchy's terms less log 2).
  @inlinable
  public static func parameterTerms(_ scale: Double, _ b: Double, _ c: Double) -> ParameterTerms {
    ParameterTerms(Foundation.log(scale) - logTwoOverPi, 1 / scale)
  }

  @inlinable
  public static func logProb(_ x: Double, _ scale: Double, _ b: Double, _ c: Double) -> Double {
    logProb(x, scale, b, c, parameterTerms(scale, b, c))
  }

  @inlinable
  public static func logProb(_ x: Double, _ scale: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard x >= 0, x < .infinity else { return x.isNaN ? .nan : -.infinity }
    return -terms.t0 - Cauchy.log1pSquare(x * terms.t1)
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ scale: Double, _ b: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(x, scale, b, c, parameterTerms(scale, b, c))
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ scale: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    guard x >= 0, x < .infinity else { return (x.isNaN ? .nan : -.infinity, 0, 0, 0, 0) }
    // Cauchy(0, σ) with t0 lowered by log 2 is the half density.
    let (logCauchy, dx, _, dScale, _) = Cauchy.logProbAndPartials(x, 0, scale, 0, terms)
    return (logCauchy, dx, dScale, 0, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .positive }
  public static func mean(_ scale: Double, _ b: Double, _ c: Double) -> Double { .infinity }
  public static func variance(_ scale: Double, _ b: Double, _ c: Double) -> Double { .infinity }

  public static func sample(_ stream: inout KeyStream, _ scale: Double, _ b: Double, _ c: Double) -> Double {
    scale * Foundation.tan(0.5 * Double.pi * Variates.openUniform(&stream))
  }
}
