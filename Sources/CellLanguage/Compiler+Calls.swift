/// The last callee seen at a call site and how its arguments map to its parameters.
final class CallCache {
  var code: CompiledFunction?
  var positional = false
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
    if args.isEmpty, case .array = callee.kind, case .array(let et)? = typeFromExpr(callee) {
      return { _ in .array(ArrayValue([], elementType: et)) }
    }
    if args.isEmpty, case .dictionary = callee.kind, case .dictionary(let k, let v)? = typeFromExpr(callee) {
      return { _ in .dictionary(DictionaryValue(keyType: k, valueType: v)) }
    }
    let (evs, labels) = compileArguments(args)
    let interp = self.interp
    let file = self.file
    func evaluateArgs(_ f: Frame) throws -> Arguments {
      var values: [Value] = []
      values.reserveCapacity(evs.count)
      for ev in evs { values.append(try ev(f)) }
      return Arguments(values, labels: labels)
    }
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
    let ec = compileExpr(callee)
    let cache = CallCache()
    let trailing = args.filter { $0.isTrailing && $0.label == nil }.count
    return { f in
      let fv = try ec(f)
      if case .function(let fn) = fv, fn.isUser {
        let uf = unsafeDowncast(fn, to: UserFunction.self)
        let code = uf.code
        if cache.code !== code {
          cache.code = code
          cache.positional = !code.isClosure && code.variadicIndex == nil && code.labels.count == labels.count && code.labels == labels
        }
        if cache.positional {
          let frame = Frame(count: code.slotCount, parent: uf.captured)
          for i in 0..<evs.count {
            let v = try evs[i](f)
            if let t = code.paramTypes[i] {
              do { frame.slots[code.paramSlots[i]] = try t.coerce(v) } catch let e as HostError {
                throw RuntimeError("argument '\(code.labels[i] ?? "_")' of '\(code.displayName)': \(e.message)", args[i].value.range, kind: e.kind)
              }
            } else {
              frame.slots[code.paramSlots[i]] = v
            }
          }
          return try interp.invoke(code, frame, callSite: range, callerFile: file)
        }
        let a = try evaluateArgs(f)
        let frame = try interp.withRange(range) { try uf.makeFrame(a, trailingClosures: trailing) }
        return try interp.invoke(code, frame, callSite: range, callerFile: file)
      }
      let a = try evaluateArgs(f)
      return try interp.withRange(range) { try interp.callValue(fv, a) }
    }
  }

  func compileMethodCall(_ base: Expr, _ name: String, _ evs: [Eval], _ labels: [String?], _ range: SourceRange) -> Eval {
    let interp = self.interp
    func evaluateArgs(_ f: Frame) throws -> Arguments {
      var values: [Value] = []
      values.reserveCapacity(evs.count)
      for ev in evs { values.append(try ev(f)) }
      return Arguments(values, labels: labels)
    }
    if case .identifier(let tn) = base.kind, case .builtin(.type(let t)) = resolve(tn) {
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
    if Compiler.mutatingMethods.contains(name), let lv = compileLValue(base, purpose: .mutatingCall(name)) {
      return { f in
        let a = try evaluateArgs(f)
        return try lv.modify(f) { recv in
          try interp.withRange(range) { try interp.callMutatingMethod(&recv, name, a) }
        }
      }
    }
    let eb = compileExpr(base)
    return { f in
      let recv = try eb(f)
      let a = try evaluateArgs(f)
      return try interp.withRange(range) { try interp.callMethod(recv, name, a) }
    }
  }
}
