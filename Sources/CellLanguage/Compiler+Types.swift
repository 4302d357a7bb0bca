/// Compiling the user's types: declaring them (names first, so every member can refer to
/// every other), then their members as functions that take `self` as a hidden first
/// parameter.
final class MemberContext {
  let type: UserType
  let isStatic: Bool
  let isInit: Bool
  /// For extensions of built-in types: the extension, whose members bare names may mean.
  var isBuiltinExtension: Bool { type.kind == .extension }

  init(type: UserType, isStatic: Bool, isInit: Bool) {
    self.type = type
    self.isStatic = isStatic
    self.isInit = isInit
  }

  func has(_ name: String) -> Bool {
    if name == "self" || name == "super" || name == "Self" { return false }
    if isStatic { return type.hasStaticMember(name) }
    return type.hasInstanceMember(name)
  }
}

extension Compiler {
  func lookupType(_ name: String) -> UserType? {
    if let q = qualifiedTypeName(name), let t = pendingTypes[q] ?? interp.userTypes[q] { return t }
    return pendingTypes[name] ?? interp.userTypes[name]
  }

  /// The nested type a bare name means inside the types being declared or compiled
  /// (innermost first, then their enclosing types).
  func nestedType(named name: String) -> UserType? {
    for t in typePath.reversed() {
      var c: UserType? = t
      while let x = c {
        if let n = x.nestedTypes[name] { return n }
        c = x.parent
      }
    }
    return nil
  }

  /// Whether `name` is an associated type of a protocol being declared or extended, or of
  /// one the type being declared conforms to (its values are not checked).
  func isAssociatedType(_ name: String) -> Bool {
    for t in typePath.reversed() {
      if t.associatedTypes.contains(name) { return true }
      if t.allProtocols.contains(where: { $0.associatedTypes.contains(name) }) { return true }
    }
    return false
  }

  /// `Inner` or `Inner.Deeper` written inside `Outer`: the qualified name (`Outer.Inner…`).
  func qualifiedTypeName(_ name: String) -> String? {
    guard !typePath.isEmpty else { return nil }
    if let dot = name.firstIndex(of: ".") {
      guard let n = nestedType(named: String(name[..<dot])) else { return nil }
      return n.name + name[dot...]
    }
    return nestedType(named: name)?.name
  }

  /// Standard-library protocols whose extensions apply to arrays.
  static let collectionProtocols: Set<String> = ["Sequence", "Collection", "BidirectionalCollection", "RandomAccessCollection", "MutableCollection", "RangeReplaceableCollection"]

  static let builtinTypeNames: Set<String> = ["Int", "Double", "String", "Bool", "Array", "Dictionary", "Optional", "Range", "ClosedRange", "Float", "Character"]

  /// Makes the committed view of this cell's types (called only when the cell compiled).
  func commitTypes() {
    for (n, t) in pendingTypes {
      if t.kind == .extension { interp.builtinExtensions[n] = t } else { interp.userTypes[n] = t }
    }
    for (n, a) in pendingAliases { interp.typeAliases[n] = a }
    for (n, k) in pendingKnownValues { interp.knownValueLets[n] = k }
    for (n, ts) in pendingFunctionParameterTypes { interp.functionParameterTypes[n] = ts }
    interp.throwingFunctions.formUnion(pendingThrowing)
    interp.throwingFunctions.subtract(pendingNonThrowing)
  }

  /// A type annotation with aliases expanded and generic parameters made constraints.
  func compileType(_ ref: TypeRef) -> CompiledType {
    switch ref {
    case .named(let n):
      for g in genericScopes.reversed() { if let cs = g[n] { return .generic(n, cs) } }
      if let q = qualifiedTypeName(n) { return .named(q) }
      if isAssociatedType(n) { return .any }
      if n.contains(" & ") {
        // A composition: a value must conform to every part.
        let parts = n.components(separatedBy: " & ").map { p -> String in
          if case .named(let q) = compileType(.named(p)) { return q }
          return p
        }
        return .generic(n, parts)
      }
      if let a = pendingAliases[n] ?? interp.typeAliases[n] { return compileType(a) }
      if n == "Self", let mc = nearestMemberContext() { return .named(mc.type.name) }
      if let dot = n.firstIndex(of: "."), lookupType(n) == nil {
        // `T.Item`, `C.Element`, `Int.Type`: associated types and metatypes are not checked.
        let first = String(n[..<dot])
        if n.hasSuffix(".Type") || n.hasSuffix(".Protocol") || genericScopes.contains(where: { $0[first] != nil }) || lookupType(first)?.kind == .protocol {
          return .any
        }
      }
      return CompiledType(ref)
    case .optional(let t), .implicitlyUnwrapped(let t): return .optional(compileType(t))
    case .array(let t): return .array(compileType(t))
    case .dictionary(let k, let v): return .dictionary(compileType(k), compileType(v))
    case .tuple(let items): return items.isEmpty ? .void : .tuple(items.map { compileType($0.1) }, items.map(\.0))
    case .function: return .function
    }
  }

  func nearestMemberContext() -> MemberContext? {
    var s: FrameScope? = scope
    while let fs = s {
      if let mc = fs.memberContext { return mc }
      s = fs.parent
    }
    return nil
  }

  // MARK: - Declaring

  /// Registers a type's name and members' names before anything in the cell is compiled.
  func declareType(_ d: TypeDecl) {
    if d.kind == .extension {
      if let t = lookupType(d.name), t.kind != .extension {
        t.conformances += d.inherited
        extendedTypes[ObjectIdentifier(d)] = t
        declareBody(d, t)
        return
      }
      let isBuiltin = Compiler.builtinTypeNames.contains(d.name) || interp.builtins.values[d.name] != nil
        || Compiler.collectionProtocols.contains(d.name)
      guard isBuiltin else {
        error("cannot find type '\(d.name)' in scope", d.nameRange)
        return
      }
      // `extension Collection where Element: Equatable { … }` extends arrays.
      let key = d.name == "ClosedRange" ? "Range" : d.name == "Float" ? "Double" : Compiler.collectionProtocols.contains(d.name) ? "Array" : d.name
      let ext = pendingTypes[key] ?? interp.builtinExtensions[key].map(copyExtension) ?? UserType(name: key, kind: .extension, interp: interp)
      pendingTypes[key] = ext
      ext.conformances += d.inherited
      extendedTypes[ObjectIdentifier(d)] = ext
      declareBody(d, ext)
      return
    }
    if Compiler.builtinTypeNames.contains(d.name) {
      error("invalid redeclaration of '\(d.name)': it is a built-in type", d.nameRange)
    }
    let t = makeType(d, name: d.name)
    let cell = pendingGlobals[d.name]?.0 ?? interp.globals[d.name] ?? GlobalCell(name: d.name)
    pendingGlobals[d.name] = (cell, true)
    declareBody(d, t)
  }

  /// Declares a type's members, then its nested types (all nested names first, so sibling
  /// types can name each other).
  func declareBody(_ d: TypeDecl, _ t: UserType) {
    typePath.append(t)
    defer { typePath.removeLast() }
    var nested: [(TypeDecl, UserType)] = []
    for m in d.members {
      guard case .typeDecl(let inner) = m.kind, inner.kind != .extension else { continue }
      if nested.contains(where: { $0.0.name == inner.name }) { error("invalid redeclaration of '\(inner.name)'", inner.nameRange) }
      let q = "\(t.name).\(inner.name)"
      let it = makeType(inner, name: q)
      it.parent = t
      it.nestedCell = GlobalCell(name: q)
      it.nestedCell?.isLet = true
      t.nestedTypes[inner.name] = it
      nested.append((inner, it))
    }
    declareMembers(d, into: t)
    genericScopes.append(Dictionary((d.genericParameters + t.genericParameters.map { ($0, []) }).map { ($0.0, $0.1) }, uniquingKeysWith: { a, b in a + b }))
    defer { genericScopes.removeLast() }
    for (inner, it) in nested { declareBody(inner, it) }
  }

  /// Makes a (not yet filled) type for a declaration: superclass, raw type, conformances.
  func makeType(_ d: TypeDecl, name: String) -> UserType {
    let t = UserType(name: name, kind: d.kind, interp: interp)
    t.genericParameters = d.genericParameters.map(\.0)
    var inherited = d.inherited
    if d.kind == .class, let first = inherited.first, let sup = lookupType(first), sup.kind == .class {
      t.superclass = sup
      t.lazyFields = sup.lazyFields
      t.referenceFields = sup.referenceFields
      t.implicitlyUnwrappedFields = sup.implicitlyUnwrappedFields
      inherited.removeFirst()
      for (i, n) in sup.fieldNames.enumerated() {
        t.fieldIndex[n] = t.fieldNames.count
        t.fieldNames.append(n)
        t.fieldIsLet.append(sup.fieldIsLet[i])
        t.fieldTypes.append(sup.fieldTypes[i])
        t.fieldDefaults.append(nil)  // filled from the superclass when an instance is made
      }
    } else if d.kind == .class, let first = inherited.first, lookupType(first)?.kind == .struct {
      error("inheritance from non-class type '\(first)'", d.nameRange)
    }
    if d.kind == .enum, let first = inherited.first, ["Int", "String", "Double", "Character", "Float"].contains(first) {
      t.rawType = CompiledType(.named(first))
      inherited.removeFirst()
    }
    t.conformances = inherited
    pendingTypes[name] = t
    declaredTypes[ObjectIdentifier(d)] = t
    return t
  }

  func copyExtension(_ e: UserType) -> UserType {
    let c = UserType(name: e.name, kind: .extension, interp: interp)
    c.conformances = e.conformances
    c.methodNames = e.methodNames
    c.mutatingNames = e.mutatingNames
    c.getterNames = e.getterNames
    c.staticNames = e.staticNames
    c.methods = e.methods
    c.getters = e.getters
    c.setters = e.setters
    c.staticMethods = e.staticMethods
    c.staticGetters = e.staticGetters
    c.staticValues = e.staticValues
    c.staticInitializers = e.staticInitializers
    c.declarationFrame = e.declarationFrame
    c.nestedTypes = e.nestedTypes
    c.subscripts = e.subscripts
    c.declaresSubscript = e.declaresSubscript
    return c
  }

  func declareMembers(_ d: TypeDecl, into t: UserType) {
    genericScopes.append(Dictionary((d.genericParameters + t.genericParameters.map { ($0, []) }).map { ($0.0, $0.1) }, uniquingKeysWith: { a, b in a + b }))
    defer { genericScopes.removeLast() }
    var nextRaw: Int? = 0
    for m in d.members {
      switch m.kind {
      case .property(let p):
        let isStatic = p.modifiers.contains("static") || p.modifiers.contains("class")
        if !isStatic, t.kind == .class { checkOverride(t, property: p.name, isOverride: p.modifiers.contains("override"), m.range) }
        if isStatic {
          t.staticNames.insert(p.name)
          if p.getter != nil { t.getterNames.insert(p.name) }
        } else if d.kind == .protocol {
          t.requirements.append((p.name, false))
        } else if p.getter != nil {
          t.getterNames.insert(p.name)
          if p.setter != nil { t.setterNames.insert(p.name) }
        } else if d.kind == .extension || t.kind == .extension {
          error("extensions must not contain stored properties", m.range)
        } else if d.kind == .enum {
          error("enums must not contain stored properties", m.range)
        } else if p.modifiers.contains("override"), t.superclass?.fieldIndex[p.name] != nil {
          // `override var speed: Double { didSet { … } }`: observers on an inherited property.
          if p.willSet == nil && p.didSet == nil { error("cannot override with a stored property '\(p.name)'", m.range) }
        } else {
          if t.fieldIndex[p.name] != nil { error("invalid redeclaration of '\(p.name)'", m.range) }
          t.fieldIndex[p.name] = t.fieldNames.count
          t.fieldNames.append(p.name)
          t.fieldIsLet.append(p.isLet)
          t.fieldTypes.append(p.type.map { compileType($0) } ?? p.value.flatMap(literalType))
          t.fieldDefaults.append(nil)
          if p.value != nil { t.fieldHasDefault.insert(p.name) }
          if case .implicitlyUnwrapped? = p.type { t.implicitlyUnwrappedFields.insert(t.fieldNames.count - 1) }
          if p.modifiers.contains("weak") || p.modifiers.contains("unowned") {
            let isUnowned = p.modifiers.contains("unowned")
            if !isUnowned, !p.isLet, case .optional? = t.fieldTypes.last! {} else if !isUnowned {
              error(p.isLet ? "'weak' must be a mutable variable, because it may change at runtime" : "'weak' variable should have optional type", p.range)
            }
            t.referenceFields[t.fieldNames.count - 1] = isUnowned
          }
          if p.modifiers.contains("lazy") {
            if p.isLet { error("'lazy' cannot be used on a let", p.range) }
            if p.value == nil { error("lazy properties must have an initializer", p.range) }
            t.lazyFields.insert(t.fieldNames.count - 1)
          }
          if !p.isLet, case .optional? = t.fieldTypes.last! { t.fieldHasDefault.insert(p.name) }
        }
      case .function(let f):
        let isStatic = f.modifiers.contains("static") || f.modifiers.contains("class")
        if !isStatic, t.kind == .class { checkOverride(t, method: f, f.nameRange) }
        if !isStatic { t.methodSignatures.insert(f.signatureName) }
        genericScopes.append(Dictionary(f.genericParameters.map { ($0.0, $0.1) }, uniquingKeysWith: { a, b in a + b }))
        t.methodParameterTypes[f.name, default: []].append(f.parameters.map { $0.type.map { compileType($0) } })
        genericScopes.removeLast()
        if isStatic {
          t.staticNames.insert(f.name)
        } else {
          if d.kind == .protocol { t.requirements.append((f.name, true)) } else { t.methodNames.insert(f.name) }
          if f.modifiers.contains("mutating") { t.mutatingNames.insert(f.name) }
        }
        if f.isThrowing && !f.modifiers.contains("rethrows") { t.throwingNames.insert(f.name) } else { t.nonThrowingNames.insert(f.name) }
      case .typealiasDecl(let n, let marker, _) where marker == ["associatedtype"]:
        t.associatedTypes.insert(n)
      case .subscriptDecl(let sd):
        let isStatic = sd.getter.modifiers.contains("static") || sd.getter.modifiers.contains("class")
        if d.kind == .protocol {
          // A requirement (a default implementation comes from an extension).
          if !isStatic { t.requirements.append(("subscript", false)) }
        } else if isStatic {
          t.declaresStaticSubscript = true
        } else {
          t.declaresSubscript = true
        }
      case .initDecl(let f):
        t.declaresInit = true
        if d.kind != .extension { t.declaresInitInBody = true }
        if f.isThrowing { t.hasThrowingInit = true } else { t.hasNonThrowingInit = true }
      case .enumCases(let cs):
        guard t.kind == .enum else {
          error("enum 'case' is not allowed outside of an enum", m.range)
          continue
        }
        for c in cs {
          if t.caseIndex[c.name] != nil { error("invalid redeclaration of '\(c.name)'", c.range) }
          var raw: Value? = nil
          if let rt = t.rawType {
            if let e = c.rawValue {
              raw = literalValue(e)
              if raw == nil { error("raw value for enum case must be a literal", e.range) }
              if case .int(let i)? = raw { nextRaw = i + 1 } else { nextRaw = nil }
            } else {
              switch rt {
              case .int:
                if let n = nextRaw {
                  raw = .int(n)
                  nextRaw = n + 1
                } else {
                  error("enum case must declare a raw value when the preceding raw value is not an integer", c.range)
                }
              case .string: raw = .string(c.name)
              default: error("enum cases require explicit raw values when the raw type is not expressible by integer or string literal", c.range)
              }
            }
            if let r = raw { raw = try? rt.coerce(r) }
            if let r = raw, t.cases.contains(where: { $0.rawValue.map { valuesEqual($0, r) } ?? false }) {
              error("raw value for enum case is not unique", c.rawValue?.range ?? c.range)
            }
          } else if let e = c.rawValue {
            error("enum case cannot have a raw value if the enum does not have a raw type", e.range)
          }
          t.caseIndex[c.name] = t.cases.count
          t.cases.append(EnumCaseInfo(name: c.name, payload: c.payload.map { $0.map(\.0) }, payloadTypes: c.payload.map { $0.map { compileType($0.1) } } ?? [], rawValue: raw))
          t.caseValues.append(c.payload == nil ? .instance(Instance(type: t, fields: [], caseIndex: t.cases.count - 1)) : .void)
        }
      default:
        break
      }
    }
  }

  /// Swift's override rules for a class's instance members: a member the superclass
  /// already has needs `override`, and `override` needs such a member.
  func checkOverride(_ t: UserType, method f: FunctionDecl, _ range: SourceRange) {
    var inherited = false
    var s = t.superclass
    while let c = s {
      if c.methodSignatures.contains(f.signatureName) { inherited = true; break }
      s = c.superclass
    }
    let isOverride = f.modifiers.contains("override")
    if inherited && !isOverride {
      error("overriding declaration requires an 'override' keyword", range)
    } else if isOverride && !inherited {
      error("method does not override any method from its superclass", range)
    }
  }

  func checkOverride(_ t: UserType, property name: String, isOverride: Bool, _ range: SourceRange) {
    var inherited = false
    var s = t.superclass
    while let c = s {
      if c.fieldIndex[name] != nil || c.getterNames.contains(name) { inherited = true; break }
      s = c.superclass
    }
    if inherited && !isOverride {
      error("overriding declaration requires an 'override' keyword", range)
    } else if isOverride && !inherited {
      error("property does not override any property from its superclass", range)
    }
  }

  /// The type Swift infers for a property from a literal initial value (`var speed = 0.0`).
  func literalType(_ e: Expr) -> CompiledType? {
    switch literalValue(e) {
    case .int?: return .int
    case .double?: return .double
    case .string?: return .string
    case .bool?: return .bool
    default:
      if case .string = e.kind { return .string }
      return nil
    }
  }

  /// The value of a literal raw value (`1`, `-2`, `2.5`, `"a"`).
  func literalValue(_ e: Expr) -> Value? {
    switch e.kind {
    case .integer(let i): return .int(i)
    case .double(let d): return .double(d)
    case .bool(let b): return .bool(b)
    case .string(let parts):
      if parts.count == 1, case .text(let s) = parts[0] { return .string(s) }
      if parts.isEmpty { return .string("") }
      return nil
    case .prefix("-", let inner):
      switch literalValue(inner) {
      case .int(let i)?: return .int(-i)
      case .double(let d)?: return .double(-d)
      default: return nil
      }
    default: return nil
    }
  }

  /// Checks that every declared type has what its protocols require.
  func checkConformances(_ decls: [TypeDecl]) {
    for d in decls {
      let nested = d.members.compactMap { m -> TypeDecl? in
        if case .typeDecl(let inner) = m.kind { return inner }
        return nil
      }
      if !nested.isEmpty { checkConformances(nested) }
    }
    for d in decls where d.kind != .protocol {
      guard let t = declaredTypes[ObjectIdentifier(d)] ?? extendedTypes[ObjectIdentifier(d)], t.kind != .extension else { continue }
      for pname in d.inherited {
        guard let p = lookupType(pname), p.kind == .protocol else { continue }
        var protos = [p]
        var seen: Set<String> = []
        while let q = protos.popLast() {
          guard seen.insert(q.name).inserted else { continue }
          for r in q.requirements where !implementedMembers(of: t).contains(r.name) {
            diagnostics.append(Diagnostic("type '\(t.name)' does not conform to protocol '\(q.name)'", d.nameRange, notes: ["protocol requires \(r.isMethod ? "method" : "property") '\(r.name)'"]))
          }
          protos += q.conformances.compactMap { lookupType($0) }.filter { $0.kind == .protocol }
        }
      }
    }
  }

  /// Members a type really has: its own, its superclasses', and protocol extensions' defaults.
  func implementedMembers(of t: UserType) -> Set<String> {
    var out: Set<String> = []
    var c: UserType? = t
    while let x = c {
      out.formUnion(x.fieldNames)
      out.formUnion(x.getterNames)
      out.formUnion(x.methodNames)
      if x.declaresSubscript { out.insert("subscript") }
      c = x.superclass
    }
    for p in t.allProtocols {
      out.formUnion(p.methodNames)
      out.formUnion(p.getterNames)
      if p.declaresSubscript { out.insert("subscript") }
    }
    return out
  }

  // MARK: - Compiling members

  /// Compiles a type's members; the returned statement installs them when the cell runs.
  func compileTypeDecl(_ d: TypeDecl) -> Exec {
    guard let t = declaredTypes[ObjectIdentifier(d)] ?? extendedTypes[ObjectIdentifier(d)] else { return { _ in .normal } }
    let generics = Dictionary((d.genericParameters + t.genericParameters.map { ($0, []) }).map { ($0.0, $0.1) }, uniquingKeysWith: { a, b in a + b })
    genericScopes.append(generics)
    typePath.append(t)
    defer {
      genericScopes.removeLast()
      typePath.removeLast()
    }
    struct Install { let run: (Frame) throws -> Void }
    var installs: [Install] = []
    let isProtocol = d.kind == .protocol
    for m in d.members {
      switch m.kind {
      case .property(let p):
        let isStatic = p.modifiers.contains("static") || p.modifiers.contains("class")
        let type = p.type.map { compileType($0) }
        if isStatic {
          if let getter = p.getter {
            let g = compileMethod(p.name, t, params: [], returnType: p.type, body: getter, isStatic: true, mutableSelf: false)
            let s = p.setter.map { compileMethod(p.name, t, params: [setterParameter($0.0, p)], returnType: nil, body: $0.1, isStatic: true, mutableSelf: false) }
            installs.append(Install { f in
              t.staticGetters[p.name] = UserFunction(g, captured: f)
              if let s { t.staticSetters[p.name] = UserFunction(s, captured: f) }
            })
          } else {
            guard let value = p.value else {
              error("'static \(p.isLet ? "let" : "var")' declaration requires an initializer expression", p.range)
              continue
            }
            let ev = withHint(type) { compileExpr(value) }
            let isLet = p.isLet
            let type = type ?? literalType(value)
            installs.append(Install { _ in
              let cell = GlobalCell(name: p.name)
              cell.isLet = isLet
              cell.type = type
              t.staticValues[p.name] = cell
              t.staticInitializers[p.name] = ev
            })
          }
          continue
        }
        if let getter = p.getter {
          if isProtocol && getter.isEmpty { continue }
          let g = compileMethod(p.name, t, params: [], returnType: p.type, body: getter, isStatic: false, mutableSelf: false)
          let s = p.setter.map { compileMethod(p.name, t, params: [setterParameter($0.0, p)], returnType: nil, body: $0.1, isStatic: false, mutableSelf: true) }
          installs.append(Install { f in
            t.getters[p.name] = UserFunction(g, captured: f)
            if let s { t.setters[p.name] = UserFunction(s, captured: f) }
          })
          continue
        }
        guard let i = t.fieldIndex[p.name] else { continue }
        let isOverride = p.modifiers.contains("override") && t.superclass?.fieldIndex[p.name] != nil
        if isOverride {
        } else if t.lazyFields.contains(i), let v = p.value {
          // Computed with `self` on first read, then stored.
          let body = [Stmt(.returnStmt(v), v.range)]
          let code = compileMethod(p.name, t, params: [], returnType: p.type, body: body, isStatic: false, mutableSelf: false)
          installs.append(Install { f in t.lazyInitializers[i] = UserFunction(code, captured: f) })
        } else if let v = p.value { t.fieldDefaults[i] = withHint(t.fieldTypes[i]) { compileExpr(v) } } else if case .optional? = type, !p.isLet {
          t.fieldDefaults[i] = { _ in .nilValue }
        }
        if p.willSet != nil || p.didSet != nil {
          let w = p.willSet.map { compileMethod("willSet", t, params: [setterParameter($0.0, p)], returnType: nil, body: $0.1, isStatic: false, mutableSelf: true) }
          let dd = p.didSet.map { compileMethod("didSet", t, params: [setterParameter($0.0, p)], returnType: nil, body: $0.1, isStatic: false, mutableSelf: true) }
          installs.append(Install { f in
            t.observers[p.name] = (w.map { UserFunction($0, captured: f) }, dd.map { UserFunction($0, captured: f) })
          })
        }
      case .function(let fd):
        if isProtocol && fd.body.isEmpty { continue }
        let isStatic = fd.modifiers.contains("static") || fd.modifiers.contains("class")
        let mutating = fd.modifiers.contains("mutating")
        if mutating && t.kind == .class {
          error("'mutating' is not valid on instance methods in classes", fd.nameRange)
        }
        let code = compileMethod(fd.name, t, params: fd.parameters, returnType: fd.returnType, body: fd.body, isStatic: isStatic, mutableSelf: mutating,
                                 generics: fd.genericParameters, isThrowing: fd.isThrowing, display: fd.signatureName)
        let isOperator = fd.name.first.map { !$0.isLetter && $0 != "_" } ?? false
        let name = fd.name
        installs.append(Install { f in
          let fn = UserFunction(code, captured: f)
          if isOperator {
            t.operators[name, default: []].append(fn)
          } else if isStatic {
            t.staticMethods[name, default: []].append(fn)
          } else {
            t.methods[name, default: []].append(fn)
          }
        })
      case .initDecl(let fd):
        let code = compileMethod("init", t, params: fd.parameters, returnType: nil, body: fd.body, isStatic: false, mutableSelf: true,
                                 isInit: true, generics: fd.genericParameters, isThrowing: fd.isThrowing, display: fd.signatureName)
        let failable = fd.isFailable
        installs.append(Install { f in t.inits.append((UserFunction(code, captured: f), failable)) })
      case .subscriptDecl(let sd):
        let g = sd.getter
        if isProtocol && g.body.isEmpty && sd.setter == nil { continue }
        let isStatic = g.modifiers.contains("static") || g.modifiers.contains("class")
        let display = g.signatureName
        let getCode = compileMethod("subscript", t, params: g.parameters, returnType: g.returnType, body: g.body, isStatic: isStatic, mutableSelf: false,
                                    generics: g.genericParameters, display: display)
        let setCode = sd.setter.map { (name, body) in
          let newValue = Parameter(label: nil, name: name, type: g.returnType, defaultValue: nil, isVariadic: false, range: g.nameRange)
          return compileMethod("subscript", t, params: g.parameters + [newValue], returnType: nil, body: body, isStatic: isStatic, mutableSelf: true,
                               generics: g.genericParameters, display: display)
        }
        installs.append(Install { f in
          let pair = (get: UserFunction(getCode, captured: f), set: setCode.map { UserFunction($0, captured: f) })
          if isStatic { t.staticSubscripts.append(pair) } else { t.subscripts.append(pair) }
        })
      case .deinitDecl(let body):
        guard t.kind == .class, d.kind == .class else {
          error("deinitializers may only be declared within a class", m.range)
          continue
        }
        let code = compileMethod("deinit", t, params: [], returnType: nil, body: body, isStatic: false, mutableSelf: false, isThrowing: false)
        installs.append(Install { f in t.deinitializer = UserFunction(code, captured: f) })
      case .typeDecl(let inner):
        guard inner.kind != .extension else { continue }
        let run = compileTypeDecl(inner)
        installs.append(Install { f in _ = try run(f) })
      case .typealiasDecl(let n, let marker, let ref):
        if marker != ["associatedtype"] { pendingAliases[n] = ref }
      default:
        break
      }
    }
    let isNewType = d.kind != .extension
    let cell = isNewType ? (t.nestedCell ?? pendingGlobals[d.name]?.0) : nil
    let all = installs
    return { f in
      if isNewType || t.declarationFrame == nil { t.declarationFrame = f }
      for i in all { try i.run(f) }
      if let cell {
        cell.value = .type(t.typeObject)
        cell.version &+= 1
        cell.isDefined = true
        cell.isLet = true
        cell.doc = "\(d.kind.rawValue) \(d.name)"
      }
      return .normal
    }
  }

  func setterParameter(_ name: String, _ p: PropertyDecl) -> Parameter {
    Parameter(label: nil, name: name, type: p.type, defaultValue: nil, isVariadic: false, range: p.range)
  }

  func compileMethod(_ name: String, _ t: UserType, params: [Parameter], returnType: TypeRef?, body: [Stmt], isStatic: Bool, mutableSelf: Bool,
                     isInit: Bool = false, generics: [(String, [String])] = [], isThrowing: Bool = true, display: String? = nil) -> CompiledFunction
  {
    genericScopes.append(Dictionary(generics.map { ($0.0, $0.1) }, uniquingKeysWith: { a, b in a + b }))
    defer { genericScopes.removeLast() }
    pendingMemberContext = MemberContext(type: t, isStatic: isStatic, isInit: isInit)
    let savedThrows = throwsAllowed
    throwsAllowed = isThrowing
    defer { throwsAllowed = savedThrows }
    mutableParameters = Set(params.filter(\.isInout).map(\.name))
    let all: [(String?, String, TypeRef?, Expr?, Bool)] = [("$self", "self", nil, nil, false)] + params.map { ($0.label, $0.name, $0.type, $0.defaultValue, $0.isVariadic) }
    return compileFunctionBody(name: name, displayName: "\(t.name).\(display ?? name)", parameters: all, returnType: returnType, body: body,
                               isClosure: false, firstParameterMutable: mutableSelf)
  }
}

extension Compiler {
  /// The value type an initializer expression certainly makes, if it is one: "" for
  /// literals, the type's name for `Point(…)`, `Color.red`, `.red`.
  func knownValueType(of e: Expr) -> String? {
    switch e.kind {
    case .integer, .double, .bool, .string, .array, .dictionary, .tuple: return ""
    case .call(let callee, _):
      if case .identifier(let n) = callee.kind, let t = lookupType(n), t.isValueType, t.kind != .protocol { return n }
      if case .member(let b, _) = callee.kind, case .identifier(let n) = b.kind, let t = lookupType(n), t.kind == .enum { return n }
      return nil
    case .member(let b, let name):
      if case .identifier(let n) = b.kind, let t = lookupType(n), t.kind == .enum, t.caseIndex[name] != nil { return n }
      return nil
    default: return nil
    }
  }

  /// The known value type of a `let` named `name` here, if any.
  func knownValueType(ofVariable name: String) -> String? {
    switch resolve(name) {
    case .local(_, let v): return v.isLet ? v.knownValueType : nil
    case .global(_, let isLet):
      guard isLet else { return nil }
      if let k = pendingKnownValues[name] { return k }
      return interp.knownValueLets[name]
    default: return nil
    }
  }
}
