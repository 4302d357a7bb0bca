import Foundation
import Testing

@testable import Arrays

/// Special functions against SciPy on grids that include the tails.
@Suite("Special functions match SciPy")
struct SpecialFunctionTests {
  nonisolated(unsafe) static let table: [String: Any] = (try? Fixture.load("special") as? [String: Any]) ?? [:]

  static let functions: [(String, @Sendable ([Double]) -> Double)] = [
    ("lgamma", { Special.lgamma($0[0]) }),
    ("digamma", { Special.digamma($0[0]) }),
    ("erf", { Special.erf($0[0]) }),
    ("erfc", { Special.erfc($0[0]) }),
    ("ndtri", { Special.normalQuantile($0[0]) }),
    ("ndtr", { Special.normalCDF($0[0]) }),
    ("log_ndtr", { Special.logNormalCDF($0[0]) }),
    ("softplus", { Special.softplus($0[0]) }),
    ("log_expit", { Special.logSigmoid($0[0]) }),
    ("expit", { Special.sigmoid($0[0]) }),
    ("log1p", { Special.log1p($0[0]) }),
    ("expm1", { Special.expm1($0[0]) }),
    ("gammainc", { Special.regularizedGammaP($0[0], $0[1]) }),
    ("gammaincc", { Special.regularizedGammaQ($0[0], $0[1]) }),
    ("betainc", { Special.regularizedBeta($0[0], $0[1], $0[2]) }),
    ("stdtr", { Special.studentTCDF($0[1], df: $0[0]) }),
  ]

  /// Relative error, with values below 1e-300 compared absolutely.
  static func relativeError(_ got: Double, _ expected: Double) -> Double {
    if got == expected { return 0 }
    return Swift.abs(got - expected) / Swift.max(Swift.abs(expected), 1e-300)
  }

  @Test(arguments: functions.map(\.0))
  func withinOneEMinus13(_ name: String) throws {
    let entry = try #require(Self.table[name] as? [String: Any], "fixture for \(name)")
    let args = (entry["args"] as! [[Any]]).map { $0.map(Fixture.number) }
    let values = Fixture.numbers(entry["values"])
    let f = Self.functions.first { $0.0 == name }!.1
    #expect(args.count > 10)
    var worst = (error: 0.0, args: [Double](), got: 0.0, expected: 0.0)
    for (a, expected) in zip(args, values) {
      let got = f(a)
      let error = Self.relativeError(got, expected)
      if !(error <= worst.error) { worst = (error, a, got, expected) }
    }
    #expect(worst.error <= 1e-13, "\(name)\(worst.args): got \(worst.got), SciPy \(worst.expected)")
  }

  @Test func logSumExpMatchesSciPy() throws {
    let cases = try #require(Self.table["logsumexp"] as? [[String: Any]])
    for c in cases {
      let x = Fixture.numbers(c["x"])
      let expected = Fixture.number(c["value"]!)
      #expect(Self.relativeError(Special.logSumExp(x), expected) <= 1e-14)
    }
  }

  @Test func edgeValuesFollowSciPy() {
    #expect(Special.digamma(0) == -.infinity)
    #expect(Special.digamma(-0.0) == .infinity)
    #expect(Special.digamma(-2).isNaN)
    #expect(Special.lgamma(0) == .infinity)
    #expect(Special.normalQuantile(0) == -.infinity)
    #expect(Special.normalQuantile(1) == .infinity)
    #expect(Special.normalQuantile(0.5) == 0)
    #expect(Special.normalQuantile(1.5).isNaN)
    #expect(Special.logNormalCDF(-.infinity) == -.infinity)
    #expect(Special.logNormalCDF(.infinity) == 0)
    #expect(Special.regularizedGammaP(0.5, .infinity) == 1)
    #expect(Special.regularizedGammaQ(0.5, 0) == 1)
    #expect(Special.regularizedGammaP(-1, 1).isNaN)
    #expect(Special.regularizedBeta(2, 3, 1) == 1)
    #expect(Special.regularizedBeta(2, 3, 1.5).isNaN)
    #expect(Special.studentTCDF(.infinity, df: 3) == 1)
    #expect(Special.logSumExp([Double]()) == -.infinity)
    #expect(Special.logSumExp([.infinity, 1]) == .infinity)
    #expect(Special.logSumExp([-.infinity, -.infinity]) == -.infinity)
    #expect(Special.softplus(1000) == 1000)
  }
}
