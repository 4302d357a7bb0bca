import Arrays
import CellLanguage
import Convergence
import Foundation
import SwiftBayes
import Testing

/// The diagnostics as notebook users call them, through cells of a session: results
/// equal the Convergence library's (itself checked against ArviZ), tables display as
/// HTML and text, and bad input ends in a located error with the session intact.
@Suite("Convergence bindings")
struct ConvergenceBindingTests {
  /// A session holding `mu` (4 × 100), `theta` (4 × 100 × 3) and `ll` (4 × 100 × 12).
  static func session() -> (Session, RecordingSink) {
    let (session, sink) = helperSession()
    session.run("""
      var rng = RandomState(seed: 7)
      let mu = rng.normal(1.0, 2.0, size: [4, 100])
      let theta = rng.normal(0.0, 1.0, size: [4, 100, 3])
      let ll = rng.normal(-1.0, 0.3, size: [4, 100, 12])
      let kept = 42
      """)
    return (session, sink)
  }

  static func variables(_ session: Session) -> [SummaryVariable] {
    [SummaryVariable(name: "mu", draws: session.array("mu")!), SummaryVariable(name: "theta", draws: session.array("theta")!)]
  }

  @Test func summaryOfADictionaryShowsHTMLAndText() throws {
    let (session, _) = Self.session()
    let expected = try Diagnostics.summary(Self.variables(session))
    let r = session.execute("summary([\"mu\": mu, \"theta\": theta])")
    #expect(r.error == nil, "\(r.error?.rendered ?? "")")
    #expect(r.result?["text/plain"] == expected.text)
    #expect(r.result?["text/html"] == expected.html)
    #expect(r.result?["text/html"]?.contains("<table") == true)
    session.run("let s = summary([\"mu\": mu, \"theta\": theta])")
    #expect(session.run("s.index") == "[\"mu\", \"theta[0]\", \"theta[1]\", \"theta[2]\"]")
    #expect(session.run("s[\"theta[1]\", \"r_hat\"]") == "\(expected["theta[1]", "r_hat"]!)")
    #expect(session.run("s[\"mu\", \"mean\"]") == "\(expected["mu", "mean"]!)")
    #expect(session.run("s.raw(\"mu\", \"ess_bulk\")") == "\(expected.rawValue(row: "mu", column: "ess_bulk")!)")
    #expect(session.run("s[\"mu\"][\"sd\"]") == "Optional(\(expected["mu", "sd"]!))")
    #expect(session.run("s.markdown") == "\"" + expected.markdown.replacingOccurrences(of: "\n", with: "\\n") + "\"")
    #expect(session.run("s.toMarkdown() == s.markdown") == "true")
    #expect(session.run("type(of: s)") == "\"SummaryTable\"")
  }

  @Test func summaryOptions() throws {
    let (session, _) = Self.session()
    #expect(session.run("summary([\"mu\": mu, \"theta\": theta], kind: SummaryKind.stats).columns") == "[\"mean\", \"sd\", \"hdi_3%\", \"hdi_97%\"]")
    #expect(session.run("summary([\"mu\": mu], kind: \"diagnostics\").columns") == "[\"mcse_mean\", \"mcse_sd\", \"ess_bulk\", \"ess_tail\", \"r_hat\"]")
    #expect(session.run("summary([\"mu\": mu], prob: 0.89, ciKind: CIKind.eti, kind: \"stats\").columns") == "[\"mean\", \"sd\", \"eti_5.5%\", \"eti_94.5%\"]")
    #expect(session.run("summary([\"mu\": mu, \"theta\": theta], varNames: [\"~theta\"]).index") == "[\"mu\"]")
    #expect(session.run("summary([\"mu\": mu, \"theta\": theta], varNames: [\"theta\"]).rowCount") == "3")
    var options = SummaryOptions(prob: 0.5, rounding: .none)
    options.varNames = ["mu"]
    let raw = try Diagnostics.summary(Self.variables(session), options: options)
    #expect(session.run("summary([\"mu\": mu, \"theta\": theta], prob: 0.5, varNames: [\"mu\"], roundTo: \"none\")[\"mu\", \"hdi_25%\"]") == "\(raw["mu", "hdi_25%"]!)")
    // A plain array is one quantity: (chains, draws) here.
    #expect(session.run("summary(mu).index") == "[\"x\"]")
  }

  @Test func standaloneDiagnosticsEqualTheLibrary() throws {
    let (session, _) = Self.session()
    let mu = ChainSamples(session.array("mu")!.doubles, chains: 4)
    #expect(session.run("rhat(mu)") == "\(Diagnostics.rhat(mu))")
    #expect(session.run("rhat(mu, method: \"split\")") == "\(Diagnostics.rhat(mu, method: .split))")
    #expect(session.run("ess(mu)") == "\(try Diagnostics.ess(mu))")
    #expect(session.run("ess(mu, method: \"tail\")") == "\(try Diagnostics.ess(mu, method: .tail))")
    #expect(session.run("ess(mu, method: \"quantile\", prob: 0.25)") == "\(try Diagnostics.ess(mu, method: .quantile, prob: [0.25]))")
    #expect(session.run("mcse(mu, method: \"sd\")") == "\(try Diagnostics.mcse(mu, method: .sd))")
    let h = try Diagnostics.hdi(mu.values, prob: 0.9)
    session.run("let h = hdi(mu, prob: 0.9)")
    #expect(session.array("h") == NDArray([h.lower, h.upper]))
    let e = try Diagnostics.eti(mu.values)
    session.run("let e = eti(mu)")
    #expect(session.array("e") == NDArray([e.lower, e.upper]))
    session.run("let ac = autocorr(mu)")
    #expect(session.array("ac")?.shape == [4, 100])
    #expect(session.run("autocorr(mu)[0, 0]") == "1.0")
    // A dictionary gives one result per variable, shaped like the variable's event.
    #expect(session.run("rhat([\"mu\": mu, \"theta\": theta])[\"theta\"]!.shape") == "[3]")
    #expect(session.run("hdi([\"theta\": theta])[\"theta\"]!.shape") == "[3, 2]")
    #expect(session.run("ess(mu[0])") == "\(try Diagnostics.ess(ChainSamples(Array(mu.values[0..<100]), chains: 1)))")
    #expect(session.run("bfmi(mu).shape") == "[4]")
  }

  @Test func looWaicAndCompare() throws {
    let (session, _) = Self.session()
    let ll = PointwiseLogLikelihood(session.array("ll")!.doubles, chains: 4, draws: 100)
    let loo = try Diagnostics.loo(ll)
    let r = session.execute("loo(ll)")
    #expect(r.error == nil, "\(r.error?.rendered ?? "")")
    #expect(r.result?["text/plain"] == loo.text)
    #expect(r.result?["text/html"] == loo.html)
    #expect(session.run("loo(ll)[\"elpd_loo\"]") == "\(loo.estimate)")
    #expect(session.run("loo([\"y\": ll]).se") == "\(loo.se)")
    #expect(session.run("loo(ll, scale: \"deviance\")[\"elpd_loo\"]") == "\(try Diagnostics.loo(ll, scale: .deviance).estimate)")
    #expect(session.run("waic(ll).p") == "\(Diagnostics.waic(ll).p)")
    session.run("let c = compare([\"a\": loo(ll), \"b\": loo(ll * 1.1)])")
    #expect(session.run("c.models") == "[\"a\", \"b\"]")
    #expect(session.run("c[\"a\", \"rank\"]") == "0")
    #expect(session.execute("c").result?["text/html"]?.contains("<table") == true)
    #expect(session.run("compare([\"a\": ll, \"b\": ll * 1.1], ic: \"waic\", method: \"pseudo-BMA\")[\"b\", \"elpd_diff\"]") != nil)
  }

  @Test func printSummaryUsesNumPyroLayout() throws {
    let (session, sink) = Self.session()
    session.run("printSummary([\"mu\": mu, \"theta\": theta])")
    let expected = NumPyroSummary.text(Self.variables(session))
    #expect(sink.stdout == expected)
    #expect(sink.stdout.contains("      mean       std    median      5.0%     95.0%     n_eff     r_hat"))
    let draws = ChainDraws(names: ["mu"], arrays: ["mu": session.array("mu")!],
                           sampleStats: ["diverging": try NDArray([Bool](repeating: false, count: 399) + [true], shape: [4, 100])])
    #expect(numpyroSummaryText(draws).hasSuffix("Number of divergences: 1\n"))
    let table = try summaryTable(ChainDraws(names: draws.names, arrays: draws.arrays, sampleStats: draws.sampleStats, maxTreeDepth: 10))
    #expect(table.text.contains("Divergences: 1 of 400 draws (0.2%); per chain: 0, 0, 0, 1"))
  }

  @Test func badInputIsALocatedErrorAndTheSessionKeepsItsState() throws {
    let (session, _) = Self.session()
    let cases: [(String, String, String)] = [
      ("let a = 1\nlet b = summary([\"mu\": mu], varNames: [\"nope\"])", "ValueError", "'nope'"),
      ("summary(42)", "TypeError", "summary needs draws"),
      ("summary([\"mu\": mu, \"short\": [1.0, 2.0]])", "ShapeError", "'short'"),
      ("summary([\"mu\": mu], prob: 1.5)", "ValueError", "prob must be in (0, 1]"),
      ("summary([\"mu\": mu], kind: \"everything\")", "ValueError", "\"stats\""),
      ("rhat(theta)", "ShapeError", "pass a dictionary"),
      ("ess(mu, method: \"quantile\")", "ValueError", "needs prob"),
      ("loo(mu[0])", "ShapeError", "(chains, draws, observations)"),
      ("compare([\"a\": loo(ll), \"b\": waic(ll)])", "ValueError", "loo and waic"),
      ("summary([\"mu\": mu])[\"nope\", \"r_hat\"]", "KeyError", "no row 'nope'"),
      ("rhat([\"e\": zeros([0, 5])])", "ValueError", "has no draws"),
      ("loo(zeros([1, 3]))", "ValueError", "at least 2 posterior samples"),
      ("hdi([1.0], prob: 1.0)", "ValueError", "too few draws"),
    ]
    for (code, kind, fragment) in cases {
      let r = session.execute(code)
      let e = try #require(r.error, "\(code) should fail")
      #expect(e.name == kind, "\(code): \(e.name)")
      #expect(e.rendered.contains(fragment), "\(code): \(e.rendered)")
      #expect(e.rendered.contains("-->"), "\(code): the error names its cell location: \(e.rendered)")
    }
    let located = try #require(session.execute("let a = 1\nlet b = summary([\"mu\": mu], varNames: [\"nope\"])").error)
    #expect(located.rendered.contains(":2:"), "\(located.rendered)")
    // Degenerate but valid input gives ArviZ's NaNs, never a crash.
    #expect(session.run("rhat([1.0, 2.0, 3.0])") == "nan")
    #expect(session.run("summary([\"e\": zeros([2, 0])]).rowCount") == "1")
    session.run("printSummary([\"e\": zeros([0, 3])])")
    #expect(session.run("kept") == "42")
    #expect(session.run("rhat(mu) > 0.9") == "true")
  }

  /// A stand-in for an MCMC run (the NUTS binding's hosts conform to `DrawsSource`):
  /// `summary(run)` reads its draws and sampler statistics through `chainDraws(from:)`.
  final class FakeRun: DrawsSource {
    let draws: ChainDraws
    init(_ draws: ChainDraws) { self.draws = draws }
    var typeName: String { "MCMC" }
    var description: String { "MCMC(fake)" }
    func chainDraws() throws -> ChainDraws { draws }
  }

  @Test func summaryOfARunReportsTheSampler() throws {
    let (session, _) = Self.session()
    let (m, n) = (4, 100)
    var diverging = [Bool](repeating: false, count: m * n)
    diverging[150] = true
    diverging[151] = true
    var depth = [Int](repeating: 3, count: m * n)
    depth[7] = 8
    let energy = (0..<(m * n)).map { i in 10 + Foundation.sin(Double(i) * 0.9) }
    let draws = ChainDraws(names: ["mu", "theta"], arrays: ["mu": session.array("mu")!, "theta": session.array("theta")!],
                           sampleStats: ["diverging": try NDArray(diverging, shape: [m, n]), "treeDepth": try NDArray(depth, shape: [m, n]),
                                         "energy": try NDArray(energy, shape: [m, n])],
                           maxTreeDepth: 8)
    session.interpreter.define("run", .host(FakeRun(draws)))
    let r = session.execute("summary(run)")
    #expect(r.error == nil, "\(r.error?.rendered ?? "")")
    let text = try #require(r.result?["text/plain"])
    #expect(text.contains("Divergences: 2 of 400 draws (0.5%); per chain: 0, 2, 0, 0"))
    #expect(text.contains("Tree depth 8 reached: 1 of 400 draws (0.2%); per chain: 1, 0, 0, 0"))
    #expect(text.contains("E-BFMI per chain: "))
    #expect(r.result?["text/html"]?.contains("Divergences: 2 of 400") == true)
    #expect(text == (try summaryTable(draws)).text)
    #expect(session.run("bfmi(run).shape") == "[4]")
    let (_, sink) = (session, session.sink as! RecordingSink)
    sink.reset()
    session.run("printSummary(run)")
    #expect(sink.stdout.hasSuffix("Number of divergences: 2\n"))
    #expect(sink.stdout == numpyroSummaryText(draws))
  }

  @Test func everyBuiltinHasHelp() {
    let (session, _) = Self.session()
    for name in ["summary", "printSummary", "rhat", "ess", "mcse", "hdi", "eti", "autocorr", "bfmi", "loo", "waic", "compare", "SummaryKind", "CIKind"] {
      let doc = session.interpreter.builtins.docs[name]
      #expect(doc != nil && doc!.doc.count > 40 && doc!.signature.hasPrefix(name), "\(name) needs a signature and doc")
    }
  }
}
