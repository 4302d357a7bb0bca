import Arrays
import Foundation

/// Dirichlet(concentration α) on the K-simplex (NumPyro `Dirichlet`, SciPy `dirichlet`).
///
///     log p = Σᵢ (αᵢ − 1) log xᵢ + log Γ(Σ α) − Σᵢ log Γ(αᵢ)
///     ∂/∂xᵢ = (αᵢ − 1)/xᵢ             (the ambient gradient; the tape composes it with
///                                      the stick-breaking bijector's VJP)
///     ∂/∂αᵢ = log xᵢ + ψ(Σ α) − ψ(αᵢ)
///
/// A value with a negative entry or whose sum is off 1 by more than 1e-6 (NumPyro's
/// simplex check) gives −∞. Entries at 0 follow `xlogy` (0 for αᵢ = 1; ±∞ otherwise),
/// with no gradient. Mean α/α₀, variance αᵢ(α₀ − αᵢ)/(α₀²(α₀ + 1)). Sampling:
/// normalized Gamma(αᵢ) variates, in log space so tiny αᵢ do not give 0/0.
public enum Dirichlet {
  public static func logProb(_ value: UnsafeBufferPointer<Double>, concentration: UnsafeBufferPointer<Double>) -> Double {
    logProbVJP(value, concentration: concentration, upstream: 0, gradValue: nil, gradConcentration: nil)
  }

  /// log p and, added into the gradient buffers that are given, upstream · ∂ log p.
  @discardableResult
  public static func logProbVJP(
    _ value: UnsafeBufferPointer<Double>, concentration: UnsafeBufferPointer<Double>, upstream: Double,
    gradValue: UnsafeMutableBufferPointer<Double>?, gradConcentration: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    precondition(value.count == concentration.count, "Dirichlet: value and concentration sizes differ")
    var total = 0.0
    for x in value {
      if x.isNaN { return .nan }
      if x < 0 { return -.infinity }
      total += x
    }
    if Swift.abs(total - 1) > 1e-6 { return -.infinity }
    var alphaSum = 0.0
    var logProb = 0.0
    var onBoundary = false
    for i in 0..<value.count {
      let a = concentration[i]
      alphaSum += a
      logProb -= Foundation.lgamma(a)
      if value[i] == 0 { onBoundary = true }
      logProb += a == 1 ? 0 : (a - 1) * Foundation.log(value[i])
    }
    logProb += Foundation.lgamma(alphaSum)
    if onBoundary || upstream == 0 { return logProb }
    if let g = gradValue {
      for i in 0..<value.count { g[i] += upstream * (concentration[i] - 1) / value[i] }
    }
    if let g = gradConcentration {
      let psiSum = Special.digamma(alphaSum)
      for i in 0..<value.count {
        g[i] += upstream * (Foundation.log(value[i]) + psiSum - Special.digamma(concentration[i]))
      }
    }
    return logProb
  }

  /// nil, or a message naming the violated constraint.
  public static func validate(concentration: UnsafeBufferPointer<Double>) -> String? {
    if concentration.count < 1 { return "concentration must have at least one entry" }
    for (i, a) in concentration.enumerated() where !(a > 0 && a.isFinite) {
      return "concentration must be positive, got \(a) at index \(i)"
    }
    return nil
  }

  public static let support = Support.simplex

  public static func mean(concentration: [Double]) -> [Double] {
    let total = concentration.reduce(0, +)
    return concentration.map { $0 / total }
  }

  public static func variance(concentration: [Double]) -> [Double] {
    let total = concentration.reduce(0, +)
    return concentration.map { $0 * (total - $0) / (total * total * (total + 1)) }
  }

  /// One draw into `value` (same length as `concentration`).
  public static func sample(
    _ stream: inout KeyStream, concentration: UnsafeBufferPointer<Double>, into value: UnsafeMutableBufferPointer<Double>
  ) {
    var maximum = -Double.infinity
    for i in 0..<concentration.count {
      value[i] = Variates.logStandardGamma(concentration[i], &stream)
      maximum = Swift.max(maximum, value[i])
    }
    var total = 0.0
    for i in 0..<concentration.count {
      value[i] = Foundation.exp(value[i] - maximum)
      total += value[i]
    }
    for i in 0..<concentration.count { value[i] /= total }
  }
}
