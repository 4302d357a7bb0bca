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
}
