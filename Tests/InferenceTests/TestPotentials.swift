import Foundation
@testable import Inference

/// A Gaussian N(mean, Σ) potential written by hand: U(q) = ½(q − μ)ᵀΣ⁻¹(q − μ).
final class GaussianPotential: PotentialModel, @unchecked Sendable {
  let dimension: Int
  let mean: [Double]
  let precision: [Double]  // Σ⁻¹, row-major

  init(mean: [Double], precision: [Double]) {
    dimension = mean.count
    self.mean = mean
    self.precision = precision
  }

  /// Independent coordinates with standard deviations `sd`.
  convenience init(mean: [Double], sd: [Double]) {
    let n = mean.count
    var p = [Double](repeating: 0, count: n * n)
    for i in 0..<n { p[i * n + i] = 1 / (sd[i] * sd[i]) }
    self.init(mean: mean, precision: p)
  }

  /// Two coordinates with standard deviations s1, s2 and correlation r.
  convenience init(mean: [Double], s1: Double, s2: Double, correlation r: Double) {
    let det = s1 * s1 * s2 * s2 * (1 - r * r)
    self.init(mean: mean, precision: [s2 * s2 / det, -r * s1 * s2 / det, -r * s1 * s2 / det, s1 * s1 / det])
  }

  final class Evaluator: PotentialEvaluator {
    let model: GaussianPotential
    var diff: [Double]
    var diagonalOnly: Bool
    init(_ m: GaussianPotential) {
      model = m
      diff = [Double](repeating: 0, count: m.dimension)
      let n = m.dimension
      diagonalOnly = (0..<n).allSatisfy { i in (0..<n).allSatisfy { j in i == j || m.precision[i * n + j] == 0 } }
    }
    func potentialAndGradient(_ q: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
      let n = model.dimension
      for i in 0..<n { diff[i] = q[i] - model.mean[i] }
      var u = 0.0
      for i in 0..<n {
        var s = 0.0
        if diagonalOnly {
          s = model.precision[i * n + i] * diff[i]
        } else {
          for j in 0..<n { s += model.precision[i * n + j] * diff[j] }
        }
        g[i] = s
        u += 0.5 * diff[i] * s
      }
      return u
    }
  }

  func makeEvaluator() -> any PotentialEvaluator { Evaluator(self) }
}

/// A potential that takes about `microseconds` per call (busy wait) around a standard
/// normal, for interrupt tests.
final class SlowNormalPotential: PotentialModel, @unchecked Sendable {
  let dimension: Int
  let microseconds: Double
  init(dimension: Int, microseconds: Double) {
    self.dimension = dimension
    self.microseconds = microseconds
  }

  final class Evaluator: PotentialEvaluator {
    let wait: Double
    init(_ wait: Double) { self.wait = wait }
    func potentialAndGradient(_ q: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
      let until = DispatchTime.now().uptimeNanoseconds + UInt64(wait * 1000)
      while DispatchTime.now().uptimeNanoseconds < until {}
      var u = 0.0
      for i in 0..<q.count {
        g[i] = q[i]
        u += 0.5 * q[i] * q[i]
      }
      return u
    }
  }

  func makeEvaluator() -> any PotentialEvaluator { Evaluator(microseconds) }
}

/// The centred eight-schools model (Rubin 1981; Stan's and NumPyro's classic example of
/// divergences): μ ~ N(0, 5), τ ~ HalfCauchy(5), θⱼ ~ N(μ, τ), yⱼ ~ N(θⱼ, σⱼ), sampled on
/// q = (μ, log τ, θ₁…θ₈) with the log-Jacobian of τ = e^s.
final class CentredEightSchools: PotentialModel, @unchecked Sendable {
  static let y: [Double] = [28, 8, -3, 7, -1, 1, 18, 12]
  static let sigma: [Double] = [15, 10, 16, 11, 9, 11, 10, 18]
  let dimension = 10

  final class Evaluator: PotentialEvaluator {
    func potentialAndGradient(_ q: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
      let mu = q[0], s = q[1]
      let tau2 = Foundation.exp(2 * s)
      let e = tau2 / 25
      // U = μ²/50 + log(1 + τ²/25) − s + Σ [(θ−μ)²/(2τ²) + s] + Σ (y−θ)²/(2σ²)
      var u = mu * mu / 50 + Foundation.log1p(e) - s
      var sumD = 0.0, sumD2 = 0.0
      for j in 0..<8 {
        let theta = q[2 + j]
        let d = theta - mu
        let r = CentredEightSchools.y[j] - theta
        let v = CentredEightSchools.sigma[j] * CentredEightSchools.sigma[j]
        sumD += d
        sumD2 += d * d
        u += d * d / (2 * tau2) + s + r * r / (2 * v)
        g[2 + j] = d / tau2 - r / v
      }
      g[0] = mu / 25 - sumD / tau2
      g[1] = 2 * e / (1 + e) - 1 - sumD2 / tau2 + 8
      return u
    }
  }

  func makeEvaluator() -> any PotentialEvaluator { Evaluator() }
}
