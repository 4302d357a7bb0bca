import Foundation
@testable import Plotting
import Testing

@Suite("Plot statistics")
struct StatsTests {
  /// `arviz.hdi` (0.23.4) on the fixture's pooled draws.
  @Test(arguments: [("mu", 0.94, -1.4081, 10.7583), ("mu", 0.5, 1.6445, 6.0325),
                    ("tau", 0.94, 0.4533, 10.1682), ("tau", 0.5, 0.6984, 2.5971)])
  func hdiMatchesArviZ(_ site: String, _ prob: Double, _ lo: Double, _ hi: Double) {
    let x = Fixture.shared.draws.arrays[site]!.doubles
    let (a, b) = PlotStats.hdi(x, prob: prob)
    #expect(a == lo && b == hi)
  }

  @Test func densityIntegratesToOneAndRespectsZero() {
    // Exponential(1) quantiles: positive, densest at 0.
    let n = 2000
    let x = (0..<n).map { -log(1 - (Double($0) + 0.5) / Double(n)) }
    let d = try! #require(kernelDensity(x))
    #expect(d.x.first == 0, "the grid starts at the boundary")
    let dx = d.x[1] - d.x[0]
    let area = zip(d.y.dropFirst(), d.y).reduce(0) { $0 + ($1.0 + $1.1) / 2 * dx }
    #expect(abs(area - 1) < 0.02, "area \(area)")
    // Reflection keeps the estimate near the true density 1 at 0 (a plain KDE halves it).
    #expect(d.y[0] > 0.75, "f(0) ≈ \(d.y[0])")
    // Normal draws get no boundary: the grid extends below the smallest draw.
    let z = (0..<n).map { sin(Double($0)) * 2 + 1 }
    #expect(kernelDensity(z)!.x.first! < z.min()!)
    // NaN is dropped; constants and single draws have no density.
    #expect(kernelDensity([1, .nan, 2, 3]) != nil)
    #expect(kernelDensity([2, 2, 2]) == nil)
    #expect(kernelDensity([.nan]) == nil)
  }

  @Test func ranksAutocorrelationAndBins() {
    #expect(PlotStats.ranks([3, 1, 2, 2]) == [4, 1, 2.5, 2.5])
    let ac = PlotStats.autocorrelation([1, -1, 1, -1, 1, -1], maxLag: 2)
    #expect(ac[0] == 1 && ac[1] < -0.8 && ac[2] > 0.6)
    #expect(PlotStats.binEdges([1, 2, 2, 3]) == [0.5, 1.5, 2.5, 3.5], "one bin per integer")
    #expect(PlotStats.histogram([0, 0.5, 1, 2, .nan], edges: [0, 1, 2]) == [2, 2])
    #expect(thinnedIndices(10, limit: 4) == [0, 2, 5, 7])
  }

  @Test func catalogueErrorsNameTheProblem() {
    let f = Fixture.shared
    #expect(throws: PlotError.self) { try BayesPlots.trace(f.draws, options: PlotOptions(varNames: ["nope"])) }
    #expect(throws: PlotError.self) { try BayesPlots.pair(f.draws, options: PlotOptions(varNames: ["mu"])) }
    #expect(throws: PlotError.self) { try BasicPlots.scatter([], []) }
    #expect(throws: PlotError.self) { try BayesPlots.ppc([[1, 2]], observed: [1, 2, 3]) }
    var noEnergy = f.draws
    noEnergy.energy = nil
    #expect(throws: PlotError.self) { try BayesPlots.energy(noEnergy) }
  }
}

@Suite("Extreme input")
struct ExtremeInputTests {
  /// Values at the limits of Double never trap (no Int conversion of NaN or ∞) and
  /// still give parseable SVG.
  @Test(arguments: [
    [1e308, -1e308, 0],
    [Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude],
    [5e-324, 1e-323, 0],
    [1e300, 1e300 * (1 + 1e-15)],
    [.nan, .infinity, -.infinity],
  ])
  func extremesDrawWithoutTrapping(_ v: [Double]) throws {
    for fig in [try? BasicPlots.scatter(v, v.reversed()), try? BasicPlots.lines(nil, [v]),
                try? BasicPlots.histogram(v), try? BasicPlots.lines(v, [v], labels: { var l = BasicPlots.Labels(); l.xScale = .log; return l }())] {
      guard let fig else { continue }
      #expect(parseSVG(fig.svg()).error == nil)
    }
    _ = kernelDensity(v)
    _ = PlotStats.autocorrelation(v, maxLag: -3)
    #expect(throws: PlotError.self) { try BasicPlots.histogram([1, 2], bins: 10_000_000) }
  }
}
