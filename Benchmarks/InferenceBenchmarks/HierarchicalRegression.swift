import Arrays
import Foundation
import Inference

/// The seed tutorial's two-level hierarchical regression (TUTORIAL.md cells 1–2) as one
/// hand-fused potential: the reference the traced model is compared against.
///
/// Unconstrained coordinates (sample-site order): μ_a, log σ_a, μ_b, log σ_b, a[J], b[J],
/// log σ_y. With s = log σ and τ = 1/σ²:
///
///   U = μ_a²/50 + μ_b²/50                                      Normal(0, 5) priors
///     + Σ_{s ∈ {s_a, s_b, s_y}} [log(1 + e^{2s}/25) − s]       HalfCauchy(5) + log-Jacobian
///     + ½τ_a Σ_j (a_j − μ_a)² + J·s_a                            a ~ Normal(μ_a, σ_a)
///     + ½τ_b Σ_j (b_j − μ_b)² + J·s_b                            b ~ Normal(μ_b, σ_b)
///     + ½τ_y Σ_i r_i² + N·s_y,  r_i = y_i − a_{g_i} − b_{g_i}·x_i  obs ~ Normal(·, σ_y)
///
/// (constants dropped). Gradient: ∂/∂a_j = τ_a(a_j − μ_a) − τ_y Σ_{i∈j} r_i,
/// ∂/∂b_j = τ_b(b_j − μ_b) − τ_y Σ_{i∈j} r_i x_i, ∂/∂μ_a = μ_a/25 − τ_a Σ_j (a_j − μ_a),
/// ∂/∂s_a = −τ_a Σ_j (a_j − μ_a)² + J + ∂HalfCauchy, ∂/∂s_y = −τ_y Σ r_i² + N + ∂HalfCauchy,
/// with ∂HalfCauchy(s) = (2e^{2s}/25)/(1 + e^{2s}/25) − 1.
///
/// The observations are grouped once at construction (a stable sort by group, which the
/// tutorial's data already is), so the likelihood is one pass over each group's
/// observations with a_j, b_j and the three residual sums in registers: no scatter.
final class HierarchicalRegression: PotentialModel, @unchecked Sendable {
  let groups: Int
  let x: [Double]
  let y: [Double]
  let groupIndex: [Int32]
  /// Observations of group j are `groupStart[j] ..< groupStart[j + 1]` of `x`, `y`.
  let groupStart: [Int]
  var dimension: Int { 2 * groups + 5 }

  /// Data from the tutorial's recipe with `RandomState(seed: 42)` (NumPy's legacy stream).
  init(groups: Int) throws {
    var rng = try RandomState(seed: 42)
    let obsPerGroup = try rng.randint(20, 51, size: groups).ints
    let intercepts = try rng.normal(0, 0.3, size: groups).doubles.map { 2.0 + $0 }
    let slopes = try rng.normal(0, 0.3, size: groups).doubles.map { 0.5 + $0 }
    var xs: [Double] = [], ys: [Double] = [], gs: [Int32] = []
    for (i, n) in obsPerGroup.enumerated() {
      let xi = try NDArray.linspace(0, 10, n).doubles
      let noise = try rng.normal(0, 0.2, size: n).doubles
      for k in 0..<n {
        xs.append(xi[k])
        ys.append(intercepts[i] + slopes[i] * xi[k] + noise[k])
        gs.append(Int32(i))
      }
    }
    // Stable sort by group (a no-op for the tutorial's data), then group offsets.
    let order = gs.indices.sorted { (gs[$0], $0) < (gs[$1], $1) }
    self.groups = groups
    x = order.map { xs[$0] }
    y = order.map { ys[$0] }
    groupIndex = order.map { gs[$0] }
    var start = [Int](repeating: 0, count: groups + 1)
    for g in groupIndex { start[Int(g) + 1] += 1 }
    for k in 0..<groups { start[k + 1] += start[k] }
    groupStart = start
  }

  final class Evaluator: PotentialEvaluator {
    let m: HierarchicalRegression
    init(_ m: HierarchicalRegression) { self.m = m }

    @inline(__always) static func halfCauchy(_ s: Double) -> (u: Double, du: Double) {
      let e = Foundation.exp(2 * s) / 25
      return (Foundation.log1p(e) - s, 2 * e / (1 + e) - 1)
    }

    func potentialAndGradient(_ q: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
      let j = m.groups
      let muA = q[0], sA = q[1], muB = q[2], sB = q[3], sY = q[2 * j + 4]
      let tauA = Foundation.exp(-2 * sA), tauB = Foundation.exp(-2 * sB), tauY = Foundation.exp(-2 * sY)
      let a = q.baseAddress! + 4, b = q.baseAddress! + 4 + j
      let ga = g.baseAddress! + 4, gb = g.baseAddress! + 4 + j
      // Observations, group by group: r = y − a_j − b_j·x; Σr, Σr·x, Σr² (two
      // interleaved accumulators each, to overlap the additions' latency).
      var ssr = 0.0
      m.x.withUnsafeBufferPointer { xs in
        m.y.withUnsafeBufferPointer { ys in
          m.groupStart.withUnsafeBufferPointer { start in
            for k in 0..<j {
              let ak = a[k], bk = b[k]
              var sr0 = 0.0, sr1 = 0.0, srx0 = 0.0, srx1 = 0.0, ss0 = 0.0, ss1 = 0.0
              var i = start[k]
              let end = start[k + 1]
              while i + 1 < end {
                let x0 = xs[i], x1 = xs[i + 1]
                let r0 = ys[i] - ak - bk * x0
                let r1 = ys[i + 1] - ak - bk * x1
                sr0 += r0; sr1 += r1
                srx0 += r0 * x0; srx1 += r1 * x1
                ss0 += r0 * r0; ss1 += r1 * r1
                i += 2
              }
              if i < end {
                let r = ys[i] - ak - bk * xs[i]
                sr0 += r; srx0 += r * xs[i]; ss0 += r * r
              }
              ga[k] = -(sr0 + sr1)
              gb[k] = -(srx0 + srx1)
              ssr += ss0 + ss1
            }
          }
        }
      }
      let n = Double(m.x.count)
      // Group effects.
      var ssA = 0.0, ssB = 0.0, sumA = 0.0, sumB = 0.0
      for k in 0..<j {
        let da = a[k] - muA, db = b[k] - muB
        ssA += da * da
        ssB += db * db
        sumA += da
        sumB += db
        ga[k] = tauY * ga[k] + tauA * da
        gb[k] = tauY * gb[k] + tauB * db
      }
      let (ha, dha) = Evaluator.halfCauchy(sA)
      let (hb, dhb) = Evaluator.halfCauchy(sB)
      let (hy, dhy) = Evaluator.halfCauchy(sY)
      let jd = Double(j)
      g[0] = muA / 25 - tauA * sumA
      g[1] = -tauA * ssA + jd + dha
      g[2] = muB / 25 - tauB * sumB
      g[3] = -tauB * ssB + jd + dhb
      g[2 * j + 4] = -tauY * ssr + n + dhy
      return (muA * muA + muB * muB) / 50 + ha + hb + hy
        + 0.5 * tauA * ssA + jd * sA + 0.5 * tauB * ssB + jd * sB + 0.5 * tauY * ssr + n * sY
    }
  }

  func makeEvaluator() -> any PotentialEvaluator { Evaluator(self) }

  /// The same potential computed naively (no fusion), for a finite-difference and
  /// consistency check of the fused gradient.
  func naivePotential(_ q: [Double]) -> Double {
    let j = groups
    let muA = q[0], sA = q[1], muB = q[2], sB = q[3], sY = q[2 * j + 4]
    func normalU(_ v: Double, _ mu: Double, _ sigma: Double) -> Double {
      let z = (v - mu) / sigma
      return 0.5 * z * z + Foundation.log(sigma)
    }
    func halfCauchyU(_ s: Double) -> Double { Foundation.log(1 + Foundation.exp(2 * s) / 25) - s }
    var u = muA * muA / 50 + muB * muB / 50 + halfCauchyU(sA) + halfCauchyU(sB) + halfCauchyU(sY)
    for k in 0..<j {
      u += normalU(q[4 + k], muA, Foundation.exp(sA))
      u += normalU(q[4 + j + k], muB, Foundation.exp(sB))
    }
    for i in x.indices {
      let k = Int(groupIndex[i])
      u += normalU(y[i], q[4 + k] + q[4 + j + k] * x[i], Foundation.exp(sY))
    }
    return u
  }
}
