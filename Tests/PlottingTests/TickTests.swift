import Foundation
@testable import Plotting
import Testing

@Suite("Ticks")
struct TickTests {
  /// Expected ticks worked out by hand from the paper's scores. For [0, 1] with m = 5:
  /// step 0.25 (q = 2.5, k = 5) scores 0.25·0.4 + 0.2·1 + 0.5·1 + 0.05 = 0.85, beating
  /// step 0.2 (q = 5, k = 6) at 0.25·0.8 + 0.2 + 0.5·0.75 + 0.05 = 0.825.
  @Test(arguments: [
    (0.0, 100.0, 5, [0.0, 25, 50, 75, 100]),
    (0.0, 1.0, 5, [0.0, 0.25, 0.5, 0.75, 1.0]),
    (-3.2, 7.9, 5, [-2.5, 0, 2.5, 5, 7.5]),
    (8.1, 14.1, 4, [10.0, 12, 14]),
    (0.5, 9.5, 3, [3.0, 6, 9]),  // one tick inside (5) is too few: m grows to 4
  ])
  func extendedMatchesTheReference(_ lo: Double, _ hi: Double, _ m: Int, _ expected: [Double]) {
    let got = TickLocator.extended(lo, hi, m: m)
    #expect(got.allSatisfy { $0 >= lo - 1e-9 && $0 <= hi + 1e-9 })
    #expect(got.count == expected.count, "\(got)")
    #expect(expected.allSatisfy { e in got.contains { abs($0 - e) < 1e-9 } }, "\(got)")
  }

  @Test func edgeCases() {
    // A single value, NaN and infinite ends.
    #expect(TickLocator.extended(3, 3, m: 5) == [3])
    #expect(TickLocator.extended(.nan, 2, m: 5) == [2])
    #expect(TickLocator.extended(.nan, .nan, m: 5).isEmpty)
    // Tiny ranges still give distinct, increasing ticks whose labels differ.
    let tiny = TickLocator.extended(1, 1 + 1e-9, m: 5)
    #expect(tiny.count >= 2)
    #expect(Set(TickFormat.labels(tiny)).count == tiny.count, "\(TickFormat.labels(tiny))")
    // Negative ranges: true minus signs, no "-0".
    let neg = TickLocator.extended(-0.031, -0.0042, m: 5)
    let labels = TickFormat.labels(neg)
    #expect(labels.allSatisfy { $0.hasPrefix("\u{2212}") || $0 == "0" }, "\(labels)")
    #expect(TickFormat.labels([-0.0, 1]) == ["0", "1"])
    // No binary noise.
    #expect(TickFormat.labels(TickLocator.extended(0.1, 0.7, m: 7)).allSatisfy { $0.count <= 3 })
    // Huge and minute magnitudes use scientific notation.
    #expect(TickFormat.labels([0, 2e7, 4e7]) == ["0", "2e7", "4e7"])
    #expect(TickFormat.labels([1e-6, 2e-6]) == ["1e\u{2212}6", "2e\u{2212}6"])
  }

  /// The search is scale-free: far from 1 (both ways) it gives the same ticks, scaled,
  /// quickly, with labels that show the step exactly.
  @Test func extremeMagnitudes() {
    let start = Date()
    #expect(TickFormat.labels(TickLocator.extended(0.95e300, 1.05e300, m: 5)) == ["9.5e299", "9.75e299", "1e300", "1.025e300", "1.05e300"])
    #expect(TickFormat.labels(TickLocator.extended(0.95e-20, 1.05e-20, m: 5)) == ["9.5e\u{2212}21", "9.75e\u{2212}21", "1e\u{2212}20", "1.025e\u{2212}20", "1.05e\u{2212}20"])
    #expect(TickFormat.labels(TickLocator.extended(-3e-7, 8e-7, m: 5)) == ["\u{2212}2.5e\u{2212}7", "0", "2.5e\u{2212}7", "5e\u{2212}7", "7.5e\u{2212}7"])
    #expect(Date().timeIntervalSince(start) < 0.5)
  }

  @Test func logarithmic() {
    #expect(TickLocator.logarithmic(0.5, 2000, m: 6) == [1, 10, 100, 1000])
    #expect(TickLocator.logarithmic(1e-3, 1e9, m: 4) == [1e-3, 1e1, 1e5, 1e9])
    #expect(TickLocator.logarithmic(2, 30, m: 5) == [2, 5, 10, 20])
    #expect(TickLocator.logarithmic(-1, 10, m: 5).isEmpty)
    #expect(TickFormat.logLabels([0.01, 1, 1000, 1e6, 1e-5]) == ["0.01", "1", "1000", "1e6", "1e\u{2212}5"])
  }

  @Test func numbersAreFormattedDeterministically() {
    var w = SVGWriter()
    for x in [0.0, -0.0, 1.006, -12.344, 100, 0.5, -0.05, 1e6] { w.number(x); w.raw(" ") }
    #expect(w.text == "0 0 1.01 -12.34 100 0.5 -0.05 1000000 ")
    var p = SVGWriter()
    p.polylinePath([0, 1.04, 2.5, .nan, 4], [10, 9.5, 12, 1, 3])
    #expect(p.text == "M0 10l0 0 1-.5 1.5 2.5M4 3l0 0")
  }
}
