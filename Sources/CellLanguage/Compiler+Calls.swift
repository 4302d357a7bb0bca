/// The last callee seen at a call site and how its arguments map to its parameters.
/// The builtin method last used at a call site, by receiver kind.
final class MethodCache {
  var kind: ValueKind?
  var method: MethodImpl?
  var mutatingKind: ValueKind?
  var mutating: MutatingMethodImpl?
}

/// Evaluates a call's arguments in order.
@inline(__always)
func evaluateArguments(_ evs: [EvalBox], _ labels: [String?], _ f: Frame) throws -> Arguments {
  var values: [Value] = []
  values.reserveCapacity(evs.count)
  for ev in evs { values.append(try ev.run(f)) }
  return Arguments(values, labels: labels)
}

final class CallCache {
  var code: CompiledFunction?
  var positional = false
  /// The user function a global callee held at `version`: reused while the global's
  /// version is unchanged, which skips reading and unpacking the global's value.
  var function: UserFunction? = nil
  var version = -1
}

extension Compiler {
  /// Methods that change their receiver; the receiver must be a `var`.
  static let mutatingMethods: Set<String> = [
    "append", "insert", "remove", "removeLast", "removeFirst", "removeAll", "removeSubrange", "popLast",
    "sort", "reverse", "shuffle", "swapAt", "removeValue", "updateValue", "merge", "reserveCapacity", "toggle",
  ]

  /// A type spelled as an expression: `[Int]` in `[Int]()`, `[String: Double]`.
  func typeFromExpr(_ e: Expr) -> CompiledType? {
    switch e.kind {
    case .identifier(let n):
      if case .builtin(.type) = resolve(n) { return CompiledType(.named(n)) }
      if lookupType(n) != nil || pendingAliases[n] != nil || interp.typeAliases[n] != nil { return compileType(.named(n)) }
      return nil
    case .array(let items) where items.count == 1:
      return typeFromExpr(items[0]).map { .array($0) }
    case .optionalChainRoot(let inner):
      if case .optionalChainPoint(let t) = inner.kind { return typeFromExpr(t).map { .optional($0) } }
      return nil
    case .dictionary(let pairs) where pairs.count == 1:
      guard let k = typeFromExpr(pairs[0].0), let v = typeFromExpr(pairs[0].1) else { return nil }
      return .dictionary(k, v)
    default:
      return nil
    }
  }

  func compileCall(_ callee: Expr, _ args: [CallArgument], _ range: SourceRange) -> Eval {
    if args.contains(where: { if case .inoutArgument = $0.value.kind { return true }; return false }) {
      if case .member = callee.kind {
        error("'&' (inout) arguments are supported in calls of functions, not of methods", range)
        return { _ in .void }
      }
      return compileInoutCall(callee, args, range)
    }
    if case .implicitMember(let name) = callee.kind {
      if name == "some", args.count == 1 {
        let ev = compileExpr(args[0].value)
        return { f in .some(try ev(f)) }
      }
      guard let base = implicitMemberBase(name, callee.range) else {
        error("cannot infer contextual base in reference to member '\(name)'", callee.range)
        return { _ in .void }
      }
      return compileCall(Expr(.member(base, name), callee.range), args, range)
    }
    if case .identifier(let name) = callee.kind {
      if case .selfMember = resolve(name) {
        return compileCall(Expr(.member(Expr(.identifier("self"), callee.range), name), callee.range), args, range)
      }
      if name == "Self", let mc = nearestMemberContext() {
        return compileCall(Expr(.identifier(mc.type.name), callee.range), args, range)
      }
      checkTry(calling: name, isMethod: false, range)
      if case .global = resolve(name), let t = lookupType(name), t.kind == .struct, !t.declaresInit, !args.contains(where: \.isTrailing) {
        do { _ = try Interpreter.memberwisePlan(t, args.map(\.label)) } catch let e as HostError { error(e.message, range) } catch {}
      }
    }
    if case .member(let b, let n) = callee.kind, case .identifier(let tn) = b.kind, case .global = resolve(tn),
       let t = lookupType(tn)?.nestedTypes[n], t.kind == .struct, !t.declaresInit, !args.contains(where: \.isTrailing)
    {
      // `Outer.Inner(…)`: the nested struct's memberwise initializer, checked like `Inner(…)`.
      do { _ = try Interpreter.memberwisePlan(t, args.map(\.label)) } catch let e as HostError { error(e.message, range) } catch {}
    }
    if args.isEmpty, case .array = callee.kind, case .array(let et)? = typeFromExpr(callee) {
      return { _ in .array(ArrayValue([], elementType: et)) }
    }
    if args.isEmpty, case .dictionary = callee.kind, case .dictionary(let k, let v)? = typeFromExpr(callee) {
      return { _ in .dictionary(DictionaryValue(keyType: k, valueType: v)) }
    }
    // `reduce(into:)` passes its accumulator `inout`: the closure's first parameter is mutable.
    var reduceIntoClosure: ClosureExpr? = nil
    if case .member(_, "reduce") = callee.kind, args.count == 2, args[0].label == "into", case .closure(let c) = args[1].value.kind {
      reduceIntoClosure = c
    }
    let (evs, labels) = reduceIntoClosure.map { c in
      ([EvalBox(run: compileExpr(args[0].value)), EvalBox(run: compileClosure(c, range: args[1].value.range, firstParameterMutable: true))], args.map(\.label))
    } ?? compileArguments(args, hints: argumentHints(callee, args))
    let interp = self.interp
    let file = self.file
    func evaluateArgs(_ f: Frame) throws -> Arguments { try evaluateArguments(evs, labels, f) }
    switch callee.kind {
    case .member(let base, let name):
      return compileMethodCall(base, name, evs, labels, range)
    case .identifier(let name):
      switch resolve(name) {
      case .builtin(.function(let fn)):
        return { f in
          let a = try evaluateArgs(f)
          return try interp.withRange(range) { try fn.call(a, interp) }
        }
      case .builtin(.type(let t)) where evs.count == 1 && labels[0] == nil && (t.name == "Double" || t.name == "Int"):
        // `Double(i)` and `Int(x)` on numbers, without building an argument list.
        let a0 = evs[0].run
        let toDouble = t.name == "Double"
        let construct = t.construct!
        return { f in
          let v = try a0(f)
          switch (toDouble, v) {
          case (true, .int(let i)): return .double(Double(i))
          case (true, .double), (false, .int): return v
          case (false, .double(let d)) where d.isFinite && abs(d) < 9.2e18: return .int(Int(d))
          default: return try interp.withRange(range) { try construct(Arguments([v]), interp) }
          }
        }
      case .builtin(.type(let t)):
        guard let construct = t.construct else {
          error("'\(t.name)' cannot be constructed", range)
          return { _ in .void }
        }
        return { f in
          let a = try evaluateArgs(f)
          return try interp.withRange(range) { try construct(a, interp) }
        }
      case .none:
        return compileIdentifier(name, callee.range)
      default:
        break
      }
    default:
      break
    }
    var globalCallee: GlobalCell? = nil
    if case .identifier(let name) = callee.kind, case .global(let cell, _) = resolve(name) { globalCallee = cell }
    let ec = compileExpr(callee)
    let cache = CallCache()
    let site = CallSite(range: range, file: file)
    let trailing = args.filter { $0.isTrailing && $0.label == nil }.count
    // Binds one evaluated argument into the callee's frame, checking its annotation.
    @inline(__always)
    func bindParameter(_ code: CompiledFunction, _ frame: Frame, _ i: Int, _ v: consuming Value) throws {
      if code.paramKinds[i].admits(v) {
        (frame.slots + code.paramSlots[i]).pointee = v
      } else {
        do { frame.slots[code.paramSlots[i]] = try code.paramTypes[i]!.coerce(v) } catch let e as HostError {
          throw RuntimeError("argument '\(code.labels[i] ?? "_")' of '\(code.displayName)': \(e.message)", args[i].value.range, kind: e.kind)
        }
      }
    }
    func slowCall(_ f: Frame, _ fv: Value) throws -> Value {
      let a = try evaluateArgs(f)
      if case .function(let fn) = fv, fn.isUser {
        let uf = unsafeDowncast(fn, to: UserFunction.self)
        let frame = try interp.withRange(range) { try uf.makeFrame(a, trailingClosures: trailing) }
        return try interp.invoke(uf.code, frame, site: site)
      }
      return try interp.withRange(range) { try interp.callValue(fv, a) }
    }
    @inline(__always)
    func positionalCallee(_ fv: Value) -> UserFunction? {
      guard case .function(let fn) = fv, fn.isUser else { return nil }
      let uf = unsafeDowncast(fn, to: UserFunction.self)
      let code = uf.code
      if cache.code !== code {
        cache.code = code
        cache.positional = !code.isClosure && code.variadicIndex == nil && code.labels.count == labels.count && code.labels == labels
      }
      guard cache.positional else { return nil }
      if let cell = globalCallee {
        cache.function = uf
        cache.version = cell.version
      }
      return uf
    }
    /// The callee when it is a global that still holds the function seen last time.
    @inline(__always)
    func cachedCallee() -> UserFunction? {
      guard let cell = globalCallee, cell.version == cache.version, cell.isDefined else { return nil }
      return cache.function
    }
    // Specialized by arity so argument closures are called directly.
    switch evs.count {
    case 0:
      return { f in
        let fv = try ec(f)
        if let uf = positionalCallee(fv) {
          var frame = interp.makeFrame(uf.code, parent: uf.captured)
          let r = try interp.invoke(uf.code, frame, site: site)
          interp.recycle(&frame, uf.code)
          return r
        }
        return try slowCall(f, fv)
      }
    case 1:
      let a0 = evs[0].run
      return { f in
        if let uf = cachedCallee() {
          var frame = interp.makeFrame(uf.code, parent: uf.captured)
          try bindParameter(uf.code, frame, 0, try a0(f))
          let r = try interp.invoke(uf.code, frame, site: site)
          interp.recycle(&frame, uf.code)
          return r
        }
        let fv = try ec(f)
        if let uf = positionalCallee(fv) {
          var frame = interp.makeFrame(uf.code, parent: uf.captured)
          try bindParameter(uf.code, frame, 0, try a0(f))
          let r = try interp.invoke(uf.code, frame, site: site)
          interp.recycle(&frame, uf.code)
          return r
        }
        return try slowCall(f, fv)
      }
    case 2:
      let a0 = evs[0].run, a1 = evs[1].run
      return { f in
        let fv = try ec(f)
        if let uf = positionalCallee(fv) {
          var frame = interp.makeFrame(uf.code, parent: uf.captured)
          try bindParameter(uf.code, frame, 0, try a0(f))
          try bindParameter(uf.code, frame, 1, try a1(f))
          let r = try interp.invoke(uf.code, frame, site: site)
          interp.recycle(&frame, uf.code)
          return r
        }
        return try slowCall(f, fv)
      }
    default:
      return { f in
        let fv = try ec(f)
        if let uf = positionalCallee(fv) {
          var frame = interp.makeFrame(uf.code, parent: uf.captured)
          for i in 0..<evs.count { try bindParameter(uf.code, frame, i, try evs[i].run(f)) }
          let r = try interp.invoke(uf.code, frame, site: site)
          interp.recycle(&frame, uf.code)
          return r
        }
        return try slowCall(f, fv)
      }
    }
  }

  func compileMethodCall(_ base: Expr, _ name: String, _ evs: [EvalBox], _ labels: [String?], _ range: SourceRange) -> Eval {
    let interp = self.interp
    func evaluateArgs(_ f: Frame) throws -> Arguments { try evaluateArguments(evs, labels, f) }
    if case .identifier("super") = base.kind {
      return compileSuperMember(name, (evs, labels), range)
    }
    if name == "init", case .identifier("self") = base.kind, let mc = nearestMemberContext(), mc.isInit {
      // `self.init(…)`: an initializer delegating to another of its type.
      guard let selfLV = compileLValue(base, purpose: .assignment) else { return { _ in .void } }
      return { f in
        let a = try evaluateArgs(f)
        return try selfLV.modify(f) { me in try interp.withRange(range) { try interp.delegateInit(&me, a) } }
      }
    }
    if case .identifier(let tn) = base.kind, case .global = resolve(tn), let t = lookupType(tn), t.kind != .extension, t.kind != .protocol {
      if !t.hasStaticMember(name) && name != "init" {
        error("type '\(tn)' has no member '\(name)'", range)
      }
      if name == "init" { checkTry(calling: tn, isMethod: false, range) } else { checkTry(calling: name, isMethod: true, range) }
    } else {
      checkTry(calling: name, isMethod: true, range)
    }
    if case .identifier(let tn) = base.kind, case .builtin(.type(let t)) = resolve(tn), pendingTypes[tn] == nil, interp.builtinExtensions[tn] == nil {
      guard let m = t.staticMethods[name] else {
        if let v = t.staticMembers[name] {
          return { f in
            let a = try evaluateArgs(f)
            return try interp.withRange(range) { try interp.callValue(v, a) }
          }
        }
        error("type '\(t.name)' has no member '\(name)'", range)
        return { _ in .void }
      }
      return { f in
        let a = try evaluateArgs(f)
        return try interp.withRange(range) { try m(a, interp) }
      }
    }
    let cache = MethodCache()
    if name == "append", evs.count == 1, labels[0] == nil, let lv = compileLValue(base, purpose: .mutatingCall(name)) {
      // `xs.append(x)` on a Swift array: in place, without building an argument list.
      let a0 = evs[0].run
      return { f in
        let v = try a0(f)
        return try lv.modify(f) { recv in
          if case .array(var arr) = recv {
            let stored: Value
            switch (arr.elementType, v) {
            case (nil, _), (.int?, .int), (.double?, .double), (.string?, .string), (.bool?, .bool): stored = v
            default: stored = try interp.withRange(range) { try arr.elementType!.coerce(v) }
            }
            if arr.items.count == arr.items.capacity {
              // The array is about to double: a large growth is checked against the budget.
              try interp.withRange(range) { try interp.reserve(arr.items.count) }
            }
            recv = .void
            arr.items.append(stored)
            recv = .array(arr)
            return .void
          }
          return try interp.withRange(range) { try interp.callMutatingMethod(&recv, name, Arguments([v])) }
        }
      }
    }
    if Compiler.mutatingMethods.contains(name), let lv = compileLValue(base, purpose: .mutatingCall(name)) {
      return { f in
        let a = try evaluateArgs(f)
        return try lv.modify(f) { recv in
          try interp.withRange(range) {
            // The builtin for this receiver kind, looked up once per call site.
            if let k = ValueKind(recv) {
              if cache.mutatingKind != k {
                cache.mutating = interp.builtins.mutatingMethods[k]?[name]
                cache.mutatingKind = k
              }
              if let m = cache.mutating { return try m(&recv, a, interp) }
            }
            return try interp.callMutatingMethod(&recv, name, a)
          }
        }
      }
    }
    var mayMutate = isUserMutatingName(name)
    if mayMutate, case .identifier(let n) = base.kind, let known = knownValueType(ofVariable: n) {
      // A `let` holding a known struct: only that type's own mutating methods need a `var`.
      mayMutate = lookupType(known)?.isMutating(name) ?? false
    }
    if mayMutate {
      // A method that may be `mutating` on some user type: decided when it runs, by the
      // receiver's type; a mutating call changes the variable in place.
      let savedLenient = lenientLet
      lenientLet = true
      let lv = compileLValue(base, purpose: .mutatingCall(name))
      lenientLet = savedLenient
      let eb = compileExpr(base)
      if let lv {
        @inline(never) func mutates(_ f: Frame) throws -> Bool {
          let recv = try eb(f)
          switch recv {
          case .instance(let i): return i.type.isValueType && i.type.isMutating(name)
          case .type: return false
          default: return interp.extensionMember(of: recv)?.mutatingNames.contains(name) ?? false
          }
        }
        return { f in
          if try mutates(f) {
            let a = try evaluateArgs(f)
            return try lv.modify(f) { recv in try interp.withRange(range) { try interp.callMutatingMethod(&recv, name, a) } }
          }
          let recv = try eb(f)
          let a = try evaluateArgs(f)
          return try interp.withRange(range) { try interp.callMethod(recv, name, a) }
        }
      }
    }
    let eb = compileExpr(base)
    return { f in
      let recv = try eb(f)
      let a = try evaluateArgs(f)
      return try interp.withRange(range) {
        if let k = ValueKind(recv) {
          if cache.kind != k {
            cache.method = interp.builtins.methods[k]?[name]
            cache.kind = k
          }
          if let m = cache.method { return try m(recv, a, interp) }
        }
        return try interp.callMethod(recv, name, a)
      }
    }
  }
}

extension Compiler {
  /// Whether `name` is a `mutating` method of a user type or of an extension.
  func isUserMutatingName(_ name: String) -> Bool {
    if pendingTypes.values.contains(where: { $0.mutatingNames.contains(name) }) { return true }
    if interp.userTypes.values.contains(where: { $0.mutatingNames.contains(name) }) { return true }
    return interp.builtinExtensions.values.contains { $0.mutatingNames.contains(name) }
  }

  /// `super.name` and `super.name(…)` (also `super.init(…)`) inside a class's methods.
  func compileSuperMember(_ name: String, _ call: ([EvalBox], [String?])?, _ range: SourceRange) -> Eval {
    guard let mc = nearestMemberContext(), let sup = mc.type.superclass else {
      error("'super' is only valid inside the methods of a class that has a superclass", range)
      return { _ in .void }
    }
    let selfEval = compileIdentifier("self", range)
    let interp = self.interp
    guard let (evs, labels) = call else {
      return { f in
        let me = try selfEval(f)
        return try interp.withRange(range) {
          if case .instance(let i) = me, let k = sup.fieldIndex[name] { return i.fields[k] }
          if let g = sup.getter(name) { return try interp.invokeMethod(g, self: me, Arguments([])).result }
          throw HostError("'super' (\(sup.name)) has no member '\(name)'", kind: "AttributeError")
        }
      }
    }
    return { f in
      let me = try selfEval(f)
      let a = try evaluateArguments(evs, labels, f)
      return try interp.withRange(range) {
        if name == "init" {
          guard let owner = interp.initializerOwner(sup), case .instance(let inst) = me else {
            throw HostError("'super.init' needs an initializer in '\(sup.name)'", kind: "TypeError")
          }
          var chosen = owner.inits.last!
          for c in owner.inits.reversed() where (try? c.0.code.plan(for: ["$self"] + a.labels)) != nil {
            chosen = c
            break
          }
          let r = try interp.invokeMethod(chosen.0, self: .instance(inst), a).result
          if chosen.failable, case .nilValue = r { throw InitializerFailed() }
          return .void
        }
        guard let m = sup.method(name, labels: a.labels) else {
          throw HostError("'super' (\(sup.name)) has no method '\(name)'", kind: "AttributeError")
        }
        return try interp.invokeMethod(m, self: me, a).result
      }
    }
  }
}
