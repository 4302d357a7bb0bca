import Arrays
import Foundation
import Testing

@testable import Inference

/// A literal transcription of Stan's `base_nuts.hpp` (`transition`, `build_tree`,
/// `compute_criterion`) and `base_leapfrog`/`expl_leapfrog`, with value-type states copied
/// the way Stan copies `ps_point`s and fresh vectors at every recursion. It shares only the
/// random stream and the metric's primitives (M⁻¹p, p ~ N(0, M)) with the sampler, so the
/// optimized tree builder (buffers per depth, swapped proposals, fused leaves, unrolled
/// two-leaf subtrees, a gradient kept with the chain's point) must reproduce it bit for bit.
final class StanNUTSTranscription {
  struct Point {
    var q: [Double], p: [Double], g: [Double]
    var V: Double
  }

  let n: Int
  let metric: EuclideanMetric
  let evaluator: any PotentialEvaluator
  var epsilon: Double
  let maxDepth: Int
  let maxDeltaH = 1000.0
  var rng: ChainRNG
  var z: Point
  var nLeapfrog = 0
  var sumMetroProb = 0.0
  var divergent = false
  var depth = 0
  var energy = 0.0

  init(model: any PotentialModel, metric: InverseMetric, epsilon: Double, maxDepth: Int, rng: ChainRNG, q: [Double]) {
    n = model.dimension
    self.metric = EuclideanMetric(metric)
    evaluator = model.makeEvaluator()
    self.epsilon = epsilon
    self.maxDepth = maxDepth
    self.rng = rng
    z = Point(q: q, p: [Double](repeating: 0, count: q.count), g: [Double](repeating: 0, count: q.count), V: 0)
    updatePotentialGradient(&z)
  }

  func updatePotentialGradient(_ z: inout Point) {
    var g = z.g
    let v = z.q.withUnsafeBufferPointer { q in g.withUnsafeMutableBufferPointer { evaluator.potentialAndGradient(q, $0) } }
    z.g = g
    z.V = v.isNaN ? .infinity : v
  }

  func dtauDp(_ p: [Double]) -> [Double] {
    var p = p, out = p
    metric.sharp(&p, into: &out)
    return out
  }

  /// Stan's `T = 0.5 * p.transpose() * inv_e_metric * p`; Eigen sums with packets, here
  /// in the sampler's fixed order (`dotProduct`), which the comparison needs bit for bit.
  func H(_ z: Point) -> Double {
    let ps = dtauDp(z.p)
    return z.V + 0.5 * ChainSampler.dotProduct(z.p, ps, n)
  }

  /// `base_leapfrog::evolve`: begin_update_p(ε/2), update_q(ε), end_update_p(ε/2).
  func evolve(_ z: inout Point, _ eps: Double) {
    for i in 0..<n { z.p[i] -= 0.5 * eps * z.g[i] }
    if metric.dense {
      let dq = dtauDp(z.p)
      for i in 0..<n { z.q[i] += eps * dq[i] }
    } else {
      for i in 0..<n { z.q[i] += eps * metric.inverseMass[i] * z.p[i] }
    }
    updatePotentialGradient(&z)
    for i in 0..<n { z.p[i] -= 0.5 * eps * z.g[i] }
  }

  func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in 0..<n { s += a[i] * b[i] }
    return s
  }

  func add(_ a: [Double], _ b: [Double]) -> [Double] { (0..<n).map { a[$0] + b[$0] } }

  func computeCriterion(_ pSharpMinus: [Double], _ pSharpPlus: [Double], _ rho: [Double]) -> Bool {
    dot(pSharpPlus, rho) > 0 && dot(pSharpMinus, rho) > 0
  }

  /// `base_hmc::init_stepsize`, literally; returns the step size it settles on.
  func initStepsize(_ start: Double) -> Double {
    var nomEpsilon = start
    let zInit = z
    func trial() -> Double {
      z = zInit
      var p = [Double](repeating: 0, count: n)
      metric.sampleMomentum(&p, &rng)
      z.p = p
      let h0 = H(z)
      evolve(&z, nomEpsilon)
      var h = H(z)
      if h.isNaN { h = .infinity }
      return h0 - h
    }
    let direction = trial() > Foundation.log(0.8) ? 1 : -1
    while true {
      let deltaH = trial()
      if direction == 1 && !(deltaH > Foundation.log(0.8)) { break }
      if direction == -1 && !(deltaH < Foundation.log(0.8)) { break }
      nomEpsilon = direction == 1 ? 2 * nomEpsilon : 0.5 * nomEpsilon
    }
    z = zInit
    return nomEpsilon
  }

  func transition() -> (q: [Double], depth: Int, nLeapfrog: Int, accept: Double, energy: Double, divergent: Bool) {
    var p = [Double](repeating: 0, count: n)
    metric.sampleMomentum(&p, &rng)
    z.p = p
    var zFwd = z, zBck = z, zSample = z, zPropose = z
    var pFwdFwd = z.p, pSharpFwdFwd = dtauDp(z.p)
    var pFwdBck = z.p, pSharpFwdBck = pSharpFwdFwd
    var pBckFwd = z.p, pSharpBckFwd = pSharpFwdFwd
    var pBckBck = z.p, pSharpBckBck = pSharpFwdFwd
    var rho = z.p
    var logSumWeight = 0.0
    let h0 = H(z)
    nLeapfrog = 0
    sumMetroProb = 0
    depth = 0
    divergent = false
    while depth < maxDepth {
      var rhoFwd = [Double](repeating: 0, count: n), rhoBck = rhoFwd
      var valid = false
      var logSumWeightSubtree = -Double.infinity
      if rng.uniform() > 0.5 {
        z = zFwd
        rhoBck = rho
        pBckFwd = pFwdFwd
        pSharpBckFwd = pSharpFwdFwd
        valid = buildTree(depth, &zPropose, &pSharpFwdBck, &pSharpFwdFwd, &rhoFwd, &pFwdBck, &pFwdFwd, h0, 1, &logSumWeightSubtree)
        zFwd = z
      } else {
        z = zBck
        rhoFwd = rho
        pFwdBck = pBckBck
        pSharpFwdBck = pSharpBckBck
        valid = buildTree(depth, &zPropose, &pSharpBckFwd, &pSharpBckBck, &rhoBck, &pBckFwd, &pBckBck, h0, -1, &logSumWeightSubtree)
        zBck = z
      }
      if !valid { break }
      depth += 1
      if logSumWeightSubtree > logSumWeight {
        zSample = zPropose
      } else if rng.uniform() < Foundation.exp(logSumWeightSubtree - logSumWeight) {
        zSample = zPropose
      }
      logSumWeight = ChainSampler.logSumExp(logSumWeight, logSumWeightSubtree)
      rho = add(rhoBck, rhoFwd)
      var persist = computeCriterion(pSharpBckBck, pSharpFwdFwd, rho)
      persist = computeCriterion(pSharpBckBck, pSharpFwdBck, add(rhoBck, pFwdBck)) && persist
      persist = computeCriterion(pSharpBckFwd, pSharpFwdFwd, add(rhoFwd, pBckFwd)) && persist
      if !persist { break }
    }
    let accept = sumMetroProb / Double(nLeapfrog)
    z = zSample
    energy = H(z)
    return (z.q, depth, nLeapfrog, accept, energy, divergent)
  }

  func buildTree(_ depth: Int, _ zPropose: inout Point, _ pSharpBeg: inout [Double], _ pSharpEnd: inout [Double],
    _ rho: inout [Double], _ pBeg: inout [Double], _ pEnd: inout [Double], _ h0: Double, _ sign: Double,
    _ logSumWeight: inout Double) -> Bool {
    if depth == 0 {
      evolve(&z, sign * epsilon)
      nLeapfrog += 1
      var h = H(z)
      if h.isNaN { h = .infinity }
      if h - h0 > maxDeltaH { divergent = true }
      logSumWeight = ChainSampler.logSumExp(logSumWeight, h0 - h)
      if h0 - h > 0 { sumMetroProb += 1 } else { sumMetroProb += Foundation.exp(h0 - h) }
      zPropose = z
      pSharpBeg = dtauDp(z.p)
      pSharpEnd = pSharpBeg
      rho = add(rho, z.p)
      pBeg = z.p
      pEnd = pBeg
      return !divergent
    }
    var logSumWeightInit = -Double.infinity
    var pInitEnd = [Double](repeating: 0, count: n), pSharpInitEnd = pInitEnd
    var rhoInit = [Double](repeating: 0, count: n)
    let validInit = buildTree(depth - 1, &zPropose, &pSharpBeg, &pSharpInitEnd, &rhoInit, &pBeg, &pInitEnd, h0, sign,
      &logSumWeightInit)
    if !validInit { return false }
    var zProposeFinal = z
    var logSumWeightFinal = -Double.infinity
    var pFinalBeg = [Double](repeating: 0, count: n), pSharpFinalBeg = pFinalBeg
    var rhoFinal = [Double](repeating: 0, count: n)
    let validFinal = buildTree(depth - 1, &zProposeFinal, &pSharpFinalBeg, &pSharpEnd, &rhoFinal, &pFinalBeg, &pEnd, h0,
      sign, &logSumWeightFinal)
    if !validFinal { return false }
    let logSumWeightSubtree = ChainSampler.logSumExp(logSumWeightInit, logSumWeightFinal)
    logSumWeight = ChainSampler.logSumExp(logSumWeight, logSumWeightSubtree)
    if logSumWeightFinal > logSumWeightSubtree {
      zPropose = zProposeFinal
    } else if rng.uniform() < Foundation.exp(logSumWeightFinal - logSumWeightSubtree) {
      zPropose = zProposeFinal
    }
    let rhoSubtree = add(rhoInit, rhoFinal)
    rho = add(rho, rhoSubtree)
    var persist = computeCriterion(pSharpBeg, pSharpEnd, rhoSubtree)
    persist = computeCriterion(pSharpBeg, pSharpFinalBeg, add(rhoInit, pFinalBeg)) && persist
    persist = computeCriterion(pSharpInitEnd, pSharpEnd, add(rhoFinal, pInitEnd)) && persist
    return persist
  }
}

extension EuclideanMetric {
  func sharp(_ p: inout [Double], into out: inout [Double]) {
    p.withUnsafeMutableBufferPointer { pb in out.withUnsafeMutableBufferPointer { sharp(pb.baseAddress!, into: $0.baseAddress!) } }
  }
  func sampleMomentum(_ p: inout [Double], _ rng: inout ChainRNG) {
    p.withUnsafeMutableBufferPointer { sampleMomentum($0.baseAddress!, &rng) }
  }
}

@Suite("NUTS equals a literal transcription of Stan's base_nuts.hpp")
struct StanTranscriptionTests {
  static func metrics() throws -> [InverseMetric] {
    [
      try InverseMetric(diagonal: [1.5, 0.7, 2.0, 0.3]),
      try InverseMetric(dense: [2, 0.3, 0, 0.1, 0.3, 1, 0.2, 0, 0, 0.2, 0.5, 0, 0.1, 0, 0, 1], dimension: 4),
    ]
  }

  @Test("Bit for bit over 400 transitions, diagonal and dense metrics, with divergences and saturation",
    arguments: [(0.35, 10), (1.3, 10), (0.05, 4)])
  func sameDraws(stepSize: Double, maxDepth: Int) throws {
    // A correlated, scaled Gaussian: a step size of 1.3 diverges often; 0.05 with depth 4
    // saturates the tree.
    let model = GaussianPotential(mean: [1, -1, 0.5, 2], precision: [
      1, 0.4, 0, 0, 0.4, 2, 0.3, 0, 0, 0.3, 4, 0, 0, 0, 0, 0.25,
    ])
    for metric in try Self.metrics() {
      let start = [0.3, -0.2, 0.1, 1.5]
      let rng = ChainRNG(key: PRNGKey(17))
      let reference = StanNUTSTranscription(model: model, metric: metric, epsilon: stepSize, maxDepth: maxDepth, rng: rng, q: start)
      let sampler = ChainSampler(evaluator: model.makeEvaluator(), dimension: 4, metric: metric, stepSize: stepSize, jitter: 0,
        maxDeltaEnergy: 1000, maxTreeDepth: maxDepth, rng: rng, stop: StopSignal())
      #expect(sampler.setPosition(start))
      var divergences = 0, saturated = 0
      for t in 0..<400 {
        let expected = reference.transition()
        let got = try #require(sampler.nutsTransition(maxDepth: maxDepth))
        let q = sampler.position
        let same = q == expected.q && got.treeDepth == expected.depth && got.numSteps == expected.nLeapfrog
          && got.acceptProb == expected.accept && got.energy == expected.energy && got.diverging == expected.divergent
        #expect(same, "transition \(t), dense \(metric.isDense): \(q) vs \(expected.q), \(got) vs \(expected)")
        if !same { return }
        if got.diverging { divergences += 1 }
        if got.treeDepth == maxDepth { saturated += 1 }
      }
      #expect(sampler.rng == reference.rng)
      if stepSize > 1 { #expect(divergences > 0) }
      if maxDepth == 4 { #expect(saturated > 0) }
    }
  }

  @Test("Stan's step-size heuristic (init_stepsize), both directions, bit for bit", arguments: [1e-3, 1.0, 40.0])
  func initStepsize(start: Double) throws {
    let model = GaussianPotential(mean: [1, -1, 0.5, 2], precision: [
      1, 0.4, 0, 0, 0.4, 2, 0.3, 0, 0, 0.3, 4, 0, 0, 0, 0, 0.25,
    ])
    for metric in try Self.metrics() {
      let start4 = [0.3, -0.2, 0.1, 1.5]
      let rng = ChainRNG(key: PRNGKey(3))
      let reference = StanNUTSTranscription(model: model, metric: metric, epsilon: start, maxDepth: 10, rng: rng, q: start4)
      let sampler = ChainSampler(evaluator: model.makeEvaluator(), dimension: 4, metric: metric, stepSize: start, jitter: 0,
        maxDeltaEnergy: 1000, maxTreeDepth: 10, rng: rng, stop: StopSignal())
      #expect(sampler.setPosition(start4))
      let expected = reference.initStepsize(start)
      try sampler.initStepSize(chain: 0)
      #expect(sampler.stepSize == expected)
      #expect(sampler.rng == reference.rng)
      #expect(sampler.position == start4)
      // It moves by powers of two; from far too small or far too large it must move.
      #expect(Foundation.log2(expected / start).rounded() == Foundation.log2(expected / start))
      if start != 1 { #expect(expected > 2 * start || expected < start / 2) }
    }
  }

  @Test("Warmup 500 + 200 draws equal a transcription of adapt_diag_e_nuts and run_adaptive_sampler")
  func warmupPipeline() throws {
    let model = GaussianPotential(mean: [1, -1, 0.5, 2], precision: [
      1, 0.4, 0, 0, 0.4, 2, 0.3, 0, 0, 0.3, 4, 0, 0, 0, 0, 0.25,
    ])
    let start = [0.3, -0.2, 0.1, 1.5]
    let key = PRNGKey(8)
    let ours = try runChains(model: model, numWarmup: 500, numSamples: 200, key: key, init: .values(start), keepWarmup: true)
      .chains[0]

    // Stan, literally: engage_adaptation; init_stepsize; per warmup transition
    // learn_stepsize then learn_variance, and at a window end init_stepsize, μ = log(10ε),
    // restart; disengage_adaptation (ε = exp(x̄)); then sampling.
    let stan = StanNUTSTranscription(model: model, metric: .identity(dimension: 4, dense: false), epsilon: 1, maxDepth: 10,
      rng: ChainRNG(key: key.split(1)[0]), q: start)
    var nomEpsilon = stan.initStepsize(1)
    var (mu, counter, sBar, xBar) = (Foundation.log(10 * nomEpsilon), 0.0, 0.0, 0.0)
    var (windowCounter, windowSize, nextWindow) = (0, 25, 75 + 25 - 1)
    var (welfordN, mean, m2) = (0.0, [Double](repeating: 0, count: 4), [Double](repeating: 0, count: 4))
    var warmupDraws: [Double] = []
    for _ in 0..<500 {
      stan.epsilon = nomEpsilon
      let s = stan.transition()
      warmupDraws += s.q
      // learn_stepsize
      counter += 1
      let a = min(1, s.accept)
      let eta = 1 / (counter + 10)
      sBar = (1 - eta) * sBar + eta * (0.8 - a)
      let x = mu - sBar * counter.squareRoot() / 0.05
      let xEta = Foundation.pow(counter, -0.75)
      xBar = (1 - xEta) * xBar + xEta * x
      nomEpsilon = Foundation.exp(x)
      // learn_variance
      if windowCounter >= 75 && windowCounter < 450 {
        welfordN += 1
        for i in 0..<4 {
          let delta = s.q[i] - mean[i]
          mean[i] += delta / welfordN
          m2[i] += delta * (s.q[i] - mean[i])
        }
      }
      if windowCounter == nextWindow {
        if nextWindow != 449 {
          windowSize *= 2
          nextWindow = windowCounter + windowSize
          if nextWindow != 449 && nextWindow + 2 * windowSize >= 450 { nextWindow = 449 }
        }
        let n = welfordN
        let variance = (0..<4).map { (n / (n + 5)) * (m2[$0] / (n - 1)) + 1e-3 * (5 / (n + 5)) }
        _ = stan.metric.set(variance)
        (welfordN, mean, m2) = (0, [0, 0, 0, 0], [0, 0, 0, 0])
        nomEpsilon = stan.initStepsize(nomEpsilon)
        mu = Foundation.log(10 * nomEpsilon)
        (counter, sBar, xBar) = (0, 0, 0)
      }
      windowCounter += 1
    }
    nomEpsilon = Foundation.exp(xBar)
    #expect(ours.warmupDraws == warmupDraws)
    #expect(ours.stepSize == nomEpsilon)
    #expect(ours.inverseMetric.values == Array(UnsafeBufferPointer(start: stan.metric.inverseMass, count: 4)))
    var draws: [Double] = []
    stan.epsilon = nomEpsilon
    for _ in 0..<200 { draws += stan.transition().q }
    #expect(ours.draws == draws)
  }
}
