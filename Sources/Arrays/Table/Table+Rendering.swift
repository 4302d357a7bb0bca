import Foundation

/// Text and HTML renderings of a table, as pandas displays a data frame: an index
/// column, right-aligned values (Doubles to 6 significant digits), and for more than 60
/// rows the first and last 5 with an ellipsis row between.
extension Table: CustomStringConvertible {
  /// Rows shown: all up to 60, else the first and last 5 (nil marks the ellipsis).
  var displayedRows: [Int?] {
    rowCount > 60 ? Array(0..<5) + [nil] + Array((rowCount - 5)..<rowCount) : Array(0..<rowCount)
  }

  /// A cell as displayed: %.6g for Doubles, NaN for missing numbers, None for missing text.
  func displayText(_ column: TableColumn, _ i: Int) -> String {
    switch column {
    case .double(let v): v[i].isNaN ? "NaN" : String(format: "%.6g", v[i])
    case .string(let v): v[i] ?? "None"
    default: column.text(at: i)
    }
  }

  /// Row `i`'s label: its entry in `rowLabels`, else its position.
  func rowLabel(_ i: Int) -> String {
    if let labels = rowLabels, i < labels.count { return labels[i] }
    return String(i)
  }

  public var description: String {
    let rows = displayedRows
    let index = [""] + rows.map { $0.map(rowLabel) ?? "..." }
    var grid = [index]
    for (name, column) in zip(columnNames, columns) {
      grid.append([name] + rows.map { $0.map { displayText(column, $0) } ?? "..." })
    }
    let widths = grid.map { $0.map(\.count).max() ?? 0 }
    var lines: [String] = []
    for r in 0..<index.count {
      let cells = grid.indices.map { c -> String in
        let s = grid[c][r]
        let pad = String(repeating: " ", count: widths[c] - s.count)
        return c == 0 ? s + pad : pad + s
      }
      lines.append(cells.joined(separator: "  "))
    }
    if rowCount > 60 { lines.append("\n[\(rowCount) rows x \(columns.count) columns]") }
    return lines.joined(separator: "\n")
  }

  /// An HTML table (class "dataframe", like pandas) with a row-count footer.
  public var html: String {
    func escape(_ s: String) -> String {
      s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
    }
    var html = "<table class=\"dataframe\">\n<thead><tr style=\"text-align: right;\"><th></th>"
    for name in columnNames { html += "<th>\(escape(name))</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for row in displayedRows {
      html += "<tr><th>" + (row.map { escape(rowLabel($0)) } ?? "…") + "</th>"
      for column in columns { html += "<td>" + (row.map { escape(displayText(column, $0)) } ?? "…") + "</td>" }
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>\n<p>\(rowCount) rows × \(columns.count) columns</p>"
  }
}

/// Writing CSV.
extension Table {
  /// The table as CSV text: a header, then one line per row. Doubles are written as
  /// Swift prints them (round-trip exact), NaN and nil as empty fields; fields with a
  /// comma, quote or line break are quoted with `""` escapes.
  public func csvString() -> String {
    func field(_ s: String) -> String {
      s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    var out = columnNames.map(field).joined(separator: ",") + "\n"
    for i in 0..<rowCount {
      out += columns.map { column -> String in
        switch column {
        case .double(let v): v[i].isNaN ? "" : "\(v[i])"
        case .string(let v): v[i].map { field($0).isEmpty ? "\"\"" : field($0) } ?? ""
        default: column.text(at: i)
        }
      }.joined(separator: ",") + "\n"
    }
    return out
  }

  /// Writes `csvString()` to `path`.
  /// - Throws: `TableError.io` naming the path when the file cannot be written.
  public func writeCSV(_ path: String) throws {
    guard !path.utf8.contains(0) else {
      throw TableError.io(path: path.replacingOccurrences(of: "\0", with: "\\0"), message: "the path contains a NUL byte")
    }
    do {
      try csvString().write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw TableError.io(path: path, message: "cannot write the file (\(error.localizedDescription))")
    }
  }
}
