/// A strict recursive-descent JSON parser over UTF-8 bytes (RFC 8259).
///
/// Never traps on any input: malformed text, truncated input, invalid escapes and lone
/// surrogates all throw `JSONParseError`. Nesting deeper than `maxDepth` throws rather than
/// overflowing the stack (a hostile client could otherwise crash the kernel).
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
  public var offset: Int
  public var reason: String
  public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

extension JSON {
  public static let maxDepth = 512

  /// Parses one JSON document; trailing non-whitespace is an error.
  public static func parse(_ bytes: [UInt8]) throws -> JSON {
    var parser = Parser(bytes: bytes)
    parser.skipWhitespace()
    let value = try parser.value(depth: 0)
    parser.skipWhitespace()
    if parser.index != bytes.count { throw parser.error("trailing characters") }
    return value
  }

  public static func parse(_ text: String) throws -> JSON { try parse(Array(text.utf8)) }
}

private struct Parser {
  let bytes: [UInt8]
  var index = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  func error(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

  mutating func skipWhitespace() {
    while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
  }

  mutating func expect(_ literal: String, _ value: JSON) throws -> JSON {
    for b in literal.utf8 {
      guard index < bytes.count, bytes[index] == b else { throw error("expected \(literal)") }
      index += 1
    }
    return value
  }

  mutating func value(depth: Int) throws -> JSON {
    guard depth < JSON.maxDepth else { throw error("nesting deeper than \(JSON.maxDepth)") }
    guard index < bytes.count else { throw error("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "n"): return try expect("null", .null)
    case UInt8(ascii: "t"): return try expect("true", .bool(true))
    case UInt8(ascii: "f"): return try expect("false", .bool(false))
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "["):
      index += 1
      var items: [JSON] = []
      skipWhitespace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
      while true {
        skipWhitespace()
        items.append(try value(depth: depth + 1))
        skipWhitespace()
        guard index < bytes.count else { throw error("unterminated array") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        throw error("expected , or ]")
      }
    case UInt8(ascii: "{"):
      index += 1
      var members: [String: JSON] = [:]
      skipWhitespace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
      while true {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected key") }
        let key = try string()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected :") }
        index += 1
        skipWhitespace()
        members[key] = try value(depth: depth + 1)
        skipWhitespace()
        guard index < bytes.count else { throw error("unterminated object") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        throw error("expected , or }")
      }
    default: return try number()
    }
  }

  mutating func number() throws -> JSON {
    let start = index
    var isInteger = true
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    let digitsStart = index
    while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
    guard index > digitsStart else { throw error("unexpected character") }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      let fractionStart = index
      while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
      guard index > fractionStart else { throw error("digits expected after .") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      let expStart = index
      while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
      guard index > expStart else { throw error("digits expected in exponent") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if isInteger, let i = Int(text) { return .int(i) }
    guard let d = Double(text) else { throw error("bad number") }
    return .double(d)
  }

  mutating func hex4() throws -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[index]
      let digit: UInt32
      switch c {
      case 48...57: digit = UInt32(c - 48)
      case 65...70: digit = UInt32(c - 55)
      case 97...102: digit = UInt32(c - 87)
      default: throw error("bad hex digit in \\u escape")
      }
      v = v * 16 + digit
      index += 1
    }
    return v
  }

  mutating func string() throws -> String {
    index += 1  // opening quote
    var out: [UInt8] = []
    while true {
      guard index < bytes.count else { throw error("unterminated string") }
      let c = bytes[index]
      index += 1
      switch c {
      case UInt8(ascii: "\""):
        return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard index < bytes.count else { throw error("unterminated escape") }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if (0xD800...0xDBFF).contains(scalar) {
            guard index + 6 <= bytes.count, bytes[index] == 92, bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("lone high surrogate") }
            index += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("bad low surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let u = Unicode.Scalar(scalar) else { throw error("lone surrogate") }
          out.append(contentsOf: Array(String(Character(u)).utf8))
        default: throw error("bad escape")
        }
      case 0..<0x20:
        throw error("control character in string")
      default:
        out.append(c)
      }
    }
  }
}
