import Arrays
import Foundation
import Testing
@testable import Convergence

/// `Diagnostics.summary` against `az.summary` on the posterior in Fixtures/summary.json
/// (scalar, vector and matrix variables; one chain that disagrees): raw values to 1e-8,
/// ArviZ's rounding, and the plain text exactly as pandas prints the DataFrame.
@Suite("Summary agrees with ArviZ")
struct SummaryFixtureTests {
  nonisolated(unsafe) static let fixture: [String: Any] = (try? Fixture.load("summary")) ?? [:]

  static var posterior: [SummaryVariable] {
    let post = fixture["posterior"] as? [String: Any] ?? [:]
    return ["mu", "tau", "theta", "L"].compactMap { name in
      guard let v = post[name] as? [String: Any] else { return nil }
      let shape = (v["shape"] as! [NSNumber]).map(\.intValue)
      return SummaryVariable(name: name, draws: try! NDArray(Fixture.numbers(v["values"]), shape: shape))
    }
  }

  static let labels: [String] = ((fixture["summaries"] as? [[String: Any]]) ?? []).map { $0["label"] as! String }

  static func options(_ kwargs: [String: Any]) -> SummaryOptions {
    var o = SummaryOptions()
    if let k = kwargs["kind"] as? String { o.kind = SummaryOptions.Kind(rawValue: k)! }
    if let p = kwargs["hdi_prob"] { o.prob = Fixture.number(p)! }
    if let v = kwargs["var_names"] as? [String] { o.varNames = v }
    if let r = kwargs["round_to"] as? NSNumber { o.rounding = .decimals(r.intValue) }
    return o
  }

  @Test(arguments: labels) func matchesArviZ(_ label: String) throws {
    let entry = try #require((Self.fixture["summaries"] as? [[String: Any]])?.first { $0["label"] as? String == label })
    var variables = Self.posterior
    if label == "one_chain" {
      // {"a": mu[:1], "b": theta[:1]}
      let mu = variables[0].draws, theta = variables[2].draws
      let a = try NDArray(Array(mu.doubles[0..<200]), shape: [1, 200])
      let b = try NDArray(Array(theta.doubles[0..<600]), shape: [1, 200, 3])
      variables = [SummaryVariable(name: "a", draws: a), SummaryVariable(name: "b", draws: b)]
    }
    let table = try Diagnostics.summary(variables, options: Self.options(entry["kwargs"] as? [String: Any] ?? [:]))
    #expect(table.index == entry["index"] as! [String])
    #expect(table.columns == entry["columns"] as! [String])
    let raw = (entry["raw"] as! [[Any]]).map(Fixture.numbers)
    let rounded = (entry["rounded"] as! [[Any]]).map(Fixture.numbers)
    for (i, row) in table.raw.enumerated() {
      for (j, v) in row.enumerated() {
        #expect(close(v, raw[i][j]), "\(label) \(table.index[i]) \(table.columns[j]): \(v) vs ArviZ \(raw[i][j])")
        #expect(close(table.values[i][j], rounded[i][j], rel: 1e-15), "\(label) rounded \(table.index[i]) \(table.columns[j])")
      }
    }
    #expect(table.text == entry["text"] as! String, "\(label):\n\(table.text)\nvs pandas:\n\(entry["text"] as! String)")
  }

  @Test func unknownNamesAndBadProbThrow() {
    #expect(throws: DiagnosticsError.self) { try Diagnostics.summary(Self.posterior, options: SummaryOptions(varNames: ["nope"])) }
    #expect(throws: DiagnosticsError.self) { try Diagnostics.summary(Self.posterior, options: SummaryOptions(prob: 1.5)) }
  }
}
