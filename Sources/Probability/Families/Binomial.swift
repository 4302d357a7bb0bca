import Arrays
import Foundation

/// Binomial(totalCount n, probs p) on {0, …, n} (NumPyro `BinomialProbs`, SciPy
/// `binom(n, p)`).
///
///     log p = log C(n, k) + k log p + (n − k) log(1 − p)
///     ∂/∂p = k/p − (n − k)/(1 − p)          (n is not differentiable)
///
/// Evaluated in Loader's saddle-point form (`SaddlePoint.logBinomial`, R's
/// `dbinom_raw`), accurate to ~1e-15 where log C(n, k) from lgamma loses ~1e-9 at
/// n ≈ 10⁶ (as SciPy's `binom.logpmf`). Non-integer k or k outside [0, n] give −∞.
/// Mean np, variance np(1 − p). Sampling: inversion for n·min(p, 1 − p) ≤ 30, otherwise
/// recursive beta splitting (`Variates.binomial`).
public enum BinomialProbs: ElementwiseFamily {
  public static let name = "Binomial"
  public static let parameterNames = ["totalCount", "probs"]
  public static let differentiableParameters = [false, true]
  public static let parameterConstraints: [ParameterConstraint] = [.nonnegativeInteger, .unitInterval]
  public static var isDiscrete: Bool { true }

  /// The parameter constraints, and totalCount ≤ 2⁵³ (exact as a Double and as an Int).
  public static func validate(_ n: Double, _ b: Double, _ c: Double) -> String? {
    if let message = ParameterConstraint.firstViolation(parameterConstraints, parameterNames, n, b, c) { return message }
    return n <= 9_007_199_254_740_992 ? nil : "totalCount must be at most 2^53, got \(n)"
  }

  @inlinable
  public static func logProb(_ k: Double, _ n: Double, _ probs: Double, _ c: Double) -> Double {
    guard k >= 0, k <= n, k == k.rounded() else { return k.isNaN ? .nan : -.infinity }
    return SaddlePoint.logBinomial(k, n, probs, 1 - probs)
  }

  @inlinable
  public static func logProbAndPartials(_ k: Double, _ n: Double, _ probs: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    let logProb = logProb(k, n, probs, c)
    guard logProb > -.infinity else { return (logProb, 0, 0, 0, 0) }
    let success = k == 0 ? 0 : k / probs
    let failure = k == n ? 0 : (n - k) / (1 - probs)
    return (logProb, 0, 0, success - failure, 0)
  }

  public static func support(_ n: Double, _ b: Double, _ c: Double) -> Support {
    .integerInterval(low: 0, high: Int(n))
  }
  public static func mean(_ n: Double, _ probs: Double, _ c: Double) -> Double { n * probs }
  public static func variance(_ n: Double, _ probs: Double, _ c: Double) -> Double { n * probs * (1 - probs) }

  public static func sample(_ stream: inout KeyStream, _ n: Double, _ probs: Double, _ c: Double) -> Double {
    Variates.binomial(Int(n), probs, &stream)
  }
}

/// Binomial(totalCount n, logits ℓ) on {0, …, n} (NumPyro `BinomialLogits`), p = σ(ℓ).
///
///     log p = log C(n, k) + kℓ − n softplus(ℓ)
///     ∂/∂ℓ = k − nσ(ℓ)
///
/// Evaluated as `BinomialProbs` with p = σ(ℓ) and 1 − p = σ(−ℓ) (both accurate to
/// relative rounding), unless one of them is subnormal (|ℓ| ≳ 708), where the direct
/// form above is used. Mean nσ(ℓ), variance nσ(ℓ)σ(−ℓ).
public enum BinomialLogits: ElementwiseFamily {
  public static let name = "Binomial"
  public static let parameterNames = ["totalCount", "logits"]
  public static let differentiableParameters = [false, true]
  public static let parameterConstraints: [ParameterConstraint] = [.nonnegativeInteger, .real]
  public static var isDiscrete: Bool { true }

  /// The parameter constraints, and totalCount ≤ 2⁵³ (exact as a Double and as an Int).
  public static func validate(_ n: Double, _ b: Double, _ c: Double) -> String? {
    if let message = ParameterConstraint.firstViolation(parameterConstraints, parameterNames, n, b, c) { return message }
    return n <= 9_007_199_254_740_992 ? nil : "totalCount must be at most 2^53, got \(n)"
  }

  @inlinable
  public static func logProb(_ k: Double, _ n: Double, _ logits: Double, _ c: Double) -> Double {
    guard k >= 0, k <= n, k == k.rounded() else { return k.isNaN ? .nan : -.infinity }
    let p = Special.sigmoid(logits)
    let q = Special.sigmoid(-logits)
    if p >= Double.leastNormalMagnitude && q >= Double.leastNormalMagnitude {
      return SaddlePoint.logBinomial(k, n, p, q)
    }
    let logChoose = Foundation.lgamma(n + 1) - Foundation.lgamma(k + 1) - Foundation.lgamma(n - k + 1)
    return logChoose + k * logits - n * Special.softplus(logits)
  }

  @inlinable
  public static func logProbAndPartials(_ k: Double, _ n: Double, _ logits: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    let logProb = logProb(k, n, logits, c)
    guard logProb > -.infinity else { return (logProb, 0, 0, 0, 0) }
    // k − nσ(ℓ) = kσ(−ℓ) − (n − k)σ(ℓ), without cancellation when k ≈ nσ(ℓ) is large.
    return (logProb, 0, 0, k * Special.sigmoid(-logits) - (n - k) * Special.sigmoid(logits), 0)
  }

  public static func support(_ n: Double, _ b: Double, _ c: Double) -> Support {
    .integerInterval(low: 0, high: Int(n))
  }
  public static func mean(_ n: Double, _ logits: Double, _ c: Double) -> Double { n * Special.sigmoid(logits) }
  public static func variance(_ n: Double, _ logits: Double, _ c: Double) -> Double {
    n * Special.sigmoid(logits) * Special.sigmoid(-logits)
  }

  public static func sample(_ stream: inout KeyStream, _ n: Double, _ logits: Double, _ c: Double) -> Double {
    Variates.binomial(Int(n), Special.sigmoid(logits), &stream)
  }
}
