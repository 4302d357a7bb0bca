import Arrays
import Foundation

/// NumPyro's `CorrCholeskyTransform`: n(n−1)/2 reals onto Cholesky factors of
/// correlation matrices (lower triangular, positive diagonal, unit-norm rows).
///
/// u fills the strict lower triangle row by row (as `LowerCholesky`); each entry becomes
/// a partial correlation t = tanh u, and each row is a signed stick breaking of the unit
/// norm. For row i, with Rᵢ₀ = 1 and sⱼ = √(1 − tⱼ²) = sech uⱼ:
///
///     Lᵢⱼ = tⱼ Rᵢⱼ (j < i),   Rᵢ,ⱼ₊₁ = Rᵢⱼ sⱼ,   Lᵢᵢ = Rᵢᵢ
///     log|det J| = Σ_{i>j} (1 + (i − 1 − j)/2) · log(1 − tanh² uᵢⱼ)
///     log(1 − tanh² u) = 2(log 2 − |u| − softplus(−2|u|))
///     ∂ log(1 − tanh² u)/∂u = −2 tanh u
///
/// log|det J| is NumPyro's: that of u ↦ the strict lower part of L (tanh part plus
/// ½ Σ log of the remaining squared stick). Reverse sweep per row:
/// ūⱼ = sⱼ² L̄ᵢⱼ Rᵢⱼ − tⱼ Rᵢ,ⱼ₊₁ R̄ᵢ,ⱼ₊₁,  R̄ᵢⱼ = tⱼ L̄ᵢⱼ + sⱼ R̄ᵢ,ⱼ₊₁, starting from
/// R̄ᵢᵢ = L̄ᵢᵢ. The inverse divides by the remaining norm taken as a suffix sum of
/// squares (Σ_{k≥j} Lᵢₖ², which is 1 − Σ_{k<j} Lᵢₖ² without cancellation), then atanh.
///
/// References:
/// 1. D. Lewandowski, D. Kurowicka and H. Joe, "Generating random correlation matrices
///    based on vines and extended onion method", J. Multivariate Analysis 100, 2009.
/// 2. Stan Reference Manual, "Cholesky factors of correlation matrices".
/// 3. NumPyro `transforms.py`, `CorrCholeskyTransform`, `signed_stick_breaking_tril`.
enum CorrelationCholesky {
  /// log(1 − tanh² u), stable for large |u|.
  @inline(__always)
  static func logOneMinusTanhSquared(_ u: Double) -> Double {
    let a = Swift.abs(u)
    return 2 * (0.69314718055994530942 - a - Special.softplus(-2 * a))
  }

  /// sech u = 1/cosh u (0 once cosh overflows).
  @inline(__always)
  static func sech(_ u: Double) -> Double { 1 / Foundation.cosh(u) }

  static func forward(_ u: UnsafePointer<Double>, _ l: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
    var index = 0
    var logDet = 0.0
    for i in 0..<n {
      var remaining = 1.0
      for j in 0..<i {
        let v = u[index]
        index += 1
        l[i * n + j] = Foundation.tanh(v) * remaining
        remaining *= sech(v)
        logDet += (1 + 0.5 * Double(i - 1 - j)) * logOneMinusTanhSquared(v)
      }
      l[i * n + i] = remaining
      for j in (i + 1)..<Swift.max(n, i + 1) { l[i * n + j] = 0 }
    }
    return logDet
  }

  static func inverse(_ l: UnsafePointer<Double>, _ u: UnsafeMutablePointer<Double>, _ n: Int) {
    for i in 1..<Swift.max(n, 1) {
      let rowStart = i * (i - 1) / 2
      var suffix = l[i * n + i] * l[i * n + i]
      var j = i - 1
      while j >= 0 {
        let y = l[i * n + j]
        suffix += y * y
        u[rowStart + j] = Foundation.atanh(y / suffix.squareRoot())
        j -= 1
      }
    }
  }

  static func vjp(
    _ u: UnsafePointer<Double>, _ lBar: UnsafePointer<Double>, _ logDetBar: Double,
    _ gradient: UnsafeMutablePointer<Double>, _ n: Int
  ) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(n, 1)) { remaining in
      for i in 1..<Swift.max(n, 1) {
        let rowStart = i * (i - 1) / 2
        remaining[0] = 1
        for j in 0..<i { remaining[j + 1] = remaining[j] * sech(u[rowStart + j]) }
        var remainingBar = lBar[i * n + i]
        var j = i - 1
        while j >= 0 {
          let v = u[rowStart + j]
          let t = Foundation.tanh(v)
          let s = sech(v)
          let yBar = lBar[i * n + j]
          let vBar = s * s * yBar * remaining[j] - t * remaining[j + 1] * remainingBar
          remainingBar = t * yBar + s * remainingBar
          gradient[rowStart + j] += vBar + logDetBar * (1 + 0.5 * Double(i - 1 - j)) * (-2 * t)
          j -= 1
        }
      }
    }
  }
}
