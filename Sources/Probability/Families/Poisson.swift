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

  @inlinable
  public static func logProb(_ k: Double, _ rate: Double, _ b: Double, _ c: Double) -> Double {
    guard k >= 0, k < .infinity, k == k.rounded() else { return k.isNaN ? .nan : -.infinity }
    if k >= 20 { return SaddlePoint.logPoisson(k, rate) }
    return (k == 0 ? 0 : k * Foundation.log(rate)) - rate - Foundation.lgamma(k + 1)
  }

  @inlinable
  public static func logProbAndPartials(_ k: Double, _ rate: Double, _ b: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    let logProb = logProb(k, rate, b, c)
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
