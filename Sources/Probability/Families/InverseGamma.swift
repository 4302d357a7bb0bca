import Arrays
import Foundation

/// InverseGamma(concentration α, rate β) on x > 0 (NumPyro `InverseGamma`, SciPy
/// `invgamma(a=α, scale=β)`): 1/x ~ Gamma(α, β).
///
///     log p = α log β − log Γ(α) − (α + 1) log x − β/x
///     ∂/∂x = −(α + 1)/x + β/x²     ∂/∂α = log β − ψ(α) − log x     ∂/∂β = α/β − 1/x
///
/// For α ≥ 10, log p = log β − 2 log x + log Poisson(α − 1; β/x) in Loader's form
/// (see `Gamma`). −∞ for x ≤ 0 (the density tends to 0 at 0). Mean β/(α − 1) for α > 1,
/// variance β²/((α − 1)²(α − 2)) for α > 2, ∞ otherwise (NumPyro). Sampling:
/// β/Gamma(α).
public enum InverseGamma: ElementwiseFamily {
  public static let name = "InverseGamma"
  public static let parameterNames = ["concentration", "rate"]
  public static let differentiableParameters = [true, true]
  public static let parameterConstraints: [ParameterConstraint] = [.positive, .positive]

  /// As `Gamma`: t0 = α log β − log Γ(α) (α < 10) or the saddle-point constant (α ≥ 10),
  /// t1 = log β, t2 = ψ(α).
  @inlinable
  public static func parameterTerms(_ concentration: Double, _ rate: Double, _ c: Double) -> ParameterTerms {
    Gamma.parameterTerms(concentration, rate, c)
  }

  @inlinable
  public static func logProb(_ x: Double, _ concentration: Double, _ rate: Double, _ c: Double) -> Double {
    logProb(x, concentration, rate, c, parameterTerms(concentration, rate, c))
  }

  @inlinable
  public static func logProb(_ x: Double, _ concentration: Double, _ rate: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard x > 0, x < .infinity else { return x.isNaN ? .nan : -.infinity }
    let logX = Foundation.log(x)
    if concentration >= 10 {
      return Gamma.saddlePoint(concentration, rate / x, terms.t0, terms.t1) - 2 * logX
    }
    return terms.t0 - (concentration + 1) * logX - rate / x
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
    guard x > 0, x < .infinity else { return (x.isNaN ? .nan : -.infinity, 0, 0, 0, 0) }
    let inverseX = 1 / x
    return (logProb(x, concentration, rate, c, terms), (rate * inverseX - (concentration + 1)) * inverseX,
            terms.t1 - terms.t2 - Foundation.log(x), concentration / rate - inverseX, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .positive }
  public static func mean(_ concentration: Double, _ rate: Double, _ c: Double) -> Double {
    concentration <= 1 ? .infinity : rate / (concentration - 1)
  }
  public static func variance(_ concentration: Double, _ rate: Double, _ c: Double) -> Double {
    if concentration <= 2 { return .infinity }
    let m = concentration - 1
    return rate * rate / (m * m * (concentration - 2))
  }

  public static func sample(_ stream: inout KeyStream, _ concentration: Double, _ rate: Double, _ c: Double) -> Double {
    rate * Foundation.exp(-Variates.logStandardGamma(concentration, &stream))
  }
}
