import Foundation

/// A column of a rendered table, typed as pandas types a DataFrame column.
enum TableCells {
  case float([Double])
  case int([Int])
  case bool([Bool])
  case text([String])
}

/// Tables rendered as pandas' `DataFrame.to_string()` prints them (so a summary reads as
/// it does under ArviZ), as HTML with flagged rows, and as GitHub markdown.
enum TableRendering {
  /// pandas' float column formatting (display.precision 6): "% .6f", trailing zeros
  /// trimmed equally across the column (keeping one decimal), "% .6e" when any nonzero
  /// |x| < 1e-6, or when a formatted value is longer than 12 and some |x| > 1e6; NaN as
  /// "NaN".
  static func floatStrings(_ values: [Double]) -> [String] {
    func fixed(_ v: Double) -> String { v.isNaN ? "NaN" : String(format: "% .6f", v) }
    var out = trimZeros(values.map(fixed))
    let tooLong = (out.map(\.count).max() ?? 0) > 12
    let large = values.contains { Swift.abs($0) > 1e6 }
    let small = values.contains { Swift.abs($0) < 1e-6 && Swift.abs($0) > 0 }
    if small || (tooLong && large) {
      out = trimZeros(values.map { $0.isNaN ? "NaN" : String(format: "% .6e", $0) })
    }
    return out
  }

  /// pandas' `_trim_zeros_float`.
  static func trimZeros(_ strings: [String]) -> [String] {
    func isDecimal(_ s: String) -> Bool {
      var t = Substring(s)
      while t.first == " " { t = t.dropFirst() }
      if t.first == "+" || t.first == "-" { t = t.dropFirst() }
      guard let dot = t.firstIndex(of: ".") else { return false }
      let whole = t[..<dot], frac = t[t.index(after: dot)...]
      return !whole.isEmpty && whole.allSatisfy { $0 >= "0" && $0 <= "9" } && frac.allSatisfy { $0 >= "0" && $0 <= "9" }
    }
    var s = strings
    while true {
      let numbers = s.filter(isDecimal)
      guard !numbers.isEmpty, numbers.allSatisfy({ $0.hasSuffix("0") }) else { break }
      s = s.map { isDecimal($0) ? String($0.dropLast()) : $0 }
    }
    return s.map { isDecimal($0) && $0.hasSuffix(".") ? $0 + "0" : $0 }
  }

  static func strings(_ cells: TableCells) -> [String] {
    switch cells {
    case .float(let v): return floatStrings(v)
    case .int(let v): return v.map { $0 < 0 ? "\($0)" : " \($0)" }
    case .bool(let v): return v.map { $0 ? " True" : " False" }
    case .text(let v): return v.map { " " + $0 }
    }
  }

  /// `DataFrame.to_string()`: the index left-justified, each column right-justified to
  /// the wider of its header and values, columns joined by one space.
  static func text(index: [String], columns: [String], cells: [TableCells]) -> String {
    let indexWidth = index.map(\.count).max() ?? 0
    var strcols: [[String]] = [[String(repeating: " ", count: indexWidth)] + index.map { $0.padding(toLength: indexWidth, withPad: " ", startingAt: 0) }]
    for (name, c) in zip(columns, cells) {
      let values = strings(c)
      // pandas prefixes numeric columns' headers with a space.
      var header = name
      if case .text = c {} else { header = " " + name }
      let width = max(header.count, values.map(\.count).max() ?? 0)
      strcols.append(([header] + values).map { leftPad($0, width) })
    }
    let rows = index.count + 1
    return (0..<rows).map { r in strcols.map { $0[r] }.joined(separator: " ") }.joined(separator: "\n")
  }

  static func leftPad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
  }

  /// Cell text without pandas' sign column (for HTML and markdown).
  static func displayStrings(_ cells: TableCells) -> [String] {
    strings(cells).map { $0.hasPrefix(" ") ? String($0.dropFirst()) : $0 }
  }

  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  /// An HTML table; `flags[r]` lists the columns to highlight in row r (the row gets a
  /// tinted background, the cells bold red).
  static func html(index: [String], columns: [String], cells: [TableCells], flags: [Set<String>] = [], caption: String? = nil, notes: [String] = []) -> String {
    let shown = cells.map(displayStrings)
    var h = "<div class=\"swiftbayes-table\">\n<table border=\"1\" class=\"dataframe\">\n"
    if let caption { h += "<caption>\(escape(caption))</caption>\n" }
    h += "<thead>\n<tr style=\"text-align: right;\"><th></th>"
    for c in columns { h += "<th>\(escape(c))</th>" }
    h += "</tr>\n</thead>\n<tbody>\n"
    for (r, label) in index.enumerated() {
      let f = r < flags.count ? flags[r] : []
      h += f.isEmpty ? "<tr>" : "<tr class=\"flagged\" style=\"background-color: #fde8e8;\">"
      h += "<th>\(escape(label))</th>"
      for (j, c) in columns.enumerated() {
        let text = escape(shown[j][r])
        h += f.contains(c) ? "<td style=\"color: #b00020; font-weight: bold;\">\(text)</td>" : "<td>\(text)</td>"
      }
      h += "</tr>\n"
    }
    h += "</tbody>\n</table>\n"
    if !notes.isEmpty {
      h += "<pre>" + notes.map(escape).joined(separator: "\n") + "</pre>\n"
    }
    return h + "</div>"
  }

  /// A GitHub-flavoured markdown table (index left-aligned, values right-aligned).
  static func markdown(index: [String], columns: [String], cells: [TableCells], notes: [String] = []) -> String {
    let shown = cells.map(displayStrings)
    func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
    var lines = ["| | " + columns.map(cell).joined(separator: " | ") + " |"]
    lines.append("|:--|" + columns.map { _ in "--:" }.joined(separator: "|") + "|")
    for (r, label) in index.enumerated() {
      lines.append("| " + cell(label) + " | " + (0..<columns.count).map { cell(shown[$0][r]) }.joined(separator: " | ") + " |")
    }
    if !notes.isEmpty { lines.append(""); lines += notes.map { $0.hasPrefix("  ") ? "> " + $0.trimmingCharacters(in: .whitespaces) : $0 + "  " } }
    return lines.joined(separator: "\n")
  }
}

extension SummaryTable {
  var cells: [TableCells] {
    let v = values
    return columns.indices.map { j in .float(v.map { $0[j] }) }
  }

  /// The table as pandas prints ArviZ's DataFrame, then the sampler report.
  public var text: String {
    var t = TableRendering.text(index: index, columns: columns, cells: cells)
    if let lines = sampler?.lines, !lines.isEmpty { t += "\n\n" + lines.joined(separator: "\n") }
    return t
  }

  /// An HTML table; rows with R̂ > 1.01 or ESS < 400 are tinted and the offending
  /// cells bold.
  public var html: String {
    TableRendering.html(index: index, columns: columns, cells: cells,
                        flags: index.indices.map(flaggedColumns(row:)), notes: sampler?.lines ?? [])
  }

  /// A markdown table, then the sampler report.
  public var markdown: String {
    TableRendering.markdown(index: index, columns: columns, cells: cells, notes: sampler?.lines ?? [])
  }
}
