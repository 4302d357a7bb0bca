import Arrays
import Foundation

/// Uniform(low, high) on [low, high] (NumPyro `Uniform`, SciPy `uniform(low, high − low)`).
///
///     log p = −log(high − low)      (low ≤ x ≤ high; −∞ outside)
///     ∂/∂x = 0      ∂/∂low = 1/(high − low)      ∂/∂high = −1/(high − low)
///
/// Both ends are in the support, as SciPy. `validate` also requires low < high. Mean
/// (low + high)/2, variance (high − low)²/12. Sampling: low + (high − low)U.
public enum Uniform: ElementwiseFamily {
  public static let name = "Uniform"
  public static let parameterNames = ["low", "high"]
  public static let differentiableParameters = [true, true]
  public static let parameterConstraints: [ParameterConstraint] = [.real, .real]

  public static func validate(_ low: Double, _ high: Double, _ c: Double) -> String? {
    if let message = ParameterConstraint.firstViolation(parameterConstraints, parameterNames, low, high, c) {
      return message
    }
    return low < high ? nil : "high must be greater than low, got low = \(low), high = \(high)"
  }

  /// t0 = log(high − low), t1 = 1/(high − low).
  @inlinable
  public static func parameterTerms(_ low: Double, _ high: Double, _ c: Double) -> ParameterTerms {
    ParameterTerms(Foundation.log(high - low), 1 / (high - low))
  }

  @inlinable
  public static func logProb(_ x: Double, _ low: Double, _ high: Double, _ c: Double) -> Double {
    logProb(x, low, high, c, parameterTerms(low, high, c))
  }

  @inlinable
  public static func logProb(_ x: Double, _ low: Double, _ high: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    guard x >= low, x <= high else { return x.isNaN ? .nan : -.infinity }
    return -terms.t0
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ low: Double, _ high: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(x, low, high, c, parameterTerms(low, high, c))
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ low: Double, _ high: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    guard x >= low, x <= high else { return (x.isNaN ? .nan : -.infinity, 0, 0, 0, 0) }
    return (-terms.t0, 0, terms.t1, -terms.t1, 0)
  }

  public static func support(_ low: Double, _ high: Double, _ c: Double) -> Support { .interval(low: low, high: high) }
  public static func mean(_ low: Double, _ high: Double, _ c: Double) -> Double { 0.5 * (low + high) }
  public static func variance(_ low: Double, _ high: Double, _ c: Double) -> Double {
    (high - low) * (high - low) / 12
  }

  public static func sample(_ stream: inout KeyStream, _ low: Double, _ high: Double, _ c: Double) -> Double {
    low + (high - low) * stream.nextDouble()
  }
}
