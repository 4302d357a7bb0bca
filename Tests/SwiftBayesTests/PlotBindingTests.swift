import Arrays
import CellLanguage
import Foundation
@testable import SwiftBayes
import Testing

/// A stand-in for the MCMC run (a `DrawsSource` with sampler statistics), so the plots'
/// path through `chainDraws(from:)` is tested before the NUTS bindings land.
final class FakeRun: DrawsSource {
  let draws: ChainDraws
  init(_ draws: ChainDraws) { self.draws = draws }
  var typeName: String { "MCMC" }
  var description: String { "MCMC(fake)" }
  func chainDraws() throws -> ChainDraws { draws }
}

/// A predictive value that is not a `DrawsSource` but answers `value["obs"]`.
final class FakePredictive: HostObject {
  let obs: NDArray
  init(_ obs: NDArray) { self.obs = obs }
  var typeName: String { "PredictiveSamples" }
  var description: String { "PredictiveSamples" }
  func subscriptGet(_ args: Arguments) throws -> Value? {
    guard case .string("obs") = args[0] else { throw HostError("no such site", kind: "KeyError") }
    return .host(ArrayHost(obs))
  }
}

@Suite("Plot bindings")
struct PlotBindingTests {
  /// Draws made in the cell language: 4 chains × 200 draws of mu, a positive tau and
  /// theta[3].
  static let setup = """
    var rng = RandomState(seed: 3)
    let mu = rng.normal(1, 0.5, size: [4, 200])
    let tau = exp(rng.normal(0, 0.5, size: [4, 200]))
    let theta = rng.normal(0, 1, size: [4, 200, 3])
    let post = ["mu": mu, "tau": tau, "theta": theta]
    """

  func svg(_ session: Session, _ code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
    let r = session.execute(code)
    #expect(r.error == nil, "\(r.error?.rendered ?? "")", sourceLocation: sourceLocation)
    let bundle = r.result
    #expect(bundle?["text/plain"]?.hasPrefix("<") == true, sourceLocation: sourceLocation)
    return bundle?["image/svg+xml"]
  }

  func error(_ session: Session, _ code: String) -> String {
    session.execute(code).error?.rendered ?? "no error"
  }

  /// TUTORIAL.md cell 5's scatter call, verbatim (with stand-in arrays).
  @Test func tutorialScatterWithDiagonal() throws {
    let (session, _) = helperSession()
    session.run("let Y = linspace(0, 10, 50)\nlet predictedMean = Y * 0.9 + 0.3")
    let s = try #require(svg(session, """
      scatter(Y, predictedMean, alpha: 0.5,
              xlabel: "Observed Y", ylabel: "Predicted Mean Y",
              title: "Posterior Predictive Check", diagonal: true)
      """))
    #expect(s.contains("<title>Posterior Predictive Check</title>"))
    #expect(s.contains("stroke=\"#d62728\"") && s.contains("stroke-dasharray=\"6 4\""), "dashed red diagonal")
    #expect(s.contains("fill-opacity=\"0.5\""))
    #expect(s.components(separatedBy: "<circle").count - 1 == 50)
    #expect(s.contains(">Observed Y</text>") && s.contains(">Predicted Mean Y</text>"))
  }

  @Test func everyCatalogueFunctionDisplaysSVG() throws {
    let (session, _) = helperSession()
    session.run(Self.setup)
    for call in ["plotTrace(post)", "plotRank(post, varNames: [\"mu\"])", "plotPosterior(post, varNames: [\"mu\", \"tau\"])",
                 "plotForest(post)", "plotPair(post, varNames: [\"mu\", \"tau\"])", "plotAutocorr(post, varNames: \"mu\")",
                 "plot(linspace(0, 1, 10))", "hist(mu)", "plotPPC([\"y\": theta.reshape([800, 3])], observed: [0.1, -0.2, 0.3])"] {
      let s = svg(session, call)
      #expect(s?.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"") == true, "\(call)")
      #expect(s?.contains("viewBox=") == true, "\(call)")
    }
    // plotForest shows R-hat and ESS from Convergence.
    let forest = try #require(svg(session, "plotForest(post, varNames: [\"theta\"])"))
    #expect(forest.contains(">R-hat</text>") && forest.contains(">ESS bulk</text>"))
    #expect(forest.contains(">theta[2]</text>"))
    let plain = try #require(svg(session, "plotForest(post, rhat: false, ess: false)"))
    #expect(!plain.contains("R-hat"))
  }

  @Test func optionsAndSave() throws {
    let (session, _) = helperSession()
    session.run(Self.setup)
    let s = try #require(svg(session, "plotTrace(post, varNames: [\"tau\"], figsize: (8, 3), title: \"Trace\")"))
    #expect(s.contains("width=\"800\" height=\"300\""))
    #expect(s.contains("<title>Trace</title>"))
    #expect(!s.contains(">mu</text>"))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("swiftbayes-plot-\(UUID().uuidString).svg").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    session.run("let p = plotPosterior(post, varNames: [\"mu\"])\np.save(\"\(path)\")")
    let saved = try String(contentsOfFile: path, encoding: .utf8)
    #expect(saved == session.run("p.svg").map { _ in saved })
    #expect(session.execute("p").result?["image/svg+xml"] == saved)
    #expect(session.run("p.width") == "1080.0" || session.run("p.width") == "360.0")
    #expect(error(session, "p.save(\"x.png\")").contains("path ending in .svg"))
  }

  @Test func badInputGetsClearErrors() {
    let (session, _) = helperSession()
    session.run(Self.setup)
    #expect(error(session, "scatter([1, 2, 3], [1, 2])").contains("x has 3 values but y has 2"))
    #expect(error(session, "plotTrace(post, varNames: [\"sigma\"])").contains("no variable named 'sigma'; the draws have 'mu', 'tau', 'theta'"))
    #expect(error(session, "plotPosterior([\"mu\": zeros([4, 0])])").contains("no draws"))
    #expect(error(session, "plotPPC([\"y\": theta.reshape([800, 3])], observed: [1.0, 2.0])").contains("has 3 values but observed has 2"))
    #expect(error(session, "plotEnergy(post)").contains("needs the sampler's energy"))
    #expect(error(session, "plotTrace(42)").contains("plotTrace needs draws"))
    #expect(error(session, "plot([1, 2], [1, 2, 3])").contains("x has 2 values but y has 3"))
    #expect(error(session, "hist([Double.nan])").contains("no finite values"))
    #expect(error(session, "scatter([1], [1], xscale: \"cubic\")").contains("\"linear\" or \"log\""))
    #expect(error(session, "plotTrace(post, divergences: [true, false])").contains("divergences has shape"))
  }

  /// The sampler's statistics reach the plots through `chainDraws(from:)`.
  @Test func drawsSourceHostsCarryDivergencesAndEnergy() throws {
    let (session, _) = helperSession()
    var rng = RandomState(seed: UInt32(5))
    let c = 2, n = 100
    let mu = try NDArray(try rng.normal(0, 1, count: c * n), shape: [c, n])
    let div = try NDArray((0..<(c * n)).map { $0 % 37 == 0 }, shape: [c, n])
    let energy = try NDArray(try rng.normal(10, 2, count: c * n), shape: [c, n])
    let run = FakeRun(ChainDraws(names: ["mu", "sigma"], arrays: ["mu": mu, "sigma": try mu.applying(.multiply, mu)],
                                 sampleStats: ["diverging": div, "energy": energy]))
    session.interpreter.define("mcmc", .host(run))
    let trace = try #require(svg(session, "plotTrace(mcmc, varNames: [\"mu\", \"sigma\"])"))
    #expect(trace.contains("6 divergent"))
    let pair = try #require(svg(session, "plotPair(mcmc)"))
    #expect(pair.contains("fill=\"#d62728\""), "divergences in red")
    let e = try #require(svg(session, "plotEnergy(mcmc)"))
    #expect(e.contains("E-BFMI chain 0:"))
  }

  /// TUTORIAL.md's `plotPPC(posteriorPredictive, observed: Y)` with the predictive as a
  /// draws host, as a host answering `["obs"]`, and as a dictionary.
  @Test func ppcAcceptsPredictiveValues() throws {
    let (session, _) = helperSession()
    var rng = RandomState(seed: UInt32(2))
    let draws = try NDArray(try rng.normal(0, 1, count: 300 * 20), shape: [300, 20])
    session.interpreter.define("hostPredictive", .host(FakePredictive(draws)))
    session.interpreter.define("runPredictive", .host(FakeRun(ChainDraws(names: ["obs"], arrays: ["obs": try draws.reshaped([1, 300, 20])]))))
    session.run("let Y = RandomState(seed: 9).normal(0, 1, size: 20)\nlet dictPredictive = [\"mu\": zeros([300, 1]), \"obs\": hostPredictive[\"obs\"]]")
    let a = try #require(svg(session, "plotPPC(hostPredictive, observed: Y)"))
    let b = try #require(svg(session, "plotPPC(runPredictive, observed: Y)"))
    let c = try #require(svg(session, "plotPPC(dictPredictive, observed: Y)"))
    #expect(a == b && b == c, "the same draws give the same picture whatever holds them")
    #expect(a.contains(">observed</text>"))
    #expect(error(session, "plotPPC(dictPredictive, observed: Y, varNames: [\"sigma\"])").contains("no variable named 'sigma'"))
  }

  /// plotTrace of 4 chains × 1000 draws × 10 parameters stays under 500 KB; a huge
  /// scatter is thinned under 1 MB.
  @Test func sizeLimits() throws {
    let (session, _) = helperSession()
    session.run("""
      var r = RandomState(seed: 1)
      var big: [String: NDArray] = [:]
      for k in 0..<10 { big["p\\(k)"] = r.normal(0, 1, size: [4, 1000]) }
      """)
    let trace = try #require(svg(session, "plotTrace(big)"))
    #expect(trace.utf8.count < 500_000, "\(trace.utf8.count) bytes")
    let scatter = try #require(svg(session, "scatter(r.normal(0, 1, size: 200000), r.normal(0, 1, size: 200000), alpha: 0.1)"))
    #expect(scatter.utf8.count < 1_000_000, "\(scatter.utf8.count) bytes")
  }
}
