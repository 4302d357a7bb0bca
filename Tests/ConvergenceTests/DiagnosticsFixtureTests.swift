import Foundation
import Testing
@testable import Convergence

/// R-hat, ESS, MCSE, HDI, ETI, autocorrelation and E-BFMI against ArviZ 0.23 on the
/// arrays in Fixtures/diagnostics.json (normal, AR(1), odd lengths, one chain, constant
/// chains, ties, heavy tails, bimodal, NaN, too short, sticky chains, …).
@Suite("Diagnostics agree with ArviZ")
struct DiagnosticsFixtureTests {
  struct Case: CustomStringConvertible, Sendable {
    let name: String
    let index: Int
    let samples: ChainSamples
    var json: [String: Any] { DiagnosticsFixtureTests.rawCases[index] }
    var description: String { name }
  }

  nonisolated(unsafe) static let fixture: [String: Any] = (try? Fixture.load("diagnostics")) ?? [:]
  nonisolated(unsafe) static let rawCases: [[String: Any]] = (fixture["cases"] as? [[String: Any]]) ?? []

  static let cases: [Case] = rawCases.enumerated().map { i, c in
    let chains = (c["chains"] as! NSNumber).intValue
    let values = Fixture.numbers(c["values"])
    return Case(name: c["name"] as! String, index: i, samples: ChainSamples(values, chains: chains))
  }

  @Test func atLeastTwentyArrays() {
    #expect(Self.cases.count >= 20)
    #expect((Self.fixture["arviz"] as? String)?.hasPrefix("0.23") == true)
  }

  @Test(arguments: cases) func rhat(_ c: Case) throws {
    let expected = try #require(c.json["rhat"] as? [String: Any])
    for method in Diagnostics.RhatMethod.allCases {
      let want = try #require(Fixture.number(expected[method.rawValue]))
      let got = Diagnostics.rhat(c.samples, method: method)
      if want > 1e12 {
        // Chains constant within, different between: the within-chain variance is
        // rounding noise of the normal scores (ArviZ gets inf or ~1e15), so only
        // "effectively infinite" is comparable.
        #expect(got > 1e12, "\(c.name) rhat \(method.rawValue): \(got) vs ArviZ \(want)")
        continue
      }
      #expect(close(got, want), "\(c.name) rhat \(method.rawValue): \(got) vs ArviZ \(want)")
    }
  }

  @Test(arguments: cases) func ess(_ c: Case) throws {
    for entry in try #require(c.json["ess"] as? [[String: Any]]) {
      let method = try #require(Diagnostics.ESSMethod(rawValue: entry["method"] as! String))
      let prob: [Double]? = (entry["prob"] as? NSNumber).map { [$0.doubleValue] } ?? (entry["prob"] as? [NSNumber])?.map(\.doubleValue)
      let want = try #require(Fixture.number(entry["value"]))
      let got = try Diagnostics.ess(c.samples, method: method, prob: prob)
      #expect(close(got, want), "\(c.name) ess \(method.rawValue) \(prob ?? []): \(got) vs ArviZ \(want)")
    }
  }

  @Test(arguments: cases) func mcse(_ c: Case) throws {
    for entry in try #require(c.json["mcse"] as? [[String: Any]]) {
      let method = try #require(Diagnostics.MCSEMethod(rawValue: entry["method"] as! String))
      let prob = (entry["prob"] as? NSNumber)?.doubleValue
      let want = try #require(Fixture.number(entry["value"]))
      let got = try Diagnostics.mcse(c.samples, method: method, prob: prob)
      #expect(close(got, want), "\(c.name) mcse \(method.rawValue) \(prob ?? .nan): \(got) vs ArviZ \(want)")
    }
  }

  @Test(arguments: cases) func intervals(_ c: Case) throws {
    for (p, v) in try #require(c.json["hdi"] as? [String: Any]) {
      let prob = try #require(Double(p))
      if v is NSNull {
        #expect(throws: DiagnosticsError.self) { try Diagnostics.hdi(c.samples.values, prob: prob) }
        continue
      }
      let want = Fixture.numbers(v)
      let got = try Diagnostics.hdi(c.samples.values, prob: prob)
      #expect(close(got.lower, want[0]) && close(got.upper, want[1]), "\(c.name) hdi \(p): \(got) vs ArviZ \(want)")
    }
    for (p, v) in try #require(c.json["eti"] as? [String: Any]) {
      let want = Fixture.numbers(v)
      let got = try Diagnostics.eti(c.samples.values, prob: try #require(Double(p)))
      #expect(close(got.lower, want[0]) && close(got.upper, want[1]), "\(c.name) eti \(p): \(got) vs NumPy \(want)")
    }
  }

  /// ArviZ's FFT autocorrelation of the first chain. Lags whose autocorrelation is
  /// rounding noise (|ρ| < 1e-10) are compared absolutely: two FFTs of different
  /// lengths agree there only to ~1e-16 of ρ₀.
  @Test(arguments: cases) func autocorrelation(_ c: Case) throws {
    guard let v = c.json["autocorr"] else { return }
    let want = Fixture.numbers(v)
    let got = Diagnostics.autocorrelation(Array(c.samples.values[0..<c.samples.draws]))
    #expect(got.count == want.count)
    for (k, (g, w)) in zip(got, want).enumerated() {
      #expect(close(g, w, rel: 1e-8, abs: 1e-12), "\(c.name) autocorr lag \(k): \(g) vs ArviZ \(w)")
    }
  }

  @Test func bfmi() throws {
    for e in try #require(Self.fixture["bfmi"] as? [[String: Any]]) {
      let x = ChainSamples(Fixture.numbers(e["values"]), chains: (e["chains"] as! NSNumber).intValue)
      let want = Fixture.numbers(e["bfmi"])
      let got = Diagnostics.bfmi(x)
      #expect(got.count == want.count)
      for (g, w) in zip(got, want) { #expect(close(g, w), "bfmi \(g) vs ArviZ \(w)") }
    }
  }

  /// BAYES.md §1's synthetic vector (no downloads): x[c,i] = sin(0.7i + c) + 0.05·i·(c+1)
  /// + cos(1.3i² + 2c). mcse_sd is the ArviZ 0.23 / posterior variant (0.135730275103).
  @Test func bayesSyntheticVector() throws {
    var values: [Double] = []
    for c in 0..<4 {
      for i in 0..<20 {
        let x = Double(i), cc = Double(c)
        values.append(Foundation.sin(0.7 * x + cc) + 0.05 * x * (cc + 1) + Foundation.cos(1.3 * x * x + 2 * cc))
      }
    }
    let s = ChainSamples(values, chains: 4)
    #expect(close(Diagnostics.rhat(s), 1.200514801202, rel: 1e-11))
    #expect(close(try Diagnostics.ess(s), 19.926841634323, rel: 1e-11))
    #expect(close(try Diagnostics.ess(s, method: .tail), 34.393305439331, rel: 1e-11))
    #expect(close(try Diagnostics.mcse(s), 0.314411179524, rel: 1e-11))
    #expect(close(try Diagnostics.mcse(s, method: .sd), 0.135730275103, rel: 1e-11))
    let h = try Diagnostics.hdi(values, prob: 0.94)
    #expect(close(h.lower, -1.519580410135, rel: 1e-11) && close(h.upper, 3.232674619959, rel: 1e-11))
    let e = try Diagnostics.eti(values, prob: 0.89)
    #expect(close(e.lower, -0.92065677, rel: 1e-8) && close(e.upper, 3.19651744, rel: 1e-8))
  }
}

/// The bit-count tail ESS (used by `summary`) equals the general ESS of the split
/// indicator series on every fixture array at several thresholds.
@Suite("Indicator ESS by bit counts")
struct IndicatorESSTests {
  @Test func agreesWithTheGeneralESS() {
    for c in DiagnosticsFixtureTests.cases where !c.samples.hasNaN && c.samples.draws >= 4 {
      let x = c.samples
      let sorted = x.values.sorted()
      for p in [0.05, 0.25, 0.5, 0.95, 1.0] {
        let q = sorted.withUnsafeBufferPointer { typeSevenQuantile(sorted: $0, p) }
        let general = Diagnostics.essOf(x.mapped { $0 <= q ? 1 : 0 }.split())
        let bits = x.withBuffer { splitIndicatorESS($0, chains: x.chains, draws: x.draws, threshold: q) }
        #expect(close(bits, general, rel: 1e-10), "\(c.name) p \(p): \(bits) vs \(general)")
      }
    }
  }
}

/// The radix argsort is a stable sort by value: near-equal values (differing in the
/// lowest mantissa bits), ties, ±0, huge offsets and heavy tails.
@Suite("Argsort")
struct ArgsortTests {
  static func reference(_ v: [Double]) -> [Int32] {
    v.indices.sorted { v[$0] < v[$1] || (v[$0] == v[$1] && $0 < $1) }.map { Int32($0) }
  }

  @Test func matchesAStableComparisonSort() {
    var rng = SystemRandomNumberGenerator()
    var inputs: [[Double]] = []
    inputs.append((0..<4000).map { _ in Double.random(in: -3...3, using: &rng) })
    inputs.append((0..<4000).map { _ in 1e8 + Double.random(in: -1...1, using: &rng) })
    inputs.append((0..<4000).map { _ in (Double.random(in: -3...3, using: &rng) * 10).rounded() / 10 })
    inputs.append((0..<1000).map { i in 1.0 + Double(i % 7) * Double.ulpOfOne })
    inputs.append((0..<1000).map { i in i % 2 == 0 ? 0.0 : -0.0 })
    inputs.append((0..<3000).map { _ in Foundation.tan(Double.random(in: -1.57...1.57, using: &rng)) })
    inputs.append((0..<2000).map { i in Double(i % 3) + Double.random(in: 0...1e-9, using: &rng) })
    for v in inputs {
      let got = v.withUnsafeBufferPointer(argsortValues)
      let want = Self.reference(v)
      // ±0 compare equal, so only values (not indices) must agree there.
      #expect(got.map { v[Int($0)] } == want.map { v[Int($0)] })
      if !v.contains(0) { #expect(got == want) }
    }
  }
}

/// The folded ranks that `summary` merges from the sorted draws (two merges meeting in
/// the middle) equal rank-normalizing the folded split draws directly: ties within and
/// across the two sides of the median, odd draw counts, a side much larger than the other.
@Suite("Folded ranks")
struct FoldedRankTests {
  @Test func mergedFoldedRanksEqualRankingTheFoldedDraws() {
    var rng = SystemRandomNumberGenerator()
    var inputs: [(values: [Double], chains: Int)] = []
    inputs.append(((0..<4000).map { _ in Double.random(in: -3...3, using: &rng) }, 4))
    inputs.append(((0..<1503).map { _ in Double.random(in: -3...3, using: &rng) }, 3))
    inputs.append(((0..<4000).map { _ in (Double.random(in: -3...3, using: &rng) * 4).rounded() / 4 }, 4))
    inputs.append(((0..<2000).map { i in Double(i % 5) - 2 }, 2))  // folded ties across the median
    inputs.append(((0..<2000).map { _ in Foundation.exp(3 * Double.random(in: -1...1, using: &rng)) }, 4))
    for (values, chains) in inputs {
      let draws = values.count / chains
      let layout = SplitLayout(chains: chains, draws: draws)
      let scores = NormalScores(size: layout.splitCount)
      values.withUnsafeBufferPointer { x in
        let sorted = SortedDraws(x, layout: layout)
        let center = sorted.median(x, allDraws: true)
        let got = sorted.zFoldedSplit(x, center: center, scores: scores)
        var split = [Double](repeating: 0, count: layout.splitCount)
        for i in 0..<x.count where layout.positions[i] >= 0 { split[Int(layout.positions[i])] = x[i] }
        let want = zScale(split.map { Swift.abs($0 - center) })
        #expect(got == want, "\(chains) × \(draws)")
      }
    }
  }
}
