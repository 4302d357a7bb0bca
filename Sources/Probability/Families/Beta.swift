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

  /// t0 = log B(a, b), t1 = ψ(a + b) − ψ(a), t2 = ψ(a + b) − ψ(b), t3 = the x-free part
  /// of the saddle-point form, log(a + b − 1) + `logBinomialConstant`(a − 1, a + b − 2)
  /// (a, b > 2).
  @inlinable
  public static func parameterTerms(_ a: Double, _ b: Double, _ c: Double) -> ParameterTerms {
    let psiSum = Special.digamma(a + b)
    return ParameterTerms(SaddlePoint.logBeta(a, b), psiSum - Special.digamma(a), psiSum - Special.digamma(b),
                          a > 2 && b > 2 ? saddlePointConstant(a, b) : 0)
  }

  @inlinable
  static func saddlePointConstant(_ a: Double, _ b: Double) -> Double {
    Foundation.log(a + b - 1) + SaddlePoint.logBinomialConstant(a - 1, a + b - 2)
  }

  /// log p for 0 < x < 1 and a, b > 2 given `saddlePointConstant(a, b)`:
  /// constant − bd0(a − 1, nx) − bd0(b − 1, n(1 − x)), n = a + b − 2.
  @inlinable
  static func saddlePoint(_ x: Double, _ a: Double, _ b: Double, _ constant: Double) -> Double {
    let n = a + b - 2
    return constant - SaddlePoint.deviance(a - 1, n * x) - SaddlePoint.deviance(b - 1, n * (1 - x))
  }

  @inlinable
  public static func logProb(_ x: Double, _ a: Double, _ b: Double, _ c: Double) -> Double {
    guard x >= 0, x <= 1 else { return x.isNaN ? .nan : -.infinity }
    if x == 0 || x == 1 || a <= 2 || b <= 2 {
      return Gamma.xLogY(a - 1, x) + (b == 1 ? 0 : (b - 1) * Foundation.log1p(-x)) - SaddlePoint.logBeta(a, b)
    }
    return saddlePoint(x, a, b, saddlePointConstant(a, b))
  }

  @inlinable
  public static func logProb(_ x: Double, _ a: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard x >= 0, x <= 1 else { return x.isNaN ? .nan : -.infinity }
    if x == 0 || x == 1 || a <= 2 || b <= 2 {
      return Gamma.xLogY(a - 1, x) + (b == 1 ? 0 : (b - 1) * Foundation.log1p(-x)) - terms.t0
    }
    return saddlePoint(x, a, b, terms.t3)
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ a: Double, _ b: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(x, a, b, c, parameterTerms(a, b, c))
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ a: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    let logProb = logProb(x, a, b, c, terms)
    guard x > 0, x < 1 else { return (logProb, 0, 0, 0, 0) }
    return (logProb, (a - 1) / x - (b - 1) / (1 - x), Foundation.log(x) + terms.t1, Foundation.log1p(-x) + terms.t2, 0)
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
