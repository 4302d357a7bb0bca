import Arrays
import Foundation
@testable import Plotting
import Testing

/// Golden SVG snapshots: every plot type and the tick edge cases. Each is also parsed
/// as XML and must carry a viewBox and a `<title>`.
@Suite("Golden SVGs")
struct GoldenTests {
  static let f = Fixture.shared

  static func check(_ fig: Figure, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let svg = fig.svg()
    let parsed = parseSVG(svg)
    #expect(parsed.error == nil, "\(name): \(parsed.error ?? "")", sourceLocation: sourceLocation)
    #expect(parsed.root == "svg", sourceLocation: sourceLocation)
    #expect(parsed.title != nil, sourceLocation: sourceLocation)
    #expect(svg.contains("viewBox=\"0 0 "), sourceLocation: sourceLocation)
    #expect(svg == fig.svg(), "rendering twice gives the same bytes", sourceLocation: sourceLocation)
    try Golden.check(svg, name, sourceLocation: sourceLocation)
  }

  @Test func scatterWithDiagonal() throws {
    let y = Self.f.y
    let predicted = Self.f.yRep.prefix(1000).reduce(into: [Double](repeating: 0, count: 8)) { acc, row in
      for i in row.indices { acc[i] += row[i] / 1000 }
    }
    let fig = try BasicPlots.scatter(y, predicted, alpha: 0.5, diagonal: true,
      labels: .init(xLabel: "Observed Y", yLabel: "Predicted Mean Y", title: "Posterior Predictive Check"))
    try Self.check(fig, "scatter")
  }

  @Test func linesAndHistogram() throws {
    let x = (0..<60).map { Double($0) / 10 }
    try Self.check(try BasicPlots.lines(x, [x.map { sin($0) }, x.map { cos($0) }], names: ["sin", "cos"], labels: .init(xLabel: "t", title: "plot")), "plot")
    try Self.check(try BasicPlots.histogram(Self.f.draws.arrays["tau"]!.doubles, labels: .init(xLabel: "tau", title: "hist")), "hist")
  }

  @Test func trace() throws {
    try Self.check(try BayesPlots.trace(Self.f.draws, options: PlotOptions(varNames: ["mu", "tau", "theta"])), "plotTrace")
  }

  @Test func rank() throws {
    try Self.check(try BayesPlots.rank(Self.f.draws, options: PlotOptions(varNames: ["mu", "tau"])), "plotRank")
  }

  @Test func posterior() throws {
    try Self.check(try BayesPlots.posterior(Self.f.draws, options: PlotOptions(varNames: ["mu", "tau"], title: "Posterior")), "plotPosterior")
  }

  @Test func forest() throws {
    let columns: [(header: String, values: [String: String])] = [("R-hat", ["mu": "1.00", "tau": "1.01"])]
    try Self.check(try BayesPlots.forest(Self.f.draws, options: PlotOptions(varNames: ["mu", "tau", "theta"]), columns: columns), "plotForest")
  }

  @Test func pair() throws {
    try Self.check(try BayesPlots.pair(Self.f.draws, options: PlotOptions(varNames: ["mu", "tau"])), "plotPair")
  }

  @Test func ppc() throws {
    try Self.check(try BayesPlots.ppc(Self.f.yRep, observed: Self.f.y, name: "y"), "plotPPC")
  }

  /// Counts: step lines of probability mass per value instead of densities.
  @Test func ppcOfCounts() throws {
    var rng = RandomState(seed: UInt32(4))
    let observed = try rng.poisson(3, count: 80).map(Double.init)
    let predictive = try (0..<200).map { _ in try rng.poisson(3.3, count: 80).map(Double.init) }
    let fig = try BayesPlots.ppc(predictive, observed: observed, name: "count")
    #expect(fig.panels[0]!.marks.allSatisfy { if case .step = $0 { return true } else { return false } })
    try Self.check(fig, "plotPPC-counts")
  }

  @Test func autocorr() throws {
    try Self.check(try BayesPlots.autocorr(Self.f.draws, options: PlotOptions(varNames: ["mu", "tau"])), "plotAutocorr")
  }

  @Test func energy() throws {
    let fig = try BayesPlots.energy(Self.f.draws)
    // arviz.bfmi on the same energies: [1.86055215 1.92997719 1.74078138 1.80395646].
    #expect(fig.svg().contains("E-BFMI chain 0: 1.86, chain 1: 1.93, chain 2: 1.74, chain 3: 1.80"))
    try Self.check(fig, "plotEnergy")
  }

  /// Facets: a 2 × 2 grid whose columns share x and rows share y.
  @Test func facetsShareAxes() throws {
    func panel(_ scale: Double, _ shift: Double, _ title: String) -> Panel {
      let x = (0..<50).map { Double($0) * scale }
      return Panel(marks: [.line(x: x, y: x.map { sin($0 / 5) + shift }, style: LineStyle(color: Palette.color(0)))], title: title)
    }
    var fig = Figure(width: 640, height: 480, columns: 2,
                     panels: [panel(1, 0, "a"), panel(2, 3, "b"), panel(0.5, -2, "c"), panel(1.5, 1, "d")], title: "facets")
    fig.sharedX = true
    fig.sharedY = true
    let shared = fig.sharedDomains()
    #expect(shared[0]!.xDomain! == shared[2]!.xDomain! && shared[1]!.xDomain! == shared[3]!.xDomain!)
    #expect(shared[0]!.yDomain! == shared[1]!.yDomain! && shared[2]!.yDomain! == shared[3]!.yDomain!)
    #expect(shared[0]!.xDomain!.1 >= 49 && shared[1]!.xDomain!.1 >= 98)
    try Self.check(fig, "facets")
  }

  /// Axes for awkward data: a tiny range, all negative, a log scale over many decades,
  /// a single value, and NaN among the values.
  @Test(arguments: ["tiny", "negative", "log", "single", "nan"])
  func tickEdgeCases(_ name: String) throws {
    var labels = BasicPlots.Labels(xLabel: "x", yLabel: "y", title: "ticks: \(name)")
    let x: [Double], y: [Double]
    switch name {
    case "tiny":
      x = (0..<5).map { 1 + Double($0) * 2.5e-10 }
      y = [3e-7, 3.1e-7, 2.9e-7, 3.05e-7, 3.2e-7]
    case "negative":
      x = [-1030, -870, -512, -80]
      y = [-0.031, -0.02, -0.0042, -0.011]
    case "log":
      x = [1, 30, 1e3, 5e4, 1e6]
      y = [0.002, 0.1, 3, 70, 2e3]
      labels.xScale = .log
      labels.yScale = .log
    case "single":
      x = [2.5]
      y = [-7]
    default:
      x = [0, 1, 2, .nan, 4, 5]
      y = [1, .nan, 3, 4, .infinity, 2]
    }
    try Self.check(try BasicPlots.lines(x, [y], labels: labels), "ticks-\(name)")
  }
}

/// Hover titles: every mark carries a `<title>` with its values, and the scatter marks of
/// `scatter` and `plotPair` name each dot and highlight it with CSS.
@Suite("Hover titles")
struct HoverTitleTests {
  /// The drawn elements (inside panels) and how many of them have a title.
  static func titledCounts(_ svg: String, _ element: String) -> (all: Int, titled: Int) {
    let all = svg.components(separatedBy: "<\(element) ").count - 1
    let titled = svg.components(separatedBy: "><title>").count - 1
    let closed = svg.components(separatedBy: "</\(element)>").count - 1
    return (all, min(titled, closed))
  }

  @Test func scatterDotsNameTheirObservation() throws {
    let x = (0..<30).map(Double.init), y = x.map { $0 * 2 }
    let svg = try BasicPlots.scatter(x, y, diagonal: true, labels: .init(xLabel: "observed", yLabel: "predicted")).svg()
    #expect(svg.contains("<title>observation 17: observed = 17, predicted = 34</title>"))
    #expect(svg.contains("<style>.sb-points circle:hover{"))
    #expect(svg.contains("<g class=\"sb-points\""))
    let c = Self.titledCounts(svg, "circle")
    #expect(c.all == 30 && svg.components(separatedBy: "</circle>").count - 1 == 30)
    #expect(svg.contains("<title>y = x: observed 0 – 58; predicted 0 – 58</title>"))
    let labeled = try BasicPlots.scatter([1, 2], [3, 4], pointLabels: ["county A", "county B"]).svg()
    #expect(labeled.contains("<title>county B: x = 2, y = 4</title>"))
    #expect(throws: PlotError.self) { try BasicPlots.scatter([1, 2], [3, 4], pointLabels: ["one"]) }
  }

  @Test func thinnedDotsKeepTheirIndex() throws {
    let n = BasicPlots.maxScatterPoints * 2
    let x = (0..<n).map(Double.init)
    let svg = try BasicPlots.scatter(x, x).svg()
    // Every other point is kept: the second dot drawn is point 2.
    #expect(svg.contains("<title>point 2: x = 2, y = 2</title>"))
    #expect(!svg.contains("<title>point 1: "))
  }

  @Test func pairDotsAreDraws() throws {
    let svg = try BayesPlots.pair(Fixture.shared.draws, options: PlotOptions(varNames: ["mu", "tau"])).svg()
    #expect(svg.contains("<title>draw 0: mu = "))
    #expect(svg.contains("<style>.sb-points circle:hover{"))
  }

  @Test func barsLinesAndIntervalsHaveTitles() throws {
    let hist = try BasicPlots.histogram([1, 1, 2, 3, 3, 3], bins: 2, labels: .init(xLabel: "k")).svg()
    #expect(hist.contains("<title>k in [1, 2): count = 2</title>"))
    #expect(hist.contains("<title>k in [2, 3]: count = 4</title>"))
    let lines = try BasicPlots.lines([0, 1, 2], [[1, 2, 3]], names: ["up"]).svg()
    #expect(lines.contains("<title>up: x 0 – 2; y 1 – 3</title>"))
    let forest = try BayesPlots.forest(Fixture.shared.draws, options: PlotOptions(varNames: ["mu"])).svg()
    #expect(forest.contains("<title>mu 94% HDI: "))
    #expect(forest.contains("<title>mu median: x = "))
    // No mark in any panel is left without a title: every path with data ends in one.
    // Grid lines and axes are not marks, nor legend swatches (the lines plot has one).
    for (svg, unmarked) in [(hist, 2), (lines, 3), (forest, 2)] {
      let body = svg.components(separatedBy: "<rect width=\"100%\"").last!
      let paths = body.components(separatedBy: "<path ").dropFirst()
      let untitled = paths.filter { !$0.contains("><title>") || $0.range(of: "/>")?.lowerBound ?? $0.endIndex < $0.range(of: "><title>")!.lowerBound }
      #expect(untitled.count == unmarked, "paths without titles: \(untitled.count)")
    }
  }

  @Test func numbersInTitles() {
    #expect(HoverText.number(3) == "3")
    #expect(HoverText.number(0.123456) == "0.1235")
    #expect(HoverText.number(-12345.678) == "-12346")
    #expect(HoverText.number(1.5e-7) == "1.5e-7")
    #expect(HoverText.number(.nan) == "NaN")
  }
}
