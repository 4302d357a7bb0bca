import Arrays
import Foundation

/// Bernoulli(probs p) on {0, 1} (NumPyro `BernoulliProbs`, SciPy `bernoulli(p)`).
///
///     log p(1) = log p,   log p(0) = log(1 − p)  (`log1p(−p)`)
///     ∂/∂p = 1/p at x = 1,  −1/(1 − p) at x = 0
///
/// Values other than 0 and 1 give −∞; log p(0) at p = 0 and log p(1) at p = 1 are 0.
/// Mean p, variance p(1 − p). Sampling: 1 if U < p.
public enum BernoulliProbs: ElementwiseFamily {
  public static let name = "Bernoulli"
  public static let parameterNames = ["probs"]
  public static let differentiableParameters = [true]
  public static let parameterConstraints: [ParameterConstraint] = [.unitInterval]
  public static var isDiscrete: Bool { true }

  /// t0 = log p, t1 = log(1 − p), t2 = 1/p, t3 = −1/(1 − p).
  @inlinable
  public static func parameterTerms(_ probs: Double, _ b: Double, _ c: Double) -> ParameterTerms {
    ParameterTerms(Foundation.log(probs), Foundation.log1p(-probs), 1 / probs, -1 / (1 - probs))
  }

  @inlinable
  public static func logProb(_ x: Double, _ probs: Double, _ b: Double, _ c: Double) -> Double {
    if x == 1 { return Foundation.log(probs) }
    if x == 0 { return Foundation.log1p(-probs) }
    return x.isNaN ? .nan : -.infinity
  }

  @inlinable
  public static func logProb(_ x: Double, _ probs: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    if x == 1 { return terms.t0 }
    if x == 0 { return terms.t1 }
    return x.isNaN ? .nan : -.infinity
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ probs: Double, _ b: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(x, probs, b, c, parameterTerms(probs, b, c))
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ probs: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    if x == 1 { return (terms.t0, 0, terms.t2, 0, 0) }
    if x == 0 { return (terms.t1, 0, terms.t3, 0, 0) }
    return (x.isNaN ? .nan : -.infinity, 0, 0, 0, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .boolean }
  public static func mean(_ probs: Double, _ b: Double, _ c: Double) -> Double { probs }
  public static func variance(_ probs: Double, _ b: Double, _ c: Double) -> Double { probs * (1 - probs) }

  public static func sample(_ stream: inout KeyStream, _ probs: Double, _ b: Double, _ c: Double) -> Double {
    stream.nextDouble() < probs ? 1 : 0
  }
}

/// Bernoulli(logits ℓ) on {0, 1} (NumPyro `BernoulliLogits`), p = σ(ℓ).
///
///     log p(1) = −softplus(−ℓ),   log p(0) = −softplus(ℓ)
///     ∂/∂ℓ = x − σ(ℓ)
///
/// (`softplus` keeps both tails exact: log p(1) ≈ ℓ for ℓ ≪ 0.) Mean σ(ℓ), variance
/// σ(ℓ)σ(−ℓ). Sampling: 1 if U < σ(ℓ).
public enum BernoulliLogits: ElementwiseFamily {
  public static let name = "Bernoulli"
  public static let parameterNames = ["logits"]
  public static let differentiableParameters = [true]
  public static let parameterConstraints: [ParameterConstraint] = [.real]
  public static var isDiscrete: Bool { true }

  /// t0 = −softplus(−ℓ) = log p(1), t1 = −softplus(ℓ) = log p(0), t2 = σ(−ℓ), t3 = −σ(ℓ).
  @inlinable
  public static func parameterTerms(_ logits: Double, _ b: Double, _ c: Double) -> ParameterTerms {
    ParameterTerms(-Special.softplus(-logits), -Special.softplus(logits), Special.sigmoid(-logits), -Special.sigmoid(logits))
  }

  @inlinable
  public static func logProb(_ x: Double, _ logits: Double, _ b: Double, _ c: Double) -> Double {
    if x == 1 { return -Special.softplus(-logits) }
    if x == 0 { return -Special.softplus(logits) }
    return x.isNaN ? .nan : -.infinity
  }

  @inlinable
  public static func logProb(_ x: Double, _ logits: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    if x == 1 { return terms.t0 }
    if x == 0 { return terms.t1 }
    return x.isNaN ? .nan : -.infinity
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ logits: Double, _ b: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(x, logits, b, c, parameterTerms(logits, b, c))
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ logits: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    if x == 1 { return (terms.t0, 0, terms.t2, 0, 0) }
    if x == 0 { return (terms.t1, 0, terms.t3, 0, 0) }
    return (x.isNaN ? .nan : -.infinity, 0, 0, 0, 0)
  }

  public static func support(_ a: Double, _ b: Double, _ c: Double) -> Support { .boolean }
  public static func mean(_ logits: Double, _ b: Double, _ c: Double) -> Double { Special.sigmoid(logits) }
  public static func variance(_ logits: Double, _ b: Double, _ c: Double) -> Double {
    Special.sigmoid(logits) * Special.sigmoid(-logits)
  }

  public static func sample(_ stream: inout KeyStream, _ logits: Double, _ b: Double, _ c: Double) -> Double {
    stream.nextDouble() < Special.sigmoid(logits) ? 1 : 0
  }
}
