import Foundation

/// Lays out one panel inside its cell (margins sized from the estimated widths of its
/// tick labels, so nothing collides) and writes its SVG.
struct PanelRenderer {
  let panel: Panel
  let x: Double, y: Double, width: Double, height: Double
  /// Margins (from the cell's edges) imposed by the figure so the plot areas of a
  /// column, and of a row, line up; nil uses the panel's own.
  var aligned: Margins? = nil

  /// Distances from the cell's edges to the plot area.
  struct Margins {
    var left: Double, right: Double, top: Double, bottom: Double
  }

  /// The margins this panel needs on its own.
  var naturalMargins: Margins {
    let l = layout()
    return Margins(left: l.left - x, right: x + width - l.right, top: l.top - y, bottom: y + height - l.bottom)
  }

  /// The plot area and the ticks chosen for it.
  struct Layout {
    var left: Double, top: Double, right: Double, bottom: Double
    var xScale: Scale, yScale: Scale
    var xTicks: Ticks, yTicks: Ticks
  }

  func layout() -> Layout {
    let (xd, yd) = panel.domains()
    let top = y + (aligned?.top ?? 8 + (panel.title != nil ? Theme.titleFont + 8 : 0) + (panel.legend.isEmpty ? 0 : Theme.legendFont + 8))
    let bottom = y + height - (aligned?.bottom ?? 6 + Theme.tickLength + Theme.tickFont + (panel.xLabel != nil ? Theme.labelFont + 8 : 0))
    // y ticks first: they depend only on the height.
    let yTicks: Ticks
    if let cats = panel.yCategories {
      yTicks = Ticks(values: cats.map(\.value), labels: cats.map(\.label))
    } else {
      let yScale0 = Scale(kind: panel.yScale, domain: yd, range: (bottom, top))
      yTicks = Self.ticks(yd, kind: panel.yScale, length: bottom - top, minSpacing: Theme.tickFont * 1.6, vertical: true, scale: yScale0)
    }
    let yLabelWidth = panel.hideYTickLabels && panel.yCategories == nil ? 0 : (yTicks.labels.map { TextMetrics.width($0, fontSize: Theme.tickFont) }.max() ?? 0)
    let left = x + (aligned?.left ?? 8 + (panel.yLabel != nil ? Theme.labelFont + 6 : 0) + yLabelWidth + Theme.tickLength + 4)
    var rightPad = 12.0
    for col in panel.rightColumns {
      let widest = ([col.header] + col.cells.map(\.text)).map { TextMetrics.width($0, fontSize: Theme.tickFont) }.max() ?? 0
      rightPad += widest + 12
    }
    var right = x + width - (aligned?.right ?? rightPad)
    if right - left < 20 { right = left + 20 }
    var xScale0 = Scale(kind: panel.xScale, domain: xd, range: (left, right))
    var xTicks = Self.ticks(xd, kind: panel.xScale, length: right - left, minSpacing: 0, vertical: false, scale: xScale0, integers: panel.integerXTicks)
    // Keep the last label inside the cell: narrow the plot area if it would overhang.
    if aligned == nil, let last = xTicks.values.last, let label = xTicks.labels.last {
      let overhang = xScale0(last) + TextMetrics.width(label, fontSize: Theme.tickFont) / 2 - (x + width - 2)
      if overhang > 0, right - overhang - left > 20 {
        right -= overhang
        xScale0 = Scale(kind: panel.xScale, domain: xd, range: (left, right))
        xTicks = Self.ticks(xd, kind: panel.xScale, length: right - left, minSpacing: 0, vertical: false, scale: xScale0, integers: panel.integerXTicks)
      }
    }
    return Layout(left: left, top: top, right: right, bottom: bottom,
                  xScale: xScale0, yScale: Scale(kind: panel.yScale, domain: yd, range: (bottom, top)),
                  xTicks: xTicks, yTicks: yTicks)
  }

  /// Ticks for an axis of `length` pixels: start from about one per 65 px (x) or 40 px
  /// (y) and ask for fewer until neighbouring labels have room.
  static func ticks(_ domain: (Double, Double), kind: ScaleKind, length: Double, minSpacing: Double, vertical: Bool, scale: Scale, integers: Bool = false) -> Ticks {
    var m = max(2, Int(length / (vertical ? 40 : 65)))
    while true {
      var values = kind == .log ? TickLocator.logarithmic(domain.0, domain.1, m: m) : TickLocator.extended(domain.0, domain.1, m: m)
      if integers && values.contains(where: { $0 != $0.rounded() }) {
        // Fewer ticks until they land on whole numbers; at the end, the whole numbers alone.
        if m > 2 { m -= 1; continue }
        values = values.filter { $0 == $0.rounded() }
      }
      let labels = kind == .log ? TickFormat.logLabels(values) : TickFormat.labels(values)
      if m <= 2 || fits(values, labels, vertical: vertical, minSpacing: minSpacing, scale: scale) {
        return Ticks(values: values, labels: labels)
      }
      m -= 1
    }
  }

  static func fits(_ values: [Double], _ labels: [String], vertical: Bool, minSpacing: Double, scale: Scale) -> Bool {
    guard values.count > 1 else { return true }
    for i in 1..<values.count {
      let gap = abs(scale(values[i]) - scale(values[i - 1]))
      if vertical {
        if gap < minSpacing { return false }
      } else {
        let need = (TextMetrics.width(labels[i], fontSize: Theme.tickFont) + TextMetrics.width(labels[i - 1], fontSize: Theme.tickFont)) / 2 + 10
        if gap < need { return false }
      }
    }
    return true
  }

  func render(into w: inout SVGWriter) {
    let L = layout()
    let (xs, ys) = (L.xScale, L.yScale)
    w.raw("<g>\n")
    // Grid lines.
    w.raw("<path fill=\"none\" stroke=\"\(Color.grid.hex)\" stroke-width=\"0.8\" d=\"")
    for v in L.xTicks.values {
      let px = xs(v)
      guard px.isFinite else { continue }
      w.raw("M"); w.number(px); w.raw(" "); w.number(L.top); w.raw("V"); w.number(L.bottom)
    }
    for v in L.yTicks.values {
      let py = ys(v)
      guard py.isFinite else { continue }
      w.raw("M"); w.number(L.left); w.raw(" "); w.number(py); w.raw("H"); w.number(L.right)
    }
    w.raw("\"/>\n")
    for mark in panel.marks { draw(mark, L, &w) }
    // Axes (left and bottom spines) and tick marks.
    w.raw("<path fill=\"none\" stroke=\"\(Color.axis.hex)\" stroke-width=\"1\" d=\"M")
    w.number(L.left); w.raw(" "); w.number(L.top); w.raw("V"); w.number(L.bottom); w.raw("H"); w.number(L.right)
    for v in L.xTicks.values {
      let px = xs(v)
      guard px.isFinite else { continue }
      w.raw("M"); w.number(px); w.raw(" "); w.number(L.bottom); w.raw("v"); w.number(Theme.tickLength)
    }
    for v in L.yTicks.values where !panel.hideYTickLabels || panel.yCategories != nil {
      let py = ys(v)
      guard py.isFinite else { continue }
      w.raw("M"); w.number(L.left); w.raw(" "); w.number(py); w.raw("h"); w.number(-Theme.tickLength)
    }
    w.raw("\"/>\n")
    // Tick labels.
    w.raw("<g font-size=\"\(Int(Theme.tickFont))\" fill=\"\(Color.text.hex)\" text-anchor=\"middle\">\n")
    for (v, label) in zip(L.xTicks.values, L.xTicks.labels) {
      let px = xs(v)
      guard px.isFinite else { continue }
      text(&w, px, L.bottom + Theme.tickLength + 2 + Theme.tickFont * 0.8, label, anchor: nil)
    }
    if !panel.hideYTickLabels || panel.yCategories != nil {
      for (v, label) in zip(L.yTicks.values, L.yTicks.labels) {
        let py = ys(v)
        guard py.isFinite else { continue }
        text(&w, L.left - Theme.tickLength - 3, py + Theme.tickFont * 0.35, label, anchor: .end)
      }
    }
    w.raw("</g>\n")
    // Right-hand text columns.
    var colX = L.right + 12
    for col in panel.rightColumns {
      let widest = ([col.header] + col.cells.map(\.text)).map { TextMetrics.width($0, fontSize: Theme.tickFont) }.max() ?? 0
      w.raw("<g font-size=\"\(Int(Theme.tickFont))\" fill=\"\(Color.text.hex)\" text-anchor=\"end\">\n")
      text(&w, colX + widest, L.top - 4, col.header, anchor: nil, bold: true)
      for cell in col.cells {
        let py = ys(cell.y)
        guard py.isFinite else { continue }
        text(&w, colX + widest, py + Theme.tickFont * 0.35, cell.text, anchor: nil)
      }
      w.raw("</g>\n")
      colX += widest + 12
    }
    // Axis labels and title.
    if let xl = panel.xLabel {
      w.raw("<text font-size=\"\(Int(Theme.labelFont))\" fill=\"\(Color.text.hex)\" text-anchor=\"middle\"")
      w.attribute("x", (L.left + L.right) / 2)
      w.attribute("y", y + height - 6)
      w.raw(">"); w.escaped(xl); w.raw("</text>\n")
    }
    if let yl = panel.yLabel {
      let cx = x + 8 + Theme.labelFont * 0.8, cy = (L.top + L.bottom) / 2
      w.raw("<text font-size=\"\(Int(Theme.labelFont))\" fill=\"\(Color.text.hex)\" text-anchor=\"middle\"")
      w.attribute("x", cx)
      w.attribute("y", cy)
      w.raw(" transform=\"rotate(-90 "); w.number(cx); w.raw(" "); w.number(cy); w.raw(")\">")
      w.escaped(yl); w.raw("</text>\n")
    }
    if let t = panel.title {
      w.raw("<text font-size=\"\(Int(Theme.titleFont))\" fill=\"\(Color.text.hex)\" text-anchor=\"middle\"")
      w.attribute("x", (L.left + L.right) / 2)
      w.attribute("y", y + 8 + Theme.titleFont * 0.85)
      w.raw(">"); w.escaped(t); w.raw("</text>\n")
    }
    if !panel.legend.isEmpty { drawLegend(L, &w) }
    w.raw("</g>\n")
  }

  /// A row of legend entries above the plot area, right-aligned.
  func drawLegend(_ L: Layout, _ w: inout SVGWriter) {
    let swatch = 16.0, gap = 12.0
    let widths = panel.legend.map { swatch + 4 + TextMetrics.width($0.label, fontSize: Theme.legendFont) }
    var px = max(L.left, L.right - widths.reduce(0, +) - gap * Double(widths.count - 1))
    let py = L.top - 8
    w.raw("<g font-size=\"\(Int(Theme.legendFont))\" fill=\"\(Color.text.hex)\">\n")
    for (entry, ew) in zip(panel.legend, widths) {
      switch entry.kind {
      case .line, .dashed:
        w.raw("<path fill=\"none\" stroke=\"\(entry.color.hex)\" stroke-width=\"2\"\(entry.kind == .dashed ? " stroke-dasharray=\"4 2\"" : "") d=\"M")
        w.number(px); w.raw(" "); w.number(py - 3.5); w.raw("h"); w.number(swatch); w.raw("\"/>\n")
      case .dot:
        w.raw("<circle fill=\"\(entry.color.hex)\""); w.attribute("cx", px + swatch / 2); w.attribute("cy", py - 3.5); w.raw(" r=\"3.5\"/>\n")
      case .box:
        w.raw("<rect fill=\"\(entry.color.hex)\" fill-opacity=\"0.6\""); w.attribute("x", px); w.attribute("y", py - 8)
        w.attribute("width", swatch); w.raw(" height=\"9\"/>\n")
      }
      text(&w, px + swatch + 4, py, entry.label, anchor: nil)
      px += ew + gap
    }
    w.raw("</g>\n")
  }

  func text(_ w: inout SVGWriter, _ px: Double, _ py: Double, _ s: String, anchor: TextAnchor?, bold: Bool = false) {
    w.raw("<text")
    w.attribute("x", px)
    w.attribute("y", py)
    if let anchor { w.raw(" text-anchor=\"\(anchor.rawValue)\"") }
    if bold { w.raw(" font-weight=\"bold\"") }
    w.raw(">")
    w.escaped(s)
    w.raw("</text>\n")
  }

  static func strokeAttributes(_ s: LineStyle, _ w: inout SVGWriter) {
    w.raw(" fill=\"none\" stroke=\"\(s.color.hex)\"")
    w.attribute("stroke-width", s.width)
    if s.opacity < 1 { w.attribute("stroke-opacity", s.opacity) }
    if !s.dash.isEmpty {
      w.raw(" stroke-dasharray=\"")
      for (i, d) in s.dash.enumerated() {
        if i > 0 { w.raw(" ") }
        w.number(d)
      }
      w.raw("\"")
    }
    w.raw(" stroke-linejoin=\"round\" stroke-linecap=\"round\"")
  }

  /// The axis names hover titles use: the panel's labels, else "x" and "y" (a density's
  /// unlabeled y axis is "density").
  var names: (x: String, y: String, density: Bool) {
    let density = panel.hideYTickLabels && panel.yFromZero
    return (panel.xLabel ?? "x", panel.yLabel ?? (density ? "density" : "y"), density)
  }

  /// Ends an element with its hover title: `><title>…</title></name>`.
  static func titled(_ w: inout SVGWriter, _ element: StaticString, _ title: String) {
    w.raw("><title>"); w.escaped(title); w.raw("</title></"); w.raw(element); w.raw(">\n")
  }

  /// The category label at y (forest plots), if the panel has one there.
  func category(at y: Double) -> String? {
    panel.yCategories?.first { abs($0.value - y) < 1e-9 }?.label
  }

  func draw(_ mark: Mark, _ L: Layout, _ w: inout SVGWriter) {
    let (xs, ys) = (L.xScale, L.yScale)
    let (xName, yName, isDensity) = names
    switch mark {
    case .line(let x, let y, let style, let label):
      w.raw("<path"); Self.strokeAttributes(style, &w); w.raw(" d=\"")
      w.polylinePath(xs.map(x), ys.map(y))
      w.raw("\"")
      Self.titled(&w, "path", HoverText.curve(label, x, y, xName: xName, yName: yName, isDensity: isDensity))
    case .step(let x, let y, let style, let label):
      var sx: [Double] = [], sy: [Double] = []
      for i in 0..<min(x.count, y.count) {
        sx.append(x[i]); sy.append(y[i])
        if i + 1 < x.count { sx.append(x[i + 1]); sy.append(y[i]) }
      }
      w.raw("<path"); Self.strokeAttributes(style, &w); w.raw(" d=\"")
      w.polylinePath(xs.map(sx), ys.map(sy))
      w.raw("\"")
      Self.titled(&w, "path", HoverText.curve(label, x, y, xName: xName, yName: isDensity ? "mass" : yName, isDensity: false))
    case .scatter(let x, let y, let color, let alpha, let radius, let hover):
      let px = xs.map(x), py = ys.map(y)
      let named = hover ?? PointHover(noun: "point")
      w.raw("<g class=\"sb-points\" fill=\"\(color.hex)\"")
      if alpha < 1 { w.attribute("fill-opacity", alpha) }
      w.raw(">\n")
      for i in 0..<min(px.count, py.count) where px[i].isFinite && py[i].isFinite {
        w.raw("<circle cx=\""); w.fixed(px[i], decimals: 1, dropLeadingZero: false)
        w.raw("\" cy=\""); w.fixed(py[i], decimals: 1, dropLeadingZero: false)
        w.raw("\" r=\""); w.number(radius); w.raw("\"")
        // On a category axis (forest plots) the y value is the row, not a number to show.
        let yPart = panel.yCategories == nil ? ", \(yName) = \(HoverText.number(y[i]))" : ""
        Self.titled(&w, "circle", "\(named.name(i)): \(xName) = \(HoverText.number(x[i]))\(yPart)")
      }
      w.raw("</g>\n")
    case .bars(let edges, let heights, let bottom, let color, let alpha):
      // One path per bar, so each carries its own title.
      w.raw("<g fill=\"\(color.hex)\"")
      if alpha < 1 { w.attribute("fill-opacity", alpha) }
      w.raw(" stroke=\"#ffffff\" stroke-width=\"0.5\">\n")
      let base = ys(bottom)
      let heightName = isDensity ? "density" : yName
      for i in 0..<min(heights.count, edges.count - 1) {
        let x0 = xs(edges[i]), x1 = xs(edges[i + 1]), top = ys(bottom + heights[i])
        guard x0.isFinite, x1.isFinite, top.isFinite, base.isFinite, heights[i] != 0 else { continue }
        w.raw("<path d=\"M"); w.number(x0); w.raw(" "); w.number(base); w.raw("V"); w.number(top)
        w.raw("H"); w.number(x1); w.raw("V"); w.number(base); w.raw("Z\"")
        let closing = i == edges.count - 2 ? "]" : ")"
        Self.titled(&w, "path", "\(xName) in [\(HoverText.number(edges[i])), \(HoverText.number(edges[i + 1]))\(closing): \(heightName) = \(HoverText.number(heights[i]))")
      }
      w.raw("</g>\n")
    case .band(let x, let lower, let upper, let color, let alpha):
      let px = xs.map(x), lo = ys.map(lower), hi = ys.map(upper)
      let n = min(px.count, lo.count, hi.count)
      var first = true
      w.raw("<path fill=\"\(color.hex)\"")
      w.attribute("fill-opacity", alpha)
      w.raw(" d=\"")
      var back: [Int] = []
      for i in 0..<n where px[i].isFinite && lo[i].isFinite && hi[i].isFinite {
        w.raw(first ? "M" : "L"); w.number(px[i]); w.raw(" "); w.number(hi[i])
        first = false
        back.append(i)
      }
      for i in back.reversed() { w.raw("L"); w.number(px[i]); w.raw(" "); w.number(lo[i]) }
      if !first { w.raw("Z") }
      w.raw("\"")
      Self.titled(&w, "path", "band: \(xName) \(HoverText.extent(x) ?? "–"); \(yName) \(HoverText.extent(lower + upper) ?? "–")")
    case .hrule(let y, let style):
      let py = ys(y)
      guard py.isFinite else { return }
      w.raw("<path"); Self.strokeAttributes(style, &w); w.raw(" d=\"M")
      w.number(L.left); w.raw(" "); w.number(py); w.raw("H"); w.number(L.right); w.raw("\"")
      Self.titled(&w, "path", "\(yName) = \(HoverText.number(y))")
    case .vrule(let x, let style):
      let px = xs(x)
      guard px.isFinite else { return }
      w.raw("<path"); Self.strokeAttributes(style, &w); w.raw(" d=\"M")
      w.number(px); w.raw(" "); w.number(L.top); w.raw("V"); w.number(L.bottom); w.raw("\"")
      Self.titled(&w, "path", "\(xName) = \(HoverText.number(x))")
    case .interval(let low, let high, let at, let horizontal, let style, let label):
      let (a, b, c) = horizontal ? (xs(low), xs(high), ys(at)) : (ys(low), ys(high), xs(at))
      guard a.isFinite, b.isFinite, c.isFinite else { return }
      w.raw("<path"); Self.strokeAttributes(style, &w); w.raw(" d=\"M")
      if horizontal {
        w.number(a); w.raw(" "); w.number(c); w.raw("H"); w.number(b)
      } else {
        w.number(c); w.raw(" "); w.number(a); w.raw("V"); w.number(b)
      }
      w.raw("\"")
      let span = "\(HoverText.number(low)) to \(HoverText.number(high))"
      let title: String
      if let label {
        title = "\(label): \(span)"
      } else if horizontal {
        title = "\(category(at: at).map { "\($0): " } ?? "\(yName) = \(HoverText.number(at)): ")\(xName) \(span)"
      } else {
        title = "\(xName) = \(HoverText.number(at)): \(yName) \(span)"
      }
      Self.titled(&w, "path", title)
    case .rug(let x, let color, let length, let width):
      w.raw("<path fill=\"none\" stroke=\"\(color.hex)\""); w.attribute("stroke-width", width); w.raw(" d=\"")
      for v in x {
        let px = xs(v)
        guard px.isFinite else { continue }
        w.raw("M"); w.fixed(px, decimals: 1, dropLeadingZero: false); w.raw(" "); w.number(L.bottom); w.raw("v"); w.number(-length)
      }
      w.raw("\"")
      let shown = x.prefix(12).map(HoverText.number).joined(separator: ", ")
      Self.titled(&w, "path", "\(x.count) mark\(x.count == 1 ? "" : "s") at \(xName) = \(shown)\(x.count > 12 ? ", …" : "")")
    case .text(let x, let y, let s, let anchor, let size, let color, let dx, let dy):
      let px = xs(x) + dx, py = ys(y) + dy
      guard px.isFinite, py.isFinite else { return }
      w.raw("<text")
      w.attribute("x", px)
      w.attribute("y", py)
      w.attribute("font-size", size)
      w.raw(" fill=\"\(color.hex)\" text-anchor=\"\(anchor.rawValue)\">")
      w.escaped(s)
      w.raw("<title>"); w.escaped("\(xName) = \(HoverText.number(x))"); w.raw("</title>")
      w.raw("</text>\n")
    }
  }
}
