import Foundation

/// A type annotation prepared for run-time checks: `let x: Double = 1` converts the Int
/// literal, `let n: Int = 2.5` is an error naming both types.
public indirect enum CompiledType: Sendable, CustomStringConvertible {
  case any
  case int
  case double
  case bool
  case string
  case character
  case optional(CompiledType)
  case array(CompiledType)
  case dictionary(CompiledType, CompiledType)
  case tuple([CompiledType], [String?])
  case function
  case void
  /// A type the session registers (`NDArray`, `Distribution`, …) or the user declares:
  /// checked by name.
  case named(String)
  /// A generic parameter (`T: Comparable`): any value that meets the constraints.
  case generic(String, [String])

  public var description: String {
    switch self {
    case .any: return "Any"
    case .int: return "Int"
    case .double: return "Double"
    case .bool: return "Bool"
    case .string: return "String"
    case .character: return "Character"
    case .optional(let t): return "\(t)?"
    case .array(let t): return "[\(t)]"
    case .dictionary(let k, let v): return "[\(k): \(v)]"
    case .tuple(let ts, let labels):
      return "(" + zip(ts, labels).map { ($1.map { "\($0): " } ?? "") + $0.description }.joined(separator: ", ") + ")"
    case .function: return "function"
    case .void: return "Void"
    case .named(let n): return n
    case .generic(let n, _): return n
    }
  }

  public init(_ ref: TypeRef) {
    switch ref {
    case .named(let n):
      switch n {
      case "Int": self = .int
      case "Double", "Float", "CGFloat", "Float64": self = .double
      case "Bool": self = .bool
      case "String", "Substring": self = .string
      case "Character": self = .character
      case "Any", "AnyObject": self = .any
      case "KeyPath", "WritableKeyPath", "ReferenceWritableKeyPath", "PartialKeyPath", "AnyKeyPath": self = .function
      case "Void": self = .void
      default: self = .named(n)
      }
    case .optional(let t), .implicitlyUnwrapped(let t): self = .optional(CompiledType(t))
    case .array(let t): self = .array(CompiledType(t))
    case .dictionary(let k, let v): self = .dictionary(CompiledType(k), CompiledType(v))
    case .tuple(let items):
      self = items.isEmpty ? .void : .tuple(items.map { CompiledType($0.1) }, items.map(\.0))
    case .function: self = .function
    }
  }

  /// Converts `value` to this type or throws a message naming both types.
  public func coerce(_ value: Value) throws -> Value {
    switch (self, value) {
    case (.any, _): return value
    case (_, .host(let h)) where h.standsInForNumbers && isDoubleLike: return value
    case (.int, .int), (.bool, .bool), (.string, .string), (.double, .double): return value
    case (.double, .int(let i)): return .double(Double(i))
    case (.character, .string(let s)) where s.count == 1: return value
    case (.string, .host(let h)) where h.typeName == "Character": return value
    case (.optional, .nilValue): return value
    case (.optional(let t), .some(let inner)): return .some(try t.coerce(inner))
    case (.optional(let t), _): return .some(try t.coerce(value))
    case (.array(let t), .array(var a)):
      if case .any = t { return value }
      if let et = a.elementType, et.sameAs(t) { return value }
      for i in a.items.indices { a.items[i] = try t.coerce(a.items[i]) }
      a.elementType = t
      return .array(a)
    case (.array(let t), .host(let h)):
      // A host sequence (an n-d array) meeting a Swift array annotation.
      guard let items = try h.elements() else { break }
      return .array(ArrayValue(try items.map { try t.coerce($0) }, elementType: t))
    case (.dictionary(let kt, let vt), .dictionary(let d)):
      var out = DictionaryValue(keyType: kt, valueType: vt)
      for (k, v) in zip(d.keys, d.values) { try out.set(try kt.coerce(k), try vt.coerce(v)) }
      return .dictionary(out)
    case (.tuple(let ts, let labels), .tuple(let t)) where ts.count == t.items.count:
      var items = t.items
      for i in items.indices { items[i] = try ts[i].coerce(items[i]) }
      return .tuple(TupleValue(items, labels: labels.allSatisfy { $0 == nil } ? t.labels : labels))
    case (.function, .function), (.function, .type): return value
    case (.void, .void): return value
    case (.named(let n), .instance(let i)) where i.type.name == n: return value
    case (.named(let n), .host(let h)) where h.conforms(toTypeNamed: n): return value
    case (.named(let n), .instance(let i)) where valueSatisfies(value, n, i.type.interp): return value
    case (.generic(let n, let constraints), _):
      for c in constraints where !valueSatisfies(value, c, nil) {
        throw HostError("generic parameter '\(n)' requires that '\(value.typeName)' conform to '\(c)'", kind: "TypeError")
      }
      return value
    case (.named(let n), .type(let t)) where t.name == n: return value
    case (.named(let n), _) where valueSatisfies(value, n, nil): return value
    case (.named(let n), _):
      if let converted = try TypeRegistry.shared.convert(value, toTypeNamed: n) { return converted }
    default: break
    }
    throw HostError("cannot convert value of type '\(value.typeName)' to '\(self)'", kind: "TypeError")
  }

  func sameAs(_ other: CompiledType) -> Bool { description == other.description }

  /// Whether every value of this type is a built-in value type (so a `let` of it can never
  /// be changed through a member or subscript).
  var isBuiltinValueType: Bool {
    switch self {
    case .int, .double, .bool, .string, .character, .array, .dictionary, .tuple, .void: return true
    case .optional(let t): return t.isBuiltinValueType
    default: return false
    }
  }

  /// `Double`, `[Double]`, `[[Double]]`, … and `NDArray`: what a traced value may meet.
  var isDoubleLike: Bool {
    switch self {
    case .double: return true
    case .array(let t): return t.isDoubleLike
    case .named(let n): return n == "NDArray"
    default: return false
    }
  }
}

/// Conversions the session adds for its own named types (for example `[Double]` data
/// meeting an `NDArray` annotation).
///
/// Shared by every session in the process, so it is locked: sessions are created on
/// several threads at once (parallel tests), and an unlocked dictionary write raced there
/// (an occasional crash in `Session.init`).
public final class TypeRegistry: @unchecked Sendable {
  public static let shared = TypeRegistry()
  private var converters: [String: (Value) throws -> Value?] = [:]
  private let lock = NSLock()

  public func registerConversion(toTypeNamed name: String, _ convert: @escaping (Value) throws -> Value?) {
    lock.lock()
    defer { lock.unlock() }
    converters[name] = convert
  }

  func convert(_ value: Value, toTypeNamed name: String) throws -> Value? {
    lock.lock()
    let converter = converters[name]
    lock.unlock()
    return try converter?(value)
  }
}
