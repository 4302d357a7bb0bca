import Arrays
import Foundation

/// HalfNormal(scale σ) on x ≥ 0 (NumPyro `HalfNormal`, SciPy `halfnorm(scale=σ)`).
///
///     log p = log 2 − ½ log 2π − log σ − ½ (x/σ)²      (x ≥ 0; −∞ for x < 0)
///     ∂/∂x = −x/σ²        ∂/∂σ = (x²/σ² − 1)/σ
///
/// x = 0 is in the support, as in SciPy (the density is finite there). Sampling: |σZ|.
public enum HalfNormal: ElementwiseFamily {
  public static let name = "HalfNormal"
  public static let parameterNames = ["scale"]
  public static let differentiableParameters = [true]
  public static let parameterConstraints: [ParameterConstraint] = [.positive]

  /// log 2 − ½ log 2π = ½ log(2/π).
  @inlinable static var halfLogTwoOverPi: Double { -0.22579135264472743236 }

  /// t0 = log σ − ½ log(2/π), t1 = 1/σ.
  @inlinable
  public static func parameterTerms(_ scale: Double, _ b: Double, _ c: Double) -> ParameterTerms {
    ParameterTerms(Foundation.log(scale) - halfLogTwoOverPi, 1 / scale)
  }

  @inlinable
  public static func logProb(_ x: Double, _ scale: Double, _ b: Double, _ c: Double) -> Double {
    logProb(x, scale, b, c, parameterTerms(scale, b, c))
  }

  @inlinable
  public static func logProb(_ x: Double, _ scale: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard x >= 0 else { return x.isNaN ? .nan : -.infinity }
    let z = x * terms.t1
    return -0.5 * z * z - terms.t0
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ scale: Double, _ b: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(x, scale, b, c, parameterTerms(scale, b, c))
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ scale: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    guard x >= 0, x < .infinity else { return (x.isNaN ? .nan : -.infinity, 0, 0, 0, 0) }
    let inverseScale = terms.t1
    let z = x * inverseScale
    return (-0.5 * z * z - terms.t0, -z * inverseScale, (z * z - 1) * inverseScale, 0, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .positive }
  /// σ√(2/π).
  public static func mean(_ scale: Double, _ b: Double, _ c: Double) -> Double {
    scale * 0.79788456080286535588
  }
  /// σ²(1 − 2/π).
  public static func variance(_ scale: Double, _ b: Double, _ c: Double) -> Double {
    scale * scale * (1 - 2 / Double.pi)
  }

  public static func sample(_ stream: inout KeyStream, _ scale: Double, _ b: Double, _ c: Double) -> Double {
    Swift.abs(scale * Variates.standardNormal(&stream))
  }
}
