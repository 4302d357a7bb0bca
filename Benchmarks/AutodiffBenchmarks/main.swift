// The issue-7/8 gradient benchmark: µs per value+gradient of the seed tutorial's log
// density (hierarchical regression, 65 unconstrained parameters at 30 groups) three ways,
// side by side in one run:
//   hand-fused  — one Swift loop written by hand (the limit), built -Ounchecked
//   grad(f)     — the density written by hand as a cell-language function, traced once
//                 and compiled onto the tape (issue 7)
//   model       — TUTORIAL cell 2's `sample` model compiled to its potential (issue 8)
// at 30, 300 and 3000 groups, with trace and compile times. JAX's numbers come from
// Benchmarks/peers (a separate Python process).
//
// Usage: swift build -c release --product AutodiffBenchmarks && .build/release/AutodiffBenchmarks
import Arrays
import Autodiff
import Foundation
import SwiftBayes

/// Data by the tutorial's recipe (NumPy's stream for seed 42) with `groups` groups.
func tutorialData(groups: Int) -> (x: [Double], y: [Double], g: [Int]) {
  var rng = try! RandomState(seed: 42)
  let sizes = (try! rng.randint(20, 51, size: [groups])).ints
  let intercepts = (try! rng.normal(0, 0.3, size: [groups])).doubles.map { $0 + 2 }
  let slopes = (try! rng.normal(0, 0.3, size: [groups])).doubles.map { $0 + 0.5 }
  var x: [Double] = [], y: [Double] = [], g: [Int] = []
  for (i, n) in sizes.enumerated() {
    let xs = (try! NDArray.linspace(0, 10, n)).doubles
    let noise = (try! rng.normal(0, 0.2, size: [n])).doubles
    for k in 0..<n {
      x.append(xs[k]); y.append(intercepts[i] + slopes[i] * xs[k] + noise[k]); g.append(i)
    }
  }
  return (x, y, g)
}

/// The hand-fused potential and gradient: q = (mu_a, log σa, mu_b, log σb, a[G], b[G], log σy).
func handFused(_ q: UnsafePointer<Double>, _ grad: UnsafeMutablePointer<Double>, x: UnsafePointer<Double>, y: UnsafePointer<Double>,
               g: UnsafePointer<Int>, n: Int, groups: Int) -> Double {
  let G = groups
  let muA = q[0], sa = exp(q[1]), muB = q[2], sb = exp(q[3]), sy = exp(q[4 + 2 * G])
  let a = q + 4, b = q + 4 + G
  let ga = grad + 4, gb = grad + 4 + G
  let halfLog2Pi = 0.5 * log(2 * Double.pi)
  var lp = 0.0
  // Priors: Normal(0, 5) on mu_a, mu_b; HalfCauchy(5) on the scales with log-Jacobians.
  lp += -0.5 * (muA / 5) * (muA / 5) - 0.5 * (muB / 5) * (muB / 5)
  grad[0] = muA / 25; grad[2] = muB / 25
  for (k, s, u) in [(1, sa, q[1]), (3, sb, q[3]), (4 + 2 * G, sy, q[4 + 2 * G])] {
    lp += -log1p((s / 5) * (s / 5)) + u
    grad[k] = (2 * s * s / 25) / (1 + (s / 5) * (s / 5)) - 1
  }
  // Group effects.
  var dMuA = 0.0, dMuB = 0.0, ssA = 0.0, ssB = 0.0
  for j in 0..<G {
    let za = (a[j] - muA) / sa, zb = (b[j] - muB) / sb
    ssA += za * za; ssB += zb * zb
    ga[j] = za / sa; gb[j] = zb / sb
    dMuA += za / sa; dMuB += zb / sb
  }
  lp += -0.5 * ssA - Double(G) * (q[1] + halfLog2Pi) - 0.5 * ssB - Double(G) * (q[3] + halfLog2Pi)
  grad[0] -= dMuA; grad[2] -= dMuB
  grad[1] -= ssA - Double(G); grad[3] -= ssB - Double(G)
  // Likelihood.
  let inv = 1 / sy
  var ss = 0.0
  for i in 0..<n {
    let k = g[i]
    let r = (y[i] - a[k] - b[k] * x[i]) * inv
    ss += r * r
    let d = r * inv
    ga[k] -= d
    gb[k] -= d * x[i]
  }
  lp += -0.5 * ss - Double(n) * (q[4 + 2 * G] + halfLog2Pi)
  grad[4 + 2 * G] -= ss - Double(n)
  return -lp
}

func timePerCall(_ body: () -> Double, minSeconds: Double = 0.3) -> Double {
  var sink = 0.0
  for _ in 0..<50 { sink += body() }
  var best = Double.infinity
  for _ in 0..<5 {
    var calls = 0
    let start = DispatchTime.now().uptimeNanoseconds
    var elapsed = 0.0
    while elapsed < minSeconds / 5 {
      for _ in 0..<20 { sink += body() }
      calls += 20
      elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    best = min(best, elapsed / Double(calls))
  }
  if sink == 42.4242 { print("") }
  return best * 1e6
}

let logDensityCell = """
  func logDensity(_ q: [Double]) -> Double {
      let G = nGroups
      let muA = q[0], logSA = q[1], muB = q[2], logSB = q[3], logSY = q[4 + 2 * G]
      let sa = exp(logSA), sb = exp(logSB), sy = exp(logSY)
      let a = q[4..<(4 + G)], b = q[(4 + G)..<(4 + 2 * G)]
      var lp = -0.5 * (muA / 5) * (muA / 5) - 0.5 * (muB / 5) * (muB / 5)
      lp = lp - log1p((sa / 5) * (sa / 5)) - log1p((sb / 5) * (sb / 5)) - log1p((sy / 5) * (sy / 5)) + logSA + logSB + logSY
      let za = (a - muA) / sa
      let zb = (b - muB) / sb
      lp = lp + sum(-0.5 * za * za) - Double(G) * logSA + sum(-0.5 * zb * zb) - Double(G) * logSB
      let r = (Y - a[groupIdx] - b[groupIdx] * X) / sy
      return -(lp + sum(-0.5 * r * r) - Double(X.count) * logSY)
  }
  """

let modelCell = """
  func hierarchicalRegression(X: [Double], groupIdx: [Int], Y: [Double]? = nil) {
      let muA = sample("mu_a", Normal(0, 5))
      let sigmaA = sample("sigma_a", HalfCauchy(5))
      let muB = sample("mu_b", Normal(0, 5))
      let sigmaB = sample("sigma_b", HalfCauchy(5))
      let a = sample("a", Normal(muA, sigmaA).expand([nGroups]).toEvent(1))
      let b = sample("b", Normal(muB, sigmaB).expand([nGroups]).toEvent(1))
      let sigmaY = sample("sigma_y", HalfCauchy(5))
      let mu = a[groupIdx] + b[groupIdx] * X
      sample("obs", Normal(mu, sigmaY), obs: Y)
  }
  """

print("| groups | obs | params | hand-fused µs | grad(f) tape µs | ratio | model tape µs | ratio | grad(f) trace+compile ms | model compile ms |")
print("|---|---|---|---|---|---|---|---|---|---|")
for groups in [30, 300, 3000] {
  let (x, y, g) = tutorialData(groups: groups)
  let n = x.count, d = 4 + 2 * groups + 1
  let session = Session(output: RecordingSink())
  func cell(_ code: String) {
    let r = session.execute(code)
    if let e = r.error { fatalError(e.rendered) }
  }
  cell("let nGroups = \(groups)")
  session.interpreter.define("X", .array(.init(x.map { .double($0) }, elementType: .double)))
  session.interpreter.define("Y", .array(.init(y.map { .double($0) }, elementType: .double)))
  session.interpreter.define("groupIdx", .array(.init(g.map { .int($0) }, elementType: .int)))
  cell(logDensityCell)
  cell(modelCell)
  var state: UInt64 = 1
  let q = (0..<d).map { _ -> Double in state = state &* 6364136223846793005 &+ 1; return Double(state >> 11) / Double(1 << 53) - 0.5 }
  var grad = [Double](repeating: 0, count: d)
  let (gTape, traceS, compileS) = try session.gradientTape(ofFunctionNamed: "logDensity", shape: [d])
  let (mTape, modelS) = try session.potentialTape(ofModelNamed: "hierarchicalRegression", arguments: ["X", "groupIdx", "Y"])
  // The three agree (a check that the benchmark measures the same function).
  var g1 = [Double](repeating: 0, count: d)
  let v0 = q.withUnsafeBufferPointer { qp in g1.withUnsafeMutableBufferPointer { handFused(qp.baseAddress!, $0.baseAddress!, x: x, y: y, g: g, n: n, groups: groups) } }
  let (v1, _) = gTape.valueAndGradient(q)
  let (v2, _) = mTape.valueAndGradient(q)
  let constant = Double(n + 2 * groups + 2) * 0.5 * log(2 * Double.pi) + 3 * log(Double.pi * 5 / 2) + 2 * log(5.0)
  precondition(abs(v0 - v1) < 1e-8 * abs(v0), "hand-fused \(v0) vs grad(f) \(v1)")
  precondition(abs(v2 - (v0 + constant)) < 1e-8 * abs(v2), "hand-fused \(v0 + constant) vs model \(v2)")
  let ws1 = gTape.makeWorkspace(), ws2 = mTape.makeWorkspace()
  // Instruction counting (valgrind --tool=callgrind, load-independent): BENCH_VARIANT=hand|grad|model
  // runs BENCH_CALLS evaluations of one variant at 30 groups and exits.
  if let variant = ProcessInfo.processInfo.environment["BENCH_VARIANT"] {
    let calls = Int(ProcessInfo.processInfo.environment["BENCH_CALLS"] ?? "1000") ?? 1000
    var sink = 0.0
    for _ in 0..<calls {
      q.withUnsafeBufferPointer { qp in grad.withUnsafeMutableBufferPointer { gp in
        switch variant {
        case "hand": sink += handFused(qp.baseAddress!, gp.baseAddress!, x: x, y: y, g: g, n: n, groups: groups)
        case "grad": sink += gTape.valueAndGradient(qp, gp, ws1)
        default: sink += mTape.valueAndGradient(qp, gp, ws2)
        }
      } }
    }
    print(variant, calls, sink)
    exit(0)
  }
  let hand = timePerCall {
    x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in g.withUnsafeBufferPointer { gp in q.withUnsafeBufferPointer { qp in
      grad.withUnsafeMutableBufferPointer { handFused(qp.baseAddress!, $0.baseAddress!, x: xp.baseAddress!, y: yp.baseAddress!, g: gp.baseAddress!, n: n, groups: groups) }
    } } } }
  }
  let tapeTime = timePerCall { q.withUnsafeBufferPointer { qp in grad.withUnsafeMutableBufferPointer { gTape.valueAndGradient(qp, $0, ws1) } } }
  let modelTime = timePerCall { q.withUnsafeBufferPointer { qp in grad.withUnsafeMutableBufferPointer { mTape.valueAndGradient(qp, $0, ws2) } } }
  print(String(format: "| %d | %d | %d | %.2f | %.2f | %.2f× | %.2f | %.2f× | %.1f | %.1f |", groups, n, d, hand, tapeTime, tapeTime / hand,
               modelTime, modelTime / hand, (traceS + compileS) * 1000, modelS * 1000))
}
