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

/// Neal's funnel in d dimensions: v ~ N(0, 3), xᵢ | v ~ N(0, e^{v/2}); q = (v, x₁, …).
/// Its neck has curvature no single step size handles: NUTS reports divergences.
final class FunnelPotential: PotentialModel, @unchecked Sendable {
  let dimension: Int
  init(dimension: Int) { self.dimension = dimension }

  final class Evaluator: PotentialEvaluator {
    func potentialAndGradient(_ q: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
      let v = q[0]
      let k = Double(q.count - 1)
      // −log p = v²/18 + Σ xᵢ² e^{−v}/2 + k·v/2
      let ev = Foundation.exp(-v)
      var ss = 0.0
      for i in 1..<q.count {
        ss += q[i] * q[i]
        g[i] = q[i] * ev
      }
      g[0] = v / 9 - 0.5 * ss * ev + 0.5 * k
      return v * v / 18 + 0.5 * ss * ev + 0.5 * k * v
    }
  }

  func makeEvaluator() -> any PotentialEvaluator { Evaluator() }
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
