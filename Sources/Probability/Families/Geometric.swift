import Arrays
import Foundation

/// Geometric(probs p): the number of failures before the first success, on
/// {0, 1, 2, …} (NumPyro `GeometricProbs`; SciPy `geom(p)` counts trials, so
/// log p(k) = `geom.logpmf(k + 1, p)`).
///
///     log p = k log(1 − p) + log p
///     ∂/∂p = 1/p − k/(1 − p)
///
/// Mean (1 − p)/p, variance (1 − p)/p². Sampling by inversion:
/// ⌊log U / log(1 − p)⌋.
public enum GeometricProbs: ElementwiseFamily {
  public static let name = "Geometric"
  public static let parameterNames = ["probs"]
  public static let differentiableParameters = [true]
  public static let parameterConstraints: [ParameterConstraint] = [.unitInterval]
  public static var isDiscrete: Bool { true }

  public static func validate(_ probs: Double, _ b: Double, _ c: Double) -> String? {
    probs > 0 && probs <= 1 ? nil : "probs must be in (0, 1], got \(probs)"
  }

  /// t0 = log p, t1 = log(1 − p), t2 = 1/p, t3 = 1/(1 − p).
  @inlinable
  public static func parameterTerms(_ probs: Double, _ b: Double, _ c: Double) -> ParameterTerms {
    ParameterTerms(Foundation.log(probs), Foundation.log1p(-probs), 1 / probs, 1 / (1 - probs))
  }

  @inlinable
  public static func logProb(_ k: Double, _ probs: Double, _ b: Double, _ c: Double) -> Double {
    logProb(k, probs, b, c, parameterTerms(probs, b, c))
  }

  @inlinable
  public static func logProb(_ k: Double, _ probs: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard k >= 0, k < .infinity, k == k.rounded() else { return k.isNaN ? .nan : -.infinity }
    return (k == 0 ? 0 : k * terms.t1) + terms.t0
  }

  @inlinable
  public static func logProbAndPartials(_ k: Double, _ probs: Double, _ b: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(k, probs, b, c, parameterTerms(probs, b, c))
  }

  @inlinable
  public static func logProbAndPartials(_ k: Double, _ probs: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    let logProb = logProb(k, probs, b, c, terms)
    guard logProb > -.infinity else { return (logProb, 0, 0, 0, 0) }
    return (logProb, 0, terms.t2 - (k == 0 ? 0 : k * terms.t3), 0, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .nonnegativeInteger }
  public static func mean(_ probs: Double, _ b: Double, _ c: Double) -> Double { (1 - probs) / probs }
  public static func variance(_ probs: Double, _ b: Double, _ c: Double) -> Double { (1 - probs) / (probs * probs) }

  public static func sample(_ stream: inout KeyStream, _ probs: Double, _ b: Double, _ c: Double) -> Double {
    if probs == 1 { return 0 }
    return (Foundation.log(Variates.openUniform(&stream)) / Foundation.log1p(-probs)).rounded(.down)
  }
}
