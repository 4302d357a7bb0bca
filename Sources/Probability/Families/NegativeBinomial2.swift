import Arrays
import Foundation

/// NegativeBinomial2(mean μ, concentration φ) on {0, 1, 2, …}: NumPyro's
/// `NegativeBinomial2`, i.e. GammaPoisson(φ, φ/μ); SciPy `nbinom(n=φ, p=φ/(φ + μ))`.
///
///     log p = log Γ(k + φ) − log Γ(k + 1) − log Γ(φ) + φ log(φ/(φ + μ)) + k log(μ/(φ + μ))
///     ∂/∂μ = k/μ − (k + φ)/(φ + μ)
///     ∂/∂φ = ψ(k + φ) − ψ(φ) − log(1 + μ/φ) + (μ − k)/(φ + μ)
///
/// Evaluated as R's `dnbinom_mu`: at k = 0, φ log(φ/(φ + μ)) (via `log1p`); for
/// k < 1e-10 φ, a Poisson expansion in 1/φ (R's `dnbinom_mu` drops a μ²/(2φ) term there); otherwise log(φ/(φ + k)) + log Binomial(φ; k + φ,
/// φ/(φ + μ)) in Loader's form once k + φ > 64 (below, the textbook form has nothing
/// large to cancel), so large φ (nearly Poisson) and large k stay accurate.
/// Mean μ, variance μ + μ²/φ. Sampling: Poisson(Gamma(φ, φ/μ)).
public enum NegativeBinomial2: ElementwiseFamily {
  public static let name = "NegativeBinomial2"
  public static let parameterNames = ["mean", "concentration"]
  public static let differentiableParameters = [true, true]
  public static let parameterConstraints: [ParameterConstraint] = [.positive, .positive]
  public static var isDiscrete: Bool { true }

  /// t0 = log Γ(φ), t1 = φ log(φ/(φ + μ)) (R's form: `log1p` when φ ≥ μ),
  /// t2 = log(μ/(φ + μ)).
  @inlinable
  public static func parameterTerms(_ mean: Double, _ concentration: Double, _ c: Double) -> ParameterTerms {
    let size = concentration, mu = mean
    let t1 = size * (size < mu ? Foundation.log(size / (size + mu)) : Foundation.log1p(-mu / (size + mu)))
    return ParameterTerms(Foundation.lgamma(size), t1, Foundation.log(mu / (size + mu)))
  }

  @inlinable
  public static func logProb(_ k: Double, _ mean: Double, _ concentration: Double, _ c: Double) -> Double {
    logProb(k, mean, concentration, c, parameterTerms(mean, concentration, c))
  }

  @inlinable
  public static func logProb(_ k: Double, _ mean: Double, _ concentration: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard k >= 0, k < .infinity, k == k.rounded() else { return k.isNaN ? .nan : -.infinity }
    let size = concentration
    let mu = mean
    if k == 0 { return terms.t1 }
    if k < 1e-10 * size {
      // Nearly Poisson: log Γ(k + φ)/Γ(φ) = k log φ + log1p(k(k − 1)/(2φ)) + O(k⁴/φ²), so
      // log p = log Poisson(k; μ) + μ − (φ + k) log1p(μ/φ) + log1p(k(k − 1)/(2φ)), with
      // μ − φ log1p(μ/φ) = −φ·log1pmx(μ/φ) exact to rounding (R's formula drops μ²/(2φ)).
      let t = mu / size
      return SaddlePoint.logPoisson(k, mu) - size * Special.log1pmx(t) - k * Foundation.log1p(t)
        + Foundation.log1p(k * (k - 1) / (2 * size))
    }
    if k + size <= 64 {
      // Small arguments: the textbook form has no large terms to cancel (error ~3e-14).
      return Foundation.lgamma(k + size) - terms.t0 - SaddlePoint.logFactorial(k) + terms.t1 + k * terms.t2
    }
    let total = size + mu
    let answer = SaddlePoint.logBinomial(size, k + size, size / total, mu / total)
    return Foundation.log(size / (size + k)) + answer
  }

  @inlinable
  public static func logProbAndPartials(_ k: Double, _ mean: Double, _ concentration: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(k, mean, concentration, c, parameterTerms(mean, concentration, c))
  }

  @inlinable
  public static func logProbAndPartials(_ k: Double, _ mean: Double, _ concentration: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    let logProb = logProb(k, mean, concentration, c, terms)
    guard logProb > -.infinity else { return (logProb, 0, 0, 0, 0) }
    let total = mean + concentration
    let dMean = k / mean - (k + concentration) / total
    let dConcentration = SaddlePoint.digammaShift(concentration, k)
      - Foundation.log1p(mean / concentration) + (mean - k) / total
    return (logProb, 0, dMean, dConcentration, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .nonnegativeInteger }
  public static func mean(_ mean: Double, _ concentration: Double, _ c: Double) -> Double { mean }
  public static func variance(_ mean: Double, _ concentration: Double, _ c: Double) -> Double {
    mean + mean * mean / concentration
  }

  public static func sample(_ stream: inout KeyStream, _ mean: Double, _ concentration: Double, _ c: Double) -> Double {
    let rate = Foundation.exp(Variates.logStandardGamma(concentration, &stream)) * mean / concentration
    return Variates.poisson(rate, &stream)
  }
}
