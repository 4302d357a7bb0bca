import Arrays
import Foundation
import Testing
@testable import Convergence

/// `NumPyroSummary` against numpyro's own `print_summary`, `effective_sample_size` and
/// `split_gelman_rubin` (Fixtures/summary.json, written by numpyro 0.22).
@Suite("NumPyro's print_summary layout")
struct NumPyroSummaryTests {
  nonisolated(unsafe) static let fixture: [String: Any] = SummaryFixtureTests.fixture

  @Test func textMatchesNumPyro() throws {
    let texts = try #require(Self.fixture["numpyro_text"] as? [String: Any])
    let post = SummaryFixtureTests.posterior
    #expect(NumPyroSummary.text(post) == texts["posterior"] as! String)
    #expect(NumPyroSummary.text(post, prob: 0.95) == texts["posterior_prob95"] as! String)
    let mu = post[0].draws, theta = post[2].draws
    let one = [SummaryVariable(name: "a", draws: try NDArray(Array(mu.doubles[0..<200]), shape: [1, 200])),
               SummaryVariable(name: "b", draws: try NDArray(Array(theta.doubles[0..<600]), shape: [1, 200, 3]))]
    #expect(NumPyroSummary.text(one) == texts["one_chain"] as! String, "\(NumPyroSummary.text(one))")
  }

  @Test func classicEstimatorsMatchNumPyro() throws {
    let arrays = Dictionary(uniqueKeysWithValues: DiagnosticsFixtureTests.cases.map { ($0.name, $0.samples) })
    let entries = try #require(Self.fixture["numpyro_arrays"] as? [[String: Any]])
    #expect(entries.count >= 20)
    for e in entries {
      let name = e["name"] as! String
      let x = try #require(arrays[name])
      let nEff = NumPyroSummary.effectiveSampleSize(x), rhat = NumPyroSummary.splitRhat(x)
      #expect(close(nEff, Fixture.number(e["n_eff"])!), "\(name) n_eff \(nEff) vs numpyro \(e["n_eff"]!)")
      #expect(close(rhat, Fixture.number(e["r_hat"])!), "\(name) r_hat \(rhat) vs numpyro \(e["r_hat"]!)")
    }
  }
}
