import Foundation

/// Reads comma-separated values into a `Table` with inferred column types.
///
/// Fields follow RFC 4180: optional double quotes, `""` for a quote inside a quoted
/// field, separators and newlines allowed inside quotes, LF or CRLF line ends. The first
/// row is the header (an empty name becomes "Unnamed: i", as pandas names it). Blank
/// lines are skipped. A column is Int if every present value is an integer, else Double
/// if every present value is a number, else Bool if every present value is
/// true/false (any case), else String. Missing values are pandas' defaults ("", "NA",
/// "NaN", "null", "None", "N/A", …): NaN in numeric columns (an Int column with gaps
/// becomes Double) and nil in String columns.
///
/// References: RFC 4180, "Common Format and MIME Type for CSV Files", 2005.
public enum CSVReader {
  static let missingMarkers: Set<String> = [
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
  ]

  /// Reads the CSV file at `path`.
  /// - Throws: `TableError.io` if the file cannot be read; `.malformedCSV` naming the
  ///   row, line and column of a wrong field count or a bad quote.
  public static func read(path: String) throws -> Table {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TableError.io(path: path, message: "cannot read the file (missing or unreadable)")
    }
    return try parse(bytes: [UInt8](data))
  }

  /// Parses CSV text.
  public static func parse(_ text: String) throws -> Table { try parse(bytes: Array(text.utf8)) }

  /// A field's byte range; `escaped` when it contains `""` pairs to collapse.
  struct Field {
    var start: Int
    var end: Int
    var escaped: Bool
  }

  /// Parses CSV bytes.
  public static func parse(bytes input: [UInt8]) throws -> Table {
    var bytes = input
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // UTF-8 BOM
    bytes.append(0)  // a terminator for strtod
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    return try bytes.withUnsafeBufferPointer { p -> Table in
      let n = p.count - 1
      var header: [String] = []
      var columns: [[Field]] = []
      var row: [Field] = []
      var rowNumber = 0  // 0 = header
      var line = 1
      var rowLine = 1
      var i = 0
      func columnName(_ k: Int) -> String { k < header.count ? "\"\(header[k])\"" : "\(k + 1) (the header has \(header.count))" }
      func finishRow() throws {
        defer {
          row.removeAll(keepingCapacity: true)
          rowNumber += 1
        }
        if rowNumber == 0 {
          header = row.enumerated().map { k, f in
            let name = text(p, f)
            return name.isEmpty ? "Unnamed: \(k)" : name
          }
          columns = Array(repeating: [], count: header.count)
          return
        }
        guard row.count == header.count else {
          let k = Swift.min(row.count, header.count)
          throw TableError.malformedCSV(
            row: rowNumber, line: rowLine, column: columnName(k),
            message: "expected \(header.count) fields but found \(row.count)")
        }
        for (k, f) in row.enumerated() { columns[k].append(f) }
      }
      while i < n {
        // Skip blank lines between rows.
        if row.isEmpty && (p[i] == lf || p[i] == cr) {
          if p[i] == lf { line += 1 }
          i += 1
          continue
        }
        if row.isEmpty { rowLine = line }
        var field = Field(start: i, end: i, escaped: false)
        if p[i] == quote {
          i += 1
          field.start = i
          while true {
            guard i < n else {
              throw TableError.malformedCSV(
                row: rowNumber, line: rowLine, column: columnName(row.count),
                message: "unterminated quoted field")
            }
            if p[i] == quote {
              if i + 1 < n && p[i + 1] == quote {
                field.escaped = true
                i += 2
                continue
              }
              break
            }
            if p[i] == lf { line += 1 }
            i += 1
          }
          field.end = i
          i += 1  // closing quote
          if i < n && p[i] != comma && p[i] != lf && p[i] != cr {
            throw TableError.malformedCSV(
              row: rowNumber, line: line, column: columnName(row.count),
              message: "unexpected character after a closing quote")
          }
        } else {
          while i < n && p[i] != comma && p[i] != lf && p[i] != cr { i += 1 }
          field.end = i
        }
        row.append(field)
        if i < n && p[i] == comma {
          i += 1
          if i == n || p[i] == lf || p[i] == cr { row.append(Field(start: i, end: i, escaped: false)) } else { continue }
        }
        if i < n && p[i] == cr { i += 1 }
        if i < n && p[i] == lf {
          i += 1
          line += 1
        }
        try finishRow()
      }
      if !row.isEmpty { try finishRow() }
      let typed = columns.map { inferColumn(p, $0) }
      return Table(unchecked: header, typed)
    }
  }

  /// The text of a field, with `""` collapsed.
  static func text(_ p: UnsafeBufferPointer<UInt8>, _ f: Field) -> String {
    let s = String(decoding: UnsafeBufferPointer(rebasing: p[f.start..<f.end]), as: UTF8.self)
    return f.escaped ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
  }

  static func isMissing(_ p: UnsafeBufferPointer<UInt8>, _ f: Field) -> Bool {
    let length = f.end - f.start
    if length == 0 { return true }
    if length > 8 { return false }
    let c = p[f.start]
    guard c == 78 || c == 110 || c == 35 || c == 45 || c == 49 || c == 60 else { return false }  // N n # - 1 <
    return missingMarkers.contains(text(p, f))
  }

  static func parseInt(_ p: UnsafeBufferPointer<UInt8>, _ f: Field) -> Int? {
    var i = f.start
    var negative = false
    if i < f.end && (p[i] == 45 || p[i] == 43) {
      negative = p[i] == 45
      i += 1
    }
    guard i < f.end, f.end - i <= 18 else { return nil }
    var value = 0
    while i < f.end {
      let d = Int(p[i]) - 48
      guard d >= 0 && d <= 9 else { return nil }
      value = value * 10 + d
      i += 1
    }
    return negative ? -value : value
  }

  static func parseDouble(_ p: UnsafeBufferPointer<UInt8>, _ f: Field) -> Double? {
    guard f.end > f.start else { return nil }
    let c = p[f.start]
    // strtod skips leading spaces and reads hex; accept only what pandas reads as numbers.
    guard (c >= 48 && c <= 57) || c == 45 || c == 43 || c == 46 || c == 105 || c == 73 else { return nil }
    return p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { base in
      var end: UnsafeMutablePointer<CChar>? = nil
      let value = strtod(base + f.start, &end)
      guard let end, end == UnsafeMutablePointer(mutating: base + f.end) else { return nil }
      if f.end - f.start > 1, p[f.start + 1] == 120 || p[f.start + 1] == 88 { return nil }  // 0x…
      return value
    }
  }

  static func parseBool(_ p: UnsafeBufferPointer<UInt8>, _ f: Field) -> Bool? {
    switch text(p, f).lowercased() {
    case "true": true
    case "false": false
    default: nil
    }
  }

  /// Infers the narrowest type that holds every present value of a column.
  static func inferColumn(_ p: UnsafeBufferPointer<UInt8>, _ fields: [Field]) -> TableColumn {
    let missing = fields.map { !$0.escaped && isMissing(p, $0) }
    let present = fields.indices.filter { !missing[$0] }
    if !present.isEmpty {
      var ints = [Int](repeating: 0, count: fields.count)
      if present.allSatisfy({ k in
        guard let v = parseInt(p, fields[k]) else { return false }
        ints[k] = v
        return true
      }) {
        if present.count == fields.count { return .int(ints) }
        return .double(fields.indices.map { missing[$0] ? .nan : Double(ints[$0]) })
      }
      var doubles = [Double](repeating: .nan, count: fields.count)
      if present.allSatisfy({ k in
        guard let v = parseDouble(p, fields[k]) else { return false }
        doubles[k] = v
        return true
      }) {
        return .double(doubles)
      }
      if present.count == fields.count {
        let bools = fields.map { parseBool(p, $0) }
        if bools.allSatisfy({ $0 != nil }) { return .bool(bools.map { $0! }) }
      }
    } else if !fields.isEmpty {
      return .double([Double](repeating: .nan, count: fields.count))
    }
    return .string(fields.indices.map { missing[$0] ? nil : text(p, fields[$0]) })
  }
}

/// `readCSV(path)`: reads a CSV file into a `Table` (see `CSVReader`).
public func readCSV(_ path: String) throws -> Table { try CSVReader.read(path: path) }
