extension Compiler {
  func compileStmt(_ s: Stmt, label: String? = nil) -> Exec {
    switch s.kind {
    case .expression(let e):
      let ev = compileExpr(e)
      return { f in
        _ = try ev(f)
        return .normal
      }
    case .variable(let isLet, let pattern, let typeRef, let value):
      return compileVariable(isLet: isLet, pattern: pattern, typeRef: typeRef, value: value, range: s.range)
    case .function(let f):
      return compileFunctionDecl(f)
    case .ifStmt(let conds, let then, let elseBody):
      scope.pushBlock()
      let test = compileConditions(conds)
      let thenExec = compileBlock(then)
      scope.popBlock()
      if let elseBody {
        let elseExec = compileBlock(elseBody)
        return { f in try test(f) ? try thenExec(f) : try elseExec(f) }
      }
      return { f in try test(f) ? try thenExec(f) : .normal }
    case .guardStmt(let conds, let body):
      // Bindings stay visible after the guard, so they go into the current block.
      let elseExec = compileBlock(body)
      let test = compileConditions(conds)
      let range = s.range
      return { f in
        if try test(f) { return .normal }
        let r = try elseExec(f)
        if case .normal = r {
          throw RuntimeError("'guard' body must not fall through; end it with 'return', 'break' or 'continue'", range)
        }
        return r
      }
    case .forIn(let pattern, let sequence, let whereClause, let body):
      return compileFor(pattern: pattern, sequence: sequence, whereClause: whereClause, body: body, range: s.range, label: label)
    case .whileStmt(let conds, let body):
      scope.pushBlock()
      let test = compileConditions(conds)
      loopDepth += 1
      let bodyExec = compileBlock(body)
      loopDepth -= 1
      scope.popBlock()
      let interp = self.interp
      let range = s.range
      return { f in
        while try test(f) {
          try interp.checkInterrupt(range)
          switch try bodyExec(f) {
          case .normal, .continueLoop: continue
          case .breakLoop: return .normal
          case .returned(let v): return .returned(v)
          case .continueLabel(let l) where l == label: continue
          case .breakLabel(let l) where l == label: return .normal
          case let other: return other
          }
        }
        return .normal
      }
    case .repeatWhile(let body, let cond):
      loopDepth += 1
      let bodyExec = compileBlock(body)
      loopDepth -= 1
      let test = compileCondition(cond)
      let interp = self.interp
      let range = s.range
      return { f in
        repeat {
          try interp.checkInterrupt(range)
          switch try bodyExec(f) {
          case .normal, .continueLoop: break
          case .breakLoop: return .normal
          case .returned(let v): return .returned(v)
          case .continueLabel(let l) where l == label: break
          case .breakLabel(let l) where l == label: return .normal
          case let other: return other
          }
        } while try test(f)
        return .normal
      }
    case .switchStmt(let subject, let cases):
      return compileSwitch(subject: subject, cases: cases, range: s.range)
    case .breakStmt(let l?):
      if !labelStack.contains(where: { $0.0 == l }) { error("use of unresolved label '\(l)'", s.range) }
      return { _ in .breakLabel(l) }
    case .continueStmt(let l?):
      if let entry = labelStack.last(where: { $0.0 == l }) {
        if !entry.1 { error("'continue' label '\(l)' does not refer to a loop", s.range) }
      } else {
        error("use of unresolved label '\(l)'", s.range)
      }
      return { _ in .continueLabel(l) }
    case .breakStmt:
      if loopDepth == 0 { error("'break' is only allowed inside a loop or a 'switch'", s.range) }
      return { _ in .breakLoop }
    case .continueStmt:
      if loopDepth == 0 || loopDepthIsSwitchOnly { error("'continue' is only allowed inside a loop", s.range) }
      return { _ in .continueLoop }
    case .fallthroughStmt:
      if switchDepth == 0 { error("'fallthrough' is only allowed inside a switch", s.range) }
      return { _ in .fallthroughCase }
    case .labeled(let name, let inner):
      if labelStack.contains(where: { $0.0 == name }) { error("label '\(name)' cannot be reused on an inner statement", s.range) }
      var isLoop = false
      switch inner.kind {
      case .forIn, .whileStmt, .repeatWhile: isLoop = true
      default: break
      }
      labelStack.append((name, isLoop))
      let exec = compileStmt(inner, label: name)
      labelStack.removeLast()
      if isLoop { return exec }
      return { f in
        let r = try exec(f)
        if case .breakLabel(let l) = r, l == name { return .normal }
        return r
      }
    case .typeDecl(let d):
      error("'\(d.kind.rawValue)' declarations are only supported at the top level of a cell", d.nameRange)
      return { _ in .normal }
    case .typealiasDecl(let n, _, let ref):
      pendingAliases[n] = ref
      return { _ in .normal }
    case .property, .initDecl, .enumCases, .deinitDecl, .subscriptDecl:
      error("this declaration is only valid inside a type", s.range)
      return { _ in .normal }
    case .throwStmt(let e):
      return compileThrow(e, s.range)
    case .doCatch(let body, let clauses):
      return compileDoCatch(body, clauses, s.range)
    case .deferStmt:
      error("'defer' is only supported inside a function, closure or block", s.range)
      return { _ in .normal }
    case .returnStmt(let e):
      if functionDepth == 0 { error("'return' is only allowed inside a function or closure", s.range) }
      guard let e else { return { _ in .returned(.void) } }
      let ev = isImplicitMember(e) ? withHint(returnTypes.last ?? nil) { compileExpr(e) } : compileExpr(e)
      return { f in .returned(try ev(f)) }
    case .importStmt(let name):
      if !["Foundation", "SwiftBayes", "Swift", "Glibc", "Darwin", "Numerics", "RealModule"].contains(name) {
        error("no such module '\(name)'; SwiftBayes cells can import Foundation and SwiftBayes (both already loaded)", s.range)
      }
      return { _ in .normal }
    case .block(let stmts):
      return compileBlock(stmts)
    case .error:
      return { _ in .normal }
    }
  }

  var loopDepthIsSwitchOnly: Bool { loopDepth == switchDepth && loopDepth > 0 }

  func compileVariable(isLet: Bool, pattern: Pattern, typeRef: TypeRef?, value: Expr?, range: SourceRange) -> Exec {
    let type = typeRef.map { compileType($0) }
    let valueRange = value?.range ?? range
    var ev: Eval? = nil
    if let value { ev = withHint(type) { compileExpr(value) } }
    if ev == nil, case .optional? = type {
      ev = { _ in .nilValue }  // `var x: Int?` starts as nil
    }
    // `let x: Int` without a value may be assigned once later: treat it as a `var`.
    let effectiveLet = isLet && value != nil
    switch pattern {
    case .identifier(let name, _):
      let doc = isTopLevel ? "\(isLet ? "let" : "var") \(name)" + (typeRef.map { ": \($0)" } ?? "") : nil
      let known = effectiveLet ? value.flatMap { knownValueType(of: $0) } : nil
      let store = storeClosure(declare(name, isLet: effectiveLet, type: type, range: range), doc: doc)
      if isTopLevel {
        pendingKnownValues[name] = .some(known)
      } else if let known {
        scope.blocks[scope.blocks.count - 1][name]?.knownValueType = known
      }
      if case .global(let cell, _) = resolve(name), ev == nil {
        // Declared without a value: defined (for assignment) but holding nothing yet.
        let t = type
        return { _ in
          cell.isDefined = true
          cell.isLet = false
          cell.type = t
          cell.value = .void
          cell.version &+= 1
          return .normal
        }
      }
      guard let ev else { return { _ in .normal } }
      if let type {
        return { f in
          let v = try ev(f)
          do {
            store(f, try type.coerce(v))
          } catch let e as HostError {
            throw RuntimeError(e.message, valueRange, kind: e.kind)
          }
          return .normal
        }
      }
      return { f in
        store(f, try ev(f))
        return .normal
      }
    case .wildcard:
      guard let ev else { return { _ in .normal } }
      return { f in
        _ = try ev(f)
        return .normal
      }
    default:
      guard let ev else {
        error("a tuple pattern needs a value", range)
        return { _ in .normal }
      }
      let bind = compileDestructuring(pattern, isLet: effectiveLet, type: type, range: range)
      return { f in
        try bind(f, try ev(f))
        return .normal
      }
    }
  }

  /// Declares the names of an irrefutable pattern and returns a binder for a value.
  func compileDestructuring(_ pattern: Pattern, isLet: Bool, type: CompiledType?, range: SourceRange) -> (Frame, Value) throws -> Void {
    switch pattern {
    case .wildcard:
      return { _, _ in }
    case .identifier(let name, _):
      let store = storeClosure(declare(name, isLet: isLet, type: type, range: range))
      if let type {
        return { f, v in
          do { store(f, try type.coerce(v)) } catch let e as HostError { throw RuntimeError(e.message, range, kind: e.kind) }
        }
      }
      return { f, v in store(f, v) }
    case .tuple(let items):
      var itemTypes: [CompiledType?] = Array(repeating: nil, count: items.count)
      if case .tuple(let ts, _)? = type, ts.count == items.count { itemTypes = ts }
      let binders = items.enumerated().map { compileDestructuring($1, isLet: isLet, type: itemTypes[$0], range: range) }
      let n = items.count
      return { f, v in
        guard case .tuple(let t) = v, t.items.count == n else {
          throw RuntimeError("cannot destructure a value of type '\(v.typeName)' into a tuple of \(n) elements", range, kind: "TypeError")
        }
        for (b, item) in zip(binders, t.items) { try b(f, item) }
      }
    case .binding(let p), .optionalSome(let p), .refutable(let p):
      return compileDestructuring(p, isLet: isLet, type: type, range: range)
    case .expression(let e):
      error("expected a name in this pattern", e.range)
      return { _, _ in }
    case .enumCase(_, _, _, let r):
      error("an enum case pattern needs 'if case', 'guard case' or 'switch'", r)
      return { _, _ in }
    case .isType, .asType:
      error("a type-casting pattern needs 'if case', 'catch' or 'switch'", range)
      return { _, _ in }
    }
  }

  func compileCondition(_ e: Expr) -> (Frame) throws -> Bool {
    if let fast = compileIntLiteralComparison(e) { return fast }
    let ev = compileExpr(e)
    let range = e.range
    return { f in
      switch try ev(f) {
      case .bool(let b): return b
      case .host(let h) where h.conditionError != nil:
        throw RuntimeError(h.conditionError!, range, kind: "TracerBoolConversionError")
      case let v: throw RuntimeError("type '\(v.typeName)' cannot be used as a boolean; test for '!= nil' or compare explicitly", range, kind: "TypeError")
      }
    }
  }

  /// `x < 2`, `n == 0`: a comparison with an Int literal, tested without building a
  /// `Bool` value when `x` is an Int (the common loop and recursion guard).
  func compileIntLiteralComparison(_ e: Expr) -> ((Frame) throws -> Bool)? {
    guard case .binary(let op, let a, let b) = e.kind, case .integer(let k) = b.kind else { return nil }
    let ea = compileExpr(a)
    let interp = self.interp
    let range = e.range
    let slow: (Value) throws -> Bool = { x in
      switch try interp.withRange(range, { try interp.binary(op, x, .int(k)) }) {
      case .bool(let r): return r
      case .host(let h) where h.conditionError != nil:
        throw RuntimeError(h.conditionError!, range, kind: "TracerBoolConversionError")
      case let v:
        throw RuntimeError("type '\(v.typeName)' cannot be used as a boolean; test for '!= nil' or compare explicitly", range, kind: "TypeError")
      }
    }
    switch op {
    case "<": return { f in let x = try ea(f); if case .int(let i) = x { return i < k }; return try slow(x) }
    case "<=": return { f in let x = try ea(f); if case .int(let i) = x { return i <= k }; return try slow(x) }
    case ">": return { f in let x = try ea(f); if case .int(let i) = x { return i > k }; return try slow(x) }
    case ">=": return { f in let x = try ea(f); if case .int(let i) = x { return i >= k }; return try slow(x) }
    case "==": return { f in let x = try ea(f); if case .int(let i) = x { return i == k }; return try slow(x) }
    case "!=": return { f in let x = try ea(f); if case .int(let i) = x { return i != k }; return try slow(x) }
    default: return nil
    }
  }

  func compileConditions(_ conds: [Condition]) -> (Frame) throws -> Bool {
    struct Test { let run: (Frame) throws -> Bool }
    var tests: [Test] = []
    for c in conds {
      switch c {
      case .expression(let e):
        tests.append(Test(run: compileCondition(e)))
      case .casePattern(let pattern, let value, _):
        let ev = compileExpr(value)
        let m = compilePattern(pattern)
        tests.append(Test { f in try m(f, try ev(f)) })
      case .optionalBinding(let isLet, let pattern, let value, let range):
        let valueExpr: Expr
        if let value {
          valueExpr = value
        } else if case .identifier(let n, let r) = pattern {
          valueExpr = Expr(.identifier(n), r)
        } else {
          error("expected '=' in optional binding", range)
          continue
        }
        let ev = compileExpr(valueExpr)
        let bind = compileDestructuring(pattern, isLet: isLet, type: nil, range: range)
        tests.append(Test { f in
          switch try ev(f) {
          case .nilValue: return false
          case .some(let inner):
            try bind(f, inner)
            return true
          case let v:
            try bind(f, v)
            return true
          }
        })
      }
    }
    if tests.count == 1 { return tests[0].run }
    return { f in
      for t in tests where !(try t.run(f)) { return false }
      return true
    }
  }

  func compileFor(pattern: Pattern, sequence: Expr, whereClause: Expr?, body: [Stmt], range: SourceRange, label: String? = nil) -> Exec {
    let seq = compileExpr(sequence)
    let seqRange = sequence.range
    let ownFrame = body.containsClosureOrFunction || (whereClause?.containsClosure ?? false)
    let savedScope = scope
    var childCount = 0
    var child: FrameScope? = nil
    if ownFrame {
      child = FrameScope(parent: scope, isFunction: false)
      scope = child!
    } else {
      scope.pushBlock()
    }
    // `for case`: a matcher that skips elements; otherwise a binder (called directly: no
    // wrapper closure per element on the common path).
    var match: ((Frame, Value) throws -> Bool)? = nil
    var bind: (Frame, Value) throws -> Void = { _, _ in }
    if case .refutable(let p) = pattern {
      match = compilePattern(p)
    } else {
      bind = compileDestructuring(pattern, isLet: true, type: nil, range: range)
    }
    let test = whereClause.map { compileCondition($0) }
    loopDepth += 1
    let bodyExec = compileStatements(body)
    loopDepth -= 1
    if ownFrame {
      childCount = child!.slotCount
      scope = savedScope
    } else {
      scope.popBlock()
    }
    let interp = self.interp
    // Returns nil to go on, or the flow that ends the loop.
    let step: (Frame, Value) throws -> Flow? = { f, element in
      let frame = ownFrame ? Frame(count: childCount, parent: f) : f
      if let match {
        if !(try match(frame, element)) { return nil }
      } else {
        try bind(frame, element)
      }
      if let test, !(try test(frame)) { return nil }
      switch try bodyExec(frame) {
      case .normal, .continueLoop: return nil
      case .breakLoop: return .normal
      case .returned(let v): return .returned(v)
      case .continueLabel(let l) where l == label: return nil
      case .breakLabel(let l) where l == label: return .normal
      case let other: return other
      }
    }
    return { f in
      let s = try seq(f)
      switch s {
      case .range(let r):
        guard let lo = r.lower, let up = r.upper else {
          throw RuntimeError("cannot iterate over a one-sided range '\(describe(s))'", seqRange)
        }
        // Inclusive bounds, so `…...Int.max` neither overflows nor looks one-sided.
        if lo < up || (r.closed && lo == up) {
          let last = r.closed ? up : up - 1
          var i = lo
          while true {
            try interp.checkInterrupt(range)
            if let end = try step(f, .int(i)) { return end }
            if i == last { break }
            i += 1
          }
        }
      case .array(let a):
        for item in a.items {
          try interp.checkInterrupt(range)
          if let end = try step(f, item) { return end }
        }
      case .string(let str):
        for ch in str {
          try interp.checkInterrupt(range)
          if let end = try step(f, .string(String(ch))) { return end }
        }
      case .dictionary(let d):
        for (k, v) in zip(d.keys, d.values) {
          try interp.checkInterrupt(range)
          if let end = try step(f, .tuple(TupleValue([k, v], labels: ["key", "value"]))) { return end }
        }
      case .host(let h):
        guard let items = try interp.withRange(seqRange, { try h.elements() }) else {
          throw RuntimeError("for-in loop requires a sequence; '\(h.typeName)' is not one", seqRange, kind: "TypeError")
        }
        for item in items {
          try interp.checkInterrupt(range)
          if let end = try step(f, item) { return end }
        }
      default:
        throw RuntimeError("for-in loop requires a sequence; '\(s.typeName)' is not one", seqRange, kind: "TypeError")
      }
      return .normal
    }
  }

  func compileSwitch(subject: Expr, cases: [SwitchCase], range: SourceRange) -> Exec {
    checkExhaustive(cases, SourceRange(range.start, subject.range.end))
    let subjectEval = compileExpr(subject)
    var compiled: [(matchers: [(Frame, Value) throws -> Bool], body: Exec, isDefault: Bool)] = []
    loopDepth += 1
    switchDepth += 1
    for c in cases {
      scope.pushBlock()
      var matchers: [(Frame, Value) throws -> Bool] = []
      for (k, (p, guardExpr)) in c.patterns.enumerated() {
        // `case .a(let x), .b(let x):` binds the same names in every pattern.
        reuseBindings = k > 0
        let m = compilePattern(p)
        reuseBindings = false
        if let guardExpr {
          let g = compileCondition(guardExpr)
          matchers.append { f, v in try m(f, v) && g(f) }
        } else {
          matchers.append(m)
        }
      }
      let body = compileBlock(c.body)
      scope.popBlock()
      compiled.append((matchers, body, c.isDefault))
    }
    loopDepth -= 1
    switchDepth -= 1
    return { f in
      let v = try subjectEval(f)
      for (i, c) in compiled.enumerated() {
        var matched = c.isDefault
        if !matched {
          for m in c.matchers where try m(f, v) {
            matched = true
            break
          }
        }
        if matched {
          var r = try c.body(f)
          var k = i
          while case .fallthroughCase = r, k + 1 < compiled.count {
            k += 1
            r = try compiled[k].body(f)
          }
          switch r {
          case .breakLoop, .fallthroughCase: return .normal
          default: return r
          }
        }
      }
      return .normal
    }
  }

  /// A matcher for a `case` pattern; it binds names into the frame when it matches.
  func compilePattern(_ p: Pattern) -> (Frame, Value) throws -> Bool {
    switch p {
    case .wildcard:
      return { _, _ in true }
    case .identifier(let name, let r):
      let store = storeClosure(declare(name, isLet: true, type: nil, range: r))
      return { f, v in
        store(f, v)
        return true
      }
    case .binding(let inner), .refutable(let inner):
      return compilePattern(inner)
    case .enumCase(let typeName, let name, let payload, _):
      return compileEnumCasePattern(typeName, name, payload)
    case .isType(let t):
      let type = compileType(t)
      return { _, v in valueIs(v, type) }
    case .asType(let inner, let t):
      let type = compileType(t)
      let m = compilePattern(inner)
      return { f, v in
        guard valueIs(v, type) else { return false }
        return try m(f, v.unwrappedOptional ?? v)
      }
    case .optionalSome(let inner):
      let m = compilePattern(inner)
      return { f, v in
        switch v {
        case .nilValue: return false
        case .some(let x): return try m(f, x)
        default: return try m(f, v)
        }
      }
    case .tuple(let items):
      let ms = items.map { compilePattern($0) }
      let n = items.count
      return { f, v in
        guard case .tuple(let t) = v, t.items.count == n else { return false }
        for (m, x) in zip(ms, t.items) where !(try m(f, x)) { return false }
        return true
      }
    case .expression(let e):
      if case .cast(let inner, let t, .asPlain) = e.kind {
        // `case 0 as Double:` matches a Double equal to 0, not an Int.
        let type = compileType(t)
        let m = compilePattern(.expression(inner))
        return { f, v in
          guard valueIs(v, type) else { return false }
          return try m(f, v)
        }
      }
      let ev = compileExpr(e)
      let range = e.range
      return { f, v in
        let pv = try ev(f)
        switch pv {
        case .range(let r):
          if case .double(let x) = v {
            if let lo = r.lower, x < Double(lo) { return false }
            if let hi = r.upper, r.closed ? x > Double(hi) : x >= Double(hi) { return false }
            return true
          }
          guard case .int(let i) = v.unwrappedOptional ?? .nilValue else { return false }
          if let lo = r.lower, i < lo { return false }
          if let hi = r.upper, r.closed ? i > hi : i >= hi { return false }
          return true
        case .doubleRange(let lo, let hi, let closed):
          let x: Double
          switch v {
          case .double(let d): x = d
          case .int(let i): x = Double(i)
          default: return false
          }
          return x >= lo && (closed ? x <= hi : x < hi)
        default:
          _ = range
          return valuesEqual(pv, v)
        }
      }
    }
  }
}
