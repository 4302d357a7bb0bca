/// Drawing each kind of mark in a panel's plot area, each with its hover `<title>`.
extension PanelRenderer {
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
