import Arrays
import Foundation

/// Laplace(loc μ, scale b) on the reals (NumPyro `Laplace`, SciPy `laplace(loc, scale)`).
///
///     log p = −log 2b − |x − μ|/b
///     ∂/∂x = −sign(x − μ)/b      ∂/∂μ = sign(x − μ)/b      ∂/∂b = (|x − μ|/b − 1)/b
///
/// At x = μ the value partials use sign(0) = 0 (the subgradient's midpoint). Mean μ,
/// variance 2b². Sampling by inversion: μ − b·sign(V)·log(1 − 2|V|), V = U − ½.
public enum Laplace: ElementwiseFamily {
  public static let name = "Laplace"
  public static let parameterNames = ["loc", "scale"]
  public static let differentiableParameters = [true, true]
  public static let parameterConstraints: [ParameterConstraint] = [.real, .positive]

  /// t0 = log 2b, t1 = 1/b.
  @inlinable
  public static func parameterTerms(_ loc: Double, _ scale: Double, _ c: Double) -> ParameterTerms {
    ParameterTerms(Foundation.log(2 * scale), 1 / scale)
  }

  @inlinable
  public static func logProb(_ x: Double, _ loc: Double, _ scale: Double, _ c: Double) -> Double {
    logProb(x, loc, scale, c, parameterTerms(loc, scale, c))
  }

  @inlinable
  public static func logProb(_ x: Double, _ loc: Double, _ scale: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard x.isFinite else { return x.isNaN ? .nan : -.infinity }
    return -terms.t0 - Swift.abs(x - loc) * terms.t1
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
    let r = x - loc
    let a = Swift.abs(r) * inverseScale
    let sign: Double = r > 0 ? 1 : (r < 0 ? -1 : 0)
    return (-terms.t0 - a, -sign * inverseScale, sign * inverseScale, (a - 1) * inverseScale, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .real }
  public static func mean(_ loc: Double, _ scale: Double, _ c: Double) -> Double { loc }
  public static func variance(_ loc: Double, _ scale: Double, _ c: Double) -> Double { 2 * scale * scale }

  public static func sample(_ stream: inout KeyStream, _ loc: Double, _ scale: Double, _ c: Double) -> Double {
    let v = Variates.openUniform(&stream) - 0.5
    let sign: Double = v > 0 ? 1 : (v < 0 ? -1 : 0)
    return loc - scale * sign * Foundation.log1p(-2 * Swift.abs(v))
  }
}
