import Arrays
import Foundation

/// NumPyro's `StickBreakingTransform`: K − 1 reals onto the K-simplex.
///
/// With offsets x′ᵢ = uᵢ − log(K − 1 − i) (so u = 0 maps to the centre of the simplex),
/// zᵢ = σ(x′ᵢ) is the fraction of the remaining stick Rᵢ = ∏_{j<i} (1 − zⱼ) taken by yᵢ:
///
///     yᵢ = zᵢ Rᵢ (i < K − 1),   y_{K−1} = R_{K−1}
///     log|det J| = Σᵢ log yᵢ + log(1 − zᵢ) = Σᵢ log σ(x′ᵢ) + (K − 1 − i) log σ(−x′ᵢ)
///     ∂ log|det J|/∂uᵢ = σ(−x′ᵢ) − (K − 1 − i) σ(x′ᵢ)
///
/// 1 − zᵢ is formed as σ(−x′ᵢ), never by subtraction. The VJP of y runs the recursion
/// backwards: z̄ᵢ = Rᵢ(ȳᵢ − R̄ᵢ₊₁), R̄ᵢ = zᵢȳᵢ + (1 − zᵢ)R̄ᵢ₊₁, ūᵢ = zᵢ(1 − zᵢ) z̄ᵢ.
/// The inverse takes the remaining stick as the suffix sum Σ_{j>i} yⱼ (no 1 − cumsum
/// cancellation).
///
/// References:
/// 1. Stan Reference Manual, "Unit simplex" transform (stick breaking with the
///    log(K − 1 − i) offset).
/// 2. NumPyro `numpyro/distributions/transforms.py`, `StickBreakingTransform`.
enum StickBreaking {
  static func forward(_ u: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ k: Int) -> Double {
    var remaining = 1.0
    var logDet = 0.0
    for i in 0..<(k - 1) {
      let offset = Double(k - 1 - i)
      let x = u[i] - Foundation.log(offset)
      let z = Special.sigmoid(x)
      y[i] = z * remaining
      remaining *= Special.sigmoid(-x)
      logDet += -Special.softplus(-x) - offset * Special.softplus(x)
    }
    y[k - 1] = remaining
    return logDet
  }

  static func inverse(_ y: UnsafePointer<Double>, _ u: UnsafeMutablePointer<Double>, _ k: Int) {
    var suffix = y[k - 1]
    var i = k - 2
    while i >= 0 {
      u[i] = Foundation.log(y[i]) - Foundation.log(suffix) + Foundation.log(Double(k - 1 - i))
      suffix += y[i]
      i -= 1
    }
  }

  static func vjp(
    _ u: UnsafePointer<Double>, _ yBar: UnsafePointer<Double>, _ logDetBar: Double,
    _ gradient: UnsafeMutablePointer<Double>, _ k: Int
  ) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(k, 1)) { remaining in
      remaining[0] = 1
      for i in 0..<(k - 1) {
        remaining[i + 1] = remaining[i] * Special.sigmoid(-(u[i] - Foundation.log(Double(k - 1 - i))))
      }
      var remainingBar = yBar[k - 1]
      var i = k - 2
      while i >= 0 {
        let offset = Double(k - 1 - i)
        let x = u[i] - Foundation.log(offset)
        let z = Special.sigmoid(x)
        let zc = Special.sigmoid(-x)
        let zBar = remaining[i] * (yBar[i] - remainingBar)
        remainingBar = z * yBar[i] + zc * remainingBar
        gradient[i] += zBar * z * zc + logDetBar * (zc - offset * z)
        i -= 1
      }
    }
  }
}
