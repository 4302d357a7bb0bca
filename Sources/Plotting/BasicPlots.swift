/// The everyday plots: scatter, lines and histograms. Each builds a `Figure`.
public enum BasicPlots {
  /// The most points a scatter draws; more are thinned evenly, so an SVG stays under 1 MB
  /// with every dot's hover title.
  public static let maxScatterPoints = 10_000
  /// The most points a line draws.
  public static let maxLinePoints = 50_000

  /// Labels and size shared by the basic plots.
  public struct Labels: Sendable {
    public var xLabel: String?
    public var yLabel: String?
    public var title: String?
    public var figsize: (Double, Double)?
    public var xScale: ScaleKind = .linear
    public var yScale: ScaleKind = .linear
    public init(xLabel: String? = nil, yLabel: String? = nil, title: String? = nil, figsize: (Double, Double)? = nil) {
      self.xLabel = xLabel
      self.yLabel = yLabel
      self.title = title
      self.figsize = figsize
    }
  }

  static func figure(_ panel: Panel, _ labels: Labels, kind: String) -> Figure {
    var p = panel
    p.xLabel = labels.xLabel
    p.yLabel = labels.yLabel
    p.title = labels.title
    p.xScale = labels.xScale
    p.yScale = labels.yScale
    let (w, h) = PlotOptions(figsize: labels.figsize).pixels((6.4, 4.8))
    return Figure(width: w, height: h, columns: 1, panels: [p], kind: labels.title ?? kind)
  }

  /// Points (x[i], y[i]); with `diagonal`, the dashed red line y = x across the data.
  /// - Throws: when the lengths differ or there are no points.
  /// Each dot's hover title names it: `pointLabels[i]` when given, else "observation i"
  /// with `diagonal` (predicted against observed), else "point i".
  public static func scatter(_ x: [Double], _ y: [Double], alpha: Double = 1, diagonal: Bool = false, pointLabels: [String]? = nil, labels: Labels = Labels()) throws -> Figure {
    guard x.count == y.count else { throw PlotError("scatter: x has \(x.count) values but y has \(y.count); they must be the same length") }
    guard !x.isEmpty else { throw PlotError("scatter: no points (x and y are empty)") }
    guard alpha >= 0, alpha <= 1 else { throw PlotError("scatter: alpha must be between 0 and 1, not \(alpha)") }
    if let pointLabels, pointLabels.count != x.count {
      throw PlotError("scatter: \(pointLabels.count) point labels for \(x.count) points; give one per point")
    }
    let keep = thinnedIndices(x.count, limit: maxScatterPoints)
    let xs = keep.map { x[$0] }, ys = keep.map { y[$0] }
    var panel = Panel()
    let radius = x.count > 2000 ? 2.0 : 3.0
    let hover = PointHover(noun: diagonal ? "observation" : "point", indices: keep, labels: pointLabels.map { l in keep.map { l[$0] } })
    panel.marks.append(.scatter(x: xs, y: ys, color: Palette.color(0), alpha: alpha, radius: radius, hover: hover))
    if diagonal {
      let both = PlotStats.finite(xs + ys).filter { labels.xScale == .linear || $0 > 0 }
      if let lo = both.min(), let hi = both.max() {
        panel.marks.append(.line(x: [lo, hi], y: [lo, hi], style: LineStyle(color: .red, width: 1.5, dash: [6, 4]), label: "y = x"))
      }
    }
    return figure(panel, labels, kind: "scatter")
  }

  /// Lines: each series of `ys` against `x` (or 0, 1, 2, … when x is nil), one colour
  /// per series, with a legend when `names` are given.
  public static func lines(_ x: [Double]?, _ ys: [[Double]], names: [String]? = nil, labels: Labels = Labels()) throws -> Figure {
    guard let n = ys.first?.count, n > 0 else { throw PlotError("plot: no values to draw") }
    for (i, s) in ys.enumerated() where s.count != n {
      throw PlotError("plot: series \(i) has \(s.count) values but series 0 has \(n)")
    }
    if let x, x.count != n { throw PlotError("plot: x has \(x.count) values but y has \(n); they must be the same length") }
    let xs = x ?? (0..<n).map(Double.init)
    let keep = thinnedIndices(n, limit: maxLinePoints / max(1, ys.count))
    var panel = Panel()
    for (i, s) in ys.enumerated() {
      panel.marks.append(.line(x: keep.map { xs[$0] }, y: keep.map { s[$0] }, style: LineStyle(color: Palette.color(i), width: 1.5), label: names.flatMap { i < $0.count ? $0[i] : nil }))
    }
    if let names {
      panel.legend = zip(names, ys.indices).map { LegendEntry($0, color: Palette.color($1)) }
    }
    return figure(panel, labels, kind: "plot")
  }

  /// A histogram of the finite values (Freedman–Diaconis bins unless `bins` is given);
  /// with `density`, bar areas sum to 1.
  public static func histogram(_ values: [Double], bins: Int? = nil, density: Bool = false, labels: Labels = Labels()) throws -> Figure {
    let v = PlotStats.finite(values)
    guard !v.isEmpty else { throw PlotError("hist: no finite values to count (\(values.count) given)") }
    if let bins, bins < 1 || bins > 10_000 { throw PlotError("hist: bins must be between 1 and 10000, not \(bins)") }
    let edges = PlotStats.binEdges(v, bins: bins)
    var counts = PlotStats.histogram(v, edges: edges)
    if density {
      let total = Double(v.count)
      for i in counts.indices { counts[i] /= total * (edges[i + 1] - edges[i]) }
    }
    var panel = Panel()
    panel.yFromZero = true
    panel.marks.append(.bars(edges: edges, heights: counts, bottom: 0, color: Palette.color(0), alpha: 0.85))
    var l = labels
    if l.yLabel == nil { l.yLabel = density ? "density" : "count" }
    return figure(panel, l, kind: "hist")
  }
}
