import Arrays
import Foundation
import Testing
@testable import Convergence

/// The three renderings of a summary (plain text, HTML, markdown) and of loo/compare,
/// against golden files in Fixtures/golden/. Regenerate after an intended change with
/// `SWIFTBAYES_UPDATE_GOLDEN=1 swift test --filter RenderingGolden` and review the diff.
@Suite("Rendering goldens")
struct RenderingGoldenTests {
  static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/golden")

  static func check(_ text: String, _ file: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = goldenDirectory.appendingPathComponent(file)
    if ProcessInfo.processInfo.environment["SWIFTBAYES_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    let bundled = try #require(Bundle.module.url(forResource: (file as NSString).deletingPathExtension, withExtension: (file as NSString).pathExtension, subdirectory: "Fixtures/golden"), "missing golden \(file)", sourceLocation: sourceLocation)
    let golden = try String(contentsOf: bundled, encoding: .utf8)
    #expect(text == golden, "\(file) differs from its golden:\n\(text)", sourceLocation: sourceLocation)
  }

  /// The fixture posterior with sampler statistics: 3 divergences in chain 2, one
  /// saturated tree, and a chain with low E-BFMI (a random walk in energy).
  static func table() throws -> SummaryTable {
    var t = try Diagnostics.summary(SummaryFixtureTests.posterior)
    let (m, n) = (4, 200)
    var diverging = [Double](repeating: 0, count: m * n)
    for i in [410, 455, 599] { diverging[i] = 1 }
    var depth = [Double](repeating: 4, count: m * n)
    depth[17] = 10
    var energy = [Double](repeating: 0, count: m * n)
    for c in 0..<m {
      for i in 0..<n {
        let wiggle = Foundation.sin(Double(i) * 1.7 + Double(c)) * 3
        energy[c * n + i] = c == 3 ? Double(i) * 0.05 + wiggle * 0.01 : 20 + wiggle
      }
    }
    t.sampler = SamplerReport(diverging: ChainSamples(diverging, chains: m), treeDepth: ChainSamples(depth, chains: m),
                              maxTreeDepth: 10, energy: ChainSamples(energy, chains: m))
    return t
  }

  @Test func summaryRenderings() throws {
    let t = try Self.table()
    try Self.check(t.text, "summary.txt")
    try Self.check(t.html, "summary.html")
    try Self.check(t.markdown, "summary.md")
    // The flags are the ones ArviZ users expect: r_hat > 1.01 or ESS < 400.
    #expect(t.html.contains("<tr class=\"flagged\""))
    #expect(t.isFlagged(row: t.index.firstIndex(of: "theta[1]")!))
    #expect(!t.isFlagged(row: t.index.firstIndex(of: "L[1, 1]")!))
    #expect(t.sampler?.divergences == [0, 0, 3, 0])
    #expect(t.sampler?.treeDepthSaturated == [1, 0, 0, 0])
    #expect(t.text.contains("E-BFMI below 0.3 in chain 3"))
  }

  @Test func elpdRenderings() throws {
    let models = ELPDFixtureTests.models
    let results = try models.map { m -> (name: String, result: ELPDResult) in
      (m["label"] as! String, try Diagnostics.loo(ELPDFixtureTests.logLikelihood(m), posterior: ELPDFixtureTests.posterior(m)))
    }
    try Self.check(results[0].result.html, "loo.html")
    try Self.check(results[0].result.markdown, "loo.md")
    let c = try Diagnostics.compare(results)
    try Self.check(c.text, "compare.txt")
    try Self.check(c.html, "compare.html")
    try Self.check(c.markdown, "compare.md")
  }
}
