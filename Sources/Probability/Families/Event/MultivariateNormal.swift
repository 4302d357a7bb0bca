import Arrays
import Foundation

/// MultivariateNormal(loc μ, scaleTril L | covarianceMatrix Σ | precisionMatrix P) on
/// ℝⁿ (NumPyro `MultivariateNormal`, SciPy `multivariate_normal`). Matrices are n × n
/// row-major buffers.
///
/// With r = x − μ, w = L⁻¹r (forward substitution) and v = L⁻ᵀw = Σ⁻¹r:
///
///     log p = −½|w|² − Σᵢ log Lᵢᵢ − (n/2) log 2π
///     ∂/∂x = −v        ∂/∂μ = v
///     ∂/∂Lᵢⱼ = vᵢwⱼ − [i = j]/Lᵢᵢ                 (i ≥ j; 0 above the diagonal)
///     ∂/∂Σ = ½(vvᵀ − Σ⁻¹)                           (Σ = LLᵀ by Cholesky)
///     ∂/∂P = ½(P⁻¹ − rrᵀ)   with log p = −½rᵀPr + Σᵢ log (L_P)ᵢᵢ − (n/2) log 2π
///
/// The covariance and precision gradients are the symmetric ones: they are the
/// gradients of f((A + Aᵀ)/2), since the factorization reads A only through its
/// symmetric part (JAX's `cholesky(symmetrize_input=True)`). A non-finite value gives
/// −∞ (NaN propagates); a covariance that is not positive definite gives NaN (validate
/// once with `validate(covarianceMatrix:)`). Sampling: μ + Lz with z standard normal.
///
/// References:
/// 1. G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., §4.2 (Cholesky).
/// 2. M. B. Giles, "An extended collection of matrix derivative results for forward and
///    reverse mode algorithmic differentiation", 2008 (§2.3.4, the log-determinant and
///    inverse adjoints used above).
public enum MultivariateNormal {
  static let halfLog2Pi = 0.91893853320467274178

  // MARK: scaleTril

  public static func logProb(
    _ value: UnsafeBufferPointer<Double>, loc: UnsafeBufferPointer<Double>, scaleTril: UnsafeBufferPointer<Double>
  ) -> Double {
    logProbVJP(value, loc: loc, scaleTril: scaleTril, upstream: 0, gradValue: nil, gradLoc: nil, gradScaleTril: nil)
  }

  /// log p and, added into the gradient buffers that are given, upstream · ∂ log p.
  @discardableResult
  public static func logProbVJP(
    _ value: UnsafeBufferPointer<Double>, loc: UnsafeBufferPointer<Double>, scaleTril: UnsafeBufferPointer<Double>,
    upstream: Double, gradValue: UnsafeMutableBufferPointer<Double>?, gradLoc: UnsafeMutableBufferPointer<Double>?,
    gradScaleTril: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    let n = value.count
    precondition(loc.count == n && scaleTril.count == n * n, "MultivariateNormal: sizes do not match")
    if let bad = nonFinite(value) { return bad }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { work in
      let w = UnsafeMutableBufferPointer(rebasing: work[0..<n])
      let v = UnsafeMutableBufferPointer(rebasing: work[n..<(2 * n)])
      for i in 0..<n { w[i] = value[i] - loc[i] }
      forwardSubstitute(scaleTril, w, n)
      var logProb = -Double(n) * halfLog2Pi
      for i in 0..<n { logProb -= 0.5 * w[i] * w[i] + Foundation.log(scaleTril[i * n + i]) }
      guard gradValue != nil || gradLoc != nil || gradScaleTril != nil else { return logProb }
      for i in 0..<n { v[i] = w[i] }
      backSubstitute(scaleTril, v, n)
      for i in 0..<n {
        gradValue?[i] -= upstream * v[i]
        gradLoc?[i] += upstream * v[i]
      }
      if let g = gradScaleTril {
        for i in 0..<n {
          for j in 0...i { g[i * n + j] += upstream * v[i] * w[j] }
          g[i * n + i] -= upstream / scaleTril[i * n + i]
        }
      }
      return logProb
    }
  }

  // MARK: covarianceMatrix

  public static func logProb(
    _ value: UnsafeBufferPointer<Double>, loc: UnsafeBufferPointer<Double>, covarianceMatrix: UnsafeBufferPointer<Double>
  ) -> Double {
    logProbVJP(value, loc: loc, covarianceMatrix: covarianceMatrix, upstream: 0, gradValue: nil, gradLoc: nil,
               gradCovarianceMatrix: nil)
  }

  @discardableResult
  public static func logProbVJP(
    _ value: UnsafeBufferPointer<Double>, loc: UnsafeBufferPointer<Double>, covarianceMatrix: UnsafeBufferPointer<Double>,
    upstream: Double, gradValue: UnsafeMutableBufferPointer<Double>?, gradLoc: UnsafeMutableBufferPointer<Double>?,
    gradCovarianceMatrix: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    let n = value.count
    precondition(loc.count == n && covarianceMatrix.count == n * n, "MultivariateNormal: sizes do not match")
    if let bad = nonFinite(value) { return bad }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n * n + 2 * n) { work in
      let l = UnsafeMutableBufferPointer(rebasing: work[0..<(n * n)])
      let inverse = UnsafeMutableBufferPointer(rebasing: work[(n * n)..<(2 * n * n)])
      let w = UnsafeMutableBufferPointer(rebasing: work[(2 * n * n)..<(2 * n * n + n)])
      let v = UnsafeMutableBufferPointer(rebasing: work[(2 * n * n + n)..<(2 * n * n + 2 * n)])
      guard cholesky(covarianceMatrix, n: n, into: l) else { return .nan }
      let lr = UnsafeBufferPointer(l)
      for i in 0..<n { w[i] = value[i] - loc[i] }
      forwardSubstitute(lr, w, n)
      var logProb = -Double(n) * halfLog2Pi
      for i in 0..<n { logProb -= 0.5 * w[i] * w[i] + Foundation.log(l[i * n + i]) }
      guard gradValue != nil || gradLoc != nil || gradCovarianceMatrix != nil else { return logProb }
      for i in 0..<n { v[i] = w[i] }
      backSubstitute(lr, v, n)
      for i in 0..<n {
        gradValue?[i] -= upstream * v[i]
        gradLoc?[i] += upstream * v[i]
      }
      if let g = gradCovarianceMatrix {
        inverseFromCholesky(lr, n, into: inverse)
        for i in 0..<n {
          for j in 0..<n { g[i * n + j] += upstream * 0.5 * (v[i] * v[j] - inverse[i * n + j]) }
        }
      }
      return logProb
    }
  }

  // MARK: precisionMatrix

  public static func logProb(
    _ value: UnsafeBufferPointer<Double>, loc: UnsafeBufferPointer<Double>, precisionMatrix: UnsafeBufferPointer<Double>
  ) -> Double {
    logProbVJP(value, loc: loc, precisionMatrix: precisionMatrix, upstream: 0, gradValue: nil, gradLoc: nil,
               gradPrecisionMatrix: nil)
  }

  @discardableResult
  public static func logProbVJP(
    _ value: UnsafeBufferPointer<Double>, loc: UnsafeBufferPointer<Double>, precisionMatrix: UnsafeBufferPointer<Double>,
    upstream: Double, gradValue: UnsafeMutableBufferPointer<Double>?, gradLoc: UnsafeMutableBufferPointer<Double>?,
    gradPrecisionMatrix: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    let n = value.count
    precondition(loc.count == n && precisionMatrix.count == n * n, "MultivariateNormal: sizes do not match")
    if let bad = nonFinite(value) { return bad }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n * n + 2 * n) { work in
      let l = UnsafeMutableBufferPointer(rebasing: work[0..<(n * n)])
      let inverse = UnsafeMutableBufferPointer(rebasing: work[(n * n)..<(2 * n * n)])
      let r = UnsafeMutableBufferPointer(rebasing: work[(2 * n * n)..<(2 * n * n + n)])
      let pr = UnsafeMutableBufferPointer(rebasing: work[(2 * n * n + n)..<(2 * n * n + 2 * n)])
      guard cholesky(precisionMatrix, n: n, into: l) else { return .nan }
      for i in 0..<n { r[i] = value[i] - loc[i] }
      // rᵀPr = |L_Pᵀ r|²
      var quadratic = 0.0
      var logProb = -Double(n) * halfLog2Pi
      for j in 0..<n {
        var t = 0.0
        for i in j..<n { t += l[i * n + j] * r[i] }
        quadratic += t * t
        logProb += Foundation.log(l[j * n + j])
      }
      logProb -= 0.5 * quadratic
      guard gradValue != nil || gradLoc != nil || gradPrecisionMatrix != nil else { return logProb }
      for i in 0..<n {
        var t = 0.0
        for j in 0..<n { t += 0.5 * (precisionMatrix[i * n + j] + precisionMatrix[j * n + i]) * r[j] }
        pr[i] = t
        gradValue?[i] -= upstream * t
        gradLoc?[i] += upstream * t
      }
      if let g = gradPrecisionMatrix {
        inverseFromCholesky(UnsafeBufferPointer(l), n, into: inverse)
        for i in 0..<n {
          for j in 0..<n { g[i * n + j] += upstream * 0.5 * (inverse[i * n + j] - r[i] * r[j]) }
        }
      }
      return logProb
    }
  }

  // MARK: Validation, support, moments, sampling

  /// nil, or why `scaleTril` is not lower triangular with a positive diagonal.
  public static func validate(scaleTril: UnsafeBufferPointer<Double>, dimension n: Int) -> String? {
    guard scaleTril.count == n * n else { return "scaleTril must be a \(n)×\(n) matrix" }
    for i in 0..<n {
      let d = scaleTril[i * n + i]
      if !(d > 0 && d.isFinite) { return "scaleTril must have a positive diagonal, got \(d) at [\(i), \(i)]" }
      for j in 0..<n where j != i {
        let x = scaleTril[i * n + j]
        if j > i && x != 0 { return "scaleTril must be lower triangular, got \(x) at [\(i), \(j)]" }
        if !x.isFinite { return "scaleTril must be finite, got \(x) at [\(i), \(j)]" }
      }
    }
    return nil
  }

  /// nil, or why the matrix is not symmetric positive definite. `name` is the parameter
  /// ("covarianceMatrix" or "precisionMatrix").
  public static func validate(
    positiveDefinite matrix: UnsafeBufferPointer<Double>, dimension n: Int, name: String = "covarianceMatrix"
  ) -> String? {
    guard matrix.count == n * n else { return "\(name) must be a \(n)×\(n) matrix" }
    var scale = 0.0
    for x in matrix {
      if !x.isFinite { return "\(name) must be finite, got \(x)" }
      scale = Swift.max(scale, Swift.abs(x))
    }
    for i in 0..<n {
      for j in 0..<i where Swift.abs(matrix[i * n + j] - matrix[j * n + i]) > 1e-8 * scale {
        return "\(name) must be symmetric, got \(matrix[i * n + j]) at [\(i), \(j)] and \(matrix[j * n + i]) at [\(j), \(i)]"
      }
    }
    let ok = withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(n * n, 1)) {
      cholesky(matrix, n: n, into: $0)
    }
    return ok ? nil : "\(name) must be positive definite"
  }

  public static let support = Support.realVector

  /// One draw μ + Lz into `value`.
  public static func sample(
    _ stream: inout KeyStream, loc: UnsafeBufferPointer<Double>, scaleTril: UnsafeBufferPointer<Double>,
    into value: UnsafeMutableBufferPointer<Double>
  ) {
    let n = loc.count
    withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(n, 1)) { z in
      for i in 0..<n { z[i] = Variates.standardNormal(&stream) }
      for i in 0..<n {
        var x = loc[i]
        for j in 0...i { x += scaleTril[i * n + j] * z[j] }
        value[i] = x
      }
    }
  }

  // MARK: Linear algebra

  /// The lower Cholesky factor of the symmetric part of `a` (n × n, row-major) into
  /// `l`; false if a pivot is not positive (not positive definite).
  @discardableResult
  public static func cholesky(_ a: UnsafeBufferPointer<Double>, n: Int, into l: UnsafeMutableBufferPointer<Double>) -> Bool {
    for j in 0..<n {
      var d = a[j * n + j]
      for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
      guard d > 0, d.isFinite else { return false }
      let ljj = d.squareRoot()
      l[j * n + j] = ljj
      for k in (j + 1)..<Swift.max(n, j + 1) { l[j * n + k] = 0 }
      for i in (j + 1)..<Swift.max(n, j + 1) {
        var s = 0.5 * (a[i * n + j] + a[j * n + i])
        for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
        l[i * n + j] = s / ljj
      }
    }
    return true
  }

  /// The VJP of the Cholesky factorization: given L = chol(A) and the adjoint L̄ of L
  /// (lower triangle read), adds into `gradMatrix` the symmetric adjoint
  ///
  ///     Ā = ½(S + Sᵀ),   S = L⁻ᵀ Φ(LᵀL̄) L⁻¹,   Φ(X) = lower triangle of X, diagonal halved
  ///
  /// (the gradient of f(chol((A + Aᵀ)/2)), as `logProbVJP(…, covarianceMatrix:)`). Lets a
  /// tape factor a shared covariance once per evaluation, run the `scaleTril` VJP for
  /// every observation, and pull the accumulated L̄ back once.
  ///
  /// Reference: I. Murray, "Differentiation of the Cholesky decomposition", arXiv:1602.07527,
  /// 2016 (eq. 10).
  public static func choleskyVJP(
    _ l: UnsafeBufferPointer<Double>, gradFactor: UnsafeBufferPointer<Double>, n: Int,
    into gradMatrix: UnsafeMutableBufferPointer<Double>
  ) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(n * n, 1)) { p in
      // P = Φ(LᵀL̄), with L̄ read on the lower triangle only.
      for i in 0..<n {
        for j in 0..<n {
          var sum = 0.0
          if j <= i {
            for k in i..<n where j <= k { sum += l[k * n + i] * gradFactor[k * n + j] }
          }
          p[i * n + j] = j < i ? sum : (j == i ? 0.5 * sum : 0)
        }
      }
      // S = L⁻ᵀ P L⁻¹: solve column by column (Lᵀ X = P, then S Lᵀ... via Sᵀ = L⁻ᵀ Xᵀ).
      withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(n, 1)) { column in
        for c in 0..<n {  // X = L⁻ᵀ P, column c
          for i in 0..<n { column[i] = p[i * n + c] }
          backSubstitute(l, column, n)
          for i in 0..<n { p[i * n + c] = column[i] }
        }
        for r in 0..<n {  // S = X L⁻¹ ⇔ Sᵀ = L⁻ᵀ Xᵀ, row r of S
          for i in 0..<n { column[i] = p[r * n + i] }
          backSubstitute(l, column, n)
          for i in 0..<n { p[r * n + i] = column[i] }
        }
      }
      for i in 0..<n {
        for j in 0..<n { gradMatrix[i * n + j] += 0.5 * (p[i * n + j] + p[j * n + i]) }
      }
    }
  }

  /// w ← L⁻¹w.
  static func forwardSubstitute(_ l: UnsafeBufferPointer<Double>, _ w: UnsafeMutableBufferPointer<Double>, _ n: Int) {
    for i in 0..<n {
      var s = w[i]
      for j in 0..<i { s -= l[i * n + j] * w[j] }
      w[i] = s / l[i * n + i]
    }
  }

  /// v ← L⁻ᵀv.
  static func backSubstitute(_ l: UnsafeBufferPointer<Double>, _ v: UnsafeMutableBufferPointer<Double>, _ n: Int) {
    var i = n - 1
    while i >= 0 {
      var s = v[i]
      for j in (i + 1)..<Swift.max(n, i + 1) { s -= l[j * n + i] * v[j] }
      v[i] = s / l[i * n + i]
      i -= 1
    }
  }

  /// (LLᵀ)⁻¹ = L⁻ᵀL⁻¹, column by column.
  static func inverseFromCholesky(_ l: UnsafeBufferPointer<Double>, _ n: Int, into inverse: UnsafeMutableBufferPointer<Double>) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(n, 1)) { e in
      for c in 0..<n {
        for i in 0..<n { e[i] = i == c ? 1 : 0 }
        forwardSubstitute(l, e, n)
        backSubstitute(l, e, n)
        for i in 0..<n { inverse[i * n + c] = e[i] }
      }
    }
  }

  static func nonFinite(_ value: UnsafeBufferPointer<Double>) -> Double? {
    for x in value where !x.isFinite { return x.isNaN ? .nan : -.infinity }
    return nil
  }
}
