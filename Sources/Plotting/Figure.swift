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
    w.raw("</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
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
    let cellW = width / Double(columns)
    let cellH = (height - top) / Double(rows)
    for (i, panel) in panels.enumerated() {
      guard let panel else { continue }
      let r = i / columns, c = i % columns
      PanelRenderer(panel: panel, x: Double(c) * cellW, y: top + Double(r) * cellH, width: cellW, height: cellH).render(into: &w)
    }
    w.raw("</svg>\n")
    return w.text
  }
}
