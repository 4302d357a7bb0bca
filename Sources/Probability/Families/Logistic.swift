import Arrays
import Foundation

/// Logistic(loc μ, scale s) on the reals (NumPyro `Logistic`, SciPy `logistic(loc, scale)`).
///
/// With z = (x − μ)/s, written symmetrically so e^{−|z|} never overflows:
///
///     log p = −|z| − 2 log(1 + e^{−|z|}) − log s
///     ∂/∂x = −tanh(z/2)/s      ∂/∂μ = tanh(z/2)/s      ∂/∂s = (z tanh(z/2) − 1)/s
///
/// Mean μ, variance s²π²/3. Sampling by inversion: μ + s·logit(U).
public enum Logistic: ElementwiseFamily {
  public static let name = "Logistic"
  public static let parameterNames = ["loc", "scale"]
  public static let differentiableParameters = [true, true]
  public static let parameterConstraints: [ParameterConstraint] = [.real, .positive]

  /// t0 = log s, t1 = 1/s.
  @inlinable
  public static func parameterTerms(_ loc: Double, _ scale: Double, _ c: Double) -> ParameterTerms {
    ParameterTerms(Foundation.log(scale), 1 / scale)
  }

  @inlinable
  public static func logProb(_ x: Double, _ loc: Double, _ scale: Double, _ c: Double) -> Double {
    logProb(x, loc, scale, c, parameterTerms(loc, scale, c))
  }

  @inlinable
  public static func logProb(_ x: Double, _ loc: Double, _ scale: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard x.isFinite else { return x.isNaN ? .nan : -.infinity }
    let a = Swift.abs((x - loc) * terms.t1)
    return -a - 2 * Foundation.log1p(Foundation.exp(-a)) - terms.t0
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
    let a = Swift.abs(z)
    let t = Foundation.tanh(0.5 * z)
    return (-a - 2 * Foundation.log1p(Foundation.exp(-a)) - terms.t0, -t * inverseScale, t * inverseScale,
            (z * t - 1) * inverseScale, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .real }
  public static func mean(_ loc: Double, _ scale: Double, _ c: Double) -> Double { loc }
  public static func variance(_ loc: Double, _ scale: Double, _ c: Double) -> Double {
    scale * scale * Double.pi * Double.pi / 3
  }

  public static func sample(_ stream: inout KeyStream, _ loc: Double, _ scale: Double, _ c: Double) -> Double {
    let u = Variates.openUniform(&stream)
    return loc + scale * (Foundation.log(u) - Foundation.log1p(-u))
  }
}
