import Foundation

/// A figure: panels on a grid of rows and columns, an optional title, a size in pixels.
/// `svg()` renders it as a standalone SVG 1.1 document.
public struct Figure: Sendable {
  public var width: Double
  public var height: Double
  public var columns: Int
  /// Panels in row-major order; nil leaves a cell empty.
  public var panels: [Panel?]
  public var title: String?
  /// What the figure shows, for the SVG's `<title>` when there is no title.
  public var kind: String
  /// Panels in the same column share their x interval (facets over one variable).
  public var sharedX = false
  /// Panels in the same row share their y interval, except those with `sharesY` false.
  public var sharedY = false

  public init(width: Double, height: Double, columns: Int, panels: [Panel?], title: String? = nil, kind: String = "Figure") {
    self.width = width
    self.height = height
    self.columns = max(1, columns)
    self.panels = panels
    self.title = title
    self.kind = kind
  }

  public var rows: Int { max(1, (panels.count + columns - 1) / columns) }

  /// The SVG document (UTF-8 text). The same figure always gives the same bytes.
  public func svg() -> String {
    var w = SVGWriter(capacity: 1 << 18)
    w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
    w.attribute("width", width)
    w.attribute("height", height)
    w.raw(" viewBox=\"0 0 "); w.number(width); w.raw(" "); w.number(height); w.raw("\"")
    w.attribute("font-family", Theme.fontFamily)
    w.raw(">\n<title>")
    w.escaped(title ?? kind)
    w.raw("</title>\n")
    if panels.contains(where: { $0?.marks.contains { if case .scatter = $0 { return true } else { return false } } ?? false }) {
      // The hovered dot stands out (CSS only: the SVG stays static and valid).
      w.raw("<style>.sb-points circle:hover{fill-opacity:1;stroke:#000;stroke-width:1.5px;r:5px}</style>\n")
    }
    w.raw("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
    var top = 0.0
    if let title {
      top = 28
      w.raw("<text")
      w.attribute("x", width / 2)
      w.attribute("y", 19)
      w.attribute("font-size", Theme.figureTitleFont)
      w.raw(" font-weight=\"bold\" text-anchor=\"middle\" fill=\"\(Color.text.hex)\">")
      w.escaped(title)
      w.raw("</text>\n")
    }
    let panels = sharedDomains()
    let cellW = width / Double(columns)
    let cellH = (height - top) / Double(rows)
    // Each panel's own margins, then the widest per column (left, right) and per row
    // (top, bottom), so plot areas line up across the grid.
    var renderers: [PanelRenderer?] = panels.enumerated().map { i, panel in
      panel.map { PanelRenderer(panel: $0, x: Double(i % columns) * cellW, y: top + Double(i / columns) * cellH, width: cellW, height: cellH) }
    }
    let natural = renderers.map { $0?.naturalMargins }
    for i in renderers.indices where renderers[i] != nil {
      let r = i / columns, c = i % columns
      let column = natural.indices.filter { $0 % columns == c }.compactMap { natural[$0] }
      let row = natural.indices.filter { $0 / columns == r }.compactMap { natural[$0] }
      renderers[i]!.aligned = PanelRenderer.Margins(
        left: column.map(\.left).max()!, right: column.map(\.right).max()!,
        top: row.map(\.top).max()!, bottom: row.map(\.bottom).max()!)
    }
    for r in renderers { r?.render(into: &w) }
    w.raw("</svg>\n")
    return w.text
  }

  /// The panels with shared axes fixed to the union of their data intervals.
  func sharedDomains() -> [Panel?] {
    var out = panels
    guard sharedX || sharedY else { return out }
    let domains = panels.map { $0?.domains() }
    func union(_ indices: [Int], _ pick: ((x: (Double, Double), y: (Double, Double))) -> (Double, Double)) -> (Double, Double)? {
      let ds = indices.compactMap { domains[$0].map(pick) }
      guard let first = ds.first else { return nil }
      return ds.dropFirst().reduce(first) { (min($0.0, $1.0), max($0.1, $1.1)) }
    }
    if sharedX {
      for c in 0..<columns {
        let members = Swift.stride(from: c, to: panels.count, by: columns).filter { panels[$0] != nil && panels[$0]!.xDomain == nil }
        if let d = union(members, { $0.x }) { for i in members { out[i]!.xDomain = d } }
      }
    }
    if sharedY {
      for r in 0..<rows {
        let members = (r * columns..<min(panels.count, (r + 1) * columns)).filter { panels[$0] != nil && panels[$0]!.sharesY && panels[$0]!.yDomain == nil }
        if let d = union(members, { $0.y }) { for i in members { out[i]!.yDomain = d } }
      }
    }
    return out
  }
}
