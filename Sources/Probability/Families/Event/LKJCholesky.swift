import Arrays
import Foundation

/// LKJCholesky(dimension n, concentration η): the LKJ distribution on correlation
/// matrices, p(C) ∝ det(C)^{η−1}, expressed on the Cholesky factor L (C = LLᵀ), as
/// NumPyro's `LKJCholesky` (whose `onion` and `cvine` samplers share this density).
///
/// The Jacobian of L ↦ C contributes ∏ᵢ Lᵢᵢ^{n−1−i}, so with 0-based rows i = 1…n − 1
/// (L₀₀ = 1):
///
///     log p = Σ_{i≥1} (2η − 3 + n − i) log Lᵢᵢ − log Z(n, η)
///     log Z = ½(n − 1) log π + log Γₙ₋₁(α − ½) − (n − 1) log Γ(α),   α = η + ½(n − 1)
///     log Γₚ(a) = ¼p(p − 1) log π + Σ_{j=1}^{p} log Γ(a + (1 − j)/2)   (multigammaln)
///     ∂/∂Lᵢᵢ = (2η − 3 + n − i)/Lᵢᵢ        (other entries: 0)
///     ∂/∂η = Σ_{i≥1} 2 log Lᵢᵢ − Σ_{j=1}^{n−1} ψ(α − ½ + (1 − j)/2) + (n − 1) ψ(α)
///
/// A value that is not lower triangular with positive diagonal and unit-norm rows
/// (NumPyro's `corr_cholesky` check, tolerance 1e-6) gives −∞.
///
/// Sampling by the onion method (NumPyro's default): row i ≥ 1 is √y·u with
/// y ~ Beta(i/2, η + (n − 2)/2 − (i − 1)/2) and u uniform on the sphere in ℝⁱ, and
/// diagonal √(1 − y).
///
/// References:
/// 1. D. Lewandowski, D. Kurowicka and H. Joe, "Generating random correlation matrices
///    based on vines and extended onion method", J. Multivariate Analysis 100, 2009
///    (§3.2; the normalizing constant on p. 1999).
/// 2. NumPyro `numpyro/distributions/continuous.py`, `LKJCholesky`.
public enum LKJCholesky {
  /// log Z(n, η), the normalizing constant.
  public static func logNormalizer(dimension n: Int, concentration eta: Double) -> Double {
    let dm1 = Double(n - 1)
    let alpha = eta + 0.5 * dm1
    var multigamma = 0.25 * dm1 * (dm1 - 1) * Foundation.log(Double.pi)
    for j in 1..<Swift.max(n, 1) { multigamma += Foundation.lgamma(alpha - 0.5 + 0.5 * Double(1 - j)) }
    return 0.5 * dm1 * Foundation.log(Double.pi) + multigamma - dm1 * Foundation.lgamma(alpha)
  }

  public static func logProb(_ value: UnsafeBufferPointer<Double>, dimension n: Int, concentration eta: Double) -> Double {
    var unused = 0.0
    return logProbVJP(value, dimension: n, concentration: eta, upstream: 0, gradValue: nil, gradConcentration: &unused)
  }

  /// log p and, added into `gradValue` (if given) and `gradConcentration`, upstream · ∂ log p.
  @discardableResult
  public static func logProbVJP(
    _ value: UnsafeBufferPointer<Double>, dimension n: Int, concentration eta: Double, upstream: Double,
    gradValue: UnsafeMutableBufferPointer<Double>?, gradConcentration: inout Double
  ) -> Double {
    precondition(value.count == n * n, "LKJCholesky: value must be \(n)×\(n)")
    if value.contains(where: { $0.isNaN }) { return .nan }
    guard isCorrelationCholesky(value, n) else { return -.infinity }
    var unnormalized = 0.0
    var sumLogDiagonal = 0.0
    for i in 1..<n {
      let d = value[i * n + i]
      let order = 2 * eta - 3 + Double(n - i)
      let logD = Foundation.log(d)
      unnormalized += order * logD
      sumLogDiagonal += logD
      gradValue?[i * n + i] += upstream * order / d
    }
    if upstream != 0 {
      let dm1 = Double(n - 1)
      let alpha = eta + 0.5 * dm1
      var dLogZ = -dm1 * Special.digamma(alpha)
      for j in 1..<n { dLogZ += Special.digamma(alpha - 0.5 + 0.5 * Double(1 - j)) }
      gradConcentration += upstream * (2 * sumLogDiagonal - dLogZ)
    }
    return unnormalized - logNormalizer(dimension: n, concentration: eta)
  }

  /// Lower triangular, positive diagonal, rows of unit norm within 1e-6.
  static func isCorrelationCholesky(_ l: UnsafeBufferPointer<Double>, _ n: Int) -> Bool {
    for i in 0..<n {
      if !(l[i * n + i] > 0) { return false }
      var norm2 = 0.0
      for j in 0..<n {
        let x = l[i * n + j]
        if j > i && x != 0 { return false }
        norm2 += x * x
      }
      if Swift.abs(norm2.squareRoot() - 1) > 1e-6 { return false }
    }
    return true
  }

  /// nil, or a message naming the violated constraint.
  public static func validate(dimension n: Int, concentration eta: Double) -> String? {
    if n < 2 { return "dimension must be at least 2, got \(n)" }
    if !(eta > 0 && eta.isFinite) { return "concentration must be positive, got \(eta)" }
    return nil
  }

  public static let support = Support.correlationCholesky

  /// One draw (onion method) into `value` (n × n, row-major).
  public static func sample(
    _ stream: inout KeyStream, dimension n: Int, concentration eta: Double, into value: UnsafeMutableBufferPointer<Double>
  ) {
    for k in 0..<(n * n) { value[k] = 0 }
    value[0] = 1
    let marginal = eta + 0.5 * Double(n - 2)
    for i in 1..<Swift.max(n, 1) {
      let offset = 0.5 * Double(i - 1)
      let y = Variates.beta(offset + 0.5, marginal - offset, &stream)
      var norm2 = 0.0
      for j in 0..<i {
        let z = Variates.standardNormal(&stream)
        value[i * n + j] = z
        norm2 += z * z
      }
      let scale = (y / norm2).squareRoot()
      for j in 0..<i { value[i * n + j] *= scale }
      value[i * n + i] = Swift.max(1 - y, 0).squareRoot()
    }
  }
}
