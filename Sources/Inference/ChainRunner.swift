import Arrays
import Foundation

/// How a chain begins: from an initial-point strategy, or from a saved state (no warmup).
enum ChainStart {
  case fresh(InitStrategy, PRNGKey)
  case resume(ChainState)
}

/// One chain's whole run: initialization, warmup with Stan's adaptation, sampling.
///
/// Warmup follows Stan's `adapt_diag_e_nuts::transition` / `adapt_dense_e_nuts::transition`
/// and `services/util/run_adaptive_sampler.hpp`:
/// 1. `init_stepsize` at the initial point; μ = log(10ε); dual averaging restarts.
/// 2. After each warmup transition: learn the step size from its acceptance statistic,
///    then feed the position to the windowed (co)variance estimator; at a window end,
///    install the regularized estimate as M⁻¹, rerun `init_stepsize`, set μ = log(10ε)
///    and restart dual averaging.
/// 3. At the end of warmup, ε = exp(x̄).
struct ChainRunner {
  let chain: Int
  let dimension: Int
  let settings: SamplerSettings
  let numWarmup: Int
  let numSamples: Int
  let thinning: Int
  let keepWarmup: Bool
  let board: ProgressBoard
  let stop: StopSignal

  func run(evaluator: any PotentialEvaluator, start: ChainStart) throws -> ChainResult {
    let n = dimension
    let metric: InverseMetric
    let rng: ChainRNG
    let stepSize: Double
    switch start {
    case .fresh(_, let key):
      metric = settings.initialInverseMetric ?? .identity(dimension: n, dense: settings.denseMass)
      rng = ChainRNG(key: key)
      stepSize = settings.initialStepSize
    case .resume(let state):
      metric = state.inverseMetric
      rng = state.rng
      stepSize = state.stepSize
    }
    let sampler = ChainSampler(evaluator: evaluator, dimension: n, metric: metric, stepSize: stepSize,
      jitter: settings.stepSizeJitter, maxDeltaEnergy: settings.maxDeltaEnergy,
      maxTreeDepth: settings.maxTreeDepth ?? 1, rng: rng, stop: stop)
    board.start(chain)
    let cpuStart = threadCPUSeconds()
    try initialize(sampler, start)

    var result = ChainResult(chain: chain, dimension: n, inverseMetric: metric)
    let warmup: Int
    if case .resume = start { warmup = 0 } else { warmup = numWarmup }
    var interrupted = false

    // Warmup.
    let warmupStart = monotonicSeconds()
    if warmup > 0 {
      board.update(chain) { $0.phase = .warmup; $0.stepSize = sampler.stepSize }
      interrupted = try self.warmup(sampler, iterations: warmup, into: &result)
    }
    result.warmupSeconds = monotonicSeconds() - warmupStart
    result.stepSize = sampler.stepSize
    result.inverseMetric = sampler.metric.value

    // Sampling.
    let samplingStart = monotonicSeconds()
    if !interrupted {
      board.update(chain) { $0.phase = .sampling; $0.stepSize = sampler.stepSize }
      let kept = numSamples / thinning
      let offset = numSamples % thinning  // NumPyro `fori_collect`: keep the last of each block
      result.draws.reserveCapacity(kept * n)
      result.stats.reserve(kept)
      var divergences = 0
      for m in 0..<numSamples {
        guard let s = transition(sampler) else {
          interrupted = true
          break
        }
        result.samplingIterations += 1
        if s.diverging { divergences += 1 }
        if m >= offset && (m - offset) % thinning == thinning - 1 {
          result.draws.append(contentsOf: UnsafeBufferPointer(start: sampler.current.q, count: n))
          result.stats.append(s)
        }
        board.update(chain) {
          $0.iteration = warmup + m + 1
          $0.divergences = divergences
          $0.treeDepth = s.treeDepth
          $0.gradientEvaluations = sampler.gradientEvaluations
        }
      }
      result.postWarmupState = ChainState(position: sampler.position, stepSize: sampler.stepSize,
        inverseMetric: sampler.metric.value, rng: sampler.rng)
    }
    result.samplingSeconds = monotonicSeconds() - samplingStart
    result.interrupted = interrupted
    result.gradientEvaluations = sampler.gradientEvaluations
    result.cpuSeconds = threadCPUSeconds() - cpuStart
    board.update(chain) { $0.phase = interrupted ? .interrupted : .finished }
    return result
  }

  /// One transition of the configured kernel; nil when stopped.
  func transition(_ sampler: ChainSampler) -> TransitionStats? {
    switch settings.trajectory {
    case .nuts(let depth):
      return sampler.nutsTransition(maxDepth: depth)
    case .staticSteps(let steps):
      return sampler.staticTransition(steps: steps)
    case .staticLength(let length):
      // Stan `base_static_hmc::update_L_`: L = max(1, ⌊T/ε⌋) from the nominal step size.
      let l = length / sampler.stepSize
      return sampler.staticTransition(steps: l >= 1e9 ? 1_000_000_000 : max(1, Int(l)))
    }
  }

  /// Moves the sampler to its first point.
  private func initialize(_ sampler: ChainSampler, _ start: ChainStart) throws {
    let n = dimension
    func fail(_ attempts: Int, _ detail: String) -> InferenceError {
      .initializationFailed(chain: chain, attempts: attempts, detail: detail)
    }
    switch start {
    case .resume(let state):
      guard sampler.setPosition(state.position) else { throw fail(1, "the saved position has a non-finite potential or gradient") }
    case .fresh(.values(let values), _):
      guard sampler.setPosition(values) else { throw fail(1, "the given initial values have a non-finite potential or gradient") }
    case .fresh(.perChain(let values), _):
      guard sampler.setPosition(values[chain]) else { throw fail(1, "the given initial values have a non-finite potential or gradient") }
    case .fresh(.uniform(let radius), _):
      // NumPyro `find_valid_initial_params`: up to 100 draws.
      var point = [Double](repeating: 0, count: n)
      for _ in 0..<100 {
        for i in 0..<n { point[i] = radius * (2 * sampler.rng.uniform() - 1) }
        if sampler.setPosition(point) { return }
        if stop.isRaised { throw fail(0, "interrupted") }
      }
      throw fail(100, "uniform on (−\(radius), \(radius)) in every coordinate")
    }
  }

  /// The warmup loop; returns true if it was interrupted.
  private func warmup(_ sampler: ChainSampler, iterations: Int, into result: inout ChainResult) throws -> Bool {
    let n = dimension
    let a = settings.adaptation
    if settings.adaptStepSize && a.findReasonableStepSize { try sampler.initStepSize(chain: chain) }
    var dual = DualAveraging(targetAcceptProb: settings.targetAcceptProb)
    dual.gamma = a.gamma
    dual.kappa = a.kappa
    dual.t0 = a.t0
    dual.mu = Foundation.log(10 * sampler.stepSize)
    dual.restart()
    var windows = WindowedAdaptation(numWarmup: settings.adaptMass ? iterations : 0, initBuffer: a.initBuffer,
      termBuffer: a.termBuffer, baseWindow: a.baseWindow)
    var estimator = WelfordEstimator(dimension: settings.adaptMass ? n : 0, dense: settings.denseMass)
    if keepWarmup {
      result.warmupDraws.reserveCapacity(iterations * n)
      result.warmupStats.reserve(iterations)
    }
    var divergences = 0
    for it in 0..<iterations {
      guard let s = transition(sampler) else { return true }
      result.warmupIterations += 1
      if s.diverging { divergences += 1 }
      if keepWarmup {
        result.warmupDraws.append(contentsOf: UnsafeBufferPointer(start: sampler.current.q, count: n))
        result.warmupStats.append(s)
      }
      if settings.adaptStepSize { sampler.stepSize = dual.learn(acceptStat: s.acceptProb) }
      if settings.adaptMass {
        let step = windows.advance()
        if step.collect { estimator.add(sampler.current.q) }
        if step.windowEnded {
          guard let estimate = estimator.regularizedEstimate(current: sampler.metric.value.values), sampler.metric.set(estimate) else {
            throw InferenceError.metricAdaptationFailed(chain: chain)
          }
          estimator.restart()
          if settings.adaptStepSize {
            if a.findReasonableStepSize { try sampler.initStepSize(chain: chain) }
            dual.mu = Foundation.log(10 * sampler.stepSize)
            dual.restart()
          }
        }
      }
      board.update(chain) {
        $0.iteration = it + 1
        $0.warmupDivergences = divergences
        $0.stepSize = sampler.stepSize
        $0.treeDepth = s.treeDepth
        $0.gradientEvaluations = sampler.gradientEvaluations
      }
    }
    // Stan `complete_adaptation`: ε = exp(x̄) (kept as is if no update happened since
    // the last restart).
    if settings.adaptStepSize && dual.counter > 0 { sampler.stepSize = dual.finalStepSize }
    return false
  }
}
