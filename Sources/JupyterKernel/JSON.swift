/// A JSON value, as carried in the four JSON frames of a Jupyter message.
///
/// Integers and floating-point numbers are kept apart (`execution_count` must stay an
/// integer on the wire). Objects are dictionaries; `encoded()` writes keys sorted so that
/// replies are byte-for-byte reproducible (golden tests rely on that).
public enum JSON: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSON])
  case object([String: JSON])

  /// The member `key` of an object, or `nil` for a missing key or a non-object.
  public subscript(key: String) -> JSON? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// An integer; a double with an integral value is accepted too (some clients send `5.0`).
  public var intValue: Int? {
    switch self {
    case .int(let i): return i
    case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: return Int(d)
    default: return nil
    }
  }

  public var arrayValue: [JSON]? {
    if case .array(let a) = self { return a }
    return nil
  }

  public var objectValue: [String: JSON]? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// Builds an object from a MIME bundle or any string-to-string map.
  public static func strings(_ map: [String: String]) -> JSON {
    .object(map.mapValues { .string($0) })
  }

  /// A MIME bundle as Jupyter sends it: JSON types (`application/json`,
  /// `application/vnd.jupyter.widget-view+json`, …) as the JSON they hold, the rest as text.
  public static func mimeBundle(_ bundle: [String: String]) -> JSON {
    var out: [String: JSON] = [:]
    for (mime, text) in bundle {
      if mime.hasSuffix("json"), let parsed = try? JSON.parse(text) { out[mime] = parsed } else { out[mime] = .string(text) }
    }
    return .object(out)
  }
}

extension JSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral
{
  public init(nilLiteral: ()) { self = .null }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int) { self = .int(value) }
  public init(floatLiteral value: Double) { self = .double(value) }
  public init(stringLiteral value: String) { self = .string(value) }
  public init(arrayLiteral elements: JSON...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSON)...) {
    var members: [String: JSON] = [:]
    for (k, v) in elements { members[k] = v }
    self = .object(members)
  }
}

extension JSON {
  /// The compact UTF-8 encoding, object keys sorted.
  public func encoded() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(128)
    write(to: &out)
    return out
  }

  /// The compact encoding as a string (for logs and golden tests).
  public var text: String { String(decoding: encoded(), as: UTF8.self) }

  func write(to out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: Array("null".utf8))
    case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
    case .int(let i): out.append(contentsOf: Array(String(i).utf8))
    case .double(let d):
      // JSON has no NaN or infinity; Python's json module would write NaN, but strict
      // parsers reject it, so non-finite numbers become null.
      if !d.isFinite {
        out.append(contentsOf: Array("null".utf8))
      } else if d.rounded() == d && abs(d) < 1e15 {
        out.append(contentsOf: Array(String(Int(d)).utf8))
        out.append(contentsOf: Array(".0".utf8))
      } else {
        out.append(contentsOf: Array(String(d).utf8))
      }
    case .string(let s): JSON.writeString(s, to: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        item.write(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (i, key) in members.keys.sorted().enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        JSON.writeString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        members[key]!.write(to: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  static func writeString(_ s: String, to out: inout [UInt8]) {
    let hex = Array("0123456789abcdef".utf8)
    out.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
      case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
      case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
      case 0..<0x20:
        out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48])
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0xF)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
