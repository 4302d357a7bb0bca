import Arrays
import CellLanguage
import Foundation
@testable import SwiftBayes
import Testing

/// The event distributions (Categorical, Dirichlet, MultivariateNormal, LKJCholesky) as
/// cell values and in models, against SciPy / NumPyro fixtures
/// (scripts/fixtures/make_event_fixtures.py) and finite differences.
@Suite("Event distributions")
struct EventDistributionTests {
  struct Fixture: Decodable {
    struct LogProb: Decodable {
      let distribution: String
      let value: String
      let expected: [String]
      let shape: [Int]
      let reference: String
    }
    struct Model: Decodable {
      struct SiteInfo: Decodable {
        let name: String
        let shape: [Int]
        let unconstrainedSize: Int
      }
      struct Point: Decodable {
        let flat: [String]
        let potential: String
        let gradient: [String]
      }
      let name: String
      let function: String
      let cells: String
      let call: String
      let sites: [SiteInfo]
      let flatLength: Int
      let points: [Point]
    }
    let logProbs: [LogProb]
    let models: [Model]
  }

  static func fixture() throws -> Fixture {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/event_distributions", withExtension: "json"))
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }

  @Test func logProbEqualsSciPy() throws {
    let (s, _) = helperSession()
    let fixture = try Self.fixture()
    #expect(fixture.logProbs.count == 10)
    for c in fixture.logProbs {
      s.run("let lp_ = \(c.distribution).logProb(\(c.value))")
      let got = try #require(s.array("lp_"), "\(c.distribution)")
      #expect(got.shape == c.shape, "\(c.distribution): shape \(got.shape) vs \(c.shape)")
      for (g, e) in zip(got.doubles, c.expected.map { Double($0)! }) {
        #expect(abs(g - e) <= 1e-12 * max(1, abs(e)), "\(c.distribution): \(g) vs \(c.reference) \(e)")
      }
    }
  }

  @Test func cellValues() throws {
    let (s, _) = helperSession()
    #expect(s.run("Dirichlet([1.0, 2.0, 3.0])") == "Dirichlet(concentration: [1.0, 2.0, 3.0]) with batch shape () and event shape (3,)")
    #expect(s.run("Categorical(probs: [0.25, 0.75])") == "Categorical(probs: [0.25, 0.75]) with batch shape () and event shape ()")
    #expect(s.run("MultivariateNormal(zeros(2), scaleTril: eye(2))") == "MultivariateNormal(loc: [0.0, 0.0], scaleTril: [[1.0, 0.0], [0.0, 1.0]]) with batch shape () and event shape (2,)")
    #expect(s.run("LKJCholesky(3, 2.0)") == "LKJCholesky(dimension: 3, concentration: 2.0) with batch shape () and event shape (3, 3)")
    #expect(s.run("Dirichlet([1.0, 2.0, 3.0]).mean") == "[0.16666666666666666, 0.3333333333333333, 0.5]")
    // αᵢ(α₀ − αᵢ)/(α₀²(α₀ + 1)) with α₀ = 6.
    #expect(s.run("Dirichlet([1.0, 2.0, 3.0]).variance[0]") == "\(1.0 * 5 / (36 * 7))")
    #expect(s.run("MultivariateNormal([1.0, 2.0], [[4.0, 1.0], [1.0, 9.0]]).variance") == "[4.0, 9.0]")
    #expect(s.run("MultivariateNormal([1.0, 2.0], precisionMatrix: [[4.0, 0.0], [0.0, 0.25]]).variance") == "[0.25, 4.0]")
    #expect(s.run("MultivariateNormal(1.5, scaleTril: eye(2)).mean") == "[1.5, 1.5]")
    #expect(s.run("Categorical(probs: [[0.25, 0.75], [0.5, 0.5]]).variance") == "[nan, nan]")  // as NumPyro
    #expect(s.run("Categorical(logits: [[0.0, 1.0, 2.0], [1.0, 1.0, 1.0]]).batchShape") == "[2]")
    #expect(s.run("Categorical(logits: [0.0, 1.0, 2.0]).support") == "\"integer interval(0, 2)\"")
    #expect(s.run("Dirichlet([1.0, 1.0]).support") == "\"simplex\"")
    #expect(s.run("LKJCholesky(2).support") == "\"correlation Cholesky\"")
    #expect(s.run("MultivariateNormal(zeros(3), eye(3)).support") == "\"real vector\"")
    #expect(s.run("Dirichlet([1.0, 2.0, 3.0]).expand([4, 2]).batchShape") == "[4, 2]")
    #expect(s.run("Dirichlet([1.0, 2.0, 3.0]).expand([4, 2]).toEvent(1).eventShape") == "[2, 3]")
    #expect(s.run("LKJCholesky(3, [1.0, 2.0]).eventShape") == "[3, 3]")
    #expect(s.run("LKJCholesky(3, [1.0, 2.0]).batchShape") == "[2]")
    // Samples: shapes, support, and sample means near the distribution's mean.
    #expect(s.run("Dirichlet([1.0, 2.0, 3.0]).sample(PRNGKey(0), sampleShape: [5]).shape") == "[5, 3]")
    s.run("let dd = Dirichlet([1.0, 2.0, 3.0]).sample(PRNGKey(1), sampleShape: [4000])")
    let dd = try #require(s.array("dd")).doubles
    for k in 0..<3 {
      let m = stride(from: k, to: dd.count, by: 3).map { dd[$0] }.reduce(0, +) / 4000
      #expect(abs(m - Double(k + 1) / 6) < 0.02, "Dirichlet sample mean \(k): \(m)")
    }
    s.run("let cc = Categorical(probs: [0.2, 0.3, 0.5]).sample(PRNGKey(2), sampleShape: [4000])")
    let cc = try #require(s.array("cc")).doubles
    #expect(Set(cc) == [0, 1, 2])
    #expect(abs(Double(cc.filter { $0 == 2 }.count) / 4000 - 0.5) < 0.03)
    s.run("let mv = MultivariateNormal([1.0, -1.0], [[1.0, 0.8], [0.8, 2.0]]).sample(PRNGKey(3), sampleShape: [4000])")
    let mv = try #require(s.array("mv"))
    #expect(mv.shape == [4000, 2])
    let xs = stride(from: 0, to: 8000, by: 2).map { mv.doubles[$0] }, ys = stride(from: 1, to: 8000, by: 2).map { mv.doubles[$0] }
    let mx = xs.reduce(0, +) / 4000, my = ys.reduce(0, +) / 4000
    let cov = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +) / 3999
    #expect(abs(mx - 1) < 0.06 && abs(my + 1) < 0.08 && abs(cov - 0.8) < 0.1, "\(mx) \(my) \(cov)")
    // LKJ draws are correlation Cholesky factors, with finite log density.
    s.run("let ll = LKJCholesky(3, 2.0).sample(PRNGKey(4), sampleShape: [10])")
    #expect(s.run("ll.shape") == "[10, 3, 3]")
    s.run("let llp = LKJCholesky(3, 2.0).logProb(ll)")
    #expect(try #require(s.array("llp")).doubles.allSatisfy(\.isFinite))
    // Off the support: −∞.
    #expect(s.run("Dirichlet([1.0, 2.0]).logProb([0.7, 0.7])") == "-inf")
    #expect(s.run("Categorical(probs: [0.5, 0.5]).logProb(2)") == "-inf")
  }

  @Test func badParametersAreLocatedErrorsAndTheSessionKeepsItsState() throws {
    let (s, _) = helperSession()
    s.run("let kept = 42")
    func error(_ code: String) -> String { s.execute(code).error?.rendered ?? "(no error)" }
    let sum = error("let a = 1\nlet d = Categorical(probs: [0.5, 0.2])")
    #expect(sum.contains("Categorical") && sum.contains("probs") && sum.contains("sum to 1") && sum.contains("2:9"), "\(sum)")
    let pd = error("MultivariateNormal(zeros(2), [[1.0, 2.0], [2.0, 1.0]])")
    #expect(pd.contains("MultivariateNormal") && pd.contains("covarianceMatrix must be positive definite"), "\(pd)")
    let pp = error("MultivariateNormal(zeros(2), precisionMatrix: [[1.0, 0.5], [0.4, 1.0]])")
    #expect(pp.contains("precisionMatrix must be symmetric"), "\(pp)")
    let tril = error("MultivariateNormal(zeros(2), scaleTril: [[1.0, 0.5], [0.0, 1.0]])")
    #expect(tril.contains("scaleTril must be lower triangular"), "\(tril)")
    let shape = error("MultivariateNormal(zeros(3), eye(2))")
    #expect(shape.contains("loc has 3 entries") && shape.contains("covarianceMatrix is 2×2"), "\(shape)")
    let square = error("MultivariateNormal(zeros(2), zeros([2, 3]))")
    #expect(square.contains("covarianceMatrix must be square"), "\(square)")
    let scalar = error("Dirichlet(2.0)")
    #expect(scalar.contains("Dirichlet") && scalar.contains("concentration must have at least 1 dimension"), "\(scalar)")
    let negative = error("Dirichlet([[1.0, 2.0], [1.0, -1.0]])")
    #expect(negative.contains("concentration must be positive") && negative.contains("batch index 1"), "\(negative)")
    let dim = error("LKJCholesky(1)")
    #expect(dim.contains("LKJCholesky") && dim.contains("dimension must be at least 2"), "\(dim)")
    let eta = error("LKJCholesky(3, -1.0)")
    #expect(eta.contains("concentration must be positive"), "\(eta)")
    let value = error("Dirichlet([1.0, 1.0, 1.0]).logProb([0.5, 0.5])")
    #expect(value.contains("Dirichlet.logProb") && value.contains("(2,)") && value.contains("(3,)"), "\(value)")
    let noMean = error("LKJCholesky(3).mean")
    #expect(noMean.contains("LKJCholesky has no mean"), "\(noMean)")
    let label = error("MultivariateNormal(zeros(2), covariance: eye(2))")
    #expect(label.contains("no parameter 'covariance'"), "\(label)")
    // Inside a model run by MCMC: the same error, located at the constructor in the model.
    s.run("func badModel(y: [Int]) {\n    sample(\"y\", Categorical(probs: [0.5, 0.2]), obs: y)\n}")
    let inModel = error("MCMC(NUTS(badModel), numWarmup: 10, numSamples: 10, progressBar: false).run(PRNGKey(0), y: [0, 1])")
    #expect(inModel.contains("probs must sum to 1") && inModel.contains(":2:17"), "\(inModel)")
    #expect(s.run("kept") == "42")
  }

  /// `valueAndGrad(f)` at `point` against central finite differences of `f`, all
  /// through the session.
  func checkGradient(_ s: Session, _ f: String, _ point: [Double], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    func literal(_ p: [Double]) -> String { "[" + p.map { "\($0)" }.joined(separator: ", ") + "]" }
    s.run("let vg_ = valueAndGrad(\(f))(\(literal(point)))\nlet v_ = vg_.0\nlet g_ = vg_.1", sourceLocation: sourceLocation)
    let value = try #require(s.interpreter.global("v_").flatMap(asArray)?.scalarDouble, sourceLocation: sourceLocation)
    let gradient = try #require(s.array("g_")?.doubles, sourceLocation: sourceLocation)
    let direct = try #require(s.run("\(f)(\(literal(point)))", sourceLocation: sourceLocation).flatMap(Double.init), sourceLocation: sourceLocation)
    #expect(value.isFinite && abs(direct - value) <= 1e-10 * max(1, abs(value)), "\(f): tape \(value) vs concrete \(direct)", sourceLocation: sourceLocation)
    for i in point.indices {
      let h = 1e-5
      var up = point, down = point
      up[i] += h
      down[i] -= h
      let fu = try #require(s.run("\(f)(\(literal(up)))").flatMap(Double.init))
      let fd = try #require(s.run("\(f)(\(literal(down)))").flatMap(Double.init))
      let numeric = (fu - fd) / (2 * h)
      #expect(abs(numeric - gradient[i]) <= 1e-6 * max(1, abs(numeric)), "\(f) ∂/∂t[\(i)]: tape \(gradient[i]) vs finite difference \(numeric)", sourceLocation: sourceLocation)
    }
  }

  @Test func gradientsEqualFiniteDifferences() throws {
    let (s, _) = helperSession()
    s.run("""
      let ys = [0, 2, 1, 2, 2, 0]
      let X = [[0.5, -1.0], [1.5, 0.2], [-0.3, 0.8]]
      // Selection matrices: (t2, 0, t3, t4) lower triangular, (t2, t3, t3, t4) symmetric.
      let A = [[0.0, 0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0, 1.0]]
      let B = [[0.0, 0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0, 1.0]]
      let L0 = [[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [0.0, 0.6, 0.8]]
      func catProbs(_ t: NDArray) -> Double {
          let p = exp(t) / exp(t).sum()
          return Categorical(probs: p).logProb(ys).sum()
      }
      func catLogits(_ t: NDArray) -> Double { Categorical(logits: t).logProb(ys).sum() }
      func catBatch(_ t: NDArray) -> Double { Categorical(logits: t.reshaped([2, 3])).logProb([[0, 2], [1, 1]]).sum() }
      func dirichletBoth(_ t: NDArray) -> Double {
          let x = exp(t[0..<3]) / exp(t[0..<3]).sum()
          return Dirichlet(exp(t[3..<6])).logProb(x) + Dirichlet([0.5, 2.0, 3.0]).logProb(x)
      }
      func mvnTril(_ t: NDArray) -> Double {
          let L = matmul(A, t).reshaped([2, 2])
          return MultivariateNormal(t[0..<2], scaleTril: L).logProb(X).sum()
      }
      func mvnCov(_ t: NDArray) -> Double {
          let S = matmul(B, t).reshaped([2, 2])
          return MultivariateNormal(t[0..<2], covarianceMatrix: S).logProb(X).sum()
      }
      // Two covariances in a batch, met by a (3, 2) batch of values: the factor changes
      // every event, so the accumulated factor adjoints are pulled back many times.
      let X3 = [[[0.5, -1.0], [1.5, 0.2]], [[-0.3, 0.8], [0.0, 0.1]], [[1.0, 1.0], [-1.0, 0.4]]]
      func mvnCovBatch(_ t: NDArray) -> Double {
          let S = concatenate([matmul(B, t), matmul(B, t) * t[4]]).reshaped([2, 2, 2])
          return MultivariateNormal(t[0..<2], covarianceMatrix: S).logProb(X3).sum()
      }
      func mvnPrecBatch(_ t: NDArray) -> Double {
          let P = concatenate([matmul(B, t), matmul(B, t) * t[4]]).reshaped([2, 2, 2])
          return MultivariateNormal(t[0..<2], precisionMatrix: P).logProb(X3).sum()
      }
      func mvnPrec(_ t: NDArray) -> Double {
          let P = matmul(B, t).reshaped([2, 2])
          return MultivariateNormal(t[0..<2], precisionMatrix: P).logProb(X).sum()
      }
      func mvnValue(_ t: NDArray) -> Double {
          MultivariateNormal([0.5, 0.0], [[2.0, 0.3], [0.3, 1.0]]).logProb(t.reshaped([2, 2])).sum()
      }
      func lkjEta(_ t: NDArray) -> Double { LKJCholesky(3, exp(t[0])).logProb(L0) + LKJCholesky(3, exp(t)).logProb(L0).sum() }
      """)
    try checkGradient(s, "catProbs", [0.1, -0.4, 0.7])
    try checkGradient(s, "catLogits", [0.1, -0.4, 0.7])
    try checkGradient(s, "catBatch", [0.1, -0.4, 0.7, 1.0, 0.0, -2.0])
    try checkGradient(s, "dirichletBoth", [0.2, -0.5, 0.4, 0.3, 0.9, -0.2])
    try checkGradient(s, "mvnTril", [0.3, -0.2, 1.3, 0.4, 0.9])
    try checkGradient(s, "mvnCov", [0.3, -0.2, 1.6, 0.4, 0.9])
    try checkGradient(s, "mvnPrec", [0.3, -0.2, 1.6, 0.4, 0.9])
    try checkGradient(s, "mvnCovBatch", [0.3, -0.2, 1.6, 0.4, 0.9])
    try checkGradient(s, "mvnPrecBatch", [0.3, -0.2, 1.6, 0.4, 0.9])
    try checkGradient(s, "mvnValue", [0.3, -0.2, 1.6, 0.4])
    try checkGradient(s, "lkjEta", [0.4, -0.3])
  }

  @Test func modelPotentialsEqualNumPyros() throws {
    let fixture = try Self.fixture()
    #expect(fixture.models.count == 5)
    for m in fixture.models {
      let (s, _) = helperSession()
      s.run(m.cells)
      let interp = s.interpreter
      let label = String(m.call.split(separator: ":")[0])
      let data = String(m.call.split(separator: ":")[1]).trimmingCharacters(in: .whitespaces)
      let args = Arguments([try #require(interp.global(data))], labels: [label])
      let model = try s.modelRuntime.compile(try #require(interp.global(m.function)), args, key: PRNGKey(0), interp)
      #expect(model.latent.map(\.name) == m.sites.map(\.name), "\(m.name)")
      #expect(model.latent.map(\.shape) == m.sites.map(\.shape), "\(m.name)")
      #expect(model.dimension == m.flatLength, "\(m.name)")
      for p in m.points {
        let q = p.flat.map { Double($0)! }
        let (u, g) = model.potential(q)
        let expected = Double(p.potential)!
        #expect(abs(u - expected) <= 1e-10 * max(1, abs(expected)), "\(m.name): \(u) vs NumPyro \(expected)")
        for (i, e) in p.gradient.enumerated() {
          let ge = Double(e)!
          #expect(abs(g[i] - ge) <= 1e-8 * max(1, abs(ge)), "\(m.name) ∂U/∂q[\(i)]: \(g[i]) vs NumPyro \(ge)")
        }
      }
    }
  }

  @Test func dirichletCategoricalPosteriorMean() throws {
    // p ~ Dirichlet(1, 1, 1), y ~ Categorical(p): the posterior is Dirichlet(1 + counts).
    let (s, _) = helperSession()
    s.run("""
      let ys = [0, 1, 2, 2, 1, 2, 2, 0, 2, 1, 2, 2, 1, 2, 0, 2, 2, 1, 2, 2]
      func dc(y: [Int]) {
          let p = sample("p", Dirichlet([1.0, 1.0, 1.0]))
          sample("y", Categorical(probs: p), obs: y)
      }
      let mcmc = MCMC(NUTS(dc), numWarmup: 300, numSamples: 1000, numChains: 2, progressBar: false)
      mcmc.run(PRNGKey(5), y: ys)
      let ps = mcmc.getSamples()["p"]
      """)
    let draws = try #require(s.array("ps"))
    #expect(draws.shape == [2000, 3])
    let counts = [3.0, 5.0, 12.0]
    let total = counts.reduce(0, +) + 3
    for k in 0..<3 {
      let column = stride(from: k, to: draws.size, by: 3).map { draws.doubles[$0] }
      let (mean, _, mcse) = MCMCSessionTests.meanAndMCSE(column)
      let exact = (1 + counts[k]) / total
      #expect(abs(mean - exact) < 4 * mcse, "p[\(k)]: mean \(mean) vs \(exact) (MCSE \(mcse))")
    }
    // Every draw is on the simplex.
    for d in 0..<2000 {
      let row = draws.doubles[(3 * d)..<(3 * d + 3)]
      #expect(abs(row.reduce(0, +) - 1) < 1e-12 && row.allSatisfy { $0 > 0 })
    }
    // The pointwise log-likelihood (the fused op's per-event output) is log p[draw, yᵢ].
    s.run("let ll = logLikelihood(dc, mcmc.getSamples(), y: ys)[\"y\"]")
    let ll = try #require(s.array("ll"))
    #expect(ll.shape == [2, 1000, 20])
    let ys = [0, 1, 2, 2, 1, 2, 2, 0, 2, 1, 2, 2, 1, 2, 0, 2, 2, 1, 2, 2]
    for d in stride(from: 0, to: 2000, by: 97) {
      for (i, y) in ys.enumerated() {
        #expect(abs(ll.doubles[d * 20 + i] - log(draws.doubles[3 * d + y])) < 1e-13)
      }
    }
  }

  @Test func latentCategoricalIsAnErrorAndLKJModelSamples() throws {
    let (s, _) = helperSession()
    s.run("func lat() { let k = sample(\"k\", Categorical(probs: [0.5, 0.5])) }")
    let err = s.execute("MCMC(NUTS(lat), numWarmup: 10, numSamples: 10, progressBar: false).run(PRNGKey(0))").error?.rendered ?? ""
    #expect(err.contains("'k' is discrete") && err.contains("Categorical"), "\(err)")
    // A prior draw of the classic LKJ model through seed/trace has the right shapes.
    s.run("""
      func lkj() {
          let L = sample("L", LKJCholesky(3, 2.0))
          let sigma = sample("sigma", HalfNormal(1.0).expand([3]).toEvent(1))
          sample("y", MultivariateNormal(zeros(3), scaleTril: sigma.reshaped([3, 1]) * L))
      }
      let tr = trace(seed(lkj, PRNGKey(3))).getTrace()
      """)
    #expect(s.run("tr[\"L\"]![\"value\"]!.shape") == "[3, 3]")
    #expect(s.run("tr[\"y\"]![\"value\"]!.shape") == "[3]")
  }
}
