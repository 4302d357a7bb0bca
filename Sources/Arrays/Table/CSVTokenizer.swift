import Foundation

/// Splitting CSV bytes into fields with the sequential RFC 4180 tokenizer: quotes,
/// escaped quotes, line breaks inside quotes, and exact row/line/column errors.
extension CSVReader {
  /// A field's byte range (8 bytes, so a 10 MB file's fields stay small); `escaped`
  /// when it contains `""` pairs to collapse.
  struct Field {
    var startOffset: UInt32
    var endOffset: UInt32
    var escaped: Bool { get { endOffset & 0x8000_0000 != 0 } set { endOffset = newValue ? endOffset | 0x8000_0000 : endOffset & 0x7FFF_FFFF } }
    var start: Int { get { Int(startOffset) } set { startOffset = UInt32(newValue) } }
    var end: Int { get { Int(endOffset & 0x7FFF_FFFF) } set { endOffset = UInt32(newValue) | (endOffset & 0x8000_0000) } }
    init(start: Int, end: Int, escaped: Bool) {
      startOffset = UInt32(start)
      endOffset = UInt32(end) | (escaped ? 0x8000_0000 : 0)
    }
  }

  /// The largest input the 31-bit field offsets can address.
  static let maximumBytes = 0x7FFF_FFFE

  /// Splits the bytes into fields, one row after another, checking quotes and counts.
  /// A line ends at LF, CRLF or a lone CR (old Mac files), for the line numbers that
  /// errors give. `isCancelled` is asked every 1 MB; the caller throws when it says so.
  static func tokenize(_ p: UnsafeBufferPointer<UInt8>, isCancelled: () -> Bool = { false }) throws -> (header: [String], cells: [Field], width: Int) {
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    let n = p.count - 1
    var header: [String] = []
    var cells: [Field] = []  // row-major, header.count per row
    var width = 0
    var fieldCount = 0  // fields so far in the current row
    var rowNumber = 0  // 0 = header
    var line = 1
    var rowLine = 1
    var i = 0
    func columnName(_ k: Int) -> String {
      k < header.count ? "\"\(header[k])\"" : "\(k + 1) (the header has \(header.count))"
    }
    func fieldCountError(_ found: Int) -> TableError {
      TableError.malformedCSV(
        row: rowNumber, line: rowLine, column: columnName(Swift.min(found, header.count)),
        message: "expected \(header.count) fields but found \(found)")
    }
    var headerFields: [Field] = []
    var nextCheck = 1 << 20
    while i < n {
      if i >= nextCheck {
        if isCancelled() { return ([], [], 0) }
        nextCheck = i + (1 << 20)
      }
      // Skip blank lines between rows.
      if fieldCount == 0 && (p[i] == lf || p[i] == cr) {
        if p[i] == lf || i + 1 >= n || p[i + 1] != lf { line += 1 }  // LF, or a CR not before LF
        i += 1
        continue
      }
      if fieldCount == 0 { rowLine = line }
      var field = Field(start: i, end: i, escaped: false)
      if p[i] == quote {
        i += 1
        field.start = i
        while true {
          guard i < n else {
            throw TableError.malformedCSV(
              row: rowNumber, line: rowLine, column: columnName(fieldCount),
              message: "unterminated quoted field")
          }
          let c = p[i]
          if c == quote {
            if i + 1 < n && p[i + 1] == quote {
              field.escaped = true
              i += 2
              continue
            }
            break
          }
          if c == lf || (c == cr && (i + 1 >= n || p[i + 1] != lf)) { line += 1 }
          i += 1
          if i >= nextCheck {
            if isCancelled() { return ([], [], 0) }
            nextCheck = i + (1 << 20)
          }
        }
        field.end = i
        i += 1  // closing quote
        if i < n && p[i] != comma && p[i] != lf && p[i] != cr {
          throw TableError.malformedCSV(
            row: rowNumber, line: line, column: columnName(fieldCount),
            message: "unexpected character after a closing quote")
        }
      } else {
        while i < n {
          let c = p[i]
          if c == comma || c == lf || c == cr { break }
          i += 1
          if i >= nextCheck {
            if isCancelled() { return ([], [], 0) }
            nextCheck = i + (1 << 20)
          }
        }
        field.end = i
      }
      // Store the field.
      if rowNumber == 0 {
        headerFields.append(field)
      } else {
        guard fieldCount < width else {
          var extra = fieldCount + 1
          while i < n && p[i] != lf && p[i] != cr {
            if p[i] == comma { extra += 1 }
            i += 1
          }
          throw fieldCountError(extra)
        }
        cells.append(field)
      }
      fieldCount += 1
      var endOfRow = i >= n
      if i < n && p[i] == comma {
        i += 1
        if i >= n || p[i] == lf || p[i] == cr {
          // A trailing separator: one more empty field, then the row ends.
          if rowNumber == 0 {
            headerFields.append(Field(start: i, end: i, escaped: false))
          } else {
            guard fieldCount < width else { throw fieldCountError(fieldCount + 1) }
            cells.append(Field(start: i, end: i, escaped: false))
          }
          fieldCount += 1
          endOfRow = true
        }
      } else {
        endOfRow = true
      }
      guard endOfRow else { continue }
      if i < n && p[i] == cr {
        i += 1
        if i >= n || p[i] != lf { line += 1 }  // a lone CR ends the line
      }
      if i < n && p[i] == lf {
        i += 1
        line += 1
      }
      if rowNumber == 0 {
        header = headerFields.enumerated().map { k, f in
          let name = text(p, f)
          return name.isEmpty ? "Unnamed: \(k)" : name
        }
        width = header.count
        let estimate = width * (n / Swift.max(i, 1) + 1)
        // Fields average at least a few bytes; all-empty fields grow the array later.
        try MemoryBudget.check(count: Swift.min(estimate, n / 4), stride: MemoryLayout<Field>.stride)
        cells.reserveCapacity(estimate)
      } else if fieldCount != header.count {
        throw fieldCountError(fieldCount)
      }
      fieldCount = 0
      rowNumber += 1
    }
    return (header, cells, width)
  }

}
