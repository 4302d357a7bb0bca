import CellLanguage
import Foundation
import SwiftBayes
import Testing

/// Draws out and in (CmdStan CSV, JSON), and reports of a session.
@Suite("Report and export bindings")
struct ReportBindingTests {
  let sink = RecordingSink()
  let session: Session
  let dir: String
  init() {
    session = Session(output: sink)
    dir = NSTemporaryDirectory() + "swiftbayes-report-tests-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  }

  @discardableResult
  func run(_ code: String) -> String? {
    let r = session.execute(code)
    if let e = r.error { Issue.record("\(code): \(e.rendered)") }
    return r.result?["text/plain"]
  }

  static let model = """
    func m(y: [Double]? = nil) {
        let mu = sample("mu", Normal(0, 10))
        let sd = sample("sd", HalfNormal(2))
        let w = sample("w", Normal(0, 1).expand([2, 3]).toEvent(2))
        sample("obs", Normal(mu + 0.0 * w.sum(), sd), obs: y)
    }
    let mcmc = MCMC(NUTS(m), numWarmup: 100, numSamples: 50, numChains: 2, progressBar: false)
    mcmc.run(PRNGKey(3), y: [1.0, 2.0, 0.5, 1.5])
    """

  @Test func writeCSVRoundTripsThroughReadCmdStanCSV() throws {
    run(Self.model)
    let files = run("mcmc.writeCSV(\"\(dir)/draws.csv\")")
    #expect(files == "[\"\(dir)/draws_1.csv\", \"\(dir)/draws_2.csv\"]")
    let text = try String(contentsOfFile: "\(dir)/draws_1.csv", encoding: .utf8)
    let header = try #require(text.split(separator: "\n").first { !$0.hasPrefix("#") })
    // CmdStan's sampler columns, then parameters with 1-based, column-major indices.
    #expect(header == "lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,mu,sd,w.1.1,w.2.1,w.1.2,w.2.2,w.1.3,w.2.3")
    #expect(text.contains("# method = sample (Default)") && text.contains("# Adaptation terminated") && text.contains("Elapsed Time"))
    run("let back = readCmdStanCSV(\"\(dir)/draws.csv\")")
    #expect(run("back.numChains") == "2")
    #expect(run("back.numDraws") == "50")
    for site in ["mu", "sd", "w"] {
      #expect(run("abs(back[\"\(site)\"] - mcmc.getSamples()[\"\(site)\"]).max() < 1e-12") == "true", "\(site)")
    }
    #expect(run("back[\"w\"].shape") == "[100, 2, 3]")
    // The sampler columns come back as extra fields: summary reports divergences from them.
    let summary = session.execute("summary(back)").result?["text/plain"] ?? ""
    #expect(summary.contains("Divergences:"))
  }

  @Test func readsAStanWrittenFixture() throws {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/cmdstan/multidim_vars", withExtension: "csv"))
    run("let s = readCmdStanCSV(\"\(url.path)\")")
    #expect(run("s.keys") == "[\"beta\", \"y_rep\", \"frac_60\"]")
    #expect(run("s[\"y_rep\"].shape") == "[20, 5, 4, 3]")
    // First draw in the file: y_rep.1.1.1 (column 10) is 1, y_rep.2.3.1 (column 21) is 0,
    // y_rep.3.3.1 (column 22) is 1; beta.1 is 1.20854; the last draw's frac_60 is 43.
    #expect(run("s[\"y_rep\"][0, 0, 0, 0]") == "1.0")
    #expect(run("s[\"y_rep\"][0, 1, 2, 0]") == "0.0")
    #expect(run("s[\"y_rep\"][0, 2, 2, 0]") == "1.0")
    #expect(run("s[\"beta\"][0, 0]") == "1.20854")
    #expect(run("s[\"frac_60\"][19]") == "43.0")
    let bern = try #require(Bundle.module.url(forResource: "Fixtures/cmdstan/bern-1", withExtension: "csv"))
    let bern2 = bern.deletingLastPathComponent().appendingPathComponent("bern-2.csv")
    run("let b = readCmdStanCSV([\"\(bern.path)\", \"\(bern2.path)\"])")
    #expect(run("b.numChains") == "2")
    #expect(run("b.numDraws") == "100")
    let table = session.execute("summary(b)").result?["text/plain"] ?? ""
    #expect(table.contains("theta"))
  }

  @Test func writeJSONHasArviZGroups() throws {
    run(Self.model)
    run("mcmc.writeJSON(\"\(dir)/draws.json\")")
    let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/draws.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let posterior = try #require(root["posterior"] as? [String: Any])
    let w = try #require(posterior["w"] as? [[[[Double]]]])
    #expect(w.count == 2 && w[0].count == 50 && w[0][0].count == 2 && w[0][0][0].count == 3)
    let stats = try #require(root["sample_stats"] as? [String: Any])
    #expect(stats["diverging"] is [[Bool]] && stats["lp"] != nil)
  }

  @Test func exportReportWritesTheSessionSoFar() throws {
    run("var rng = RandomState(seed: 5)\nprint(\"hello <report>\")")
    run("scatter([1.0, 2.0], [2.0, 1.0], title: \"a plot\")")
    run("exportReport(\"\(dir)/report.html\", title: \"My run\")")
    let html = try String(contentsOfFile: "\(dir)/report.html", encoding: .utf8)
    #expect(html.contains("<title>My run</title>"))
    #expect(html.contains("hello &lt;report&gt;"))
    #expect(html.contains("<svg"))
    #expect(html.contains("<code>RandomState(seed: 5)</code>"))
    #expect(html.contains("exportReport"), "the running cell is in the report")
    #expect(session.recordedCells.count == 3)
  }

  @Test func theRecordKeepsAtMostEightMegabytesOfStreamPerCell() throws {
    run("for _ in 0..<3 { print(String(repeating: \"x\", count: 4_000_000)) }")
    let cell = try #require(session.recordedCells.last)
    guard case .stream(_, let text) = try #require(cell.outputs.first) else { Issue.record("no stream"); return }
    #expect(text.utf8.count > 8 << 20 && text.utf8.count < (8 << 20) + 100)
    #expect(text.hasSuffix("not kept in the notebook or report …]\n"))
    #expect(sink.stdout.utf8.count == 12_000_003, "the sink still gets everything")
  }

  @Test func readErrorsAreCellErrors() {
    let r = session.execute("readCmdStanCSV(\"\(dir)/nothing.csv\")")
    #expect(r.error?.name == "FileNotFoundError")
  }
}

@Suite("help sends Markdown")
struct HelpMarkdownTests {
  @Test func helpPageHasMarkdownBesidePlainText() throws {
    let session = Session(output: RecordingSink())
    let r = session.execute("help(summary)")
    let page = try #require(r.pages.first)
    #expect(page["text/plain"]?.hasPrefix("summary(") == true)
    let md = try #require(page["text/markdown"])
    #expect(md.hasPrefix("```swift\nsummary(_ draws"))
    #expect(md.contains("`kind`"))
  }
}

@Suite("describe() row labels")
struct DescribeRowLabelTests {
  @Test func statisticNamesAreTheIndex() throws {
    let path = NSTemporaryDirectory() + "describe-\(UUID().uuidString).csv"
    try "x,y\n1,2.5\n2,3.5\n3,4.5\n".write(toFile: path, atomically: true, encoding: .utf8)
    let r = Session(output: RecordingSink()).execute("readCSV(\"\(path)\").describe()")
    let text = try #require(r.result?["text/plain"])
    let lines = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    #expect(lines[0] == ["x", "y"], "no extra 'statistic' column")
    #expect(lines.dropFirst().map { $0[0] } == ["count", "mean", "std", "min", "25%", "50%", "75%", "max"])
    #expect(lines[2] == ["mean", "2", "3.5"])
    let html = try #require(r.result?["text/html"])
    #expect(html.contains("<tr><th>mean</th><td>2</td><td>3.5</td></tr>"))
  }
}
