import Foundation
import Testing

@testable import Inference

/// NumPyro's `build_adaptation_schedule` (`numpyro/infer/hmc_util.py`), written out here
/// as an independent oracle: its slow windows, without the two fast buffers.
func numpyroSlowWindows(_ numSteps: Int) -> [ClosedRange<Int>] {
  if numSteps < 20 { return [] }
  var start = 75, end = 50, window = 25
  if start + end + window > numSteps {
    start = Int(0.15 * Double(numSteps))
    end = Int(0.1 * Double(numSteps))
    window = numSteps - start - end
  }
  var out: [ClosedRange<Int>] = []
  let endStart = numSteps - end
  var nextSize = window
  var nextStart = start
  while nextStart < endStart {
    let curStart = nextStart
    var curSize = nextSize
    if 3 * curSize <= endStart - curStart { nextSize = 2 * curSize } else { curSize = endStart - curStart }
    nextStart = curStart + curSize
    out.append(curStart...(nextStart - 1))
  }
  return out
}

@Suite("Stan's warmup adaptation")
struct AdaptationTests {
  @Test("Slow windows for warmup 500 and 1000 are BAYES.md's lists")
  func stanWindows() {
    #expect(WindowedAdaptation.slowWindows(numWarmup: 500) == [75...99, 100...149, 150...249, 250...449])
    #expect(WindowedAdaptation.slowWindows(numWarmup: 1000) == [75...99, 100...149, 150...249, 250...449, 450...949])
  }

  @Test("Short warmups: 15/75/10 with a working restart (not stan-dev/stan#3380); none below 20")
  func shortWarmups() {
    // 100: init buffer 15, window 75, term buffer 10 → one window 15…89, then 10 fast steps.
    #expect(WindowedAdaptation.slowWindows(numWarmup: 100) == [15...89])
    #expect(WindowedAdaptation.slowWindows(numWarmup: 149) == [22...134])
    #expect(WindowedAdaptation.slowWindows(numWarmup: 20) == [3...17])
    #expect(WindowedAdaptation.slowWindows(numWarmup: 10).isEmpty)
    #expect(WindowedAdaptation.slowWindows(numWarmup: 19).isEmpty)
    #expect(WindowedAdaptation.slowWindows(numWarmup: 150) == [75...99])
    // Stan would make a one-draw second window [100…100] here (departure 2).
    #expect(WindowedAdaptation.slowWindows(numWarmup: 151) == [75...100])
    #expect(WindowedAdaptation.slowWindows(numWarmup: 200) == [75...99, 100...149])
  }

  @Test("Windows agree with NumPyro's build_adaptation_schedule for every warmup 0…2000")
  func agreesWithNumPyro() {
    for w in 0...2000 {
      let ours = WindowedAdaptation.slowWindows(numWarmup: w)
      let theirs = numpyroSlowWindows(w)
      #expect(ours == theirs, "warmup \(w)")
      if ours != theirs { return }
    }
  }

  @Test("Dual averaging: Stan's first update by hand, and convergence to the target")
  func dualAveraging() {
    var da = DualAveraging(targetAcceptProb: 0.8)
    da.mu = Foundation.log(10 * 0.5)
    da.restart()
    // t = 1: η = 1/11, s̄ = (0.8 − 0.3)/11, x = μ − s̄·1/0.05, x̄ = x (t^−κ = 1).
    let eps = da.learn(acceptStat: 0.3)
    let sBar = 0.5 / 11
    let x = Foundation.log(5) - sBar / 0.05
    #expect(abs(eps - Foundation.exp(x)) < 1e-14)
    #expect(abs(da.finalStepSize - Foundation.exp(x)) < 1e-14)
    // Acceptance clipped at 1.
    var db = DualAveraging(targetAcceptProb: 0.8)
    db.mu = 0
    _ = db.learn(acceptStat: 3)
    #expect(abs(db.sBar - (0.8 - 1) / 11) < 1e-15)

    // A toy acceptance curve a(ε) = exp(−ε²): the averaged iterate converges to ε*
    // with a(ε*) = 0.8, ε* = √(−log 0.8).
    var dc = DualAveraging(targetAcceptProb: 0.8)
    dc.mu = Foundation.log(10)
    var e = 1.0
    for _ in 0..<2000 { e = dc.learn(acceptStat: Foundation.exp(-e * e)) }
    #expect(abs(dc.finalStepSize - (-Foundation.log(0.8)).squareRoot()) < 0.01)
  }

  @Test("Welford estimates are regularized as Stan's var_adaptation and covar_adaptation")
  func welford() {
    let xs: [[Double]] = [[1, 2], [2, 1], [4, 7], [3, 3], [0, -1]]
    var diag = WelfordEstimator(dimension: 2, dense: false)
    var dense = WelfordEstimator(dimension: 2, dense: true)
    for x in xs {
      x.withUnsafeBufferPointer { diag.add($0.baseAddress!) }
      x.withUnsafeBufferPointer { dense.add($0.baseAddress!) }
    }
    let n = 5.0
    let m0 = 2.0, m1 = 2.4
    let v0 = xs.reduce(0) { $0 + ($1[0] - m0) * ($1[0] - m0) } / (n - 1)
    let v1 = xs.reduce(0) { $0 + ($1[1] - m1) * ($1[1] - m1) } / (n - 1)
    let c01 = xs.reduce(0) { $0 + ($1[0] - m0) * ($1[1] - m1) } / (n - 1)
    let w = n / (n + 5), reg = 1e-3 * 5 / (n + 5)
    let d = diag.regularizedEstimate(current: [1, 1])!
    #expect(abs(d[0] - (w * v0 + reg)) < 1e-12 && abs(d[1] - (w * v1 + reg)) < 1e-12)
    let c = dense.regularizedEstimate(current: [1, 0, 0, 1])!
    #expect(abs(c[0] - (w * v0 + reg)) < 1e-12 && abs(c[3] - (w * v1 + reg)) < 1e-12)
    #expect(abs(c[1] - w * c01) < 1e-12 && c[1] == c[2])
  }
}
