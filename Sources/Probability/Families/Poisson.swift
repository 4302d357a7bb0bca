import Arrays
import Foundation

/// Poisson(rate λ) on {0, 1, 2, …} (NumPyro `Poisson`, SciPy `poisson(λ)`).
///
///     log p = k log λ − λ − log Γ(k + 1)
///     ∂/∂λ = k/λ − 1
///
/// For k ≥ 20 the value is Loader's −δ(k) − bd0(k, λ) − ½ log 2πk (`SaddlePoint`), which
/// stays accurate at k ≈ 10⁶ where the textbook form (SciPy's) loses ~1e-9. Non-integer
/// or negative k give −∞. Mean and variance λ. Sampling: multiplication of uniforms for
/// λ < 10, Hörmann's PTRS above (`Variates.poisson`).
public enum Poisson: ElementwiseFamily {
  public static let name = "Poisson"
  public static let parameterNames = ["rate"]
  public static let differentiableParameters = [true]
  public static let parameterConstraints: [ParameterConstraint] = [.positive]
  public static var isDiscrete: Bool { true }

  /// t0 = log λ.
  @inlinable
  public static func parameterTerms(_ rate: Double, _ b: Double, _ c: Double) -> ParameterTerms {
    ParameterTerms(Foundation.log(rate))
  }

  @inlinable
  public static func logProb(_ k: Double, _ rate: Double, _ b: Double, _ c: Double) -> Double {
    logProb(k, rate, b, c, parameterTerms(rate, b, c))
  }

  @inlinable
  public static func logProb(_ k: Double, _ rate: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard k >= 0, k < .infinity, k == k.rounded() else { return k.isNaN ? .nan : -.infinity }
    if k >= 20 { return SaddlePoint.logPoisson(k, rate) }
    return (k == 0 ? 0 : k * terms.t0) - rate - SaddlePoint.logFactorial(k)
  }

  @inlinable
  public static func logProbAndPartials(_ k: Double, _ rate: Double, _ b: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(k, rate, b, c, parameterTerms(rate, b, c))
  }

  @inlinable
  public static func logProbAndPartials(_ k: Double, _ rate: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    let logProb = logProb(k, rate, b, c, terms)
    guard logProb > -.infinity else { return (logProb, 0, 0, 0, 0) }
    return (logProb, 0, k / rate - 1, 0, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .nonnegativeInteger }
  public static func mean(_ rate: Double, _ b: Double, _ c: Double) -> Double { rate }
  public static func variance(_ rate: Double, _ b: Double, _ c: Double) -> Double { rate }

  public static func sample(_ stream: inout KeyStream, _ rate: Double, _ b: Double, _ c: Double) -> Double {
    Variates.poisson(rate, &stream)
  }
}
