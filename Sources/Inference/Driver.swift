import Arrays
import Foundation

/// Runs `numChains` chains of NUTS (or static HMC) on a thread pool and collects their
/// draws.
///
/// ```
///   key ──split(numChains)──▶ chain keys ──▶ ChainRNG per chain (its only randomness)
///   caller's thread: makeEvaluator() × chains, then every 10 ms: shouldStop()? → stop
///                    signal; every 200 ms: progress(snapshot); last: final report
///   worker threads (min(chains, maxThreads, cores)): take the next chain, run it whole
/// ```
/// Draws are bit-identical whatever the number of threads: a chain's randomness comes
/// only from its key, and its floating-point work does not depend on scheduling.
///
/// - Parameters:
///   - model: the potential; `makeEvaluator()` is called here, once per chain.
///   - kernel: `.nuts(NUTSConfig())` or `.hmc(HMCConfig(...))`.
///   - numWarmup: warmup (adaptation) iterations; ignored when `resume` is given.
///   - numSamples: post-warmup iterations per chain; `numSamples / thinning` are kept
///     (the last of each block of `thinning`, as NumPyro keeps them).
///   - key: split into one key per chain (`key.split(numChains)`).
///   - init: the initial point of each chain (not used when resuming).
///   - keepWarmup: also return every warmup draw and its statistics.
///   - resume: one saved state per chain (`ChainResult.postWarmupState`): sampling
///     continues from it with its step size, metric and random stream, without warmup.
///   - maxThreads: an upper bound on worker threads.
///   - progress: called on the calling thread at most five times a second, and once more
///     at the end with `isFinal` set.
///   - shouldStop: polled on the calling thread every 10 ms; once it returns true, every
///     chain stops at its next leapfrog step and the run returns what each chain kept,
///     with `interrupted` set.
/// - Returns: per-chain draws, statistics, adapted step size and metric.
/// - Throws: `InferenceError` for invalid arguments, and the first failing chain's error
///   (no valid initial point, improper posterior, metric overflow); the other chains are
///   stopped then.
public func runChains(
  model: any PotentialModel, kernel: SamplerKernel, numWarmup: Int, numSamples: Int, numChains: Int = 1,
  thinning: Int = 1, key: PRNGKey, init initStrategy: InitStrategy = .uniform(radius: 2), keepWarmup: Bool = false,
  resume: [ChainState]? = nil, maxThreads: Int = .max, progress: (RunProgress) -> Void = { _ in },
  shouldStop: () -> Bool = { false }
) throws -> ChainResults {
  let n = model.dimension
  let settings = SamplerSettings(kernel)
  try validate(n: n, settings: settings, numWarmup: numWarmup, numSamples: numSamples, numChains: numChains,
    thinning: thinning, init: initStrategy, resume: resume, maxThreads: maxThreads)

  let keys = key.split(numChains)
  let starts: [ChainStart] = (0..<numChains).map { c in resume.map { .resume($0[c]) } ?? .fresh(initStrategy, keys[c]) }
  let warmup = resume == nil ? numWarmup : 0
  let initialStep = resume?.first?.stepSize ?? settings.initialStepSize
  let board = ProgressBoard(numChains: numChains, numWarmup: warmup, numSamples: numSamples, stepSize: initialStep)
  let stop = StopSignal()
  let evaluators = (0..<numChains).map { _ in UncheckedBox(model.makeEvaluator()) }
  let threads = max(1, min(numChains, maxThreads, ProcessInfo.processInfo.activeProcessorCount))
  let pool = ChainPool(numChains: numChains, workers: threads)
  let runners = (0..<numChains).map {
    ChainRunner(chain: $0, dimension: n, settings: settings, numWarmup: warmup, numSamples: numSamples,
      thinning: thinning, keepWarmup: keepWarmup, board: board, stop: stop)
  }
  let jobs = UncheckedBox((runners, starts))

  let begin = monotonicSeconds()
  for _ in 0..<threads {
    let thread = Thread {
      while let c = pool.nextChain() {
        do {
          let result = try jobs.value.0[c].run(evaluator: evaluators[c].value, start: jobs.value.1[c])
          pool.finish(c, .success(result))
        } catch {
          board.update(c) { $0.phase = .failed }
          stop.raise()
          pool.finish(c, .failure(error))
        }
      }
      pool.workerDone()
    }
    thread.stackSize = 16 << 20
    thread.start()
  }

  // The calling thread polls for a stop and reports progress until the workers finish.
  var stopRequested = false
  var lastReport = -Double.infinity
  while !pool.waitForWorkers(timeout: 0.01) {
    if !stopRequested && shouldStop() {
      stopRequested = true
      stop.raise()
    }
    let now = monotonicSeconds()
    if now - lastReport >= 0.2 {
      progress(RunProgress(chains: board.snapshot(), isFinal: false, elapsedSeconds: now - begin))
      lastReport = now
    }
  }
  let wall = monotonicSeconds() - begin
  progress(RunProgress(chains: board.snapshot(), isFinal: true, elapsedSeconds: wall))

  var chains: [ChainResult] = []
  for c in 0..<numChains {
    switch pool.outcome(c) {
    case .success(let r): chains.append(r)
    case .failure(let e): throw e
    case nil: throw InferenceError.invalidArgument("chain \(c) did not run")  // unreachable: every chain is taken
    }
  }
  return ChainResults(chains: chains, interrupted: stopRequested || chains.contains { $0.interrupted }, wallSeconds: wall,
    threads: threads, dimension: n, maxTreeDepth: settings.maxTreeDepth)
}

/// `runChains` with NUTS.
public func runChains(
  model: any PotentialModel, config: NUTSConfig = NUTSConfig(), numWarmup: Int, numSamples: Int, numChains: Int = 1,
  thinning: Int = 1, key: PRNGKey, init initStrategy: InitStrategy = .uniform(radius: 2), keepWarmup: Bool = false,
  resume: [ChainState]? = nil, maxThreads: Int = .max, progress: (RunProgress) -> Void = { _ in },
  shouldStop: () -> Bool = { false }
) throws -> ChainResults {
  try runChains(model: model, kernel: .nuts(config), numWarmup: numWarmup, numSamples: numSamples, numChains: numChains,
    thinning: thinning, key: key, init: initStrategy, keepWarmup: keepWarmup, resume: resume, maxThreads: maxThreads,
    progress: progress, shouldStop: shouldStop)
}

private func validate(n: Int, settings: SamplerSettings, numWarmup: Int, numSamples: Int, numChains: Int, thinning: Int,
  init initStrategy: InitStrategy, resume: [ChainState]?, maxThreads: Int) throws {
  func bad(_ m: String) -> InferenceError { .invalidArgument(m) }
  guard n >= 1 else { throw bad("the model has no unconstrained parameters to sample") }
  guard numWarmup >= 0 else { throw bad("numWarmup must be >= 0, got \(numWarmup)") }
  guard numSamples >= 0 else { throw bad("numSamples must be >= 0, got \(numSamples)") }
  guard numChains >= 1 else { throw bad("numChains must be >= 1, got \(numChains)") }
  guard thinning >= 1 else { throw bad("thinning must be >= 1, got \(thinning)") }
  guard maxThreads >= 1 else { throw bad("maxThreads must be >= 1, got \(maxThreads)") }
  try settings.validate(dimension: n)
  switch initStrategy {
  case .uniform(let r):
    guard r > 0, r.isFinite else { throw bad("the init radius must be positive, got \(r)") }
  case .values(let v):
    guard v.count == n else { throw bad("initial values have \(v.count) entries, the model \(n) parameters") }
  case .perChain(let vs):
    guard vs.count == numChains else { throw bad("\(vs.count) initial points for \(numChains) chains") }
    for v in vs where v.count != n { throw bad("initial values have \(v.count) entries, the model \(n) parameters") }
  }
  if let states = resume {
    guard states.count == numChains else { throw bad("\(states.count) saved states for \(numChains) chains") }
    for s in states {
      guard s.position.count == n, s.inverseMetric.dimension == n else { throw bad("a saved state has the wrong dimension") }
      guard s.inverseMetric.isDense == settings.denseMass else { throw bad("a saved state's metric does not match denseMass") }
      guard s.stepSize > 0, s.stepSize.isFinite else { throw bad("a saved state has an invalid step size") }
    }
  }
}
