import Foundation

/// A source of uniform doubles in [0, 1): the Mersenne Twister of `RandomState` or the
/// Threefry stream of a `PRNGKey`.
protocol UniformSource {
  mutating func nextDouble() -> Double
}

extension MT19937: UniformSource {}
extension KeyStream: UniformSource {}

/// Hörmann's transformed rejection with squeeze (PTRS) for Poisson(λ), λ ≥ 10, step for
/// step as NumPy's `random_poisson_ptrs`, shared by `RandomState` (with NumPy's own
/// log-gamma, so it decides exactly as NumPy does) and the `PRNGKey` samplers.
///
/// References: W. Hörmann, "The transformed rejection method for generating Poisson
/// random variables", Insurance: Mathematics and Economics 12, 1993.
enum PoissonPTRS {
  static func sample<S: UniformSource>(_ lam: Double, _ source: inout S, logGamma: (Double) -> Double) -> Int {
    let slam = lam.squareRoot()
    let loglam = Foundation.log(lam)
    let b = 0.931 + 2.53 * slam
    let a = -0.059 + 0.02483 * b
    let invalpha = 1.1239 + 1.1328 / (b - 3.4)
    let vr = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = source.nextDouble() - 0.5
      let v = source.nextDouble()
      let us = 0.5 - Swift.abs(u)
      let kd = ((2 * a / us + b) * u + lam + 0.43).rounded(.down)
      guard kd < 9.2e18 else { continue }  // beyond Int (only for λ near 2⁶³)
      let k = Int(kd)
      if us >= 0.07 && v <= vr { return k }
      if k < 0 || (us < 0.013 && v > us) { continue }
      let lhs = Foundation.log(v) + Foundation.log(invalpha) - Foundation.log(a / (us * us) + b)
      if lhs <= -lam + Double(k) * loglam - logGamma(Double(k + 1)) { return k }
    }
  }
}
