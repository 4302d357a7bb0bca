import Foundation

/// NumPyro's `OrderedTransform`: K reals onto strictly increasing vectors.
///
///     y₀ = u₀,   yᵢ = yᵢ₋₁ + e^{uᵢ}
///     log|det J| = Σ_{i≥1} uᵢ         (J is lower triangular with diagonal 1, e^{uᵢ})
///     ūᵢ = e^{uᵢ} Σ_{j≥i} ȳⱼ + l̄ (i ≥ 1),   ū₀ = Σⱼ ȳⱼ
///
/// Inverse: u₀ = y₀, uᵢ = log(yᵢ − yᵢ₋₁).
enum OrderedVector {
  static func forward(_ u: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ k: Int) -> Double {
    guard k > 0 else { return 0 }
    y[0] = u[0]
    var logDet = 0.0
    for i in 1..<Swift.max(k, 1) {
      y[i] = y[i - 1] + Foundation.exp(u[i])
      logDet += u[i]
    }
    return logDet
  }

  static func inverse(_ y: UnsafePointer<Double>, _ u: UnsafeMutablePointer<Double>, _ k: Int) {
    guard k > 0 else { return }
    u[0] = y[0]
    for i in 1..<Swift.max(k, 1) { u[i] = Foundation.log(y[i] - y[i - 1]) }
  }

  static func vjp(
    _ u: UnsafePointer<Double>, _ yBar: UnsafePointer<Double>, _ logDetBar: Double,
    _ gradient: UnsafeMutablePointer<Double>, _ k: Int
  ) {
    var suffix = 0.0
    var i = k - 1
    while i >= 1 {
      suffix += yBar[i]
      gradient[i] += Foundation.exp(u[i]) * suffix + logDetBar
      i -= 1
    }
    if k > 0 { gradient[0] += suffix + yBar[0] }
  }
}
