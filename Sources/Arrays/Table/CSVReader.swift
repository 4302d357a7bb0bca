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
    try parse(bytes: readBytes(path))
  }

  /// The file's bytes, read straight into an array with one spare byte of capacity
  /// (for the parser's terminator), without an intermediate `Data` copy.
  static func readBytes(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw TableError.io(path: path, message: "cannot open the file (\(String(cString: strerror(errno))))")
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      throw TableError.io(path: path, message: "not a regular file")
    }
    let size = Int(info.st_size)
    var failure: Int32 = 0
    var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
      var done = 0
      while done < size {
        let got = Foundation.read(fd, buffer.baseAddress! + done, size - done)
        if got < 0 && errno == EINTR { continue }
        if got <= 0 {
          failure = got < 0 ? errno : EIO
          break
        }
        done += got
      }
      count = done
    }
    if failure != 0 {
      throw TableError.io(path: path, message: "read failed (\(String(cString: strerror(failure))))")
    }
    bytes.reserveCapacity(bytes.count + 1)
    return bytes
  }

  /// Parses CSV text.
  public static func parse(_ text: String) throws -> Table { try parse(bytes: Array(text.utf8)) }

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

  /// Parses CSV bytes. Quote-free inputs of at least `parallelMinimumBytes` are split
  /// into per-core chunks; the result is the same either way.
  public static func parse(bytes input: [UInt8], parallelMinimumBytes: Int = CSVReader.parallelMinimumBytes) throws -> Table {
    var bytes = input
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // UTF-8 BOM
    guard bytes.count <= maximumBytes else {
      throw TableError.io(path: "CSV input", message: "larger than 2 GB, which the reader does not support")
    }
    bytes.append(0)  // a terminator for strtod
    return try bytes.withUnsafeBufferPointer { p -> Table in
      let (header, cells, width) =
        try tokenizeInParallel(p, minimumBytes: parallelMinimumBytes) ?? tokenize(p)
      // Columns are independent: infer their types on all cores.
      let columnCount = width
      var typed = [TableColumn](repeating: .int([]), count: columnCount)
      let rows = columnCount == 0 ? 0 : cells.count / columnCount
      cells.withUnsafeBufferPointer { fields in
        typed.withUnsafeMutableBufferPointer { out in
          // Each iteration writes only its own slot and reads the immutable input.
          let shared = UncheckedSendable((out, p, fields))
          DispatchQueue.concurrentPerform(iterations: columnCount) { k in
            let (results, bytes, fields) = shared.value
            results[k] = inferColumn(bytes, ColumnFields(cells: fields, column: k, width: columnCount, count: rows))
          }
        }
      }
      return Table(unchecked: header, typed)
    }
  }

  /// Splits the bytes into fields, one row after another, checking quotes and counts.
  static func tokenize(_ p: UnsafeBufferPointer<UInt8>) throws -> (header: [String], cells: [Field], width: Int) {
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
    while i < n {
      // Skip blank lines between rows.
      if fieldCount == 0 && (p[i] == lf || p[i] == cr) {
        if p[i] == lf { line += 1 }
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
          if c == lf { line += 1 }
          i += 1
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
        }
        field.end = i
      }
      // Store the field.
      if rowNumber == 0 {
        headerFields.append(field)
      } else {
        guard fieldCount < width else {
          var extra = fieldCount + 1
          while i < n && p[i] != lf {
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
      if i < n && p[i] == cr { i += 1 }
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
        cells.reserveCapacity(width * (n / Swift.max(i, 1) + 1))
      } else if fieldCount != header.count {
        throw fieldCountError(fieldCount)
      }
      fieldCount = 0
      rowNumber += 1
    }
    return (header, cells, width)
  }

  /// Inputs at least this large, without any quote character, are tokenized in
  /// parallel chunks split at line ends (no field can span lines without quotes).
  public static let parallelMinimumBytes = 1 << 20

  /// The fast path: a quote-free file split into one chunk per core at line ends.
  /// Returns nil (so the sequential tokenizer runs and reports any error exactly) when
  /// the input is small, contains a quote, or a row has the wrong number of fields.
  static func tokenizeInParallel(_ p: UnsafeBufferPointer<UInt8>, minimumBytes: Int) -> (header: [String], cells: [Field], width: Int)? {
    let n = p.count - 1
    let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), comma = UInt8(ascii: ",")
    guard n >= minimumBytes, memchr(p.baseAddress!, Int32(UInt8(ascii: "\"")), n) == nil else { return nil }
    guard let headerEnd = (0..<n).first(where: { p[$0] == lf }) else { return nil }
    var lineEnd = headerEnd
    if lineEnd > 0 && p[lineEnd - 1] == cr { lineEnd -= 1 }
    var header: [String] = []
    var fieldStart = 0
    for i in 0...lineEnd where i == lineEnd || p[i] == comma {
      let name = String(decoding: UnsafeBufferPointer(rebasing: p[fieldStart..<i]), as: UTF8.self)
      header.append(name.isEmpty ? "Unnamed: \(header.count)" : name)
      fieldStart = i + 1
    }
    let width = header.count
    let chunkCount = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, 8))
    var bounds = [headerEnd + 1]
    for c in 1..<chunkCount {
      var b = Swift.max(bounds[c - 1], headerEnd + 1 + (n - headerEnd - 1) * c / chunkCount)
      while b < n && p[b - 1] != lf { b += 1 }
      bounds.append(b)
    }
    bounds.append(n)
    var chunks = [[Field]?](repeating: nil, count: chunkCount)
    chunks.withUnsafeMutableBufferPointer { out in
      let shared = UncheckedSendable((out, p, bounds))
      DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
        let (results, p, bounds) = shared.value
        var cells: [Field] = []
        cells.reserveCapacity((bounds[c + 1] - bounds[c]) / 4)
        var i = bounds[c]
        let end = bounds[c + 1]
        while i < end {
          if p[i] == lf || p[i] == cr {  // blank line
            i += 1
            continue
          }
          var fields = 0
          var start = i
          while true {
            let b = p[i]
            if i == end || b == comma || b == lf || b == cr {
              cells.append(Field(start: start, end: i, escaped: false))
              fields += 1
              if i < end && b == comma {
                i += 1
                start = i
                continue
              }
              break
            }
            i += 1
          }
          if fields != width { return }  // leave nil: the sequential pass reports it
          if i < end && p[i] == cr { i += 1 }
          if i < end && p[i] == lf { i += 1 }
        }
        results[c] = cells
      }
    }
    var cells: [Field] = []
    cells.reserveCapacity(chunks.reduce(0) { $0 + ($1?.count ?? 0) })
    for chunk in chunks {
      guard let chunk else { return nil }
      cells += chunk
    }
    return (header, cells, width)
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
    switch p[f.start] {  // the first bytes of the markers: N n # - 1 <
    case 78, 110, 35, 45, 49, 60: break
    default: return false
    }
    // Every marker has a letter, '#' or '<'; plain numbers are never missing.
    var plain = true
    for k in f.start..<f.end {
      let c = p[k]
      if !((c >= 48 && c <= 57) || c == 45 || c == 43 || c == 46) {
        plain = false
        break
      }
    }
    return !plain && missingMarkers.contains(text(p, f))
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

  static let exactPowersOfTen: [Float80] = (0...27).map { k in
    var v: Float80 = 1
    for _ in 0..<k { v *= 10 }
    return v
  }

  /// A plain decimal `[-]digits[.digits]` with at most 19 significant digits and 27
  /// decimals is m / 10ᵏ with m and 10ᵏ exact in Float80, so the Float80 quotient is
  /// within half an ulp of the truth (64-bit significand). Rounding it to Double is then
  /// the correctly rounded result unless its 11 extra bits sit next to a Double halfway
  /// point; those rare cases, and every other syntax, go to `strtod`.
  ///
  /// References: W. D. Clinger, "How to read floating point numbers accurately", PLDI
  /// 1990 (the exact fast path and its guard).
  static func parseDouble(_ p: UnsafeBufferPointer<UInt8>, _ f: Field) -> Double? {
    guard f.end > f.start else { return nil }
    var i = f.start
    let negative = p[i] == 45
    if negative || p[i] == 43 { i += 1 }
    var mantissa: UInt64 = 0
    var digits = 0
    var fractionDigits = 0
    var anyDigit = false
    var seenPoint = false
    var simple = i < f.end
    while i < f.end {
      let c = p[i]
      if c >= 48 && c <= 57 {
        mantissa = mantissa &* 10 &+ UInt64(c - 48)
        if mantissa > 0 { digits += 1 }
        if seenPoint { fractionDigits += 1 }
        anyDigit = true
      } else if c == 46 && !seenPoint {
        seenPoint = true
      } else {
        simple = false
        break
      }
      i += 1
    }
    if simple && anyDigit && digits <= 19 && fractionDigits <= 27 {
      if mantissa == 0 { return negative ? -0.0 : 0.0 }
      let q = Float80(mantissa) / exactPowersOfTen[fractionDigits]
      let extra = q.significandBitPattern & 0x7FF
      if extra < 0x3FF || extra > 0x401 {
        let value = Double(q)
        return negative ? -value : value
      }
    }
    return parseDoubleSlow(p, f)
  }

  static func parseDoubleSlow(_ p: UnsafeBufferPointer<UInt8>, _ f: Field) -> Double? {
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

  /// true/false in any case, compared byte by byte.
  static func parseBool(_ p: UnsafeBufferPointer<UInt8>, _ f: Field) -> Bool? {
    func matches(_ word: StaticString) -> Bool {
      guard f.end - f.start == word.utf8CodeUnitCount else { return false }
      let w = word.utf8Start
      for k in 0..<word.utf8CodeUnitCount where p[f.start + k] | 0x20 != w[k] { return false }
      return true
    }
    if matches("true") { return true }
    if matches("false") { return false }
    return nil
  }

  /// The fields of one column inside the row-major cell buffer.
  struct ColumnFields {
    let cells: UnsafeBufferPointer<Field>
    let column: Int
    let width: Int
    let count: Int
    subscript(row: Int) -> Field { cells[row * width + column] }
  }

  /// Infers the narrowest type that holds every present value of a column, in one pass
  /// that widens Int → Double (→ String) as values demand.
  static func inferColumn(_ p: UnsafeBufferPointer<UInt8>, _ fields: ColumnFields) -> TableColumn {
    let n = fields.count
    var ints = [Int]()
    var doubles = [Double]()
    var anyMissing = false
    var anyPresent = false
    enum State { case int, double, other }
    var state = State.int
    ints.reserveCapacity(n)
    row: for r in 0..<n {
      let f = fields[r]
      if !f.escaped && isMissing(p, f) {
        anyMissing = true
        if state == .int { ints.append(0) } else { doubles.append(.nan) }
        continue
      }
      anyPresent = true
      if state == .int {
        if let v = parseInt(p, f) {
          ints.append(v)
          continue
        }
        // Widen: the integers so far (and gaps) become Doubles.
        doubles.reserveCapacity(n)
        for k in 0..<r {
          let g = fields[k]
          doubles.append(!g.escaped && isMissing(p, g) ? .nan : Double(ints[k]))
        }
        ints = []
        state = .double
      }
      if let v = parseDouble(p, f) {
        doubles.append(v)
        continue
      }
      state = .other
      break row
    }
    if !anyPresent { return .double([Double](repeating: .nan, count: n)) }
    switch state {
    case .int:
      return anyMissing ? .double(ints.indices.map { k in
        let g = fields[k]
        return !g.escaped && isMissing(p, g) ? .nan : Double(ints[k])
      }) : .int(ints)
    case .double:
      return .double(doubles)
    case .other:
      var bools = [Bool](repeating: false, count: n)
      var allBool = !anyMissing
      if allBool {
        for r in 0..<n {
          guard let b = parseBool(p, fields[r]) else {
            allBool = false
            break
          }
          bools[r] = b
        }
      }
      if allBool { return .bool(bools) }
      return .string((0..<n).map { r in
        let f = fields[r]
        return !f.escaped && isMissing(p, f) ? nil : text(p, f)
      })
    }
  }
}

/// `readCSV(path)`: reads a CSV file into a `Table` (see `CSVReader`).
public func readCSV(_ path: String) throws -> Table { try CSVReader.read(path: path) }

/// Hands pointers to `concurrentPerform` where each iteration touches disjoint data.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
