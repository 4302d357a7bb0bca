/// Welford's streaming (co)variance of the draws in one window, with Stan's
/// regularization toward 1e-3·I:
///   Σ̂ ← (n/(n+5))·Σ̂ + 1e-3·(5/(n+5))·I  (`var_adaptation.hpp`, `covar_adaptation.hpp`;
/// NumPyro `welford_covariance`, `hmc_util.py`). The sample (co)variance uses n − 1.
struct WelfordEstimator {
  let dimension: Int
  let dense: Bool
  private(set) var count = 0
  private var mean: [Double]
  private var m2: [Double]  // n or n² (row-major)
  private var delta: [Double]

  init(dimension: Int, dense: Bool) {
    self.dimension = dimension
    self.dense = dense
    mean = [Double](repeating: 0, count: dimension)
    m2 = [Double](repeating: 0, count: dense ? dimension * dimension : dimension)
    delta = [Double](repeating: 0, count: dimension)
  }

  mutating func restart() {
    count = 0
    for i in mean.indices { mean[i] = 0 }
    for i in m2.indices { m2[i] = 0 }
  }

  mutating func add(_ q: UnsafePointer<Double>) {
    count += 1
    let n = Double(count)
    let d = dimension
    mean.withUnsafeMutableBufferPointer { mean in
      delta.withUnsafeMutableBufferPointer { delta in
        m2.withUnsafeMutableBufferPointer { m2 in
          for i in 0..<d {
            delta[i] = q[i] - mean[i]
            mean[i] += delta[i] / n
          }
          if dense {
            // from Stan welford_covar_estimator: m2 += (q − mean_new)·deltaᵀ
            for i in 0..<d {
              let a = q[i] - mean[i]
              let row = i * d
              for j in 0..<d { m2[row + j] += a * delta[j] }
            }
          } else {
            for i in 0..<d { m2[i] += delta[i] * (q[i] - mean[i]) }
          }
        }
      }
    }
  }

  /// The regularized estimate, or nil when it is not finite (Stan throws there). With
  /// fewer than two draws the sample (co)variance is `current`, as in Stan's
  /// `welford_var_estimator::sample_variance`.
  func regularizedEstimate(current: [Double]) -> [Double]? {
    let n = Double(count)
    let shrink = n / (n + 5)
    let jitter = 1e-3 * (5 / (n + 5))
    var out = count >= 2 ? m2.map { $0 / (n - 1) * shrink } : current.map { $0 * shrink }
    if dense {
      for i in 0..<dimension { out[i * dimension + i] += jitter }
      // Symmetrize: the two triangles accumulate the same products in different orders.
      for i in 0..<dimension {
        for j in 0..<i {
          let s = 0.5 * (out[i * dimension + j] + out[j * dimension + i])
          out[i * dimension + j] = s
          out[j * dimension + i] = s
        }
      }
    } else {
      for i in out.indices { out[i] += jitter }
    }
    return out.allSatisfy(\.isFinite) ? out : nil
  }
}
