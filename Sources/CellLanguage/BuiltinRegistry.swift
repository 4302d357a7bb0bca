/// The kinds of built-in values that have methods and properties.
public enum ValueKind: String, CaseIterable, Sendable {
  case int = "Int", double = "Double", bool = "Bool", string = "String", array = "Array"
  case dictionary = "Dictionary", tuple = "Tuple", range = "Range", optional = "Optional", function = "Function"

  init?(_ v: Value) {
    switch v {
    case .int: self = .int
    case .double: self = .double
    case .bool: self = .bool
    case .string: self = .string
    case .array: self = .array
    case .dictionary: self = .dictionary
    case .tuple: self = .tuple
    case .range, .doubleRange: self = .range
    case .nilValue, .some: self = .optional
    case .function: self = .function
    default: return nil
    }
  }
}

/// Documentation shown by inspection and `help`.
public struct BuiltinDoc: Sendable {
  public var signature: String
  public var doc: String
}

public typealias MethodImpl = (Value, Arguments, Interpreter) throws -> Value
public typealias MutatingMethodImpl = (inout Value, Arguments, Interpreter) throws -> Value
public typealias PropertyImpl = (Value) throws -> Value

/// Everything built in: global functions, types and constants, and the methods and
/// properties of built-in values. The session registers the domain's names here too,
/// which is how completion and inspection learn about them.
public final class BuiltinRegistry {
  public internal(set) var values: [String: Value] = [:]
  public internal(set) var docs: [String: BuiltinDoc] = [:]
  var methods: [ValueKind: [String: MethodImpl]] = [:]
  var mutatingMethods: [ValueKind: [String: MutatingMethodImpl]] = [:]
  var properties: [ValueKind: [String: PropertyImpl]] = [:]
  public internal(set) var memberDocs: [String: BuiltinDoc] = [:]
  var hostFunctions: [String: (Arguments) throws -> Value] = [:]

  /// Registers a global function.
  public func function(_ name: String, _ signature: String, _ doc: String, _ impl: @escaping (Arguments, Interpreter) throws -> Value) {
    values[name] = .function(BuiltinFunction(name: name, signature: signature, doc: doc, impl))
    docs[name] = BuiltinDoc(signature: signature, doc: doc)
  }

  /// Registers a global constant or type.
  public func value(_ name: String, _ value: Value, signature: String? = nil, doc: String) {
    values[name] = value
    docs[name] = BuiltinDoc(signature: signature ?? name, doc: doc)
  }

  public func type(_ t: TypeObject, signature: String) {
    values[t.name] = .type(t)
    docs[t.name] = BuiltinDoc(signature: signature, doc: t.doc)
  }

  func method(_ kinds: [ValueKind], _ name: String, _ signature: String, _ doc: String, _ impl: @escaping MethodImpl) {
    for k in kinds {
      methods[k, default: [:]][name] = impl
      memberDocs["\(k.rawValue).\(name)"] = BuiltinDoc(signature: signature, doc: doc)
    }
  }

  func mutating(_ kinds: [ValueKind], _ name: String, _ signature: String, _ doc: String, _ impl: @escaping MutatingMethodImpl) {
    for k in kinds {
      mutatingMethods[k, default: [:]][name] = impl
      memberDocs["\(k.rawValue).\(name)"] = BuiltinDoc(signature: signature, doc: doc)
    }
  }

  func property(_ kinds: [ValueKind], _ name: String, _ doc: String, _ impl: @escaping PropertyImpl) {
    for k in kinds {
      properties[k, default: [:]][name] = impl
      memberDocs["\(k.rawValue).\(name)"] = BuiltinDoc(signature: name, doc: doc)
    }
  }

  /// Member names of a value, for completion after `.`.
  public func memberNames(of v: Value) -> [String] {
    if case .host(let h) = v { return h.memberNames }
    if case .instance(let i) = v { return i.type.instanceMemberNames }
    if case .type(let t) = v, let u = t.user { return u.typeMemberNames }
    if case .type(let t) = v { return Array(t.staticMembers.keys) + Array(t.staticMethods.keys) }
    guard let k = ValueKind(v) else { return [] }
    var names = Array(methods[k, default: [:]].keys) + Array(properties[k, default: [:]].keys)
    names += mutatingMethods[k, default: [:]].keys
    if case .tuple(let t) = v {
      names += (0..<t.items.count).map(String.init)
      names += (t.labels ?? []).compactMap { $0 }
    }
    return names
  }

  /// Documentation of a member of a value, for inspection of `x.name`.
  public func memberDoc(of v: Value, _ name: String) -> BuiltinDoc? {
    guard let k = ValueKind(v) else { return nil }
    return memberDocs["\(k.rawValue).\(name)"]
  }
}
