import Arrays
import Foundation

/// Exponential(rate λ) on x ≥ 0 (NumPyro `Exponential`, SciPy `expon(scale=1/λ)`).
///
///     log p = log λ − λx      (x ≥ 0; −∞ for x < 0)
///     ∂/∂x = −λ        ∂/∂λ = 1/λ − x
///
/// x = 0 is in the support (density λ), as in SciPy. Sampling: −log(U)/λ.
public enum Exponential: ElementwiseFamily {
  public static let name = "Exponential"
  public static let parameterNames = ["rate"]
  public static let differentiableParameters = [true]
  public static let parameterConstraints: [ParameterConstraint] = [.positive]

  /// t0 = log λ, t1 = 1/λ.
  @inlinable
  public static func parameterTerms(_ rate: Double, _ b: Double, _ c: Double) -> ParameterTerms {
    ParameterTerms(Foundation.log(rate), 1 / rate)
  }

  @inlinable
  public static func logProb(_ x: Double, _ rate: Double, _ b: Double, _ c: Double) -> Double {
    logProb(x, rate, b, c, parameterTerms(rate, b, c))
  }

  @inlinable
  public static func logProb(_ x: Double, _ rate: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard x >= 0 else { return x.isNaN ? .nan : -.infinity }
    return terms.t0 - rate * x
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ rate: Double, _ b: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(x, rate, b, c, parameterTerms(rate, b, c))
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ rate: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    guard x >= 0, x < .infinity else { return (x.isNaN ? .nan : -.infinity, 0, 0, 0, 0) }
    return (terms.t0 - rate * x, -rate, terms.t1 - x, 0, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .positive }
  public static func mean(_ rate: Double, _ b: Double, _ c: Double) -> Double { 1 / rate }
  public static func variance(_ rate: Double, _ b: Double, _ c: Double) -> Double { 1 / (rate * rate) }

  public static func sample(_ stream: inout KeyStream, _ rate: Double, _ b: Double, _ c: Double) -> Double {
    Variates.standardExponential(&stream) / rate
  }
}
