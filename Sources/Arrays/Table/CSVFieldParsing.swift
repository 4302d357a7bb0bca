import Foundation

/// Typing CSV fields: missing-value markers, integers, decimals (an exact Float80 fast
/// path before `strtod`), booleans, and the one-pass column type inference.
extension CSVReader {
  /// The text of a field, with `""` collapsed.
  static func text(_ p: UnsafeBufferPointer<UInt8>, _ f: Field) -> String {
    let s = String(decoding: UnsafeBufferPointer(rebasing: p[f.start..<f.end]), as: UTF8.self)
    return f.escaped ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
  }

  @inline(__always)
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

  @inline(__always)
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
  /// Stops early (returning an empty column) when `isCancelled`, asked every 64K rows,
  /// says so; the caller then throws.
  static func inferColumn(_ p: UnsafeBufferPointer<UInt8>, _ fields: ColumnFields, isCancelled: () -> Bool = { false }) -> TableColumn {
    let n = fields.count
    var ints = [Int]()
    var doubles = [Double]()
    var anyMissing = false
    var anyPresent = false
    enum State { case int, double, other }
    var state = State.int
    ints.reserveCapacity(n)
    row: for r in 0..<n {
      if r & 0xFFFF == 0xFFFF && isCancelled() { return .int([]) }
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
