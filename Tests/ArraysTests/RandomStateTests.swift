import Foundation
import Testing

@testable import Arrays

/// `RandomState` against NumPy's legacy `RandomState`, bit for bit, for 10 seeds.
@Suite("RandomState matches NumPy")
struct RandomStateTests {
  struct Program: CustomTestStringConvertible, @unchecked Sendable {
    let name: String
    let seed: UInt32
    let steps: [[String: Any]]
    let finalPosition: Int
    let finalHasGauss: Bool
    var testDescription: String { "\(name) seed \(seed)" }
  }

  static let programs: [Program] = {
    guard let cases = try? Fixture.load("random_state") as? [[String: Any]] else { return [] }
    return cases.map { c in
      Program(
        name: c["name"] as! String, seed: UInt32((c["seed"] as! NSNumber).uint32Value),
        steps: c["steps"] as! [[String: Any]],
        finalPosition: (c["finalPos"] as! NSNumber).intValue,
        finalHasGauss: (c["finalHasGauss"] as! NSNumber).intValue == 1)
    }
  }()

  @Test func fixtureCoversTenSeedsPerMethod() {
    let byName = Dictionary(grouping: Self.programs, by: \.name)
    #expect(byName.count >= 14)
    for (name, group) in byName { #expect(Set(group.map(\.seed)).count >= 10, "\(name)") }
  }

  /// Runs one fixture call; returns doubles (as bit patterns) or ints.
  static func run(_ rs: inout RandomState, _ step: [String: Any]) throws -> [Double] {
    let op = step["op"] as! String
    let args = (step["args"] as! [Any])
    let size = (step["size"] as! NSNumber).intValue
    func d(_ i: Int) -> Double { (args[i] as! NSNumber).doubleValue }
    func n(_ i: Int) -> Int { (args[i] as! NSNumber).intValue }
    switch op {
    case "random_sample": return try rs.randomSample(count: size)
    case "uniform": return try rs.uniform(d(0), d(1), count: size)
    case "randint": return try rs.randint(n(0), n(1), count: size).map(Double.init)
    case "standard_normal": return try rs.standardNormal(count: size)
    case "normal": return try rs.normal(d(0), d(1), count: size)
    case "poisson": return try rs.poisson(d(0), count: size).map(Double.init)
    case "binomial": return try rs.binomial(n(0), d(1), count: size).map(Double.init)
    case "exponential": return try rs.exponential(d(0), count: size)
    case "gamma": return try rs.gamma(d(0), d(1), count: size)
    case "beta": return try rs.beta(d(0), d(1), count: size)
    case "choice":
      let hasP = (step["hasP"] as! NSNumber).boolValue
      let p = hasP ? (args[2] as! [Any]).map { ($0 as! NSNumber).doubleValue } : nil
      let replace = (args[1] as! NSNumber).boolValue
      return try rs.choice(n(0), count: size, replace: replace, p: p).map(Double.init)
    case "permutation": return try rs.permutation(n(0)).map(Double.init)
    case "shuffle":
      var x = (0..<n(0)).map { $0 * 3 }
      rs.shuffle(&x)
      return x.map(Double.init)
    default:
      Issue.record("unknown op \(op)")
      return []
    }
  }

  @Test(arguments: programs)
  func program(_ program: Program) throws {
    var rs = RandomState(seed: program.seed)
    for step in program.steps {
      let got = try Self.run(&rs, step)
      let expected: [Double] =
        (step["kind"] as! String) == "f"
        ? Fixture.doubles(fromBits: step["values"])
        : Fixture.ints(step["values"]).map(Double.init)
      #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "\(step["op"]!) \(step["args"]!)")
    }
    #expect(rs.generator.position == program.finalPosition)
    #expect(rs.hasGauss == program.finalHasGauss)
  }

  @Test func keyAfterSeedingMatchesNumPyState() throws {
    // np.random.RandomState(42).get_state()[1][:4]
    let rs = try RandomState(seed: 42)
    #expect(Array(rs.generator.key.prefix(4)) == [42, 3_107_752_595, 1_895_908_407, 3_900_362_577])
  }

  @Test func invalidArgumentsThrowNumPyMessages() throws {
    var rs = try RandomState(seed: 1)
    #expect(throws: RandomArgumentError("high <= low")) { try rs.randint(5, 5) }
    #expect(throws: RandomArgumentError("scale < 0")) { try rs.normal(0, -1, count: 2) }
    #expect(throws: RandomArgumentError("lam < 0")) { try rs.poisson(-1) }
    #expect(throws: RandomArgumentError("p > 1")) { try rs.binomial(3, 1.5) }
    #expect(throws: RandomArgumentError("probabilities do not sum to 1")) {
      try rs.choice(3, count: 2, p: [0.5, 0.2, 0.2])
    }
    #expect(throws: RandomArgumentError("Cannot take a larger sample than population when 'replace=False'")) {
      try rs.choice(3, count: 4, replace: false)
    }
    #expect(throws: RandomArgumentError.self) { try RandomState(seed: -1) }
  }
}
