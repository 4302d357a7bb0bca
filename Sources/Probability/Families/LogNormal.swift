import Arrays
import Foundation

/// LogNormal(loc μ, scale σ) on x > 0 (NumPyro `LogNormal`, SciPy
/// `lognorm(s=σ, scale=exp(μ))`): log x ~ Normal(μ, σ).
///
/// With y = log x and z = (y − μ)/σ:
///
///     log p = −½ z² − log σ − ½ log 2π − y
///     ∂/∂x = −(z/σ + 1)/x        ∂/∂μ = z/σ        ∂/∂σ = (z² − 1)/σ
///
/// −∞ for x ≤ 0 (the density tends to 0 at 0). Mean e^{μ+σ²/2}, variance
/// (e^{σ²} − 1)e^{2μ+σ²}. Sampling: exp(μ + σZ).
public enum LogNormal: ElementwiseFamily {
  public static let name = "LogNormal"
  public static let parameterNames = ["loc", "scale"]
  public static let differentiableParameters = [true, true]
  public static let parameterConstraints: [ParameterConstraint] = [.real, .positive]

  /// t0 = log σ + ½ log 2π, t1 = 1/σ (as `Normal`).
  @inlinable
  public static func parameterTerms(_ loc: Double, _ scale: Double, _ c: Double) -> ParameterTerms {
    Normal.parameterTerms(loc, scale, c)
  }

  @inlinable
  public static func logProb(_ x: Double, _ loc: Double, _ scale: Double, _ c: Double) -> Double {
    logProb(x, loc, scale, c, parameterTerms(loc, scale, c))
  }

  @inlinable
  public static func logProb(_ x: Double, _ loc: Double, _ scale: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard x > 0, x < .infinity else { return x.isNaN ? .nan : -.infinity }
    let y = Foundation.log(x)
    let z = (y - loc) * terms.t1
    return -0.5 * z * z - terms.t0 - y
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
    guard x > 0, x < .infinity else { return (x.isNaN ? .nan : -.infinity, 0, 0, 0, 0) }
    let y = Foundation.log(x)
    let inverseScale = terms.t1
    let z = (y - loc) * inverseScale
    let dLoc = z * inverseScale
    return (-0.5 * z * z - terms.t0 - y, -(dLoc + 1) / x, dLoc, (z * z - 1) * inverseScale, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .positive }
  public static func mean(_ loc: Double, _ scale: Double, _ c: Double) -> Double {
    Foundation.exp(loc + 0.5 * scale * scale)
  }
  public static func variance(_ loc: Double, _ scale: Double, _ c: Double) -> Double {
    Foundation.expm1(scale * scale) * Foundation.exp(2 * loc + scale * scale)
  }

  public static func sample(_ stream: inout KeyStream, _ loc: Double, _ scale: Double, _ c: Double) -> Double {
    Foundation.exp(loc + scale * Variates.standardNormal(&stream))
  }
}
