import Arrays
import Foundation

/// Normal(loc μ, scale σ) on the reals (NumPyro `Normal`, SciPy `norm(loc, scale)`).
///
/// With z = (x − μ)/σ:
///
///     log p = −½ z² − log σ − ½ log 2π
///     ∂/∂x = −z/σ        ∂/∂μ = z/σ        ∂/∂σ = (z² − 1)/σ
///
/// ±∞ give −∞ with zero partials; NaN propagates. Sampling: μ + σ·Z, Z by Box–Muller.
public enum Normal: ElementwiseFamily {
  public static let name = "Normal"
  public static let parameterNames = ["loc", "scale"]
  public static let differentiableParameters = [true, true]
  public static let parameterConstraints: [ParameterConstraint] = [.real, .positive]

  /// ½ log 2π.
  @inlinable static var halfLog2Pi: Double { 0.91893853320467274178 }

  /// t0 = log σ + ½ log 2π, t1 = 1/σ.
  @inlinable
  public static func parameterTerms(_ loc: Double, _ scale: Double, _ c: Double) -> ParameterTerms {
    ParameterTerms(Foundation.log(scale) + halfLog2Pi, 1 / scale)
  }

  @inlinable
  public static func logProb(_ x: Double, _ loc: Double, _ scale: Double, _ c: Double) -> Double {
    logProb(x, loc, scale, c, parameterTerms(loc, scale, c))
  }

  @inlinable
  public static func logProb(_ x: Double, _ loc: Double, _ scale: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    let z = (x - loc) * terms.t1
    return -0.5 * z * z - terms.t0
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
    guard x.isFinite else { return (x.isNaN ? .nan : -.infinity, 0, 0, 0, 0) }
    let inverseScale = terms.t1
    let z = (x - loc) * inverseScale
    let dLoc = z * inverseScale
    return (-0.5 * z * z - terms.t0, -dLoc, dLoc, (z * z - 1) * inverseScale, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .real }
  public static func mean(_ loc: Double, _ scale: Double, _ c: Double) -> Double { loc }
  public static func variance(_ loc: Double, _ scale: Double, _ c: Double) -> Double { scale * scale }

  public static func sample(_ stream: inout KeyStream, _ loc: Double, _ scale: Double, _ c: Double) -> Double {
    loc + scale * Variates.standardNormal(&stream)
  }
}
