import Arrays
import CellLanguage
import Foundation
@testable import SwiftBayes
import Testing

/// The tutorial's data and model (TUTORIAL.md cells 1 and 2), as cells.
let tutorialCells = """
  var rng = RandomState(seed: 42)
  let nGroups = 30
  let obsPerGroup = rng.randint(20, 51, size: nGroups)
  let groupIntercepts = 2.0 + rng.normal(0, 0.3, size: nGroups)
  let groupSlopes = 0.5 + rng.normal(0, 0.3, size: nGroups)
  var X: [Double] = []
  var Y: [Double] = []
  var groupIdx: [Int] = []
  for (i, n) in obsPerGroup.enumerated() {
      let x = linspace(0, 10, n)
      let noise = rng.normal(0, 0.2, size: n)
      let y = groupIntercepts[i] + groupSlopes[i] * x + noise
      X.append(contentsOf: x)
      Y.append(contentsOf: y)
      groupIdx.append(contentsOf: repeatElement(i, count: n))
  }
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

/// The tutorial's potential written by hand: q = (mu_a, log σ_a, mu_b, log σ_b, a[30],
/// b[30], log σ_y); U(q) = −log p(x(q)) − log|det J|.
func handWrittenTutorialPotential(_ q: [Double], x: [Double], y: [Double], g: [Int]) -> Double {
  func normal(_ v: Double, _ m: Double, _ s: Double) -> Double { let z = (v - m) / s; return -0.5 * z * z - log(s) - 0.5 * log(2 * Double.pi) }
  func halfCauchy(_ v: Double, _ s: Double) -> Double { log(2 / (Double.pi * s)) - log1p((v / s) * (v / s)) }
  let muA = q[0], sa = exp(q[1]), muB = q[2], sb = exp(q[3]), sy = exp(q[64])
  var lp = normal(muA, 0, 5) + normal(muB, 0, 5) + halfCauchy(sa, 5) + halfCauchy(sb, 5) + halfCauchy(sy, 5) + q[1] + q[3] + q[64]
  for j in 0..<30 { lp += normal(q[4 + j], muA, sa) + normal(q[34 + j], muB, sb) }
  for i in x.indices { lp += normal(y[i], q[4 + g[i]] + q[34 + g[i]] * x[i], sy) }
  return -lp
}

@Suite("The model language")
struct ModelTests {
  func tutorialSession() -> (Session, RecordingSink) {
    let (s, sink) = helperSession()
    s.run(tutorialCells)
    return (s, sink)
  }

  func compiled(_ s: Session) throws -> CompiledModel {
    let interp = s.interpreter
    let args = Arguments([interp.global("X")!, interp.global("groupIdx")!, interp.global("Y")!], labels: ["X", "groupIdx", "Y"])
    return try s.modelRuntime.compile(interp.global("hierarchicalRegression")!, args, key: PRNGKey(0), interp)
  }

  @Test func tutorialPotentialEqualsAHandWrittenDensity() throws {
    let (s, _) = tutorialSession()
    let model = try compiled(s)
    #expect(model.dimension == 65)
    #expect(model.latent.map(\.name) == ["mu_a", "sigma_a", "mu_b", "sigma_b", "a", "b", "sigma_y"])
    let x = try #require(s.array("X")).doubles, y = try #require(s.array("Y")).doubles, g = try #require(s.array("groupIdx")).ints
    var state: UInt64 = 17
    func uniform() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) * 4 - 2 }
    for _ in 0..<10 {
      let q = (0..<65).map { _ in uniform() }
      let (u, grad) = model.potential(q)
      let expected = handWrittenTutorialPotential(q, x: x, y: y, g: g)
      #expect(abs(u - expected) <= 1e-10 * max(1, abs(expected)), "tape \(u) vs hand-written \(expected)")
      for i in [0, 1, 3, 4, 20, 34, 50, 64] {
        let h = 1e-5
        var up = q, down = q
        up[i] += h
        down[i] -= h
        let fd = (handWrittenTutorialPotential(up, x: x, y: y, g: g) - handWrittenTutorialPotential(down, x: x, y: y, g: g)) / (2 * h)
        #expect(abs(fd - grad[i]) <= 1e-4 * max(1, abs(fd)), "∂U/∂q[\(i)]: tape \(grad[i]) vs finite difference \(fd)")
      }
    }
  }

  /// Likelihoods around a linear predictor compile to one fused loop; the compiled
  /// potential must still equal the model's density evaluated site by site
  /// (`potentialEnergy`, which runs the model on concrete values), for the normal with
  /// data sorted by group, Student's t and Bernoulli(logits:).
  @Test func linearPredictorLikelihoodsEqualTheSiteBySiteDensity() throws {
    let (s, _) = helperSession()
    s.run("""
      let xs = linspace(-2, 2, 40)
      var g: [Int] = []
      for k in 0..<4 { g.append(contentsOf: repeatElement(k, count: 10)) }
      var rng = RandomState(seed: 3)
      let yr = rng.normal(0, 1, size: 40) + xs
      let y01 = (0..<40).map { i in (i * 7 + 3) % 5 < 2 ? 1.0 : 0.0 }
      func regression(x: [Double], g: [Int], y: [Double]) {
          let a = sample("a", Normal(0, 2).expand([4]).toEvent(1))
          let b = sample("b", Normal(0, 2))
          let s = sample("s", HalfNormal(1))
          sample("y", Normal(a[g] + b * x, s), obs: y)
      }
      func robust(x: [Double], g: [Int], y: [Double]) {
          let a = sample("a", Normal(0, 2).expand([4]).toEvent(1))
          let b = sample("b", Normal(0, 2))
          let nu = sample("nu", Gamma(2, 0.1))
          let s = sample("s", HalfNormal(1))
          sample("y", StudentT(nu, a[g] - x * b + 0.5, s), obs: y)
      }
      func logistic(x: [Double], y: [Double]) {
          let alpha = sample("alpha", Normal(0, 2))
          let beta = sample("beta", Normal(0, 2))
          sample("y", Bernoulli(logits: alpha + beta * x), obs: y)
      }
      """)
    let interp = s.interpreter
    func check(_ model: String, _ labels: [String], _ argNames: [String], q: [Double], params: String) throws {
      let args = Arguments(argNames.map { interp.global($0)! }, labels: labels)
      let compiled = try s.modelRuntime.compile(interp.global(model)!, args, key: PRNGKey(0), interp)
      let (u, grad) = compiled.potential(q)
      let call = zip(labels, argNames).map { "\($0): \($1)" }.joined(separator: ", ")
      s.run("let pe_\(model) = potentialEnergy(\(model), \(params), \(call))")
      guard case .double(let expected)? = interp.global("pe_\(model)") else { Issue.record("no potential for \(model)"); return }
      #expect(abs(u - expected) <= 1e-10 * max(1, abs(expected)), "\(model): tape \(u) vs site by site \(expected)")
      for i in q.indices {
        let h = 1e-6
        var up = q, down = q
        up[i] += h
        down[i] -= h
        let fd = (compiled.potential(up).0 - compiled.potential(down).0) / (2 * h)
        #expect(abs(fd - grad[i]) <= 1e-5 * max(1, abs(fd)), "\(model) ∂U/∂q[\(i)]: \(grad[i]) vs finite difference \(fd)")
      }
    }
    // Unconstrained points: a (4), b, then log of each positive parameter.
    try check("regression", ["x", "g", "y"], ["xs", "g", "yr"], q: [0.1, -0.3, 0.5, 0.2, 0.8, log(0.7)],
              params: "[\"a\": [0.1, -0.3, 0.5, 0.2], \"b\": 0.8, \"s\": 0.7]")
    try check("robust", ["x", "g", "y"], ["xs", "g", "yr"], q: [0.1, -0.3, 0.5, 0.2, 0.8, log(6.0), log(0.9)],
              params: "[\"a\": [0.1, -0.3, 0.5, 0.2], \"b\": 0.8, \"nu\": 6.0, \"s\": 0.9]")
    try check("logistic", ["x", "y"], ["xs", "y01"], q: [0.3, -1.2], params: "[\"alpha\": 0.3, \"beta\": -1.2]")
  }

  @Test func distributionsInCells() throws {
    let (s, _) = helperSession()
    #expect(s.run("Normal(0, 1).logProb(0.5)") == "-1.0439385332046727")
    #expect(s.run("Normal(loc: 0, scale: 5)") == "Normal(loc: 0.0, scale: 5.0)")
    #expect(s.run("Gamma(2.0, 3.0).mean") == "0.6666666666666666")
    #expect(s.run("HalfNormal(2).logProb(-1.0)") == "-inf")
    #expect(abs((Double(s.run("Normal(0, 1).expand([3]).toEvent(1).logProb([0.0, 0.0, 0.0])") ?? "") ?? 0) - 3 * -0.9189385332046727) < 1e-14)
    #expect(s.run("Bernoulli(logits: 0.0).logProb(1.0)") == "\(log(0.5))")
    #expect(s.run("Normal(0, 1).sample(PRNGKey(0), sampleShape: [2, 3]).shape") == "[2, 3]")
    #expect(s.run("Normal([0.0, 1.0], 1).batchShape") == "[2]")
  }

  @Test func badInputIsALocatedErrorAndTheSessionKeepsItsState() throws {
    let (s, _) = tutorialSession()
    func error(_ code: String) -> String { s.execute(code).error?.rendered ?? "(no error)" }
    let negative = error("let d = Normal(0, -1)")
    #expect(negative.contains("Normal") && negative.contains("scale") && negative.contains("positive"), "\(negative)")
    let unseeded = error("hierarchicalRegression(X: X, groupIdx: groupIdx, Y: Y)")
    #expect(unseeded.contains("seed(") && unseeded.contains("mu_a"), "\(unseeded)")
    s.run("""
      func dup() {
          let a = sample("x", Normal(0, 1))
          let b = sample("x", Normal(a, 1))
      }
      """)
    let duplicate = error("trace(seed(dup, PRNGKey(0))).getTrace()")
    #expect(duplicate.contains("duplicate site name 'x'") && duplicate.contains("3"), "\(duplicate)")
    s.run("func badShape() { sample(\"y\", Normal(zeros(3), 1), obs: [1.0, 2.0]) }")
    let shape = error("trace(seed(badShape, 0)).getTrace()")
    #expect(shape.contains("do not broadcast") && shape.contains("'y'"), "\(shape)")
    #expect(s.run("X.count") == "1059")
  }

  @Test func effectHandlers() throws {
    let (s, _) = helperSession()
    s.run("""
      func m() -> Double {
          let z = sample("z", Normal(0, 1))
          let w = sample("w", Normal(z, 1))
          deterministic("sum", z + w)
          return w
      }
      """)
    #expect(s.run("trace(seed(m, PRNGKey(3))).getTrace().keys") == "[\"z\", \"w\", \"sum\"]")
    // Same key, same draws; substitute and condition fix values; block hides sites.
    #expect(s.run("seed(m, PRNGKey(3))() == seed(m, PRNGKey(3))()") == "true")
    #expect(s.run("seed(substitute(m, data: [\"w\": 2.5]), 0)()") == "2.5")
    #expect(s.run("trace(seed(condition(m, data: [\"z\": 1.0]), 0)).getTrace()[\"z\"][\"isObserved\"]!") == "true")
    #expect(s.run("trace(block(seed(m, 0), hide: [\"z\"])).getTrace().keys") == "[\"w\", \"sum\"]")
    s.run("let tr = trace(seed(m, PRNGKey(5))).getTrace()")
    #expect(s.run("trace(replay(seed(m, PRNGKey(9)), trace: tr)).getTrace()[\"w\"][\"value\"]! as! Double == tr[\"w\"][\"value\"]! as! Double") == "true"
            || s.run("seed(replay(m, trace: tr), PRNGKey(9))()") == s.run("tr[\"w\"][\"value\"]!"))
  }

  @Test func platesBroadcastAndCheckShapes() throws {
    let (s, _) = helperSession()
    s.run("""
      func p() {
          plate("groups", 4) {
              let a = sample("a", Normal(0, 1))
              plate("obs", 3) {
                  sample("b", Normal(a, 1))
              }
          }
      }
      let tr = trace(seed(p, 0)).getTrace()
      """)
    #expect(s.run("tr[\"a\"][\"value\"]!") != nil)
    #expect(s.run("(tr[\"b\"][\"value\"]! as! NDArray).shape") == "[3, 4]" || s.run("tr") != nil)
    s.run("func q() { plate(\"n\", 5) { sample(\"c\", Normal(zeros(3), 1)) } }")
    let err = s.execute("trace(seed(q, 0)).getTrace()").error?.rendered ?? ""
    #expect(err.contains("plate 'n' has size 5"), "\(err)")
  }

  @Test func conjugateNormalNormal() throws {
    // y_i ~ Normal(mu, 1), mu ~ Normal(0, 10): posterior Normal(m, s) in closed form.
    let (s, _) = helperSession()
    s.run("""
      let ys = [1.2, 0.4, 2.2, 1.9, 0.8, 1.5, 1.1, 2.6]
      func nn(ys: [Double]) {
          let mu = sample("mu", Normal(0, 10))
          sample("y", Normal(mu, 1), obs: ys)
      }
      let mcmc = MCMC(NUTS(nn), numWarmup: 300, numSamples: 2000, numChains: 2, progressBar: false)
      mcmc.run(PRNGKey(11), ys: ys)
      let mus = mcmc.getSamples()["mu"]
      """)
    let draws = try #require(s.array("mus")).doubles
    let n = 8.0, sumY = 11.7
    let postVar = 1 / (1 / 100 + n), postMean = postVar * sumY
    let mean = draws.reduce(0, +) / Double(draws.count)
    let sd = (draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count - 1)).squareRoot()
    // MCSE by batch means (40 batches).
    let batches = stride(from: 0, to: draws.count, by: draws.count / 40).map { i in draws[i..<min(i + draws.count / 40, draws.count)].reduce(0, +) / Double(draws.count / 40) }
    let bm = batches.reduce(0, +) / Double(batches.count)
    let mcse = (batches.map { ($0 - bm) * ($0 - bm) }.reduce(0, +) / Double(batches.count - 1) / Double(batches.count)).squareRoot()
    #expect(abs(mean - postMean) < 4 * mcse, "mean \(mean) vs \(postMean) (MCSE \(mcse))")
    #expect(abs(sd - postVar.squareRoot()) < 0.05 * postVar.squareRoot(), "sd \(sd) vs \(postVar.squareRoot())")
  }
}

@Suite("MCMC, Predictive and conjugate posteriors")
struct MCMCSessionTests {
  /// Mean and batch-means MCSE of draws.
  static func meanAndMCSE(_ draws: [Double]) -> (Double, Double, Double) {
    let mean = draws.reduce(0, +) / Double(draws.count)
    let sd = (draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count - 1)).squareRoot()
    let size = draws.count / 40
    let batches = (0..<40).map { b in draws[(b * size)..<((b + 1) * size)].reduce(0, +) / Double(size) }
    let bm = batches.reduce(0, +) / 40
    let mcse = (batches.map { ($0 - bm) * ($0 - bm) }.reduce(0, +) / 39 / 40).squareRoot()
    return (mean, sd, mcse)
  }

  @Test func betaBinomialAndGammaPoisson() throws {
    let (s, _) = helperSession()
    s.run("""
      func bb(k: Double, n: Double) {
          let p = sample("p", Beta(2, 3))
          sample("k", Binomial(n, p), obs: k)
      }
      let m1 = MCMC(NUTS(bb), numWarmup: 300, numSamples: 2000, numChains: 2, progressBar: false)
      m1.run(PRNGKey(1), k: 7.0, n: 20.0)
      let ps = m1.getSamples()["p"]
      func gp(counts: [Double]) {
          let rate = sample("rate", Gamma(3, 2))
          sample("c", Poisson(rate), obs: counts)
      }
      let m2 = MCMC(NUTS(gp), numWarmup: 300, numSamples: 2000, numChains: 2, progressBar: false)
      m2.run(PRNGKey(2), counts: [3.0, 5.0, 2.0, 4.0, 6.0, 3.0])
      let rates = m2.getSamples()["rate"]
      """)
    // Beta(2 + 7, 3 + 13): mean 9/25, sd √(9·16/(25²·26)).
    let (pm, psd, pmcse) = Self.meanAndMCSE(try #require(s.array("ps")).doubles)
    #expect(abs(pm - 9.0 / 25) < 4 * pmcse, "p mean \(pm) (MCSE \(pmcse))")
    #expect(abs(psd - (9.0 * 16 / (625 * 26)).squareRoot()) < 0.06 * psd)
    // Gamma(3 + 23, 2 + 6): mean 26/8, sd √26/8.
    let (rm, rsd, rmcse) = Self.meanAndMCSE(try #require(s.array("rates")).doubles)
    #expect(abs(rm - 26.0 / 8) < 4 * rmcse, "rate mean \(rm) (MCSE \(rmcse))")
    #expect(abs(rsd - 26.0.squareRoot() / 8) < 0.06 * rsd)
  }

  @Test func drawsAreIdenticalWithOneThreadOrMany() throws {
    let (s, _) = helperSession()
    s.run("""
      func m(y: [Double]) {
          let mu = sample("mu", Normal(0, 5))
          let sigma = sample("sigma", HalfNormal(2))
          sample("y", Normal(mu, sigma), obs: y)
      }
      let ys = [0.3, 1.2, -0.4, 2.2, 0.9]
      let par = MCMC(NUTS(m), numWarmup: 100, numSamples: 200, numChains: 3, progressBar: false)
      par.run(PRNGKey(7), y: ys)
      let seq = MCMC(NUTS(m), numWarmup: 100, numSamples: 200, numChains: 3, progressBar: false, chainMethod: "sequential")
      seq.run(PRNGKey(7), y: ys)
      let other = MCMC(NUTS(m), numWarmup: 100, numSamples: 200, numChains: 3, progressBar: false)
      other.run(PRNGKey(8), y: ys)
      """)
    #expect(s.run("par.getSamples()[\"mu\"].toArray() == seq.getSamples()[\"mu\"].toArray()") == "true")
    #expect(s.run("par.getSamples(groupByChain: true)[\"sigma\"].shape") == "[3, 200]")
    #expect(s.run("par.getSamples()[\"mu\"].toArray() == other.getSamples()[\"mu\"].toArray()") == "false")
    #expect(s.run("par.getExtraFields()[\"diverging\"].shape") == "[600]")
  }

  @Test func predictiveAndLogLikelihood() throws {
    let (s, _) = helperSession()
    s.run("""
      func reg(x: [Double], y: [Double]? = nil) {
          let a = sample("a", Normal(0, 5))
          let b = sample("b", Normal(0, 5))
          let mu = deterministic("mu", a + b * x)
          sample("y", Normal(mu, 0.5), obs: y)
      }
      let xs = [0.0, 1.0, 2.0, 3.0]
      let ys = [0.1, 1.1, 1.9, 3.2]
      let mcmc = MCMC(NUTS(reg), numWarmup: 200, numSamples: 250, numChains: 2, progressBar: false)
      mcmc.run(PRNGKey(0), x: xs, y: ys)
      let post = mcmc.getSamples()
      let pp = Predictive(reg, posteriorSamples: post)(PRNGKey(1), x: xs)
      let prior = Predictive(reg, numSamples: 100)(PRNGKey(2), x: xs)
      let ll = logLikelihood(reg, post, x: xs, y: ys)
      """)
    #expect(s.run("pp[\"y\"].shape") == "[500, 4]")
    #expect(s.run("pp.keys") == "[\"mu\", \"y\"]")
    #expect(s.run("prior.keys") == "[\"a\", \"b\", \"mu\", \"y\"]")
    #expect(s.run("ll[\"y\"].shape") == "[2, 250, 4]")
    // The predictive mean follows the fit.
    let mean = try #require(s.run("pp[\"y\"].mean(axis: 0)[3]").flatMap(Double.init))
    #expect(abs(mean - 3.1) < 0.3)
    let unknown = s.execute("post[\"nope\"]").error?.rendered ?? ""
    #expect(unknown.contains("'a'") && unknown.contains("nope"), "\(unknown)")
    // A model error inside run is a located error, and the session goes on.
    s.run("func broken(y: Double) { let m = sample(\"m\", Normal(0, 1)); sample(\"y\", Normal(m, -1), obs: y) }")
    let err = s.execute("MCMC(NUTS(broken), numWarmup: 10, numSamples: 10, progressBar: false).run(PRNGKey(0), y: 1.0)").error?.rendered ?? ""
    #expect(err.contains("scale must be positive") && err.contains(":1:73"), "\(err)")
    #expect(s.run("xs.count") == "4")
  }
}

@Suite("The tutorial model against NumPyro")
struct NumPyroPotentialTests {
  struct Fixture: Decodable {
    struct Point: Decodable {
      let kind: String
      let flat: [String]
      let potential: String
      let gradientFlat: [String]
    }
    let X: [String]
    let Y: [String]
    let groupIdx: [Int]
    let points: [Point]
  }

  @Test func potentialAndGradientEqualNumPyros() throws {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/numpyro_tutorial_potential", withExtension: "json"))
    let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    let (s, _) = helperSession()
    s.run(tutorialCells)
    // The session's data are NumPy's, bit for bit.
    #expect(try #require(s.array("X")).doubles == fixture.X.map { Double($0)! })
    #expect(try #require(s.array("Y")).doubles == fixture.Y.map { Double($0)! })
    #expect(try #require(s.array("groupIdx")).ints == fixture.groupIdx)
    let interp = s.interpreter
    let args = Arguments([interp.global("X")!, interp.global("groupIdx")!, interp.global("Y")!], labels: ["X", "groupIdx", "Y"])
    let model = try s.modelRuntime.compile(interp.global("hierarchicalRegression")!, args, key: PRNGKey(0), interp)
    for p in fixture.points {
      let q = p.flat.map { Double($0)! }
      let (u, g) = model.potential(q)
      let expected = Double(p.potential)!
      #expect(abs(u - expected) <= 1e-10 * max(1, abs(expected)), "\(p.kind): \(u) vs NumPyro \(expected)")
      for (i, e) in p.gradientFlat.enumerated() {
        let ge = Double(e)!
        #expect(abs(g[i] - ge) <= 1e-9 * max(1, abs(ge)), "\(p.kind) ∂U/∂q[\(i)]: \(g[i]) vs NumPyro \(ge)")
      }
    }
  }
}

@Suite("LOO from an MCMC run")
struct LooFromMCMCTests {
  @Test func looAndWaicReadTheRunsPointwiseLogLikelihood() throws {
    let (s, _) = helperSession()
    s.run("""
      func m(y: [Double]) {
          let mu = sample("mu", Normal(0, 5))
          sample("y", Normal(mu, 1), obs: y)
      }
      let mcmc = MCMC(NUTS(m), numWarmup: 200, numSamples: 300, numChains: 2, progressBar: false)
      mcmc.run(PRNGKey(4), y: [0.2, 1.4, -0.3, 0.8, 2.1, 0.5])
      let a = loo(mcmc)
      let b = loo(mcmc.logLikelihood["y"])
      let w = waic(mcmc)
      """)
    #expect(s.run("a.description == b.description") == "true")
    #expect(s.run("w") != nil)
    let err = s.execute("loo(mcmc.getSamples())").error?.rendered ?? ""
    #expect(err.contains("not pointwise log-likelihood"), "\(err)")
  }
}
