// Inference benchmarks: the seed tutorial's hierarchical regression as a hand-fused
// potential under NUTS (4 chains × (500 warmup + 1000 draws) on 2 threads), at 30, 300
// and 3000 groups; the sampler's own cost per leapfrog step; and, with --check, long
// fixed-seed statistical checks of the sampler (too slow for debug-mode tests).
// Build: swift build -c release --scratch-path .build-nuts --product InferenceBenchmarks
// Run:   .build-nuts/release/InferenceBenchmarks [--groups 30,300,3000] [--check] [--threads 2]
@_spi(Testing) import Inference
import Arrays
import Foundation

/// Prints a line unbuffered (progress shows when stdout is a file).
func say(_ line: String = "") { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
  guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
  return arguments[i + 1]
}
let groupCounts = (option("--groups") ?? "30,300,3000").split(separator: ",").compactMap { Int($0) }
let threads = Int(option("--threads") ?? "2") ?? 2
let runCheck = arguments.contains("--check")
let skipModel = arguments.contains("--no-model")
let checkSeed = Int(option("--check-seed") ?? "0") ?? 0
let overheadSamples = Int(option("--overhead-samples") ?? "2000") ?? 2000

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func fmt(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

/// CPU seconds of the calling thread.
func cpuSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Microseconds of thread CPU time per potential-and-gradient call at `q` (median of 5
/// batches; CPU time, so other work on the machine does not inflate it).
func microsecondsPerGradient(_ model: any PotentialModel, at q: [Double], calls: Int) -> Double {
  let e = model.makeEvaluator()
  var g = [Double](repeating: 0, count: model.dimension)
  var sink = 0.0
  var times: [Double] = []
  for _ in 0..<5 {
    let t = q.withUnsafeBufferPointer { qb in
      g.withUnsafeMutableBufferPointer { gb in
        let start = cpuSeconds()
        for _ in 0..<calls { sink += e.potentialAndGradient(qb, gb) }
        return cpuSeconds() - start
      }
    }
    times.append(t / Double(calls) * 1e6)
  }
  if sink == 42 { say() }
  return times.sorted()[2]
}

// MARK: - The seed model

func benchmarkModel(groups: Int) throws {
  let model = try HierarchicalRegression(groups: groups)
  let d = model.dimension
  say("## hierarchical regression, \(groups) groups: \(model.x.count) observations, \(d) parameters")

  // Gradient check: fused vs naive potential, and central differences.
  var rng = ChainRNG(key: PRNGKey(99))
  let q0 = (0..<d).map { _ in 2 * rng.uniform() - 1 }
  var g = [Double](repeating: 0, count: d)
  let e = model.makeEvaluator()
  let u = q0.withUnsafeBufferPointer { qb in g.withUnsafeMutableBufferPointer { e.potentialAndGradient(qb, $0) } }
  let naive = model.naivePotential(q0)
  var worst = 0.0
  for i in Array(0..<min(d, 8)) + [d - 1] {
    var qp = q0, qm = q0
    let h = 1e-5
    qp[i] += h
    qm[i] -= h
    let fd = (model.naivePotential(qp) - model.naivePotential(qm)) / (2 * h)
    worst = max(worst, abs(fd - g[i]) / max(1, abs(fd)))
  }
  say("check: |U_fused − U_naive| = \(abs(u - naive)) (U = \(fmt(u, 2))), worst gradient rel. error vs central differences \(String(format: "%.1e", worst))")
  precondition(abs(u - naive) < 1e-9 * max(1, abs(u)) && worst < 1e-4, "the fused potential disagrees with the naive one")

  // NUTS, 4 chains on `threads` threads.
  var results: ChainResults!
  let wall = try seconds {
    results = try runChains(model: model, numWarmup: 500, numSamples: 1000, numChains: 4, key: PRNGKey(0), maxThreads: threads)
  }
  let draws = results.totalDraws
  let gradients = results.chains.reduce(0) { $0 + $1.gradientEvaluations }
  let leapfrogs = results.chains.reduce(0) { $0 + $1.stats.numSteps.reduce(0, +) }
  let divergences = results.chains.reduce(0) { $0 + $1.divergences }
  let warmupDivergences = results.chains.reduce(0) { $0 + $1.warmupStats.diverging.count }
  _ = warmupDivergences

  // Gradient cost at a posterior point.
  let qPost = Array(results.chains[0].draw(999))
  let calls = max(200, 2_000_000 / max(model.x.count, 1))
  let micro = microsecondsPerGradient(model, at: qPost, calls: calls)

  // ESS (multi-chain, not rank-normalized) over every coordinate.
  var ess: [Double] = []
  for i in 0..<d { ess.append(MonteCarloCheck.effectiveSampleSize(MonteCarloCheck.coordinate(results, i))) }
  let minESS = ess.min()!
  // Sampler time per gradient beyond the gradient itself.
  let chainSeconds = results.chains.reduce(0) { $0 + $1.cpuSeconds }
  let perStep = chainSeconds / Double(gradients) * 1e6
  let depths = results.chains.flatMap { $0.stats.treeDepth }
  let steps = results.chains.map { fmt($0.stepSize, 4) }.joined(separator: ", ")
  say("wall \(fmt(wall)) s for 4 × (500 + 1000) on \(results.threads) threads; \(fmt(micro, 2)) µs per gradient; "
    + "\(fmt(Double(gradients) / Double(draws), 1)) gradients per draw (\(fmt(Double(leapfrogs) / Double(draws), 1)) leapfrog steps per post-warmup draw)")
 say("per step inside chains (thread CPU time): \(fmt(perStep, 2)) µs (gradient \(fmt(micro, 2)) µs + sampler \(fmt(perStep - micro, 2)) µs); "
    + "divergences \(divergences); mean tree depth \(fmt(Double(depths.reduce(0, +)) / Double(depths.count), 2)); step sizes \(steps)")
  say("chains' CPU time \(fmt(chainSeconds, 2)) s (\(fmt(chainSeconds / Double(results.threads), 2)) s per thread); "
    + "min ESS \(fmt(minESS, 0)) (\(fmt(minESS / wall, 0))/s wall, \(fmt(minESS / chainSeconds, 0)) per CPU second); mean ESS \(fmt(ess.reduce(0, +) / Double(d), 0))")
  let names = ["mu_a", "log sigma_a", "mu_b", "log sigma_b"]
  var line = "posterior means:"
  for (i, name) in names.enumerated() {
    let est = MonteCarloCheck.estimate(MonteCarloCheck.coordinate(results, i))
    line += " \(name) \(fmt(est.mean)) ± \(fmt(est.mcseMean, 4))"
  }
  let sy = MonteCarloCheck.estimate(MonteCarloCheck.coordinate(results, d - 1))
  line += " log sigma_y \(fmt(sy.mean)) ± \(fmt(sy.mcseMean, 4)) (σ_y ≈ \(fmt(Foundation.exp(sy.mean))))"
  say(line)
  for l in healthReport(results) { say("health: " + l) }
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  let drawBytes = Double(results.chains.reduce(0) { $0 + $1.draws.count }) * 8
  say("memory: draws \(fmt(drawBytes / 1e6, 1)) MB; peak resident set of the process so far \(fmt(Double(usage.ru_maxrss) / 1024, 0)) MB")
  say("")
}

// MARK: - Sampler overhead on a free potential

/// A standard normal whose gradient costs almost nothing: time per leapfrog step here is
/// the sampler's own overhead.
final class FreeNormal: PotentialModel, @unchecked Sendable {
  let dimension: Int
  init(_ d: Int) { dimension = d }
  final class Evaluator: PotentialEvaluator {
    func potentialAndGradient(_ q: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
      var u = 0.0
      for i in 0..<q.count {
        g[i] = q[i]
        u += q[i] * q[i]
      }
      return 0.5 * u
    }
  }
  func makeEvaluator() -> any PotentialEvaluator { Evaluator() }
}

func benchmarkOverhead(dimension d: Int, dense: Bool = false) throws {
  let model = FreeNormal(d)
  let micro = microsecondsPerGradient(model, at: [Double](repeating: 0.3, count: d), calls: 20000)
  var r: ChainResults!
  let wall = try seconds {
    r = try runChains(model: model, config: NUTSConfig(denseMass: dense), numWarmup: 500, numSamples: overheadSamples, numChains: 1,
      key: PRNGKey(1), maxThreads: 1)
  }
  let grads = r.chains[0].gradientEvaluations
  let perStep = r.chains[0].cpuSeconds / Double(grads) * 1e9
  say("overhead, \(dense ? "dense" : "diagonal") metric, d = \(d): \(fmt(perStep, 0)) ns per leapfrog step in all "
    + "(gradient alone \(fmt(micro * 1000, 0)) ns → sampler \(fmt(perStep - micro * 1000, 0)) ns, "
    + "\(fmt((perStep - micro * 1000) / Double(d), 2)) ns per coordinate); \(grads) steps in \(fmt(wall)) s")
}

// MARK: - Long statistical checks

final class Gaussian: PotentialModel, @unchecked Sendable {
  let dimension: Int
  let mean: [Double], precision: [Double]
  init(mean: [Double], precision: [Double]) {
    dimension = mean.count
    self.mean = mean
    self.precision = precision
  }
  final class Evaluator: PotentialEvaluator {
    let m: Gaussian
    init(_ m: Gaussian) { self.m = m }
    func potentialAndGradient(_ q: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
      let n = m.dimension
      var u = 0.0
      for i in 0..<n {
        var s = 0.0
        for j in 0..<n { s += m.precision[i * n + j] * (q[j] - m.mean[j]) }
        g[i] = s
        u += 0.5 * (q[i] - m.mean[i]) * s
      }
      return u
    }
  }
  func makeEvaluator() -> any PotentialEvaluator { Evaluator(self) }
}

var checkFailures = 0
@MainActor func checkMoments(_ name: String, _ r: ChainResults, mean: [Double], sd: [Double]) {
  var worst = 0.0, sumSquares = 0.0
  for i in mean.indices {
    let e = MonteCarloCheck.estimate(MonteCarloCheck.coordinate(r, i))
    let zMean = (e.mean - mean[i]) / e.mcseMean, zSD = (e.sd - sd[i]) / e.mcseSD
    worst = max(worst, abs(zMean), abs(zSD))
    sumSquares += zMean * zMean + zSD * zSD
  }
  let rms = (sumSquares / Double(2 * mean.count)).squareRoot()
  let accept = r.chains.flatMap { $0.stats.acceptProb }
  let ok = worst < 4
  if !ok { checkFailures += 1 }
  say("check \(name): worst |error|/MCSE \(fmt(worst, 2)) (rms \(fmt(rms, 2))) over \(mean.count) means and sds, \(r.totalDraws) draws, "
    + "mean accept \(fmt(accept.reduce(0, +) / Double(accept.count))) — \(ok ? "ok" : "FAILED")")
}

func diagonalPrecision(_ sd: [Double]) -> [Double] {
  let n = sd.count
  var p = [Double](repeating: 0, count: n * n)
  for i in 0..<n { p[i * n + i] = 1 / (sd[i] * sd[i]) }
  return p
}

@MainActor func runChecks() throws {
  // A fixed-step kernel check, sensitive to a ~1% bias in the sd.
  let fixed = try runChains(model: Gaussian(mean: [0, 0], precision: [1, 0, 0, 1]),
    config: NUTSConfig(initialStepSize: 0.5, adaptStepSize: false, adaptMass: false), numWarmup: 0, numSamples: 250_000,
    numChains: 4, key: PRNGKey(21 + checkSeed), maxThreads: threads)
  checkMoments("2-d normal, fixed step 0.5", fixed, mean: [0, 0], sd: [1, 1])

  let n = 100
  let mean = (0..<n).map { Double($0 % 7) - 3 }
  let sd = (0..<n).map { 0.5 + Double($0 % 5) * 0.25 }
  let iid = try runChains(model: Gaussian(mean: mean, precision: diagonalPrecision(sd)), numWarmup: 1000, numSamples: 20_000,
    numChains: 4, key: PRNGKey(22 + checkSeed), maxThreads: threads)
  checkMoments("iid normal, 100-d", iid, mean: mean, sd: sd)

  let (s1, s2, rho) = (1.0, 3.0, 0.95)
  let det = s1 * s1 * s2 * s2 * (1 - rho * rho)
  let corr = Gaussian(mean: [1, -2], precision: [s2 * s2 / det, -rho * s1 * s2 / det, -rho * s1 * s2 / det, s1 * s1 / det])
  for dense in [false, true] {
    let r = try runChains(model: corr, config: NUTSConfig(denseMass: dense), numWarmup: 1000, numSamples: 50_000, numChains: 4,
      key: PRNGKey(23 + checkSeed), maxThreads: threads)
    checkMoments("correlated 2-d (ρ 0.95), \(dense ? "dense" : "diagonal")", r, mean: [1, -2], sd: [1, 3])
  }
  let scales = [1e-3, 1e-2, 1, 1e2, 1e3]
  let scaled = try runChains(model: Gaussian(mean: [5e-3, -1, 0, 50, 1e3], precision: diagonalPrecision(scales)),
    numWarmup: 1000, numSamples: 20_000, numChains: 4, key: PRNGKey(24 + checkSeed), maxThreads: threads)
  checkMoments("scales 1e-3…1e3", scaled, mean: [5e-3, -1, 0, 50, 1e3], sd: scales)
  let hmc = try runChains(model: Gaussian(mean: [1, 2, 3], precision: diagonalPrecision([1, 0.5, 2])),
    kernel: .hmc(HMCConfig(trajectoryLength: 2)), numWarmup: 1000, numSamples: 20_000, numChains: 4, key: PRNGKey(25 + checkSeed),
    maxThreads: threads)
  checkMoments("static HMC, 3-d", hmc, mean: [1, 2, 3], sd: [1, 0.5, 2])
  // Short warmups adapt the metric (stan-dev/stan#3380 would leave it at the identity).
  let short = try runChains(model: Gaussian(mean: [0, 0], precision: diagonalPrecision([0.01, 10])), numWarmup: 100,
    numSamples: 10, key: PRNGKey(26 + checkSeed))
  let metric = short.chains[0].inverseMetric.diagonal
  let adapted = metric[0] < 0.01 && metric[1] > 10
  if !adapted { checkFailures += 1 }
  say("check warmup 100 adapts the metric: M⁻¹ diagonal \(metric.map { String(format: "%.3g", $0) }) — \(adapted ? "ok" : "FAILED")")
}

// MARK: - Main

say("# InferenceBenchmarks (\(ProcessInfo.processInfo.activeProcessorCount) cores, \(threads) threads)\n")
if !skipModel {
  for groups in groupCounts { try benchmarkModel(groups: groups) }
}
let overheadDimensions = (option("--overhead") ?? "65,6005,65d").split(separator: ",").map(String.init)
for spec in overheadDimensions {
  let dense = spec.hasSuffix("d")
  if let d = Int(dense ? String(spec.dropLast()) : spec) { try benchmarkOverhead(dimension: d, dense: dense) }
}
if runCheck {
  say("")
  try runChecks()
  say(checkFailures == 0 ? "all checks passed" : "\(checkFailures) checks FAILED")
  if checkFailures > 0 { exit(1) }
}
