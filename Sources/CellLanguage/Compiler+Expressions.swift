/// Thrown inside an optional chain when a link is nil; caught by the chain's root.
struct OptionalChainNil: Error {}

extension Compiler {
  func compileExpr(_ e: Expr) -> Eval {
    let range = e.range
    switch e.kind {
    case .integer(let i):
      let v = Value.int(i)
      return { _ in v }
    case .double(let d):
      let v = Value.double(d)
      return { _ in v }
    case .bool(let b):
      let v = Value.bool(b)
      return { _ in v }
    case .nilLiteral:
      return { _ in .nilValue }
    case .string(let parts):
      return compileString(parts)
    case .identifier(let name):
      return compileIdentifier(name, range)
    case .array(let items):
      let evs = items.map { EvalBox(run: compileExpr($0)) }
      return { f in
        var values: [Value] = []
        values.reserveCapacity(evs.count)
        for ev in evs { values.append(try ev.run(f)) }
        return .array(makeArrayLiteral(values))
      }
    case .dictionary(let pairs):
      let evs = pairs.map { (compileExpr($0.0), compileExpr($0.1)) }
      return { f in
        var keys: [Value] = []
        var values: [Value] = []
        for (k, v) in evs {
          keys.append(try k(f))
          values.append(try v(f))
        }
        var d = DictionaryValue(keyType: inferElementType(keys), valueType: inferElementType(values))
        for (k, v) in zip(keys, values) {
          do { try d.set(d.keyType.map { try $0.coerce(k) } ?? k, d.valueType.map { try $0.coerce(v) } ?? v) } catch let err as HostError { throw RuntimeError(err.message, range, kind: err.kind) }
        }
        return .dictionary(d)
      }
    case .tuple(let items):
      if items.isEmpty { return { _ in .void } }
      let evs = items.map { EvalBox(run: compileExpr($0.1)) }
      let labels = items.map(\.0)
      return { f in
        var values: [Value] = []
        for ev in evs { values.append(try ev.run(f)) }
        return .tuple(TupleValue(values, labels: labels))
      }
    case .prefix(let op, let operand):
      let ev = compileExpr(operand)
      let interp = self.interp
      return { f in
        let v = try ev(f)
        if case .instance = v { return try interp.withRange(range) { try interp.userPrefix(op, v) } }
        return try interp.withRange(range) { try prefixOperator(op, v) }
      }
    case .postfix(_, let operand):
      let ev = compileExpr(operand)
      return { f in
        guard case .int(let lo) = try ev(f) else {
          throw RuntimeError("a one-sided range 'x...' needs an Int bound", range, kind: "TypeError")
        }
        return .range(RangeValue(lower: lo, upper: nil, closed: false))
      }
    case .binary(let op, let a, let b):
      if ["==", "!=", "~="].contains(op) {
        // `x.kind == .small`: the other side's type tells which type `.small` is in.
        if isImplicitMember(b), let t = staticType(of: a) { return withHint(t) { compileBinary(op, a, b, range) } }
        if isImplicitMember(a), let t = staticType(of: b) { return withHint(t) { compileBinary(op, a, b, range) } }
      }
      return compileBinary(op, a, b, range)
    case .assign(let op, let lhs, let rhs):
      return compileAssignment(op, lhs, rhs, range)
    case .ternary(let c, let a, let b):
      let test = compileCondition(c)
      let ea = compileExpr(a)
      let eb = compileExpr(b)
      return { f in try test(f) ? try ea(f) : try eb(f) }
    case .call(let callee, let args):
      return compileCall(callee, args, range)
    case .subscriptAccess(let base, let args):
      let eb = compileExpr(base)
      let (evs, labels) = compileArguments(args)
      let interp = self.interp
      if evs.count == 1, labels[0] == nil {
        let ei = evs[0].run
        return { f in
          let b = try eb(f)
          let i = try ei(f)
          if case .array(let a) = b, case .int(let k) = i {
            guard k >= 0 && k < a.items.count else {
              throw RuntimeError("index \(k) out of range for an array of \(a.items.count) element\(a.items.count == 1 ? "" : "s")", range, kind: "IndexError")
            }
            return a.items[k]
          }
          return try interp.withRange(range) { try interp.subscriptGet(b, Arguments([i], labels: labels)) }
        }
      }
      return { f in
        let b = try eb(f)
        var values: [Value] = []
        for ev in evs { values.append(try ev.run(f)) }
        return try interp.withRange(range) { try interp.subscriptGet(b, Arguments(values, labels: labels)) }
      }
    case .member(let base, let name):
      if case .identifier("super") = base.kind {
        return compileSuperMember(name, nil, range)
      }
      if case .identifier(let tn) = base.kind, case .global = resolve(tn), let t = lookupType(tn), t.kind != .extension,
        !t.hasStaticMember(name), !(t.kind == .enum && name == "allCases"), t.kind != .protocol
      {
        error("type '\(tn)' has no member '\(name)'", range)
      }
      if case .identifier(let tn) = base.kind, case .builtin(.type(let t)) = resolve(tn), interp.builtinExtensions[tn] == nil && pendingTypes[tn] == nil {
        if let v = t.staticMembers[name] { return { _ in v } }
        if t.staticMethods[name] == nil {
          error("type '\(t.name)' has no member '\(name)'", range)
        }
        return { _ in throw RuntimeError("'\(t.name).\(name)' is a method; call it with '(…)'", range) }
      }
      let eb = compileExpr(base)
      let interp = self.interp
      let cache = FieldCache()
      return { f in
        let b = try eb(f)
        if case .instance(let inst) = b {
          // A stored property of the type this site met last time: read it by index.
          if inst.type === cache.type, cache.index < inst.fields.count {
            let v = inst.fields[cache.index]
            if !v.isVoid { return v }
          } else if let i = inst.type.fieldIndex[name], !inst.type.lazyFields.contains(i), inst.type.referenceFields[i] == nil,
                    !inst.type.implicitlyUnwrappedFields.contains(i) {
            cache.type = inst.type
            cache.index = i
          }
        }
        return try interp.withRange(range) { try interp.property(b, name) }
      }
    case .optionalChainPoint(let inner):
      let ev = compileExpr(inner)
      return { f in
        switch try ev(f) {
        case .nilValue: throw OptionalChainNil()
        case .some(let v): return v
        case let v: return v
        }
      }
    case .optionalChainRoot(let inner):
      let ev = compileExpr(inner)
      return { f in
        do {
          switch try ev(f) {
          case .nilValue: return .nilValue
          case .some(let v): return .some(v)
          case .void: return .void
          case let v: return .some(v)
          }
        } catch is OptionalChainNil {
          return .nilValue
        }
      }
    case .forceUnwrap(let inner):
      let ev = compileExpr(inner)
      return { f in
        switch try ev(f) {
        case .nilValue: throw RuntimeError("unexpectedly found nil while unwrapping an Optional value", range, kind: "NilError")
        case .some(let v): return v
        case let v: return v
        }
      }
    case .closure(let c):
      return compileClosure(c, range: range)
    case .operatorRef(let op):
      let fn = Value.function(BuiltinFunction(name: op, signature: "(\(op))", doc: "The '\(op)' operator as a function.") { args, interp in
        guard args.count == 2 else { throw HostError("operator '\(op)' takes 2 arguments, got \(args.count)", kind: "TypeError") }
        return try interp.binary(op, args[0], args[1])
      })
      return { _ in fn }
    case .cast(let inner, let typeRef, let kind):
      let ev = compileExpr(inner)
      let type = compileType(typeRef)
      return { f in
        let v = try ev(f)
        switch kind {
        case .asPlain:
          do { return try type.coerce(v) } catch let err as HostError { throw RuntimeError(err.message, range, kind: err.kind) }
        case .isType: return .bool(valueIs(v, type))
        case .asOptional: return valueIs(v, type) ? .some(v.unwrappedOptional ?? v) : .nilValue
        case .asForced:
          guard valueIs(v, type) else {
            throw RuntimeError("could not cast value of type '\(v.typeName)' to '\(type)'", range, kind: "TypeError")
          }
          return v.unwrappedOptional ?? v
        }
      }
    case .implicitMember(let name):
      return compileImplicitMember(name, range)
    case .tryExpr(let kind, let inner):
      return compileTry(kind, inner, range)
    case .inoutArgument:
      error("'&' may only be used to pass an argument to an 'inout' parameter of a function", range)
      return { _ in .void }
    case .keyPath(let components, let hasRoot):
      return compileKeyPath(components, hasRoot: hasRoot, range)
    case .error:
      return { _ in throw RuntimeError("this expression could not be parsed", range) }
    }
  }

  func compileString(_ parts: [StringPart]) -> Eval {
    var pieces: [Either] = []
    enum Either {
      case text(String)
      case expr(Eval)
    }
    for p in parts {
      switch p {
      case .text(let s): pieces.append(.text(s))
      case .expr(let e): pieces.append(.expr(compileExpr(e)))
      }
    }
    if pieces.allSatisfy({ if case .text = $0 { return true }; return false }) {
      let v = Value.string(pieces.map { if case .text(let s) = $0 { return s }; return "" }.joined())
      return { _ in v }
    }
    return { f in
      var s = ""
      for p in pieces {
        switch p {
        case .text(let t): s += t
        case .expr(let ev): s += describe(try ev(f))
        }
      }
      return .string(s)
    }
  }

  func compileIdentifier(_ name: String, _ range: SourceRange) -> Eval {
    if name == "Self", let mc = nearestMemberContext() { return compileIdentifier(mc.type.name, range) }
    switch resolve(name) {
    case .selfMember:
      return compileExpr(Expr(.member(Expr(.identifier("self"), range), name), range))
    case .local(0, let v):
      let slot = v.slot
      return { f in f.slots[slot] }
    case .local(let depth, let v):
      let slot = v.slot
      return { f in f.ancestor(depth).slots[slot] }
    case .global(let cell, _):
      return { _ in
        guard cell.isDefined else {
          throw RuntimeError("'\(name)' is used before it is declared", range, kind: "NameError")
        }
        return cell.value
      }
    case .builtin(let v):
      return { _ in v }
    case .none:
      if name == "_" {
        error("'_' can only appear in a pattern or on the left side of an assignment", range)
      } else {
        var message = "cannot find '\(name)' in scope"
        if let near = nearestName(to: name) { message += "; did you mean '\(near)'?" }
        error(message, range)
      }
      return { _ in throw RuntimeError("cannot find '\(name)' in scope", range, kind: "NameError") }
    }
  }

  /// Every name visible here: locals, session globals, builtins.
  var visibleNames: [String] {
    var names: [String] = []
    var s: FrameScope? = scope
    while let fs = s {
      names += fs.allNames
      s = fs.parent
    }
    names += pendingGlobals.keys
    names += interp.globals.values.filter(\.isDefined).map(\.name)
    names += interp.builtins.values.keys
    return names
  }

  func nearestName(to name: String) -> String? {
    var best: (String, Int)? = nil
    for candidate in visibleNames where !candidate.hasPrefix("$") {
      let d = editDistance(candidate.lowercased(), name.lowercased())
      if d <= max(1, name.count / 3), best == nil || d < best!.1 { best = (candidate, d) }
    }
    return best?.0
  }

  func compileBinary(_ op: String, _ a: Expr, _ b: Expr, _ range: SourceRange) -> Eval {
    if ["*", "%", "/"].contains(op), case .integer(let k) = b.kind {
      // `i % 7`, `n * 3`: Int arithmetic with a literal, checked as Swift checks it.
      let ea = compileExpr(a)
      let interp = self.interp
      let kv = Value.int(k)
      return { f in
        let x = try ea(f)
        if case .int(let i) = x {
          if op == "*" {
            let (r, o) = i.multipliedReportingOverflow(by: k)
            if !o { return .int(r) }
          } else if k != 0 && k != -1 {
            return .int(op == "%" ? i % k : i / k)
          }
        } else if case .double(let d) = x, op != "%" {
          return .double(op == "*" ? d * Double(k) : d / Double(k))
        }
        return try interp.withRange(range) { try interp.binary(op, x, kv) }
      }
    }
    if ["+", "-", "*", "/"].contains(op), case .double(let k) = b.kind {
      // `x * 0.5`: Double arithmetic with a literal.
      let ea = compileExpr(a)
      let interp = self.interp
      let kv = Value.double(k)
      let apply: (Double) -> Double
      switch op {
      case "+": apply = { $0 + k }
      case "-": apply = { $0 - k }
      case "*": apply = { $0 * k }
      default: apply = { $0 / k }
      }
      return { f in
        let x = try ea(f)
        if case .double(let d) = x { return .double(apply(d)) }
        if case .int(let i) = x { return .double(apply(Double(i))) }
        return try interp.withRange(range) { try interp.binary(op, x, kv) }
      }
    }
    if (op == "+" || op == "-"), case .integer(let k) = b.kind {
      // `n - 1`, `i + 1`: the literal needs no closure call.
      let ea = compileExpr(a)
      let interp = self.interp
      let kv = Value.int(k)
      if op == "+" {
        return { f in
          let x = try ea(f)
          if case .int(let i) = x {
            let (r, o) = i.addingReportingOverflow(k)
            if !o { return .int(r) }
          }
          return try interp.withRange(range) { try interp.binary(op, x, kv) }
        }
      }
      return { f in
        let x = try ea(f)
        if case .int(let i) = x {
          let (r, o) = i.subtractingReportingOverflow(k)
          if !o { return .int(r) }
        }
        return try interp.withRange(range) { try interp.binary(op, x, kv) }
      }
    }
    let ea = compileExpr(a)
    let eb = compileExpr(b)
    let interp = self.interp
    switch op {
    case "&&":
      let ta = compileCondition(a), tb = compileCondition(b)
      return { f in .bool(try ta(f) && tb(f)) }
    case "||":
      let ta = compileCondition(a), tb = compileCondition(b)
      return { f in .bool(try ta(f) || tb(f)) }
    case "??":
      return { f in
        interp.nilTypeHint = nil
        switch try ea(f) {
        case .nilValue:
          let r = try eb(f)
          // `optionalDouble ?? -1`: Swift types the literal as Double.
          if case .double? = interp.nilTypeHint, case .int(let i) = r { return .double(Double(i)) }
          return r
        case .some(let v): return v
        case let v: return v
        }
      }
    case "+":
      return { f in
        let x = try ea(f), y = try eb(f)
        if case .int(let i) = x, case .int(let j) = y {
          let (r, o) = i.addingReportingOverflow(j)
          if !o { return .int(r) }
        } else if case .double(let p) = x, case .double(let q) = y {
          return .double(p + q)
        }
        return try interp.withRange(range) { try interp.binary(op, x, y) }
      }
    case "-":
      return { f in
        let x = try ea(f), y = try eb(f)
        if case .int(let i) = x, case .int(let j) = y {
          let (r, o) = i.subtractingReportingOverflow(j)
          if !o { return .int(r) }
        } else if case .double(let p) = x, case .double(let q) = y {
          return .double(p - q)
        }
        return try interp.withRange(range) { try interp.binary(op, x, y) }
      }
    case "*":
      return { f in
        let x = try ea(f), y = try eb(f)
        if case .int(let i) = x, case .int(let j) = y {
          let (r, o) = i.multipliedReportingOverflow(by: j)
          if !o { return .int(r) }
        } else if case .double(let p) = x, case .double(let q) = y {
          return .double(p * q)
        }
        return try interp.withRange(range) { try interp.binary(op, x, y) }
      }
    case "<", "<=", ">", ">=", "==", "!=":
      let cmp: (Int, Int) -> Bool
      switch op {
      case "<": cmp = { $0 < $1 }
      case "<=": cmp = { $0 <= $1 }
      case ">": cmp = { $0 > $1 }
      case ">=": cmp = { $0 >= $1 }
      case "==": cmp = { $0 == $1 }
      default: cmp = { $0 != $1 }
      }
      let doubleOp = doubleOperatorFunction(op)!
      return { f in
        let x = try ea(f), y = try eb(f)
        if case .int(let i) = x, case .int(let j) = y { return .bool(cmp(i, j)) }
        if case .double(let p) = x, case .double(let q) = y { return doubleOp(p, q) }
        return try interp.withRange(range) { try interp.binary(op, x, y) }
      }
    default:
      let intOp = intOperatorFunction(op)
      let doubleOp = doubleOperatorFunction(op)
      return { f in
        let x = try ea(f), y = try eb(f)
        if let intOp, case .int(let i) = x, case .int(let j) = y {
          return try interp.withRange(range) { try intOp(i, j) }
        }
        if let doubleOp, case .double(let p) = x, case .double(let q) = y { return doubleOp(p, q) }
        return try interp.withRange(range) { try interp.binary(op, x, y) }
      }
    }
  }

  func compileArguments(_ args: [CallArgument], hints: [CompiledType?] = []) -> ([EvalBox], [String?]) {
    var boxes: [EvalBox] = []
    for (k, a) in args.enumerated() {
      let ev: Eval = k < hints.count && hints[k] != nil ? withHint(hints[k]) { compileExpr(a.value) } : compileExpr(a.value)
      boxes.append(EvalBox(run: ev))
    }
    return (boxes, args.map(\.label))
  }
}

/// The element type of an array literal: homogeneous Int, Double (Ints promoted),
/// String or Bool; nil otherwise.
func inferElementType(_ values: [Value]) -> CompiledType? {
  guard let first = values.first else { return nil }
  var type: CompiledType
  switch first {
  case .int: type = .int
  case .double: type = .double
  case .string: type = .string
  case .bool: type = .bool
  default: return nil
  }
  for v in values.dropFirst() {
    switch (type, v) {
    case (.int, .int), (.double, .double), (.string, .string), (.bool, .bool): continue
    case (.int, .double), (.double, .int): type = .double
    default: return nil
    }
  }
  return type
}

func makeArrayLiteral(_ values: [Value]) -> ArrayValue {
  if values.contains(where: { if case .nilValue = $0 { return true }; if case .some = $0 { return true }; return false }) {
    // `[a, 5]` with an optional `a` is an array of optionals.
    let wrapped = values.map { v -> Value in
      switch v {
      case .nilValue, .some: return v
      default: return .some(v)
      }
    }
    let inner = inferElementType(wrapped.compactMap { $0.unwrappedOptional })
    return ArrayValue(wrapped, elementType: inner.map { .optional($0) })
  }
  let t = inferElementType(values)
  if case .double? = t {
    return ArrayValue(values.map { if case .int(let i) = $0 { return .double(Double(i)) }; return $0 }, elementType: t)
  }
  return ArrayValue(values, elementType: t)
}

/// `value is Type`, without numeric conversion (Swift's dynamic cast).
func valueIs(_ v: Value, _ t: CompiledType) -> Bool {
  switch (t, v) {
  case (.any, _): return true
  case (.int, .int), (.double, .double), (.bool, .bool), (.string, .string): return true
  case (.optional(let inner), _): return valueIs(v, inner)
  case (_, .some(let inner)): return valueIs(inner, t)
  case (.array(let et), .array(let a)): return a.items.allSatisfy { valueIs($0, et) }
  case (.dictionary, .dictionary), (.function, .function), (.tuple, .tuple): return true
  case (.named(let n), .host(let h)): return h.conforms(toTypeNamed: n)
  case (.named(let n), .instance(let i)): return valueSatisfies(v, n, i.type.interp)
  case (.named(let n), _): return valueSatisfies(v, n, nil)
  case (.generic(_, let cs), _): return cs.allSatisfy { valueSatisfies(v, $0, nil) }
  default: return false
  }
}

func editDistance(_ a: String, _ b: String) -> Int {
  let x = Array(a), y = Array(b)
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  var prev = Array(0...y.count)
  for i in 1...x.count {
    var cur = [i] + Array(repeating: 0, count: y.count)
    for j in 1...y.count {
      cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[y.count]
}

extension Compiler {
  /// `\Root.a.b` / `\.a.b`: the root is the longest written prefix that names a type; the
  /// first property is checked against a user root type when the cell compiles.
  func compileKeyPath(_ components: [String], hasRoot: Bool, _ range: SourceRange) -> Eval {
    var root: String? = nil
    var path = components
    if hasRoot {
      var found = false
      for k in stride(from: components.count - 1, through: 1, by: -1) {
        let prefix = components[0..<k].joined(separator: ".")
        if let t = lookupType(prefix) {
          root = t.name
        } else if k == 1, Compiler.builtinTypeNames.contains(prefix) || interp.builtins.values[prefix] != nil {
          root = prefix
        } else {
          continue
        }
        path = Array(components[k...])
        found = true
        break
      }
      if !found {
        if components.count == 1 {
          error("a key path needs at least one property: '\\\(components[0]).property'", range)
        } else {
          error("cannot find type '\(components[0])' in scope", range)
        }
        return { _ in .void }
      }
      if let r = root, let t = lookupType(r), t.kind != .protocol, let first = path.first,
         !(t.hasInstanceMember(first) || t.setterNames.contains(first) || (t.kind == .enum && first == "rawValue"))
      {
        error("value of type '\(t.name)' has no member '\(first)'", range)
      }
    }
    let kp = Value.function(KeyPathFunction(root: root, components: path))
    return { _ in kp }
  }
}
