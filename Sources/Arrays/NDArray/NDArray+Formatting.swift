import Foundation

/// Text and HTML renderings.
///
/// `description` is what Swift's `print` shows for nested Swift arrays
/// (`[2.0, 4.0, 6.0]`, `[[1, 2], [3, 4]]`), so scripts print what compiled Swift would.
/// `summary` elides the middle of large arrays as NumPy does (more than 1000 elements:
/// three items at each end of every long axis), for a cell's displayed result.
extension NDArray: CustomStringConvertible {
  /// Each element as Swift prints it.
  func elementStrings() -> [String] {
    switch storage {
    case .double(let v): v.map { "\($0)" }
    case .int(let v): v.map { "\($0)" }
    case .bool(let v): v.map { "\($0)" }
    }
  }

  public var description: String {
    let items = elementStrings()
    if ndim == 0 { return items[0] }
    func render(_ axis: Int, _ base: Int, _ stride: Int) -> String {
      let n = shape[axis]
      if axis == ndim - 1 {
        return "[" + (0..<n).map { items[base + $0] }.joined(separator: ", ") + "]"
      }
      let inner = stride / Swift.max(n, 1)
      return "[" + (0..<n).map { render(axis + 1, base + $0 * inner, inner) }.joined(separator: ", ") + "]"
    }
    return render(0, 0, size)
  }

  /// NumPy's display threshold: arrays larger than this are elided.
  public static let summaryThreshold = 1000
  /// Items shown at each end of an elided axis.
  public static let summaryEdgeItems = 3

  /// The display form: `description` for small arrays; for more than 1000 elements,
  /// `[1.0, 2.0, 3.0, ..., 998.0, 999.0, 1000.0]`, rows of n-d arrays on their own lines.
  public var summary: String {
    let items = elementStrings()
    if ndim == 0 { return items[0] }
    let elide = size > Self.summaryThreshold
    let edge = Self.summaryEdgeItems
    let strides = Broadcast.strides(shape)
    func positions(_ n: Int) -> [Int?] {
      elide && n > 2 * edge ? Array(0..<edge) + [nil] + Array((n - edge)..<n) : Array(0..<n)
    }
    func render(_ axis: Int, _ base: Int, _ indent: String) -> String {
      let parts = positions(shape[axis]).map { p -> String in
        guard let p else { return "..." }
        return axis == ndim - 1 ? items[base + p] : render(axis + 1, base + p * strides[axis], indent + " ")
      }
      if axis == ndim - 1 { return "[" + parts.joined(separator: ", ") + "]" }
      let separator = "," + String(repeating: "\n", count: ndim - axis - 1) + indent + " "
      return "[" + parts.joined(separator: separator) + "]"
    }
    return render(0, 0, "")
  }

  /// An HTML table for a 2-d array (row and column numbers as headers, middle rows and
  /// columns elided beyond 20), and `<pre>` with the summary for other ranks.
  public var html: String {
    func escape(_ s: String) -> String {
      s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
    }
    guard ndim == 2 else { return "<pre>" + escape(summary) + "</pre>" }
    let items = elementStrings()
    let (rows, columns) = (shape[0], shape[1])
    func positions(_ n: Int) -> [Int?] { n > 20 ? Array(0..<10) + [nil] + Array((n - 10)..<n) : Array(0..<n) }
    var html = "<table class=\"swiftbayes-array\">\n<thead><tr><th></th>"
    for c in positions(columns) { html += "<th>" + (c.map(String.init) ?? "…") + "</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for r in positions(rows) {
      html += "<tr><th>" + (r.map(String.init) ?? "…") + "</th>"
      for c in positions(columns) {
        if let r, let c { html += "<td>" + escape(items[r * columns + c]) + "</td>" } else { html += "<td>…</td>" }
      }
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>\n<p>\(rows) rows × \(columns) columns, \(dtype)</p>"
  }
}
