/// A position in a cell's source: 1-based line and column (columns count Unicode
/// scalars, as Jupyter's cursor positions do), plus the scalar offset from the start.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var offset: Int

  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  public static let start = SourceLocation(line: 1, column: 1, offset: 0)

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool { a.offset < b.offset }

  public var description: String { "\(line):\(column)" }
}

/// A half-open range of source, `start..<end`, in one cell.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
  public var start: SourceLocation
  public var end: SourceLocation

  public init(_ start: SourceLocation, _ end: SourceLocation) {
    self.start = start
    self.end = end
  }

  public init(at location: SourceLocation) {
    self.start = location
    self.end = location
  }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(min(start, other.start), max(end, other.end))
  }

  public var description: String { "\(start)-\(end)" }
}

/// The source text of one cell, split into lines for error rendering.
public struct SourceFile: Sendable {
  public let name: String
  public let text: String
  public let scalars: [Unicode.Scalar]

  public init(name: String, text: String) {
    self.name = name
    self.text = text
    self.scalars = Array(text.unicodeScalars)
  }

  /// The 1-based line `n` without its terminator, or "" when out of range.
  public func line(_ n: Int) -> String {
    var current = 1
    var lineStart = 0
    var i = 0
    while i < scalars.count {
      if current == n { break }
      if scalars[i] == "\n" {
        current += 1
        lineStart = i + 1
      }
      i += 1
    }
    guard current == n else { return "" }
    var end = lineStart
    while end < scalars.count, scalars[end] != "\n" { end += 1 }
    var s = String.UnicodeScalarView()
    s.append(contentsOf: scalars[lineStart..<end])
    return String(s)
  }

  /// The text covered by `range`.
  public func text(in range: SourceRange) -> String {
    let lo = max(0, min(range.start.offset, scalars.count))
    let hi = max(lo, min(range.end.offset, scalars.count))
    var s = String.UnicodeScalarView()
    s.append(contentsOf: scalars[lo..<hi])
    return String(s)
  }

  /// The location of a scalar offset.
  public func location(ofOffset offset: Int) -> SourceLocation {
    var line = 1
    var column = 1
    var i = 0
    let end = min(offset, scalars.count)
    while i < end {
      if scalars[i] == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      i += 1
    }
    return SourceLocation(line: line, column: column, offset: end)
  }
}
