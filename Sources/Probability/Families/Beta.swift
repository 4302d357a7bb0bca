import Arrays
import Foundation

/// Beta(concentration1 a, concentration0 b) on [0, 1] (NumPyro `Beta`, SciPy
/// `beta(a, b)`).
///
///     log p = (a − 1) log x + (b − 1) log(1 − x) − log B(a, b)
///     ∂/∂x = (a − 1)/x − (b − 1)/(1 − x)
///     ∂/∂a = log x − ψ(a) + ψ(a + b)          ∂/∂b = log(1 − x) − ψ(b) + ψ(a + b)
///
/// log(1 − x) is `log1p(−x)`; log B uses R's `lbeta` (no cancellation for large a, b);
/// for a, b > 2 the density is log(a + b − 1) + log Binomial(a − 1; a + b − 2, x) in
/// Loader's form (R `dbeta`). At x = 0 and x = 1, as SciPy (`xlogy`): finite when the
/// exponent is 0, +∞ below, −∞ above (partials there are 0). Mean a/(a + b), variance
/// ab/((a + b)²(a + b + 1)). Sampling: X/(X + Y) of gammas, in log space.
public enum Beta: ElementwiseFamily {
  public static let name = "Beta"
  public static let parameterNames = ["concentration1", "concentration0"]
  public static let differentiableParameters = [true, true]
  public static let parameterConstraints: [ParameterConstraint] = [.positive, .positive]

  @inlinable
  public static func logProb(_ x: Double, _ a: Double, _ b: Double, _ c: Double) -> Double {
    guard x >= 0, x <= 1 else { return x.isNaN ? .nan : -.infinity }
    if x == 0 || x == 1 || a <= 2 || b <= 2 {
      return Gamma.xLogY(a - 1, x) + (b == 1 ? 0 : (b - 1) * Foundation.log1p(-x)) - SaddlePoint.logBeta(a, b)
    }
    return Foundation.log(a + b - 1) + SaddlePoint.logBinomial(a - 1, a + b - 2, x, 1 - x)
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ a: Double, _ b: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    guard x > 0, x < 1 else { return (logProb(x, a, b, c), 0, 0, 0, 0) }
    let log1mX = Foundation.log1p(-x)
    let psiSum = Special.digamma(a + b)
    return (logProb(x, a, b, c), (a - 1) / x - (b - 1) / (1 - x),
            Foundation.log(x) - Special.digamma(a) + psiSum, log1mX - Special.digamma(b) + psiSum, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .unitInterval }
  public static func mean(_ a: Double, _ b: Double, _ c: Double) -> Double { a / (a + b) }
  public static func variance(_ a: Double, _ b: Double, _ c: Double) -> Double {
    let total = a + b
    return a * b / (total * total * (total + 1))
  }

  public static func sample(_ stream: inout KeyStream, _ a: Double, _ b: Double, _ c: Double) -> Double {
    Variates.beta(a, b, &stream)
  }
}
