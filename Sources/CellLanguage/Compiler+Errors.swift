/// `throw`, `do`/`catch`, `try`, enum case patterns and exhaustiveness, implicit members
/// and `inout` calls.
extension Compiler {
  func compileThrow(_ e: Expr, _ range: SourceRange) -> Exec {
    if !throwsAllowed {
      error("error is not handled because the enclosing function is not declared 'throws'", range)
    }
    let ev = compileExpr(e)
    let file = self.file
    return { f in
      let v = try ev(f)
      if case .instance(let i) = v, !i.type.conforms(to: "Error") {
        throw RuntimeError("thrown expression type '\(i.type.name)' does not conform to 'Error'", range, kind: "TypeError")
      }
      throw ThrownError(value: v, range: range, file: file)
    }
  }

  func compileDoCatch(_ body: [Stmt], _ clauses: [CatchClause], _ range: SourceRange) -> Exec {
    let saved = throwsAllowed
    let exhaustive = clauses.contains { c in
      guard c.whereClause == nil else { return false }
      switch c.pattern {
      case nil, .wildcard?, .identifier?, .binding(.identifier)?, .binding(.wildcard)?: return true
      default: return false
      }
    }
    if !clauses.isEmpty { throwsAllowed = true }
    let bodyExec = compileBlock(body)
    throwsAllowed = saved
    if !clauses.isEmpty, !exhaustive, !throwsAllowed {
      error("errors thrown from here are not handled because the enclosing catch is not exhaustive", range)
    }
    struct Clause {
      let match: (Frame, Value) throws -> Bool
      let body: Exec
    }
    var compiled: [Clause] = []
    for c in clauses {
      scope.pushBlock()
      var match: (Frame, Value) throws -> Bool
      if let p = c.pattern {
        match = compilePattern(p)
      } else {
        let store = storeClosure(declare("error", isLet: true, type: nil, range: c.range))
        match = { f, v in
          store(f, v)
          return true
        }
      }
      if let w = c.whereClause {
        let test = compileCondition(w)
        let m = match
        match = { f, v in try m(f, v) && test(f) }
      }
      let b = compileBlock(c.body)
      scope.popBlock()
      compiled.append(Clause(match: match, body: b))
    }
    if compiled.isEmpty { return bodyExec }
    return { f in
      do {
        return try bodyExec(f)
      } catch let e as ThrownError {
        for c in compiled where try c.match(f, e.value) {
          return try c.body(f)
        }
        throw e
      }
    }
  }

  func compileTry(_ kind: TryKind, _ inner: Expr, _ range: SourceRange) -> Eval {
    if kind == .plain, !throwsAllowed {
      error("errors thrown from here are not handled; mark the function 'throws', or use 'do'/'catch', 'try?' or 'try!'", range)
    }
    let savedThrows = throwsAllowed
    if kind != .plain { throwsAllowed = true }
    tryDepth += 1
    let ev = compileExpr(inner)
    tryDepth -= 1
    throwsAllowed = savedThrows
    switch kind {
    case .plain:
      return ev
    case .optional:
      return { f in
        do {
          let v = try ev(f)
          switch v {
          case .nilValue, .some: return v
          default: return .some(v)
          }
        } catch is ThrownError {
          return .nilValue
        }
      }
    case .forced:
      return { f in
        do {
          return try ev(f)
        } catch let e as ThrownError {
          throw RuntimeError("'try!' expression unexpectedly raised an error: \(Interpreter.errorText(e.value))", range, kind: Interpreter.errorKind(e.value))
        }
      }
    }
  }

  /// Whether a call of `name` needs `try`: it is a throwing function (or, for methods,
  /// every user type that has a method of that name declares it `throws`).
  func checkTry(calling name: String, isMethod: Bool, _ range: SourceRange) {
    guard tryDepth == 0 else { return }
    if isMethod {
      let types = Array(pendingTypes.values) + interp.userTypes.values.filter { pendingTypes[$0.name] == nil }
      let throwing = types.contains { $0.throwingNames.contains(name) }
      let plain = types.contains { $0.nonThrowingNames.contains(name) }
      if throwing && !plain { error("call can throw but is not marked with 'try'", range) }
      return
    }
    if let t = lookupType(name), t.kind != .extension {
      if t.hasThrowingInit && !t.hasNonThrowingInit { error("call can throw but is not marked with 'try'", range) }
      return
    }
    guard case .global = resolve(name) else { return }
    let throwing = pendingThrowing.contains(name) || (interp.throwingFunctions.contains(name) && !pendingNonThrowing.contains(name))
    if throwing { error("call can throw but is not marked with 'try'", range) }
  }

  // MARK: - Enum patterns

  func compileEnumCasePattern(_ typeName: String?, _ name: String, _ payload: [(String?, Pattern)]?) -> (Frame, Value) throws -> Bool {
    let subs = payload?.map { compilePattern($0.1) }
    final class CaseCache {
      var type: UserType?
      var index = -1
    }
    let cache = CaseCache()
    return { f, v in
      switch v {
      case .instance(let inst) where inst.type.kind == .enum:
        if inst.type === cache.type {
          guard inst.caseIndex == cache.index else { return false }
        } else {
          if let typeName, inst.type.name != typeName { return false }
          guard let i = inst.type.caseIndex[name] else { return false }
          cache.type = inst.type
          cache.index = i
          guard inst.caseIndex == i else { return false }
        }
        guard let subs else { return true }
        let fields = inst.fields
        if subs.count == fields.count {
          for (i, s) in subs.enumerated() where !(try s(f, fields[i])) { return false }
          return true
        }
        if subs.count == 1 {
          let labels = inst.type.cases[inst.caseIndex].payload
          return try subs[0](f, .tuple(TupleValue(fields, labels: labels)))
        }
        return false
      case .nilValue:
        return name == "none"
      case .some(let inner):
        guard name == "some", let subs, subs.count == 1 else { return false }
        return try subs[0](f, inner)
      default:
        guard name == "some", typeName == nil || typeName == "Optional", let subs, subs.count == 1 else { return false }
        return try subs[0](f, v)
      }
    }
  }

  /// A `switch` over an enum without `default` must name every case (Swift checks this
  /// when it compiles; so does the cell, before it runs).
  func checkExhaustive(_ cases: [SwitchCase], _ range: SourceRange) {
    guard !cases.contains(where: \.isDefault) else { return }
    var enumType: UserType? = nil
    var names: [(String, SourceRange, Bool)] = []
    for c in cases {
      for (p, g) in c.patterns {
        var pat = p
        if case .binding(let inner) = pat { pat = inner }
        switch pat {
        case .enumCase(let tn, let n, let payload, let r):
          if let tn, let t = lookupType(tn), t.kind == .enum { enumType = enumType ?? t }
          let irrefutable = g == nil && (payload ?? []).allSatisfy { $0.1.isIrrefutable }
          names.append((n, r, irrefutable))
        case .expression(let e):
          guard case .member(let b, let n) = e.kind, case .identifier(let tn) = b.kind, let t = lookupType(tn), t.kind == .enum else { return }
          enumType = enumType ?? t
          names.append((n, e.range, g == nil))
        default:
          return
        }
      }
    }
    if enumType == nil {
      let all = Array(pendingTypes.values) + interp.userTypes.values.filter { pendingTypes[$0.name] == nil }
      let candidates = all.filter { t in t.kind == .enum && names.allSatisfy { t.caseIndex[$0.0] != nil } }
      if candidates.count == 1 { enumType = candidates[0] }
      if candidates.isEmpty, let (n, r, _) = names.first(where: { n in !all.contains { $0.caseIndex[n.0] != nil } && !["some", "none"].contains(n.0) }) {
        error("no enum has a case named '.\(n)'", r)
        return
      }
    }
    guard let t = enumType else { return }
    for (n, r, _) in names where t.caseIndex[n] == nil {
      error("type '\(t.name)' has no member '\(n)'", r)
    }
    let covered = Set(names.filter(\.2).map(\.0))
    let missing = t.cases.filter { !covered.contains($0.name) }
    if !missing.isEmpty {
      diagnostics.append(Diagnostic("switch must be exhaustive", range, notes: missing.map { "add missing case: '.\($0.name)\($0.payload == nil ? "" : "(…)")'" }))
    }
  }

  // MARK: - Implicit members

  /// The type whose members an implicit member (`.red`) meeting a value of `type` names:
  /// the type itself, an optional's or an array's element type.
  func hintName(_ type: CompiledType?) -> String? {
    switch type {
    case .named(let n)?: return n
    case .optional(let t)?, .array(let t)?: return hintName(t)
    case .double?: return "Double"
    case .int?: return "Int"
    default: return nil
    }
  }

  /// Compiles `body` with the implicit-member hint `type` gives (the current hint when it
  /// gives none). Not generic on purpose: a closure returned through a generic result
  /// comes back wrapped in a reabstraction thunk that every evaluation would then pay.
  func withHint(_ type: CompiledType?, _ body: () -> Eval) -> Eval {
    guard let h = hintName(type) else { return body() }
    let saved = implicitTypeHint
    implicitTypeHint = h
    defer { implicitTypeHint = saved }
    return body()
  }

  /// Whether `e` starts with an implicit member (`.red`, `.circle(radius: 1)`).
  func isImplicitMember(_ e: Expr) -> Bool {
    switch e.kind {
    case .implicitMember: return true
    case .call(let c, _): return isImplicitMember(c)
    case .ternary(_, let a, let b): return isImplicitMember(a) || isImplicitMember(b)
    case .array(let items): return items.contains { isImplicitMember($0) }
    default: return false
    }
  }

  /// What the compiler can tell of an expression's type without running it: a
  /// variable's annotation, a stored property's declared type (when every user type with
  /// a property of that name agrees), a cast's target, a user type's initializer call.
  func staticType(of e: Expr) -> CompiledType? {
    switch e.kind {
    case .identifier(let n):
      switch resolve(n) {
      case .local(_, let v): return v.type
      case .global(let cell, _): return pendingGlobalTypes[n] ?? cell.type
      case .selfMember(let mc): return fieldType(named: n, in: [mc.type])
      default: return nil
      }
    case .member(_, let name):
      let all = Array(pendingTypes.values) + interp.userTypes.values.filter { pendingTypes[$0.name] == nil }
      return fieldType(named: name, in: all)
    case .cast(_, let t, let kind) where kind != .isType:
      return compileType(t)
    case .call(let c, _):
      if case .identifier(let n) = c.kind, let t = lookupType(n), t.kind != .protocol { return .named(t.name) }
      return nil
    case .optionalChainRoot(let inner), .forceUnwrap(let inner): return staticType(of: inner)
    case .subscriptAccess(let base, _):
      if case .array(let t)? = staticType(of: base) { return t }
      return nil
    default: return nil
    }
  }

  /// The declared type of stored property `name` if the types that have one agree on it.
  func fieldType(named name: String, in types: [UserType]) -> CompiledType? {
    var found: CompiledType? = nil
    for t in types {
      guard let i = t.fieldIndex[name], let ft = t.fieldTypes[i] else { continue }
      if let f = found, !f.sameAs(ft) { return nil }
      found = ft
    }
    return found
  }

  /// Implicit-member hints for a call's arguments: a user type's stored property of the
  /// argument's label (memberwise and most initializers), or the parameter types of a
  /// function declared in an earlier cell.
  func argumentHints(_ callee: Expr, _ args: [CallArgument]) -> [CompiledType?] {
    guard args.contains(where: { isImplicitMember($0.value) }) else { return [] }
    var typeName: String? = nil
    if case .identifier(let n) = callee.kind { typeName = n }
    if case .member(let b, let n) = callee.kind, case .identifier(let o) = b.kind, let outer = lookupType(o), let inner = outer.nestedTypes[n] { typeName = inner.name }
    if let n = typeName, let t = lookupType(n), t.kind == .struct || t.kind == .class {
      return args.map { a in a.label.flatMap { l in t.fieldIndex[l].flatMap { t.fieldTypes[$0] } } }
    }
    if case .identifier(let n) = callee.kind, case .global(let cell, _) = resolve(n) {
      if let types = pendingFunctionParameterTypes[n] ?? interp.functionParameterTypes[n], types.count == args.count { return types }
      if case .function(let f as UserFunction) = cell.value, f.code.labels.count == args.count { return f.code.paramTypes }
    }
    if case .member(_, let name) = callee.kind {
      // A method: the parameter types every user type with such a method agrees on.
      let all = Array(pendingTypes.values) + interp.userTypes.values.filter { pendingTypes[$0.name] == nil } + interp.builtinExtensions.values
      var found: [CompiledType?]? = nil
      for t in all {
        for types in t.methodParameterTypes[name] ?? [] where types.count == args.count {
          if let f = found, !zip(f, types).allSatisfy({ $0.0?.description == $0.1?.description }) { return [] }
          found = types
        }
      }
      return found ?? []
    }
    return []
  }

  /// `.red`, `.circle(radius: 1)`, `.infinity`: the type comes from the only user type
  /// (or standard numeric type) that has such a member.
  func implicitMemberBase(_ name: String, _ range: SourceRange) -> Expr? {
    if let hint = implicitTypeHint, let t = lookupType(hint), t.hasStaticMember(name) || name == "init" {
      return Expr(.identifier(t.name), range)
    }
    let all = Array(pendingTypes.values) + interp.userTypes.values.filter { pendingTypes[$0.name] == nil }
    let found = all.filter { $0.kind != .extension && $0.kind != .protocol && $0.hasStaticMember(name) }
    if found.count == 1 { return Expr(.identifier(found[0].name), range) }
    if found.count > 1 {
      error("ambiguous use of '.\(name)' (\(found.map(\.name).sorted().joined(separator: ", ")) all have it); write the type, e.g. '\(found[0].name).\(name)'", range)
      return nil
    }
    if let tn = implicitTypeHint, case .builtin(.type(let t)) = resolve(tn), t.staticMembers[name] != nil || t.staticMethods[name] != nil {
      return Expr(.identifier(tn), range)
    }
    return nil
  }

  func compileImplicitMember(_ name: String, _ range: SourceRange) -> Eval {
    if name == "none" { return { _ in .nilValue } }
    guard let base = implicitMemberBase(name, range) else {
      if !diagnostics.contains(where: { $0.range == range }) {
        error("cannot infer contextual base in reference to member '\(name)'", range)
      }
      return { _ in .void }
    }
    return compileExpr(Expr(.member(base, name), range))
  }

  // MARK: - inout

  /// A call with `&x` arguments: the callee works on copies, which are written back when
  /// it returns (Swift's copy-in copy-out).
  func compileInoutCall(_ callee: Expr, _ args: [CallArgument], _ range: SourceRange) -> Eval {
    var lvs: [LValue?] = []
    var evs: [EvalBox] = []
    for a in args {
      if case .inoutArgument(let inner) = a.value.kind {
        lvs.append(compileLValue(inner, purpose: .inoutArgument))
        evs.append(EvalBox(run: compileExpr(inner)))
      } else {
        lvs.append(nil)
        evs.append(EvalBox(run: compileExpr(a.value)))
      }
    }
    let labels = args.map(\.label)
    let interp = self.interp
    var isSwap = false
    if case .identifier("swap") = callee.kind {
      switch resolve("swap") {
      case .none, .builtin: isSwap = true
      default: break
      }
    }
    if isSwap, args.count == 2, let a = lvs[0], let b = lvs[1] {
      return { f in
        let x = try evs[0].run(f), y = try evs[1].run(f)
        _ = try a.modify(f) { $0 = y; return .void }
        _ = try b.modify(f) { $0 = x; return .void }
        return .void
      }
    }
    if case .identifier(let n) = callee.kind { checkTry(calling: n, isMethod: false, range) }
    let ec = compileExpr(callee)
    let site = CallSite(range: range, file: file)
    return { f in
      let fv = try ec(f)
      var values: [Value] = []
      for ev in evs { values.append(try ev.run(f)) }
      guard case .function(let fn) = fv, fn.isUser else {
        throw RuntimeError("'&' arguments can only be passed to functions declared in cells (with 'inout' parameters)", range, kind: "TypeError")
      }
      let uf = unsafeDowncast(fn, to: UserFunction.self)
      let (frame, plan) = try interp.withRange(range) { () throws -> (Frame, [Int]) in
        let callLabels = uf.code.isClosure ? Array(repeating: nil, count: values.count) : labels
        return (try uf.makeFrame(Arguments(values, labels: labels)), try uf.code.plan(for: callLabels))
      }
      let r = try interp.invoke(uf.code, frame, site: site)
      for (i, lv) in lvs.enumerated() {
        guard let lv else { continue }
        let updated = frame.slots[uf.code.paramSlots[plan[i]]]
        _ = try lv.modify(f) { slot in
          slot = updated
          return .void
        }
      }
      return r
    }
  }
}

extension Pattern {
  /// Whether the pattern matches every value (names, `_`, tuples of those).
  var isIrrefutable: Bool {
    switch self {
    case .wildcard, .identifier: return true
    case .binding(let p): return p.isIrrefutable
    case .tuple(let ps): return ps.allSatisfy(\.isIrrefutable)
    default: return false
    }
  }
}
