/// The user's own types: `struct`, `class`, `enum`, `protocol`, and extensions of
/// built-in types.
///
/// A type is made when its cell compiles (so later declarations in the cell can name its
/// members) and filled with its functions when the declaration runs. Re-running a cell
/// that declares a type makes a new `UserType`; values made from the old one keep it.
public final class UserType {
  public let name: String
  let kind: TypeDeclKind
  unowned let interp: Interpreter
  var superclass: UserType?
  /// Protocols named in the declaration and its extensions.
  var conformances: [String] = []
  var genericParameters: [String] = []

  // Stored properties, in declaration order (a class's superclass's first).
  var fieldNames: [String] = []
  var fieldIndex: [String: Int] = [:]
  var fieldIsLet: [Bool] = []
  var fieldTypes: [CompiledType?] = []
  var fieldDefaults: [Eval?] = []
  /// Stored properties with a default value (known when declared, before defaults compile),
  /// including optional `var`s, which start as nil.
  var fieldHasDefault: Set<String> = []
  var observers: [String: (willSet: UserFunction?, didSet: UserFunction?)] = [:]
  /// The frame the declaration ran in: defaults and static initializers are evaluated there.
  var declarationFrame: Frame?

  // Names known at compile time, for resolving bare names inside methods.
  var methodNames: Set<String> = []
  var mutatingNames: Set<String> = []
  var throwingNames: Set<String> = []
  var nonThrowingNames: Set<String> = []
  var getterNames: Set<String> = []
  var setterNames: Set<String> = []
  var staticNames: Set<String> = []
  /// Instance methods' Swift names (`f(_:by:)`), for override checks.
  var methodSignatures: Set<String> = []
  /// Each method's parameter types by name (for implicit members in arguments).
  var methodParameterTypes: [String: [[CompiledType?]]] = [:]
  var hasThrowingInit = false
  var hasNonThrowingInit = false
  var declaresInit = false
  /// An `init` in the type's own declaration (not an extension): the memberwise
  /// initializer is then gone.
  var declaresInitInBody = false
  /// The memberwise initializer's last plan (which field each argument fills) and the
  /// argument labels it was made for.
  var lastMemberwisePlan: (labels: [String?], plan: [Int])?

  // Filled when the declaration runs.
  var methods: [String: [UserFunction]] = [:]
  var getters: [String: UserFunction] = [:]
  var setters: [String: UserFunction] = [:]
  var staticMethods: [String: [UserFunction]] = [:]
  var staticGetters: [String: UserFunction] = [:]
  var staticSetters: [String: UserFunction] = [:]
  var staticValues: [String: GlobalCell] = [:]
  var staticInitializers: [String: Eval] = [:]
  var inits: [(UserFunction, failable: Bool)] = []
  var operators: [String: [UserFunction]] = [:]

  // Enums.
  var cases: [EnumCaseInfo] = []
  var caseIndex: [String: Int] = [:]
  var rawType: CompiledType?
  var caseValues: [Value] = []

  /// A protocol's `associatedtype` names.
  var associatedTypes: Set<String> = []
  /// Protocol requirements: member names a conforming type must have.
  var requirements: [(name: String, isMethod: Bool)] = []

  /// A class's `deinit` body, and the interpreter to run it in (weak: an instance may
  /// outlive its session).
  var deinitializer: UserFunction?
  weak var deinitInterpreter: Interpreter?
  var hasDeinit: Bool {
    var t: UserType? = self
    while let c = t {
      if c.deinitializer != nil { return true }
      t = c.superclass
    }
    return false
  }

  // Nested types: `name` is qualified (`Outer.Inner`); `print` shows the last component.
  var parent: UserType?
  var nestedTypes: [String: UserType] = [:]
  /// A nested type's binding (not a session global): what its bare name means inside the
  /// enclosing type's declaration.
  var nestedCell: GlobalCell?
  var shortName: String { parent == nil ? name : String(name[name.index(after: name.lastIndex(of: ".")!)...]) }

  // Subscripts: getters with their setters (same parameters plus the new value).
  var subscripts: [(get: UserFunction, set: UserFunction?)] = []
  var staticSubscripts: [(get: UserFunction, set: UserFunction?)] = []
  var declaresSubscript = false
  var declaresStaticSubscript = false

  /// `lazy var` stored properties: their initial values are computed with `self` on
  /// first read.
  var lazyInitializers: [Int: UserFunction] = [:]
  var lazyFields: Set<Int> = []
  /// `weak var` (false) and `unowned` (true) stored properties: they hold a class instance
  /// without keeping it alive.
  var referenceFields: [Int: Bool] = [:]
  /// Stored properties declared `T!`: read unwrapped (nil is an error when read).
  var implicitlyUnwrappedFields: Set<Int> = []

  lazy var typeObject: TypeObject = {
    let t = TypeObject(name: name, doc: "\(kind.rawValue) \(name)", construct: { [unowned self] args, interp in
      try interp.construct(self, args)
    })
    t.user = self
    return t
  }()

  init(name: String, kind: TypeDeclKind, interp: Interpreter) {
    self.name = name
    self.kind = kind
    self.interp = interp
    self.deinitInterpreter = interp
  }

  var isValueType: Bool { kind != .class }

  /// Protocols this type conforms to, with those they inherit and its superclass's.
  func conforms(to name: String) -> Bool {
    if name == self.name { return true }
    var seen: Set<String> = []
    var queue = conformances
    while let p = queue.popLast() {
      if p == name { return true }
      guard seen.insert(p).inserted else { continue }
      if let proto = interp.userTypes[p], proto.kind == .protocol { queue += proto.conformances }
      if ["Hashable", "Comparable"].contains(p), name == "Equatable" { return true }
    }
    return superclass?.conforms(to: name) ?? false
  }

  var isHashable: Bool {
    conforms(to: "Hashable") || (kind == .enum && cases.allSatisfy { $0.payload == nil })
  }

  var isEquatable: Bool {
    conforms(to: "Equatable") || (kind == .enum && cases.allSatisfy { $0.payload == nil })
  }

  /// Every protocol (with inherited ones) this type conforms to, for default implementations.
  var allProtocols: [UserType] {
    var out: [UserType] = []
    var seen: Set<String> = []
    var queue = conformances + (superclass.map { s in s.allProtocols.map(\.name) } ?? [])
    while !queue.isEmpty {
      let p = queue.removeFirst()
      guard seen.insert(p).inserted, let proto = interp.userTypes[p] ?? interp.pendingTypeLookup?(p), proto.kind == .protocol else { continue }
      out.append(proto)
      queue += proto.conformances
    }
    return out
  }

  /// An instance method by name: the type's own, its superclass's, then a protocol
  /// extension's default.
  func method(_ name: String, labels: [String?]? = nil) -> UserFunction? {
    var t: UserType? = self
    while let c = t {
      if let ms = c.methods[name] { return pick(ms, labels) }
      t = c.superclass
    }
    for p in allProtocols { if let ms = p.methods[name] { return pick(ms, labels) } }
    return nil
  }

  func getter(_ name: String) -> UserFunction? {
    var t: UserType? = self
    while let c = t {
      if let g = c.getters[name] { return g }
      t = c.superclass
    }
    for p in allProtocols { if let g = p.getters[name] { return g } }
    return nil
  }

  func setter(_ name: String) -> UserFunction? {
    var t: UserType? = self
    while let c = t {
      if let g = c.setters[name] { return g }
      t = c.superclass
    }
    return nil
  }

  func staticMethod(_ name: String, labels: [String?]?) -> UserFunction? {
    var t: UserType? = self
    while let c = t {
      if let ms = c.staticMethods[name] { return pick(ms, labels) }
      t = c.superclass
    }
    for p in allProtocols { if let ms = p.staticMethods[name] { return pick(ms, labels) } }
    return nil
  }

  func userOperator(_ op: String) -> [UserFunction] {
    var out: [UserFunction] = []
    var t: UserType? = self
    while let c = t {
      out += c.operators[op] ?? []
      t = c.superclass
    }
    for p in allProtocols { out += p.operators[op] ?? [] }
    return out
  }

  /// The subscript whose parameters take these argument labels: the type's own, its
  /// superclass's, then a protocol extension's.
  func subscriptAccessors(_ labels: [String?], isStatic: Bool = false, values: [Value]? = nil) -> (get: UserFunction, set: UserFunction?)? {
    var lists: [[(get: UserFunction, set: UserFunction?)]] = []
    var t: UserType? = self
    while let c = t {
      lists.append(isStatic ? c.staticSubscripts : c.subscripts)
      t = c.superclass
    }
    for p in allProtocols { lists.append(isStatic ? p.staticSubscripts : p.subscripts) }
    var first: (get: UserFunction, set: UserFunction?)? = nil
    for list in lists {
      for s in list.reversed() where (try? s.get.code.plan(for: ["$self"] + labels)) != nil {
        // Overloads with the same labels are told apart by the arguments' types.
        guard let values, values.count == s.get.code.paramTypes.count - 1 else { return s }
        if zip(s.get.code.paramTypes.dropFirst(), values).allSatisfy({ $0.0 == nil || (try? $0.0!.coerce($0.1)) != nil }) { return s }
        if first == nil { first = s }
      }
    }
    return first
  }

  var hasAnySubscript: Bool {
    var t: UserType? = self
    while let c = t {
      if !c.subscripts.isEmpty { return true }
      t = c.superclass
    }
    return allProtocols.contains { !$0.subscripts.isEmpty }
  }

  /// The observers of a stored property, this type's first, then its superclasses'
  /// (`override var x { didSet { … } }`); nil when there are none.
  func observerChain(_ name: String) -> [(willSet: UserFunction?, didSet: UserFunction?)]? {
    if observers.isEmpty && superclass == nil { return nil }
    var out: [(willSet: UserFunction?, didSet: UserFunction?)] = []
    var t: UserType? = self
    while let c = t {
      if let o = c.observers[name] { out.append(o) }
      t = c.superclass
    }
    return out.isEmpty ? nil : out
  }

  /// What completion offers after `value.` for an instance: stored and computed
  /// properties and methods, inherited ones and protocol extensions' too.
  var instanceMemberNames: [String] {
    var names: Set<String> = []
    var t: UserType? = self
    while let c = t {
      names.formUnion(c.fieldNames)
      names.formUnion(c.getterNames)
      names.formUnion(c.methodNames)
      t = c.superclass
    }
    for p in allProtocols {
      names.formUnion(p.getterNames)
      names.formUnion(p.methodNames)
    }
    if kind == .enum, rawType != nil { names.insert("rawValue") }
    return names.sorted()
  }

  /// What completion offers after `Type.`: cases, static members, nested types, `init`.
  var typeMemberNames: [String] {
    var names = Set(cases.map(\.name)).union(staticNames).union(nestedTypes.keys)
    if kind == .enum, conforms(to: "CaseIterable") { names.insert("allCases") }
    if kind != .protocol { names.insert("init") }
    return names.sorted()
  }

  /// The initializer of a `lazy var` (a superclass's for an inherited field).
  func lazyInitializer(_ i: Int) -> UserFunction? {
    guard !lazyFields.isEmpty || superclass != nil else { return nil }
    if let f = lazyInitializers[i] { return f }
    guard let s = superclass, i < s.fieldNames.count else { return nil }
    return s.lazyInitializer(i)
  }

  /// Of several functions with one name, the one whose argument labels fit.
  func pick(_ ms: [UserFunction], _ labels: [String?]?) -> UserFunction? {
    guard ms.count > 1, let labels else { return ms.last }
    for m in ms.reversed() where (try? m.code.plan(for: ["$self"] + labels)) != nil { return m }
    return ms.last
  }

  /// Names a bare identifier inside an instance method can mean.
  func hasInstanceMember(_ n: String) -> Bool {
    if fieldIndex[n] != nil || getterNames.contains(n) || methodNames.contains(n) { return true }
    if kind == .enum, rawType != nil, n == "rawValue" { return true }
    if kind == .protocol, requirements.contains(where: { $0.name == n }) { return true }
    if kind == .extension {
      let k: ValueKind? = name == "Double" || name == "Int" || name == "String" || name == "Bool" ? ValueKind(rawValue: name) : ValueKind(rawValue: name)
      if let k, interp.builtins.methods[k]?[n] != nil || interp.builtins.properties[k]?[n] != nil || interp.builtins.mutatingMethods[k]?[n] != nil {
        return true
      }
    }
    if let s = superclass, s.hasInstanceMember(n) { return true }
    return allProtocols.contains { $0.methodNames.contains(n) || $0.getterNames.contains(n) || $0.requirements.contains { $0.name == n } }
  }

  func hasStaticMember(_ n: String) -> Bool {
    if staticNames.contains(n) || caseIndex[n] != nil || nestedTypes[n] != nil { return true }
    return superclass?.hasStaticMember(n) ?? false
  }

  func isMutating(_ n: String) -> Bool {
    if mutatingNames.contains(n) { return true }
    return allProtocols.contains { $0.mutatingNames.contains(n) }
  }
}

/// The target of a `weak` or `unowned` stored property.
final class WeakReference {
  weak var target: Instance?
  init(_ target: Instance?) { self.target = target }
}

/// What a member access site learned the last time it ran: the instance type it met and
/// where the stored property sits, so the next access with that type skips the lookup
/// by name.
final class FieldCache {
  var type: UserType?
  var index = 0
}

struct EnumCaseInfo {
  var name: String
  var payload: [String?]?
  var payloadTypes: [CompiledType?]
  var rawValue: Value?
}

/// A value of a user type. Structs and enums have value semantics: a mutation copies the
/// instance first unless nothing else refers to it (copy on write), as Swift's own
/// collections do. Class instances are shared.
public final class Instance {
  let type: UserType
  var fields: [Value]
  /// For enums: which case.
  let caseIndex: Int
  /// The stored property whose observer is running on this instance (-1: none).
  var observing = -1
  /// Set on a fully initialized instance of a class with a `deinit` (a failed
  /// initialization runs no `deinit`, as in Swift).
  var deinitArmed = false

  deinit {
    guard deinitArmed, let interp = type.deinitInterpreter, interp.isRunningOnCurrentThread else { return }
    interp.runDeinitializers(type, fields, references)
  }

  init(type: UserType, fields: [Value], caseIndex: Int = 0) {
    self.type = type
    self.fields = fields
    self.caseIndex = caseIndex
  }

  func copy() -> Instance {
    let c = Instance(type: type, fields: fields, caseIndex: caseIndex)
    c.references = references
    return c
  }

  /// What `weak`/`unowned` stored properties refer to (the field itself holds nil).
  var references: [Int: WeakReference]?

  /// A stored property's value, reading through `weak`/`unowned` references.
  func fieldValue(_ i: Int) -> Value {
    guard let isUnowned = type.referenceFields[i] else { return fields[i] }
    guard let box = references?[i] else { return fields[i] }
    guard let target = box.target else { return .nilValue }
    return isUnowned ? .instance(target) : .some(.instance(target))
  }

  var caseName: String { type.cases[caseIndex].name }

  /// Swift's `description` (`debug: false`, what `print` shows) or the reflecting form
  /// used inside collections (`main.Point(x: 1, y: 2)`).
  func describe(debug: Bool) -> String {
    if type.conforms(to: "CustomStringConvertible") || type.getter("description") != nil && type.allProtocols.contains(where: { $0.name == "CustomStringConvertible" }) {
      if let s = try? type.interp.property(.instance(self), "description"), case .string(let text) = s { return text }
    }
    if debug, type.conforms(to: "CustomDebugStringConvertible"), let s = try? type.interp.property(.instance(self), "debugDescription"), case .string(let text) = s {
      return text
    }
    let prefix = debug ? "main." : ""
    switch type.kind {
    case .enum:
      let c = type.cases[caseIndex]
      var out = (debug ? "main.\(type.name)." : "") + c.name
      if let labels = c.payload {
        if labels.count == 1, labels[0] == nil, case .tuple = fields[0] {
          out += describeValue(fields[0], debug: true)
        } else {
          out += "(" + zip(labels, fields).map { ($0.0.map { "\($0): " } ?? "") + debugDescription($0.1) }.joined(separator: ", ") + ")"
        }
      }
      return out
    case .class:
      return "main.\(type.name)"
    default:
      return (debug ? prefix + type.name : type.shortName) + "(" + type.fieldNames.indices.map { "\(type.fieldNames[$0]): " + debugDescription(fieldValue($0)) }.joined(separator: ", ") + ")"
    }
  }
}

private func describeValue(_ v: Value, debug: Bool) -> String { debug ? debugDescription(v) : describe(v) }

/// Swift's synthesized `==` (and identity for classes).
func instancesEqual(_ x: Instance, _ y: Instance) -> Bool {
  if x === y { return true }
  // A user's `static func ==` decides (`contains`, `firstIndex(of:)`, `==` on arrays).
  if let eq = x.type.userOperator("==").last(where: { $0.code.labels.count == 3 }),
     case .bool(let r)? = try? x.type.interp.invokeMethod(eq, self: .type(x.type.typeObject), Arguments([.instance(x), .instance(y)], labels: Array(eq.code.labels.dropFirst()))).result
  {
    return r
  }
  guard x.type === y.type || x.type.name == y.type.name else { return false }
  if x.type.kind == .class { return false }
  if x.type.kind == .enum, x.caseIndex != y.caseIndex { return false }
  return x.fields.count == y.fields.count && zip(x.fields, y.fields).allSatisfy { valuesEqual($0, $1) }
}

/// A failable initializer that another initializer delegated to (`super.init`,
/// `self.init`) returned nil: the whole initialization returns nil.
struct InitializerFailed: Error {}

/// A Swift error thrown by `throw` and not yet caught.
struct ThrownError: Error {
  var value: Value
  var range: SourceRange?
  var file: SourceFile?
  var stack: [StackEntry] = []
}

/// What a type named in a conformance or a generic constraint accepts.
func valueSatisfies(_ v: Value, _ constraint: String, _ interp: Interpreter?) -> Bool {
  switch constraint {
  case "Any", "Sendable", "Copyable", "Escapable": return true
  default: break
  }
  if case .instance(let i) = v {
    switch constraint {
    case "AnyObject": return i.type.kind == .class
    case "Equatable": return i.type.isEquatable || i.type.kind == .class && !i.type.userOperator("==").isEmpty
    case "Hashable": return i.type.isHashable
    case "Comparable": return i.type.conforms(to: "Comparable") || !i.type.userOperator("<").isEmpty
    case "CustomStringConvertible": return i.type.conforms(to: "CustomStringConvertible")
    default:
      var t: UserType? = i.type
      while let c = t {
        if c.name == constraint { return true }
        t = c.superclass
      }
      return i.type.conforms(to: constraint)
    }
  }
  if case .some(let inner) = v, constraint != "Equatable", constraint != "Hashable" { return valueSatisfies(inner, constraint, interp) }
  let kind: String
  switch v {
  case .int: kind = "Int"
  case .double: kind = "Double"
  case .string: kind = "String"
  case .bool: kind = "Bool"
  case .array: kind = "Array"
  case .dictionary: kind = "Dictionary"
  case .range, .doubleRange: kind = "Range"
  case .tuple: kind = "Tuple"
  case .nilValue, .some: kind = "Optional"
  case .host(let h): return h.conforms(toTypeNamed: constraint) || ["Equatable", "CustomStringConvertible"].contains(constraint)
  default: kind = "Other"
  }
  if let ext = (interp ?? Interpreter.current)?.builtinExtensions[kind], ext.conformances.contains(constraint) { return true }
  switch (constraint, kind) {
  case ("Comparable", "Int"), ("Comparable", "Double"), ("Comparable", "String"): return true
  case ("Equatable", "Int"), ("Equatable", "Double"), ("Equatable", "String"), ("Equatable", "Bool"),
    ("Equatable", "Array"), ("Equatable", "Dictionary"), ("Equatable", "Range"), ("Equatable", "Optional"):
    return true
  case ("Hashable", "Int"), ("Hashable", "Double"), ("Hashable", "String"), ("Hashable", "Bool"): return true
  case ("Numeric", "Int"), ("Numeric", "Double"), ("AdditiveArithmetic", "Int"), ("AdditiveArithmetic", "Double"),
    ("SignedNumeric", "Int"), ("SignedNumeric", "Double"), ("Strideable", "Int"), ("Strideable", "Double"):
    return true
  case ("BinaryInteger", "Int"), ("FixedWidthInteger", "Int"), ("SignedInteger", "Int"): return true
  case ("FloatingPoint", "Double"), ("BinaryFloatingPoint", "Double"): return true
  case ("CustomStringConvertible", _), ("LosslessStringConvertible", "Int"), ("LosslessStringConvertible", "Double"),
    ("LosslessStringConvertible", "String"):
    return true
  case ("Sequence", "Array"), ("Sequence", "String"), ("Sequence", "Dictionary"), ("Sequence", "Range"),
    ("Collection", "Array"), ("Collection", "String"), ("Collection", "Dictionary"), ("Collection", "Range"):
    return true
  case ("StringProtocol", "String"): return true
  default: return false
  }
}
