import Arrays
import Foundation

/// Gamma(concentration α, rate β) on x > 0 (NumPyro `Gamma`, SciPy
/// `gamma(a=α, scale=1/β)`).
///
///     log p = α log β − log Γ(α) + (α − 1) log x − βx
///     ∂/∂x = (α − 1)/x − β     ∂/∂α = log β − ψ(α) + log x     ∂/∂β = α/β − x
///
/// For α ≥ 10 the log density is evaluated as log β + log Poisson(α − 1; βx) in Loader's
/// saddle-point form (`SaddlePoint`), accurate where the textbook form (and SciPy's)
/// loses ~1e-9 to cancellation at α ≈ 10⁶.
///
/// At x = 0, as SciPy: log β for α = 1, +∞ for α < 1, −∞ for α > 1 (partials there are
/// 0 except for α = 1); −∞ for x < 0. Mean α/β, variance α/β². Sampling: Marsaglia–Tsang
/// Gamma(α)/β (`Variates.standardGamma`).
public enum Gamma: ElementwiseFamily {
  public static let name = "Gamma"
  public static let parameterNames = ["concentration", "rate"]
  public static let differentiableParameters = [true, true]
  public static let parameterConstraints: [ParameterConstraint] = [.positive, .positive]

  /// (α − 1) log x with 0·log 0 = 0 (`xlogy`).
  @inlinable
  static func xLogY(_ a: Double, _ x: Double) -> Double { a == 0 ? 0 : a * Foundation.log(x) }

  /// t0 = α log β − log Γ(α) (α < 10) or `logPoissonConstant`(α − 1) + log β (α ≥ 10),
  /// t1 = log β, t2 = ψ(α).
  @inlinable
  public static func parameterTerms(_ concentration: Double, _ rate: Double, _ c: Double) -> ParameterTerms {
    let logRate = Foundation.log(rate)
    let t0 = concentration < 10
      ? concentration * logRate - Foundation.lgamma(concentration)
      : SaddlePoint.logPoissonConstant(concentration - 1) + logRate
    return ParameterTerms(t0, logRate, Special.digamma(concentration))
  }

  /// log β + log Poisson(α − 1; λ) for α ≥ 10 given its constant part; λ outside the
  /// normal range falls back to the full `logPoisson`.
  @inlinable
  static func saddlePoint(_ concentration: Double, _ lambda: Double, _ constant: Double, _ logRate: Double) -> Double {
    let k = concentration - 1
    if lambda >= k * Double.leastNormalMagnitude && lambda < .infinity {
      return constant - SaddlePoint.deviance(k, lambda)
    }
    return SaddlePoint.logPoisson(k, lambda) + logRate
  }

  @inlinable
  public static func logProb(_ x: Double, _ concentration: Double, _ rate: Double, _ c: Double) -> Double {
    guard x >= 0, x < .infinity else { return x.isNaN ? .nan : -.infinity }
    if concentration >= 10 && x > 0 {
      // β·Poisson(α − 1; βx) in Loader's form: no cancellation among terms of size α log α.
      let logRate = Foundation.log(rate)
      return saddlePoint(concentration, rate * x, SaddlePoint.logPoissonConstant(concentration - 1) + logRate, logRate)
    }
    return concentration * Foundation.log(rate) - Foundation.lgamma(concentration)
      + xLogY(concentration - 1, x) - rate * x
  }

  @inlinable
  public static func logProb(_ x: Double, _ concentration: Double, _ rate: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard x >= 0, x < .infinity else { return x.isNaN ? .nan : -.infinity }
    if concentration >= 10 && x > 0 { return saddlePoint(concentration, rate * x, terms.t0, terms.t1) }
    return terms.t0 + xLogY(concentration - 1, x) - rate * x
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ concentration: Double, _ rate: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(x, concentration, rate, c, parameterTerms(concentration, rate, c))
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ concentration: Double, _ rate: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    let logProb = logProb(x, concentration, rate, c, terms)
    guard x > 0, x < .infinity else {
      if x == 0 && concentration == 1 { return (logProb, -rate, 0, 1 / rate, 0) }
      return (logProb, 0, 0, 0, 0)
    }
    return (logProb, (concentration - 1) / x - rate, terms.t1 - terms.t2 + Foundation.log(x), concentration / rate - x, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .positive }
  public static func mean(_ concentration: Double, _ rate: Double, _ c: Double) -> Double { concentration / rate }
  public static func variance(_ concentration: Double, _ rate: Double, _ c: Double) -> Double {
    concentration / (rate * rate)
  }

  public static func sample(_ stream: inout KeyStream, _ concentration: Double, _ rate: Double, _ c: Double) -> Double {
    Variates.standardGamma(concentration, &stream) / rate
  }
}
