/// Something that can be assigned to or mutated in place: a variable, an element, a
/// tuple member. `modify` hands the stored value to `body` by reference, so mutating an
/// array element or appending to a `var` array does not copy it.
struct LValue {
  let modify: (Frame, (inout Value) throws -> Value) throws -> Value
  /// The declared type of a variable, for assignments (`var x: Double = 0; x = 1`).
  let declaredType: (Frame) -> CompiledType?
}

extension Compiler {
  enum LValuePurpose {
    case assignment
    case mutatingCall(String)
    case inoutArgument
  }

  /// `plain`: `e` is the target of a plain `=` (a user subscript's getter is then not run).
  func compileLValue(_ e: Expr, purpose: LValuePurpose, plain: Bool = false) -> LValue? {
    switch e.kind {
    case .identifier(let name):
      if name == "Self", let mc = nearestMemberContext() { return compileLValue(Expr(.identifier(mc.type.name), e.range), purpose: purpose) }
      switch resolve(name) {
      case .selfMember:
        return compileLValue(Expr(.member(Expr(.identifier("self"), e.range), name), e.range), purpose: purpose)
      case .local(let depth, let v):
        if v.isLet && name == "self", lenientLet, let mc = nearestMemberContext(), mc.type.isValueType, !mc.isStatic {
          if case .mutatingCall(let m) = purpose {
            error("cannot use mutating member '\(m)' on immutable value: 'self' is immutable; mark the method 'mutating'", e.range)
          } else {
            error("cannot assign to property: 'self' is immutable; mark the method 'mutating' to change it", e.range)
          }
        } else if v.isLet && lenientLet && v.knownValueType == nil && !(v.type?.isBuiltinValueType ?? false) {
          return lenientLetLValue(name, purpose, e.range) { f in depth == 0 ? f.slots[v.slot] : f.ancestor(depth).slots[v.slot] } modify: { f, body in
            try body(&f.ancestor(depth).slots[v.slot])
          }
        } else if v.isLet { reportLet(name, purpose, e.range) }
        let slot = v.slot
        let type = v.type
        if depth == 0 {
          return LValue(modify: { f, body in try body(&f.slots[slot]) }, declaredType: { _ in type })
        }
        return LValue(modify: { f, body in try body(&f.ancestor(depth).slots[slot]) }, declaredType: { _ in type })
      case .global(let cell, let isLet):
        if isLet && lenientLet && knownValueType(ofVariable: name) == nil {
          return lenientLetLValue(name, purpose, e.range) { _ in cell.value } modify: { _, body in try body(&cell.value) }
        }
        if isLet { reportLet(name, purpose, e.range) }
        let range = e.range
        return LValue(
          modify: { _, body in
            guard cell.isDefined else { throw RuntimeError("'\(name)' is used before it is declared", range, kind: "NameError") }
            cell.version &+= 1
            return try body(&cell.value)
          }, declaredType: { _ in cell.type })
      case .builtin:
        error("cannot assign to '\(name)': it is a builtin", e.range)
        return nil
      case .none:
        _ = compileIdentifier(name, e.range)
        return nil
      }
    case .subscriptAccess(let base, let args):
      // A class instance's subscript may be assigned through a `let` (as for properties).
      let savedLenient = lenientLet, savedSubscript = lenientSubscript
      lenientLet = true
      lenientSubscript = true
      let baseLV = compileLValue(base, purpose: purpose)
      lenientLet = savedLenient
      lenientSubscript = savedSubscript
      guard let baseLV else { return nil }
      let (evs, labels) = compileArguments(args)
      let interp = self.interp
      let range = e.range
      if evs.count == 1, labels[0] == nil {
        // `xs[i]` with one index: no argument list is built when the base is an array.
        let e0 = evs[0].run
        return LValue(
          modify: { f, body in
            let index = try e0(f)
            return try baseLV.modify(f) { b in
              if case .int(let k) = index, case .array = b {
                guard case .array(var a) = b else { return .void }
                guard k >= 0 && k < a.items.count else {
                  throw RuntimeError("index \(k) out of range for an array of \(a.items.count) element\(a.items.count == 1 ? "" : "s")", range, kind: "IndexError")
                }
                b = .void
                defer { b = .array(a) }
                let r = try body(&a.items[k])
                if let et = a.elementType {
                  switch (et, a.items[k]) {
                  case (.int, .int), (.double, .double), (.string, .string), (.bool, .bool): break
                  default: a.items[k] = try interp.withRange(range) { try et.coerce(a.items[k]) }
                  }
                }
                return r
              }
              return try interp.subscriptModify(&b, Arguments([index], labels: labels), range, plain: plain, body)
            }
          }, declaredType: { _ in nil })
      }
      return LValue(
        modify: { f, body in
          var values: [Value] = []
          for ev in evs { values.append(try ev.run(f)) }
          let a = Arguments(values, labels: labels)
          return try baseLV.modify(f) { b in try interp.subscriptModify(&b, a, range, plain: plain, body) }
        }, declaredType: { _ in nil })
    case .member(let base, let name):
      let interp = self.interp
      let range = e.range
      if case .identifier(let tn) = base.kind, tn != "self", lookupType(tn) != nil || (tn == "Self" && nearestMemberContext() != nil) {
        // A static stored property: `Counter.total += 1`.
        let eb = compileExpr(base)
        return LValue(
          modify: { f, body in
            var tv = try eb(f)
            return try interp.withRange(range) { try interp.memberModify(&tv, name, body) }
          }, declaredType: { _ in nil })
      }
      let savedLenient = lenientLet, savedSubscript = lenientSubscript
      lenientLet = true
      lenientSubscript = false
      let baseLV = compileLValue(base, purpose: purpose)
      lenientLet = savedLenient
      lenientSubscript = savedSubscript
      guard let baseLV else { return nil }
      var allowLet = false
      if case .identifier("self") = base.kind, let mc = nearestMemberContext() {
        if mc.isInit {
          allowLet = true
        } else if !mc.isStatic, let i = mc.type.fieldIndex[name], mc.type.fieldIsLet[i] {
          error("cannot assign to property: '\(name)' is a 'let' constant", e.range)
          return nil
        }
      }
      let letOK = allowLet
      let cache = FieldCache()
      return LValue(
        modify: { f, body in
          try baseLV.modify(f) { b in
            // (Only the instance's type is held here: a second reference to the instance
            // would make the struct look shared and be copied.)
            if let t = b.instanceType {
              // A plain stored property of the type this site met last time: by index.
              if t === cache.type {
                return try interp.withRange(range) { try interp.storedFieldModify(&b, cache.index, body) }
              }
              if let i = interp.isPlainStoredField(t, name, allowLet: letOK) {
                cache.type = t
                cache.index = i
              }
            }
            return try interp.withRange(range) { try interp.memberModify(&b, name, allowLet: letOK, body) }
          }
        }, declaredType: { _ in nil })
    case .optionalChainRoot(let inner):
      // `a?.b = x`, `d[k]?.n += 1`: nothing happens when the chain meets nil.
      guard let lv = compileLValue(inner, purpose: purpose, plain: plain) else { return nil }
      return LValue(
        modify: { f, body in
          do { return try lv.modify(f, body) } catch is OptionalChainNil { return .nilValue }
        }, declaredType: { _ in nil })
    case .optionalChainPoint(let inner):
      let savedLenient = lenientLet
      lenientLet = true
      let innerLV = compileLValue(inner, purpose: purpose)
      lenientLet = savedLenient
      guard let lv = innerLV else { return nil }
      return LValue(
        modify: { f, body in
          try lv.modify(f) { v in
            switch v {
            case .nilValue: throw OptionalChainNil()
            case .some(var x):
              v = .void
              defer { v = .some(x) }
              return try body(&x)
            default: return try body(&v)
            }
          }
        }, declaredType: { _ in nil })
    case .forceUnwrap(let inner):
      guard let lv = compileLValue(inner, purpose: purpose) else { return nil }
      let range = e.range
      return LValue(
        modify: { f, body in
          try lv.modify(f) { v in
            switch v {
            case .nilValue: throw RuntimeError("unexpectedly found nil while unwrapping an Optional value", range, kind: "NilError")
            case .some(var x):
              v = .void
              defer { v = .some(x) }
              return try body(&x)
            default: return try body(&v)
            }
          }
        }, declaredType: { _ in nil })
    default:
      if case .mutatingCall(let m) = purpose {
        error("cannot use mutating member '\(m)' on an immutable value; store it in a 'var' first", e.range)
      } else {
        error("cannot assign to this expression", e.range)
      }
      return nil
    }
  }

  /// A `let` reached through a member assignment or mutating call: allowed when it holds a
  /// class instance (a reference), an error naming the constant otherwise.
  func lenientLetLValue(_ name: String, _ purpose: LValuePurpose, _ range: SourceRange, read: @escaping (Frame) -> Value,
                        modify: @escaping (Frame, (inout Value) throws -> Value) throws -> Value) -> LValue
  {
    let message: String
    switch purpose {
    case .mutatingCall(let m): message = "cannot use mutating member '\(m)' on immutable value: '\(name)' is a 'let' constant"
    case .inoutArgument: message = "cannot pass immutable value as inout argument: '\(name)' is a 'let' constant"
    case .assignment: message = "cannot assign \(lenientSubscript ? "through subscript" : "to property"): '\(name)' is a 'let' constant"
    }
    return LValue(
      modify: { f, body in
        switch read(f) {
        case .instance(let i) where i.type.kind == .class: return try modify(f, body)
        case .host(let h) where h.hasReferenceSemantics: return try modify(f, body)
        case .type: return try modify(f, body)
        default: throw RuntimeError(message, range, kind: "TypeError")
        }
      }, declaredType: { _ in nil })
  }

  func reportLet(_ name: String, _ purpose: LValuePurpose, _ range: SourceRange) {
    switch purpose {
    case .inoutArgument:
      error("cannot pass immutable value as inout argument: '\(name)' is a 'let' constant", range)
    case .assignment:
      error("cannot assign \(lenientSubscript ? "through subscript" : lenientLet ? "to property" : "to value"): '\(name)' is a 'let' constant", range)
    case .mutatingCall(let m):
      error("cannot use mutating member '\(m)' on immutable value: '\(name)' is a 'let' constant", range)
    }
  }

  func compileAssignment(_ op: String, _ lhs: Expr, _ rhs: Expr, _ range: SourceRange) -> Eval {
    let er = isImplicitMember(rhs) ? withHint(staticType(of: lhs)) { compileExpr(rhs) } : compileExpr(rhs)
    if case .identifier("_") = lhs.kind, op == "=" {
      return { f in
        _ = try er(f)
        return .void
      }
    }
    if case .tuple(let items) = lhs.kind, op == "=" {
      let lvs = items.map { compileLValue($0.1, purpose: .assignment) }
      let n = items.count
      return { f in
        let v = try er(f)
        guard case .tuple(let t) = v, t.items.count == n else {
          throw RuntimeError("cannot assign a value of type '\(v.typeName)' to a tuple of \(n) elements", range, kind: "TypeError")
        }
        for (lv, x) in zip(lvs, t.items) {
          _ = try lv?.modify(f) { slot in
            slot = x
            return .void
          }
        }
        return .void
      }
    }
    guard let lv = compileLValue(lhs, purpose: .assignment, plain: op == "=") else { return { _ in .void } }
    let interp = self.interp
    if op == "=" {
      return { f in
        let v = try er(f)
        let t = lv.declaredType(f)
        let stored: Value
        if let t {
          do { stored = try t.coerce(v) } catch let e as HostError { throw RuntimeError(e.message, rhs.range, kind: e.kind) }
        } else {
          stored = v
        }
        _ = try lv.modify(f) { slot in
          slot = stored
          return .void
        }
        return .void
      }
    }
    let binop = String(op.dropLast())
    if (binop == "+" || binop == "-"), case .integer(let k) = rhs.kind {
      // `i += 1`: in place, without evaluating the literal through a closure.
      let delta = binop == "+" ? k : (k == Int.min ? 0 : -k)
      let y = Value.int(k)
      return { f in
        _ = try lv.modify(f) { slot in
          if case .int(let i) = slot, k != Int.min {
            let (r, o) = i.addingReportingOverflow(delta)
            if !o {
              slot = .int(r)
              return .void
            }
          }
          try interp.withRange(range) { try compoundAssign(binop, &slot, y, interp) }
          return .void
        }
        return .void
      }
    }
    let intOp = intOperatorFunction(binop)
    let doubleOp = doubleOperatorFunction(binop)
    return { f in
      let y = try er(f)
      _ = try lv.modify(f) { slot in
        if let intOp, case .int(let i) = slot, case .int(let j) = y {
          slot = try interp.withRange(range) { try intOp(i, j) }
          return .void
        }
        if let doubleOp, case .double(let p) = slot {
          if case .double(let q) = y { slot = doubleOp(p, q); return .void }
          if case .int(let q) = y { slot = doubleOp(p, Double(q)); return .void }
        }
        try interp.withRange(range) { try compoundAssign(binop, &slot, y, interp) }
        return .void
      }
      return .void
    }
  }
}

/// `x op= y` in place: Int arithmetic with overflow checks, and appending to strings and
/// arrays without copying them.
func compoundAssign(_ op: String, _ x: inout Value, _ y: Value, _ interp: Interpreter) throws {
  // Strings and arrays are taken out of `x` with `guard case` (a `switch` subject's copy
  // would keep a second reference and make every append copy the whole value).
  if op == "+" {
    if case .string(let t) = y, case .string = x {
      guard case .string(var s) = x else { return }
      x = .void
      s += t
      x = .string(s)
      return
    }
    if case .array(let b) = y, case .array = x {
      guard case .array(var a) = x else { return }
      x = .void
      if let et = a.elementType {
        for v in b.items { a.items.append(try et.coerce(v)) }
      } else {
        a.items.append(contentsOf: b.items)
      }
      x = .array(a)
      return
    }
  }
  switch (op, x, y) {
  case ("+", .int(let i), .int(let j)):
    let (r, o) = i.addingReportingOverflow(j)
    if !o {
      x = .int(r)
      return
    }
  case ("+", .double(let p), .double(let q)):
    x = .double(p + q)
    return
  case ("+", .string(var s), .string(let t)):
    x = .void
    s += t
    x = .string(s)
    return
  case ("+", .array(var a), .array(let b)):
    x = .void
    if let et = a.elementType {
      for v in b.items { a.items.append(try et.coerce(v)) }
    } else {
      a.items.append(contentsOf: b.items)
    }
    x = .array(a)
    return
  default:
    break
  }
  x = try interp.binary(op, x, y)
}
