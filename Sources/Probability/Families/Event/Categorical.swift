import Arrays
import Foundation

/// Categorical over K classes on the last axis, with logits (NumPyro
/// `CategoricalLogits`) or probs (`CategoricalProbs`); values are class indices
/// 0…K − 1 held as Doubles.
///
/// Logits (unnormalized; −∞ gives a class zero mass), with m = max ℓ:
///
///     log p(k) = ℓₖ − logsumexp(ℓ),   logsumexp(ℓ) = m + log Σⱼ e^{ℓⱼ − m}
///     ∂/∂ℓⱼ = [j = k] − softmax(ℓ)ⱼ
///
/// Probs (a point of the simplex, not renormalized, as NumPyro):
///
///     log p(k) = log pₖ,   ∂/∂pⱼ = [j = k]/pₖ
///
/// A value that is not an integer in [0, K) gives −∞ and no gradient. Sampling inverts
/// the CDF of softmax(ℓ) (or of p) with one uniform.
public enum Categorical {
  /// log p(value) for unnormalized logits.
  public static func logProb(_ value: Double, logits: UnsafeBufferPointer<Double>) -> Double {
    guard let k = classIndex(value, logits.count) else { return value.isNaN ? .nan : -.infinity }
    return logits[k] - logSumExp(logits)
  }

  /// log p(value) and, added into `gradLogits`, upstream · ∂ log p/∂ℓ.
  @discardableResult
  public static func logProbVJP(
    _ value: Double, logits: UnsafeBufferPointer<Double>, upstream: Double,
    gradLogits: UnsafeMutableBufferPointer<Double>
  ) -> Double {
    guard let k = classIndex(value, logits.count) else { return value.isNaN ? .nan : -.infinity }
    let normalizer = logSumExp(logits)
    for j in 0..<logits.count { gradLogits[j] -= upstream * Foundation.exp(logits[j] - normalizer) }
    gradLogits[k] += upstream
    return logits[k] - normalizer
  }

  /// log p(value) for class probabilities.
  public static func logProb(_ value: Double, probs: UnsafeBufferPointer<Double>) -> Double {
    guard let k = classIndex(value, probs.count) else { return value.isNaN ? .nan : -.infinity }
    return Foundation.log(probs[k])
  }

  /// log p(value) and, added into `gradProbs`, upstream · ∂ log p/∂p.
  @discardableResult
  public static func logProbVJP(
    _ value: Double, probs: UnsafeBufferPointer<Double>, upstream: Double,
    gradProbs: UnsafeMutableBufferPointer<Double>
  ) -> Double {
    guard let k = classIndex(value, probs.count) else { return value.isNaN ? .nan : -.infinity }
    gradProbs[k] += upstream / probs[k]
    return Foundation.log(probs[k])
  }

  /// nil, or a message naming the violated constraint.
  public static func validate(logits: UnsafeBufferPointer<Double>) -> String? {
    if logits.isEmpty { return "logits must have at least one class" }
    if let bad = logits.first(where: { !($0.isFinite || $0 == -.infinity) }) {
      return "logits must be finite real numbers or -inf, got \(bad)"
    }
    if !logits.contains(where: { $0.isFinite }) { return "logits must have a finite entry" }
    return nil
  }

  /// nil, or a message naming the violated constraint (NumPyro's simplex tolerance 1e-6).
  public static func validate(probs: UnsafeBufferPointer<Double>) -> String? {
    if probs.isEmpty { return "probs must have at least one class" }
    if let bad = probs.first(where: { !($0 >= 0 && $0 <= 1) }) { return "probs must be in [0, 1], got \(bad)" }
    let total = probs.reduce(0, +)
    if Swift.abs(total - 1) > 1e-6 { return "probs must sum to 1 (a simplex), got sum \(total)" }
    return nil
  }

  /// The support for K classes: the integers 0…K − 1.
  public static func support(classes: Int) -> Support { .integerInterval(low: 0, high: classes - 1) }

  /// One class index drawn from softmax(logits).
  public static func sample(_ stream: inout KeyStream, logits: UnsafeBufferPointer<Double>) -> Double {
    let m = logits.max() ?? 0
    var total = 0.0
    for l in logits { total += Foundation.exp(l - m) }
    let u = stream.nextDouble() * total
    var cumulative = 0.0
    for (j, l) in logits.enumerated() {
      cumulative += Foundation.exp(l - m)
      if u < cumulative { return Double(j) }
    }
    return Double(lastPositive(logits) { $0 > -.infinity })
  }

  /// One class index drawn from probs.
  public static func sample(_ stream: inout KeyStream, probs: UnsafeBufferPointer<Double>) -> Double {
    let u = stream.nextDouble() * probs.reduce(0, +)
    var cumulative = 0.0
    for (j, p) in probs.enumerated() {
      cumulative += p
      if u < cumulative { return Double(j) }
    }
    return Double(lastPositive(probs) { $0 > 0 })
  }

  static func lastPositive(_ values: UnsafeBufferPointer<Double>, _ isPositive: (Double) -> Bool) -> Int {
    var j = values.count - 1
    while j > 0 && !isPositive(values[j]) { j -= 1 }
    return j
  }

  @inline(__always)
  static func classIndex(_ value: Double, _ count: Int) -> Int? {
    guard value >= 0, value < Double(count), value == value.rounded() else { return nil }
    return Int(value)
  }

  static func logSumExp(_ values: UnsafeBufferPointer<Double>) -> Double {
    var m = -Double.infinity
    for v in values where v > m { m = v }
    if !m.isFinite { return m }
    var sum = 0.0
    for v in values { sum += Foundation.exp(v - m) }
    return m + Foundation.log(sum)
  }
}
