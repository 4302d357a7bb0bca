/// A run-time value of the cell language.
///
/// Scalars, strings and the Swift collections are built in; everything the domain adds
/// (n-d arrays, distributions, MCMC runs, plots) is a `.host` value that brings its own
/// operators, members and display through `HostObject`.
public enum Value: @unchecked Sendable {
  case void
  case int(Int)
  case double(Double)
  case bool(Bool)
  case string(String)
  case array(ArrayValue)
  indirect case dictionary(DictionaryValue)
  case tuple(TupleValue)
  case nilValue
  indirect case some(Value)
  indirect case range(RangeValue)
  indirect case doubleRange(Double, Double, closed: Bool)
  case function(Function)
  case type(TypeObject)
  case host(any HostObject)
  /// A value of a user's struct, class or enum.
  case instance(Instance)

  /// The Swift spelling of this value's type, for messages.
  public var typeName: String {
    switch self {
    case .void: return "Void"
    case .int: return "Int"
    case .double: return "Double"
    case .bool: return "Bool"
    case .string: return "String"
    case .array(let a): return a.elementType.map { "[\($0)]" } ?? "Array"
    case .dictionary(let d): return d.keyType.map { k in "[\(k): \(d.valueType.map(\.description) ?? "Any")]" } ?? "Dictionary"
    case .tuple(let t): return "(" + t.items.map(\.typeName).joined(separator: ", ") + ")"
    case .nilValue: return "nil"
    case .some(let v): return "Optional<\(v.typeName)>"
    case .range(let r): return r.closed ? "ClosedRange<Int>" : "Range<Int>"
    case .doubleRange(_, _, let closed): return closed ? "ClosedRange<Double>" : "Range<Double>"
    case .function: return "function"
    case .type(let t): return "\(t.name).Type"
    case .host(let h): return h.typeName
    case .instance(let i): return i.type.name
    }
  }

  /// The user type of an instance (nil for other values).
  @inline(__always)
  var instanceType: UserType? {
    if case .instance(let i) = self { return i.type }
    return nil
  }

  var isVoid: Bool {
    if case .void = self { return true }
    return false
  }

  /// The value inside an optional, or the value itself when it is not optional.
  /// `nil` stays `nil`.
  var unwrappedOptional: Value? {
    switch self {
    case .nilValue: return nil
    case .some(let v): return v.unwrappedOptional
    default: return self
    }
  }

  public var isCallable: Bool {
    if case .function = self { return true }
    return false
  }

  var isNil: Bool {
    if case .nilValue = self { return true }
    return false
  }
}

/// A Swift array: value semantics through Swift's copy-on-write storage. The element
/// type is known when the array was annotated or its literal was homogeneous; values
/// appended later are converted to it (so `[Double]` holds `1.0`, not `1`).
public struct ArrayValue: @unchecked Sendable {
  public var items: [Value]
  public var elementType: CompiledType?
  public init(_ items: [Value], elementType: CompiledType? = nil) {
    self.items = items
    self.elementType = elementType
  }
}

public struct TupleValue: @unchecked Sendable {
  public var items: [Value]
  /// Labels, or nil when the tuple has none at all.
  public var labels: [String?]?
  public init(_ items: [Value], labels: [String?]? = nil) {
    self.items = items
    self.labels = labels.flatMap { $0.allSatisfy { $0 == nil } ? nil : $0 }
  }
}

/// An `Int` range: `a..<b`, `a...b`, or a one-sided range used in subscripts.
public struct RangeValue: Sendable, Equatable {
  public var lower: Int?
  public var upper: Int?
  public var closed: Bool

  /// The half-open bounds, for iteration and slicing (`nil` upper means unbounded).
  public var halfOpenUpper: Int? {
    guard let u = upper else { return nil }
    return closed ? (u == Int.max ? nil : u + 1) : u
  }

  var count: Int { exactCount ?? Int.max }

  /// The number of elements, or nil when it does not fit in an Int (`Int.min..<Int.max`,
  /// `0...Int.max`), where Swift's `count` traps.
  var exactCount: Int? {
    guard let l = lower, let u = upper else { return 0 }
    let (d, overflow) = u.subtractingReportingOverflow(l)
    if overflow { return nil }
    if d < 0 { return 0 }
    return closed ? (d == Int.max ? nil : d + 1) : d
  }
}

/// A dictionary that keeps insertion order (Swift's order is unspecified; insertion order
/// is what notebook users expect to see).
public struct DictionaryValue: @unchecked Sendable {
  public private(set) var keys: [Value] = []
  public private(set) var values: [Value] = []
  private var index: [ValueKey: Int] = [:]
  public var keyType: CompiledType?
  public var valueType: CompiledType?

  public init(keyType: CompiledType? = nil, valueType: CompiledType? = nil) {
    self.keyType = keyType
    self.valueType = valueType
  }

  public var count: Int { keys.count }

  public func get(_ key: Value) throws -> Value? {
    guard let i = index[try ValueKey(key)] else { return nil }
    return values[i]
  }

  public mutating func set(_ key: Value, _ value: Value) throws {
    let k = try ValueKey(key)
    if let i = index[k] {
      values[i] = value
    } else {
      index[k] = keys.count
      keys.append(key)
      values.append(value)
    }
  }

  /// Modifies the value stored under `key` in place (inserting `initial` first if absent).
  public mutating func modify(_ key: Value, initial: Value?, _ body: (inout Value) throws -> Value) throws -> Value {
    let k = try ValueKey(key)
    let i: Int
    if let found = index[k] {
      i = found
    } else if let initial {
      i = keys.count
      index[k] = i
      keys.append(key)
      values.append(initial)
    } else {
      throw HostError("key \(debugDescription(key)) not found in dictionary", kind: "KeyError")
    }
    return try body(&values[i])
  }

  @discardableResult
  public mutating func remove(_ key: Value) throws -> Value? {
    let k = try ValueKey(key)
    guard let i = index.removeValue(forKey: k) else { return nil }
    let old = values[i]
    keys.remove(at: i)
    values.remove(at: i)
    for j in i..<keys.count { index[try ValueKey(keys[j])] = j }
    return old
  }

  public mutating func removeAll() {
    keys = []
    values = []
    index = [:]
  }
}

/// A hashable view of a value, for dictionary keys.
struct ValueKey: Hashable {
  let value: Value

  init(_ value: Value) throws {
    switch value {
    case .int, .double, .bool, .string, .nilValue: break
    case .tuple(let t): for item in t.items { _ = try ValueKey(item) }
    case .instance(let i) where i.type.isHashable:
      for item in i.fields { _ = try ValueKey(item) }
    case .some(let inner): _ = try ValueKey(inner)
    default: throw HostError("a value of type \(value.typeName) cannot be a dictionary key (it is not Hashable)")
    }
    self.value = value
  }

  static func == (a: ValueKey, b: ValueKey) -> Bool { valuesEqual(a.value, b.value) }

  func hash(into h: inout Hasher) { ValueKey.hashValue(value, into: &h) }

  static func hashValue(_ v: Value, into h: inout Hasher) {
    switch v {
    case .int(let i): h.combine(0); h.combine(i)
    case .double(let d): h.combine(1); h.combine(d)
    case .bool(let b): h.combine(2); h.combine(b)
    case .string(let s): h.combine(3); h.combine(s)
    case .nilValue: h.combine(4)
    case .some(let inner): hashValue(inner, into: &h)
    case .tuple(let t): h.combine(5); for x in t.items { hashValue(x, into: &h) }
    case .instance(let i):
      h.combine(7)
      h.combine(i.caseIndex)
      for x in i.fields { hashValue(x, into: &h) }
    default: h.combine(6)
    }
  }
}

/// Structural equality, as Swift's `==` on Equatable values. Values of different types
/// are unequal, except Int and Double (the cell language promotes) and an optional
/// compared with a plain value.
public func valuesEqual(_ a: Value, _ b: Value) -> Bool {
  switch (a, b) {
  case (.int(let x), .int(let y)): return x == y
  case (.double(let x), .double(let y)): return x == y
  case (.int(let x), .double(let y)): return Double(x) == y
  case (.double(let x), .int(let y)): return x == Double(y)
  case (.bool(let x), .bool(let y)): return x == y
  case (.string(let x), .string(let y)): return x == y
  case (.void, .void), (.nilValue, .nilValue): return true
  case (.nilValue, _), (_, .nilValue): return false
  case (.some(let x), .some(let y)): return valuesEqual(x, y)
  case (.some(let x), _): return valuesEqual(x, b)
  case (_, .some(let y)): return valuesEqual(a, y)
  case (.array(let x), .array(let y)):
    return x.items.count == y.items.count && zip(x.items, y.items).allSatisfy { valuesEqual($0, $1) }
  case (.tuple(let x), .tuple(let y)):
    return x.items.count == y.items.count && zip(x.items, y.items).allSatisfy { valuesEqual($0, $1) }
  case (.dictionary(let x), .dictionary(let y)):
    guard x.count == y.count else { return false }
    for (k, v) in zip(x.keys, x.values) {
      guard let other = try? y.get(k), valuesEqual(v, other) else { return false }
    }
    return true
  case (.range(let x), .range(let y)): return x == y
  case (.doubleRange(let a1, let b1, let c1), .doubleRange(let a2, let b2, let c2)): return a1 == a2 && b1 == b2 && c1 == c2
  case (.function(let x), .function(let y)): return x === y
  case (.type(let x), .type(let y)): return x === y
  case (.host(let x), .host(let y)): return x.isEqual(to: y)
  case (.instance(let x), .instance(let y)): return instancesEqual(x, y)
  default: return false
  }
}
