import Foundation

/// ArviZ's plot catalogue in Swift spelling. Each function reads `PosteriorDraws` and
/// builds a `Figure`; none knows where the draws came from.
public enum BayesPlots {
  /// The most points a figure's traces draw in total; longer runs are thinned evenly,
  /// which keeps the SVG under 1 MB.
  public static let maxTracePoints = 120_000
  /// The most points per pair-plot panel.
  public static let maxPairPoints = 2_000
  static let thin = 1.0

  static func chainColor(_ c: Int) -> Color { Palette.color(c) }

  /// Lays out panels `columns` wide; `cell` is the default size of one panel in inches.
  static func grid(_ panels: [Panel?], columns: Int, cell: (Double, Double), options: PlotOptions, kind: String) -> Figure {
    let rows = max(1, (panels.count + columns - 1) / columns)
    let titleInches = options.title == nil ? 0 : 0.3
    let (w, h) = options.pixels((cell.0 * Double(columns), cell.1 * Double(rows) + titleInches))
    return Figure(width: w, height: h, columns: columns, panels: panels, title: options.title, kind: kind)
  }

  /// A density as a line (and nothing when the values are constant: a vertical rule).
  static func densityMarks(_ values: [Double], color: Color, width: Double = 1.5, fill: Bool = false, dash: [Double] = [], label: String? = nil) -> [Mark] {
    if let d = kernelDensity(values) {
      var marks: [Mark] = []
      if fill { marks.append(.band(x: d.x, lower: d.x.map { _ in 0 }, upper: d.y, color: color, alpha: 0.35)) }
      marks.append(.line(x: d.x, y: d.y, style: LineStyle(color: color, width: width, dash: dash), label: label.map { "density of \($0)" }))
      return marks
    }
    if let v = values.first(where: \.isFinite) { return [.vrule(x: v, style: LineStyle(color: color, width: width))] }
    return []
  }

  // MARK: - Trace

  /// Per site, a row: the density of each chain (left) and its draws in order (right),
  /// one colour per chain; divergent transitions are marked along the bottom of both.
  public static func trace(_ draws: PosteriorDraws, options: PlotOptions = PlotOptions()) throws -> Figure {
    let sites = try draws.sites("plotTrace", options)
    var panels: [Panel?] = []
    let divergent = draws.divergent
    var total = 0
    var perSite: [[PosteriorDraws.Scalar]] = []
    for site in sites {
      let s = try draws.scalars("plotTrace", [site])
      perSite.append(s)
      total += s.reduce(0) { $0 + $1.chains.reduce(0) { $0 + $1.count } }
    }
    let stride = max(1, Int((Double(total) / Double(maxTracePoints)).rounded(.up)))
    for (site, scalars) in zip(sites, perSite) {
      var density = Panel(title: site)
      density.yFromZero = true
      density.hideYTickLabels = true
      var trace = Panel(title: site)
      for s in scalars {
        for (c, chain) in s.chains.enumerated() {
          density.marks += densityMarks(chain, color: chainColor(c), width: 1.2, label: "\(s.label), chain \(c)")
          let idx = Swift.stride(from: 0, to: chain.count, by: stride).map { $0 }
          trace.marks.append(.line(x: idx.map(Double.init), y: idx.map { chain[$0] },
                                   style: LineStyle(color: chainColor(c), width: 0.8, opacity: 0.75), label: "\(s.label), chain \(c) draws"))
        }
      }
      if !divergent.isEmpty {
        let values = scalars.flatMap { s in divergent.map { s.chains[$0.chain][$0.draw] } }
        density.marks.append(.rug(x: values, color: .black, length: 7, width: 1))
        trace.marks.append(.rug(x: divergent.map { Double($0.draw) }, color: .black, length: 7, width: 1))
      }
      panels.append(density)
      panels.append(trace)
    }
    if panels.count >= 2 {
      let chains = perSite.first?.first?.chains.count ?? 0
      if chains > 1 { panels[1]?.legend = (0..<chains).map { LegendEntry("chain \($0)", color: chainColor($0)) } }
      if !divergent.isEmpty { panels[0]?.legend = [LegendEntry("\(divergent.count) divergent", color: .black)] }
    }
    return grid(panels, columns: 2, cell: (5, 1.9), options: options, kind: "plotTrace")
  }

  // MARK: - Rank

  /// Rank plots: for each scalar, the histogram of each chain's ranks among all draws,
  /// one row per chain, with the dashed line a uniform histogram would follow. Chains
  /// that mix well look uniform.
  ///
  /// References:
  /// 1. A. Vehtari, A. Gelman, D. Simpson, B. Carpenter, P.-C. Bürkner. Rank-normalization,
  ///    folding, and localization: an improved R-hat. Bayesian Analysis 16, 2021.
  public static func rank(_ draws: PosteriorDraws, options: PlotOptions = PlotOptions()) throws -> Figure {
    let scalars = try draws.scalars("plotRank", try draws.sites("plotRank", options))
    var panels: [Panel?] = []
    for s in scalars {
      let pooled = s.pooled
      let r = PlotStats.ranks(pooled)
      let n = pooled.count
      let bins = max(2, Int((2 * log2(Double(n))).rounded(.up)) + 1)
      let edges = (0...bins).map { 0.5 + Double(n) * Double($0) / Double(bins) }
      var counts: [[Double]] = []
      var offset = 0
      for chain in s.chains {
        counts.append(PlotStats.histogram(Array(r[offset..<offset + chain.count]), edges: edges))
        offset += chain.count
      }
      let peak = counts.flatMap { $0 }.max() ?? 1
      var p = Panel(title: s.label, xLabel: "rank (all chains)")
      for (c, row) in counts.enumerated() {
        let base = Double(c)
        p.marks.append(.bars(edges: edges, heights: row.map { 0.9 * $0 / peak }, bottom: base, color: chainColor(c), alpha: 0.9))
        let uniform = Double(s.chains[c].count) / Double(bins)
        p.marks.append(.line(x: [edges.first!, edges.last!], y: [base + 0.9 * uniform / peak, base + 0.9 * uniform / peak],
                             style: LineStyle(color: .black, width: 1, dash: [4, 3])))
      }
      p.yCategories = s.chains.indices.map { (Double($0) + 0.45, "\($0)") }
      p.yLabel = "chain"
      p.yDomain = (-0.05, Double(s.chains.count) - 0.05)
      panels.append(p)
    }
    let columns = min(3, panels.count)
    var fig = grid(panels, columns: columns, cell: (3.6, 0.5 + 0.45 * Double(max(2, scalars[0].chains.count))), options: options, kind: "plotRank")
    fig.sharedX = true
    return fig
  }

  // MARK: - Posterior

  /// For each scalar: the density of all draws, the highest-density interval as a bar
  /// along the bottom with its bounds, and the mean written above the curve.
  public static func posterior(_ draws: PosteriorDraws, options: PlotOptions = PlotOptions()) throws -> Figure {
    let scalars = try draws.scalars("plotPosterior", try draws.sites("plotPosterior", options))
    var panels: [Panel?] = []
    for s in scalars {
      let pooled = PlotStats.finite(s.pooled)
      var p = Panel(title: s.label)
      p.hideYTickLabels = true
      p.yFromZero = true
      p.marks += densityMarks(pooled, color: Palette.color(0), width: 2, label: s.label)
      let peak = kernelDensity(pooled)?.y.max() ?? 1
      let (lo, hi) = PlotStats.hdi(pooled, prob: options.hdiProb)
      let mean = PlotStats.mean(pooled)
      if lo.isFinite, hi.isFinite {
        let bar = peak * 0.06
        p.marks.append(.interval(low: lo, high: hi, at: bar, horizontal: true, style: LineStyle(color: .black, width: 4),
                                 label: "\(s.label) \(Int((options.hdiProb * 100).rounded()))% HDI"))
        p.marks.append(.text(x: (lo + hi) / 2, y: bar, text: "\(Int((options.hdiProb * 100).rounded()))% HDI", anchor: .middle, size: 11, color: .text, dx: 0, dy: -8))
        // The bounds hang outward from the bar's ends, so they never overlap each other.
        p.marks.append(.text(x: lo, y: bar, text: TickFormat.short(lo), anchor: .end, size: 11, color: .text, dx: 3, dy: 14))
        p.marks.append(.text(x: hi, y: bar, text: TickFormat.short(hi), anchor: .start, size: 11, color: .text, dx: -3, dy: 14))
      }
      if mean.isFinite {
        p.marks.append(.text(x: mean, y: peak * 1.12, text: "mean = \(TickFormat.short(mean))", anchor: .middle, size: 12, color: .text, dx: 0, dy: 0))
      }
      p.yDomain = (-peak * 0.12, peak * 1.2)
      panels.append(p)
    }
    return grid(panels, columns: min(3, panels.count), cell: (3.6, 2.8), options: options, kind: "plotPosterior")
  }

  // MARK: - Forest

  /// One row per scalar (every element of vector sites): the HDI as a thin line, the
  /// interquartile range as a thick one and the median as a dot. `columns` adds text
  /// columns at the right (R-hat, ESS), keyed by scalar label.
  public static func forest(_ draws: PosteriorDraws, options: PlotOptions = PlotOptions(), columns: [(header: String, values: [String: String])] = []) throws -> Figure {
    let scalars = try draws.scalars("plotForest", try draws.sites("plotForest", options))
    var p = Panel()
    var cats: [(Double, String)] = []
    let sites = scalars.map(\.site)
    for (i, s) in scalars.enumerated() {
      let y = -Double(i)
      let pooled = PlotStats.finite(s.pooled)
      let sorted = pooled.sorted()
      let (lo, hi) = PlotStats.hdi(pooled, prob: options.hdiProb)
      let color = Palette.color(uniqueIndex(s.site, sites))
      let percent = Int((options.hdiProb * 100).rounded())
      p.marks.append(.interval(low: lo, high: hi, at: y, horizontal: true, style: LineStyle(color: color, width: 1.5), label: "\(s.label) \(percent)% HDI"))
      p.marks.append(.interval(low: PlotStats.quantile(sorted: sorted, 0.25), high: PlotStats.quantile(sorted: sorted, 0.75), at: y, horizontal: true,
                               style: LineStyle(color: color, width: 4), label: "\(s.label) interquartile range"))
      let med = PlotStats.quantile(sorted: sorted, 0.5)
      let median = PointHover(noun: "median", labels: ["\(s.label) median"])
      p.marks.append(.scatter(x: [med], y: [y], color: .white, alpha: 1, radius: 3.5, hover: median))
      p.marks.append(.scatter(x: [med], y: [y], color: color, alpha: 1, radius: 2.5, hover: median))
      cats.append((y, s.label))
    }
    p.yCategories = cats
    p.yDomain = (-Double(scalars.count - 1) - 0.7, 0.7)
    p.title = "\(Int((options.hdiProb * 100).rounded()))% HDI, IQR and median"
    p.rightColumns = columns.map { col in (col.header, scalars.enumerated().compactMap { i, s in col.values[s.label].map { (-Double(i), $0) } }) }
    let (w, h) = options.pixels((6 + 0.8 * Double(columns.count), 0.9 + 0.24 * Double(scalars.count) + (options.title == nil ? 0 : 0.3)))
    return Figure(width: w, height: h, columns: 1, panels: [p], title: options.title, kind: "plotForest")
  }

  static func uniqueIndex(_ site: String, _ sites: [String]) -> Int {
    var seen: [String] = []
    for s in sites where !seen.contains(s) { seen.append(s) }
    return seen.firstIndex(of: site) ?? 0
  }
}
