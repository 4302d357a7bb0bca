import Foundation
import Synchronization

/// A flag the driver raises to stop every chain; chains read it at each leapfrog step.
final class StopSignal: Sendable {
  private let flag = Atomic<Bool>(false)
  var isRaised: Bool { flag.load(ordering: .relaxed) }
  func raise() { flag.store(true, ordering: .relaxed) }
}

/// What one transition reports (Stan's sampler parameters `stepsize__`, `treedepth__`,
/// `n_leapfrog__`, `divergent__`, `energy__`, `accept_stat__`, and `lp__` as a potential).
struct TransitionStats {
  var diverging = false
  var treeDepth = 0
  var numSteps = 0
  var stepSize = 0.0
  var energy = 0.0
  var acceptProb = 0.0
  var potentialEnergy = 0.0
}

/// The state and workspace of one chain: the current point, the metric, the step size,
/// the random stream and every buffer a transition needs, allocated once.
///
/// The transitions live in extensions: `ChainSampler+NUTS.swift` (Stan's multinomial
/// NUTS), `ChainSampler+StaticHMC.swift`, `ChainSampler+StepSize.swift` (Stan's
/// `init_stepsize`).
final class ChainSampler {
  let dimension: Int
  let evaluator: any PotentialEvaluator
  let metric: EuclideanMetric
  let stop: StopSignal
  var rng: ChainRNG
  /// The nominal step size (Stan `nom_epsilon_`).
  var stepSize: Double
  /// The step size of the current transition, jittered (Stan `epsilon_`).
  var epsilon: Double
  let jitter: Double
  let maxDeltaEnergy: Double
  /// Total gradient evaluations so far (leapfrog steps, initialization, step-size search).
  var gradientEvaluations = 0

  /// The chain's current point: position, gradient, potential.
  var current: Proposal
  /// The trajectory's forward and backward ends; `scratch` serves the step-size search.
  let forward, backward, scratch: PhasePoint
  /// The proposal of the subtree being merged at the top level.
  var topProposal: Proposal
  /// Per tree depth k ≥ 1: the final subtree's proposal (swapped, never copied).
  var spareProposals: ContiguousArray<Proposal>
  /// Per tree depth k ≥ 1: six vectors (p_init_end, p♯_init_end, ρ_init, p_final_beg,
  /// p♯_final_beg, ρ_final) at `levels + (6k + j)·n`.
  let levels: UnsafeMutablePointer<Double>
  /// Top-level vectors, Stan's names: see `nutsTransition`.
  let pFwdFwd, pSharpFwdFwd, pFwdBck, pSharpFwdBck, pBckFwd, pSharpBckFwd, pBckBck, pSharpBckBck: UnsafeMutablePointer<Double>
  let rho, rhoFwd, rhoBck: UnsafeMutablePointer<Double>

  // Per-transition accumulators of the tree builder.
  var nLeapfrog = 0
  var sumMetroProb = 0.0
  var divergent = false
  var aborted = false

  private var arena: Arena
  private let levelCount: Int

  init(evaluator: any PotentialEvaluator, dimension n: Int, metric: InverseMetric, stepSize: Double,
    jitter: Double, maxDeltaEnergy: Double, maxTreeDepth: Int, rng: ChainRNG, stop: StopSignal) {
    self.dimension = n
    self.evaluator = evaluator
    self.metric = EuclideanMetric(metric)
    self.stop = stop
    self.rng = rng
    self.stepSize = stepSize
    self.epsilon = stepSize
    self.jitter = jitter
    self.maxDeltaEnergy = maxDeltaEnergy
    levelCount = maxTreeDepth + 1
    // 3 phase points × 4 + (2 + levelCount) proposals × 2 + 11 top-level vectors.
    arena = Arena(dimension: n, vectors: 12 + 2 * (2 + levelCount) + 11)
    forward = PhasePoint(&arena)
    backward = PhasePoint(&arena)
    scratch = PhasePoint(&arena)
    current = Proposal(&arena)
    topProposal = Proposal(&arena)
    spareProposals = []
    for _ in 0..<levelCount { spareProposals.append(Proposal(&arena)) }
    pFwdFwd = arena.take(); pSharpFwdFwd = arena.take(); pFwdBck = arena.take(); pSharpFwdBck = arena.take()
    pBckFwd = arena.take(); pSharpBckFwd = arena.take(); pBckBck = arena.take(); pSharpBckBck = arena.take()
    rho = arena.take(); rhoFwd = arena.take(); rhoBck = arena.take()
    levels = .allocate(capacity: 6 * levelCount * n)
    levels.initialize(repeating: 0, count: 6 * levelCount * n)
  }

  deinit {
    arena.deallocate()
    levels.deallocate()
  }

  /// U(q) and ∂U/∂q through the model's evaluator; NaN becomes +∞.
  @inline(__always) func potential(at q: UnsafeMutablePointer<Double>, gradient g: UnsafeMutablePointer<Double>) -> Double {
    gradientEvaluations += 1
    let u = evaluator.potentialAndGradient(UnsafeBufferPointer(start: q, count: dimension),
      UnsafeMutableBufferPointer(start: g, count: dimension))
    return u.isNaN ? .infinity : u
  }

  /// Moves the chain to `position`; false (state unchanged otherwise) when the potential
  /// or the gradient is not finite there.
  func setPosition(_ position: [Double]) -> Bool {
    let n = dimension
    let z = scratch
    for i in 0..<n { z.q[i] = position[i] }
    let u = potential(at: z.q, gradient: z.g)
    guard u.isFinite else { return false }
    for i in 0..<n where !z.g[i].isFinite { return false }
    current.q.update(from: z.q, count: n)
    current.g.update(from: z.g, count: n)
    current.potential = u
    return true
  }

  /// Stan `sample_stepsize`: ε = ε_nom·(1 + j·U(−1, 1)), no draw when j = 0.
  func sampleStepSize() {
    epsilon = stepSize
    if jitter != 0 { epsilon *= 1 + jitter * (2 * rng.uniform() - 1) }
  }

  /// Starts a trajectory at the current point with fresh momentum: z ← (q, p ~ N(0, M)).
  func startTrajectory(_ z: PhasePoint) {
    let n = dimension
    z.q.update(from: current.q, count: n)
    z.g.update(from: current.g, count: n)
    z.potential = current.potential
    metric.sampleMomentum(z.p, &rng)
    z.kinetic = kineticEnergy(z)
  }

  /// K = ½ pᵀM⁻¹p, filling p♯ = M⁻¹p on the way.
  @inline(__always) func kineticEnergy(_ z: PhasePoint) -> Double {
    metric.sharp(z.p, into: z.pSharp)
    return 0.5 * ChainSampler.dotProduct(z.p, z.pSharp, dimension)
  }

  /// Σ aᵢbᵢ with four partial sums (i mod 4, the tail into the first), added as
  /// (s0 + s1) + (s2 + s3): four independent chains of additions instead of one, as
  /// Eigen's packet reductions do. Every kinetic energy uses this order.
  @inline(__always) static func dotProduct(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var i = 0
    while i + 4 <= n {
      s0 += a[i] * b[i]
      s1 += a[i + 1] * b[i + 1]
      s2 += a[i + 2] * b[i + 2]
      s3 += a[i + 3] * b[i + 3]
      i += 4
    }
    while i < n {
      s0 += a[i] * b[i]
      i += 1
    }
    return (s0 + s1) + (s2 + s3)
  }

  /// One leapfrog step of signed size `eps` (Stan `expl_leapfrog`, `base_leapfrog::evolve`):
  /// p ← p − (ε/2)∇U(q); q ← q + ε M⁻¹p; p ← p − (ε/2)∇U(q). The gradient at the new q is
  /// kept in `z.g`, so each step costs one evaluation.
  @inline(__always) func leapfrog(_ z: PhasePoint, _ eps: Double) {
    let n = dimension
    let half = 0.5 * eps
    let q = z.q, p = z.p, g = z.g, pSharp = z.pSharp
    if metric.dense {
      for i in 0..<n { p[i] -= half * g[i] }
      metric.sharp(p, into: pSharp)
      for i in 0..<n { q[i] += eps * pSharp[i] }
    } else {
      let inverseMass = metric.inverseMass
      for i in 0..<n {
        p[i] -= half * g[i]
        q[i] += eps * inverseMass[i] * p[i]
      }
    }
    z.potential = potential(at: q, gradient: g)
    for i in 0..<n { p[i] -= half * g[i] }
    z.kinetic = kineticEnergy(z)
  }

  /// log(eᵃ + eᵇ), exact at −∞ (Stan `math::log_sum_exp`).
  @inline(__always) static func logSumExp(_ a: Double, _ b: Double) -> Double {
    if a == -.infinity { return b }
    if b == -.infinity { return a }
    return a > b ? a + Foundation.log1p(Foundation.exp(b - a)) : b + Foundation.log1p(Foundation.exp(a - b))
  }

  /// The current position as an array.
  var position: [Double] { Array(UnsafeBufferPointer(start: current.q, count: dimension)) }
}
