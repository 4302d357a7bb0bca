extension Interpreter {
  /// `value.name` without a call.
  public func property(_ v: Value, _ name: String) throws -> Value {
    switch v {
    case .instance(let inst):
      if let r = try instanceProperty(inst, v, name) { return r }
      throw HostError("value of type '\(inst.type.name)' has no member '\(name)'" + redeclaredNote(inst.type), kind: "AttributeError")
    case .type(let t):
      if let u = t.user {
        if let r = try typeProperty(u, name) { return r }
        throw HostError("type '\(u.name)' has no member '\(name)'", kind: "AttributeError")
      }
      if let r = t.staticMembers[name] { return r }
      if let ext = builtinExtensions[t.name] {
        if let cell = try staticCell(ext, name) { return cell.value }
        if let g = ext.staticGetters[name] { return try invokeMethod(g, self: v, Arguments([])).result }
      }
    case .host(let h):
      if let r = try h.property(name) { return r }
      throw HostError("value of type '\(h.typeName)' has no member '\(name)'", kind: "AttributeError")
    case .tuple(let t):
      if let i = Int(name) {
        guard i >= 0 && i < t.items.count else {
          throw HostError("tuple of \(t.items.count) elements has no member '.\(i)'", kind: "AttributeError")
        }
        return t.items[i]
      }
      if let labels = t.labels, let i = labels.firstIndex(of: name) { return t.items[i] }
    case .some(let inner):
      throw HostError("value of optional type '\(v.typeName)' must be unwrapped to refer to member '\(name)'; use '?.' or '!' (it holds \(debugDescription(inner)))", kind: "TypeError")
    case .nilValue:
      throw HostError("value of optional type is nil; cannot read member '\(name)' (use '?.')", kind: "NilError")
    default:
      break
    }
    if let (ext, recv) = extensionMember(of: v, name), let g = ext.getters[name] { return try invokeMethod(g, self: recv, Arguments([])).result }
    if name == "description" { return .string(describe(v)) }
    if name == "debugDescription" { return .string(debugDescription(v)) }
    if let k = ValueKind(v), let p = builtins.properties[k]?[name] { return try p(v) }
    if let k = ValueKind(v), builtins.methods[k]?[name] != nil || builtins.mutatingMethods[k]?[name] != nil {
      throw HostError("'\(name)' is a method of \(v.typeName); call it with '\(name)(…)'", kind: "TypeError")
    }
    throw HostError("value of type '\(v.typeName)' has no member '\(name)'", kind: "AttributeError")
  }

  /// Assignment to `value.name` (tuple elements; host properties are read-only).
  func memberModify(_ v: inout Value, _ name: String, allowLet: Bool = false, _ body: (inout Value) throws -> Value) throws -> Value {
    if case .instance = v { return try instanceMemberModify(&v, name, allowLet: allowLet, body) }
    if case .type(let t) = v, let u = t.user ?? builtinExtensions[t.name] { return try staticMemberModify(u, name, body) }
    if case .host(let h) = v, var current = try h.property(name) {
      // A settable property of a host value (`mcmc.postWarmupState = …`).
      let r = try body(&current)
      guard try h.setProperty(name, current) else {
        throw HostError("property '\(name)' of a value of type '\(h.typeName)' is read-only", kind: "AttributeError")
      }
      return r
    }
    guard case .tuple(var t) = v else {
      throw HostError("cannot assign to property '\(name)' of a value of type '\(v.typeName)'", kind: "TypeError")
    }
    let index: Int?
    if let i = Int(name) { index = i } else { index = t.labels?.firstIndex(of: name) }
    guard let i = index, i >= 0 && i < t.items.count else {
      throw HostError("tuple has no member '\(name)'", kind: "AttributeError")
    }
    v = .void
    defer { v = .tuple(t) }
    return try body(&t.items[i])
  }

  /// `value.name(args)`.
  public func callMethod(_ v: Value, _ name: String, _ args: Arguments) throws -> Value {
    if case .instance(let inst) = v {
      if let r = try callInstanceMethod(inst, v, name, args) { return r }
      throw HostError("value of type '\(inst.type.name)' has no member '\(name)'" + redeclaredNote(inst.type), kind: "AttributeError")
    }
    if case .type(let t) = v {
      if let u = t.user {
        if let r = try callTypeMethod(u, name, args) { return r }
        throw HostError("type '\(u.name)' has no member '\(name)'", kind: "AttributeError")
      }
      if let ext = builtinExtensions[t.name], let m = ext.staticMethod(name, labels: args.labels) {
        return try invokeMethod(m, self: v, args).result
      }
      if name == "init", let c = t.construct { return try c(args, self) }
    }
    if let (ext, recv) = extensionMember(of: v, name), let m = ext.method(name, labels: args.labels) {
      if ext.mutatingNames.contains(name) {
        throw HostError("cannot use mutating member '\(name)' on an immutable value; store it in a 'var' first", kind: "TypeError")
      }
      return try invokeMethod(m, self: recv, args).result
    }
    if case .host(let h) = v {
      if let r = try h.callMethod(name, args, self) { return r }
      throw HostError("value of type '\(h.typeName)' has no method '\(name)'", kind: "AttributeError")
    }
    if let k = ValueKind(v) {
      if let m = builtins.methods[k]?[name] { return try m(v, args, self) }
      if builtins.mutatingMethods[k]?[name] != nil {
        throw HostError("cannot use mutating member '\(name)' on an immutable value; store it in a 'var' first", kind: "TypeError")
      }
    }
    if case .some = v {
      throw HostError("value of optional type '\(v.typeName)' must be unwrapped to call '\(name)'; use '?.' or '!'", kind: "TypeError")
    }
    if case .tuple = v, let f = try? property(v, name) { return try callValue(f, args) }
    throw HostError("value of type '\(v.typeName)' has no method '\(name)'", kind: "AttributeError")
  }

  /// `variable.name(args)` for methods that change the receiver.
  func callMutatingMethod(_ v: inout Value, _ name: String, _ args: Arguments) throws -> Value {
    if case .instance(let inst) = v, inst.type.isValueType, let m = inst.type.method(name, labels: args.labels) {
      return try invokeMutating(m, &v, args)
    }
    if let ext = extensionMember(of: v), let m = ext.method(name, labels: args.labels) {
      return try invokeMutating(m, &v, args)
    }
    if case .host(let h) = v {
      if let r = try h.callMutatingMethod(name, args, self, receiver: &v) { return r }
      throw HostError("value of type '\(h.typeName)' has no method '\(name)'", kind: "AttributeError")
    }
    if let k = ValueKind(v), let m = builtins.mutatingMethods[k]?[name] { return try m(&v, args, self) }
    return try callMethod(v, name, args)
  }

  /// `value[args]`.
  public func subscriptGet(_ base: Value, _ args: Arguments) throws -> Value {
    if args.labels.contains(where: { $0 != nil }) {
      if args.count == 1, args.labels[0] == "keyPath" { return try keyPathGet(base, args[0]) }
      // A labeled subscript a user's extension adds to a built-in type (`xs[safe: 3]`).
      if case .instance = base {} else if let r = try userSubscriptGet(base, args) { return r }
    }
    switch base {
    case .instance:
      return try userSubscriptGet(base, args)!
    case .type(let t) where t.user != nil:
      if let r = try userSubscriptGet(base, args) { return r }
      throw HostError("type '\(t.name)' has no static subscript taking arguments \(args.labelSpelling)", kind: "TypeError")
    case .array(let a):
      guard args.count == 1, args.labels[0] == nil else {
        throw HostError("an array subscript takes one index; for 2-d data index twice, a[i][j]", kind: "TypeError")
      }
      switch args[0] {
      case .int(let i):
        guard i >= 0 && i < a.items.count else {
          throw HostError("index \(i) out of range for an array of \(a.items.count) element\(a.items.count == 1 ? "" : "s")", kind: "IndexError")
        }
        return a.items[i]
      case .range(let r):
        let (lo, hi) = try sliceBounds(r, count: a.items.count)
        return .array(ArrayValue(Array(a.items[lo..<hi]), elementType: a.elementType))
      case let idx:
        throw HostError("cannot subscript an array with a value of type '\(idx.typeName)'", kind: "TypeError")
      }
    case .dictionary(let d):
      if args.count == 2, args.labels[1] == "default" {
        return try d.get(args[0]) ?? args[1]
      }
      guard args.count == 1 else { throw HostError("a dictionary subscript takes one key", kind: "TypeError") }
      return try d.get(args[0]).map { .some($0) } ?? .nilValue
    case .string(let s):
      let chars = Array(s)
      switch args.count == 1 ? args[0] : .void {
      case .int(let i):
        guard i >= 0 && i < chars.count else {
          throw HostError("index \(i) out of range for a string of \(chars.count) characters", kind: "IndexError")
        }
        return .string(String(chars[i]))
      case .range(let r):
        let (lo, hi) = try sliceBounds(r, count: chars.count)
        return .string(String(chars[lo..<hi]))
      default:
        throw HostError("cannot subscript a String with these arguments", kind: "TypeError")
      }
    case .host(let h):
      if let r = try h.subscriptGet(args) { return r }
      throw HostError("value of type '\(h.typeName)' cannot be subscripted", kind: "TypeError")
    case .some(let inner):
      throw HostError("value of optional type '\(base.typeName)' must be unwrapped before subscripting (it holds \(debugDescription(inner)))", kind: "TypeError")
    default:
      if let r = try userSubscriptGet(base, args) { return r }
      throw HostError("value of type '\(base.typeName)' has no subscripts", kind: "TypeError")
    }
  }

  func sliceBounds(_ r: RangeValue, count: Int) throws -> (Int, Int) {
    let lo = r.lower ?? 0
    let hi = r.halfOpenUpper ?? count
    guard lo >= 0, hi <= count, lo <= hi else {
      throw HostError("range \(describe(.range(r))) out of bounds for a collection of \(count) element\(count == 1 ? "" : "s")", kind: "IndexError")
    }
    return (lo, hi)
  }

  /// In-place access through a subscript (assignment, `+=`, mutating calls).
  /// `plain`: the subscript is the target of a plain `=` (a user subscript's getter is not
  /// called, as in Swift).
  func subscriptModify(_ base: inout Value, _ args: Arguments, _ range: SourceRange, plain: Bool = false, _ body: (inout Value) throws -> Value) throws -> Value {
    if args.count == 1, args.labels[0] == "keyPath" {
      return try withRange(range) { try keyPathModify(&base, args[0], body) }
    }
    // The array or dictionary is taken out of `base` by a `guard case` (not in a `switch`,
    // whose subject copy would keep a second reference alive and make every element
    // assignment copy the whole collection).
    var kind = 0
    switch base {
    case .array: kind = 1
    case .dictionary: kind = 2
    default: break
    }
    if kind == 1 {
      guard case .array(var a) = base else { return .void }
      return try arraySubscriptModify(&base, &a, args, range, body)
    }
    if kind == 2 {
      guard case .dictionary(var d) = base else { return .void }
      return try dictionarySubscriptModify(&base, &d, args, range, body)
    }
    return try otherSubscriptModify(&base, args, range, plain: plain, body)
  }

  private func arraySubscriptModify(_ base: inout Value, _ a: inout ArrayValue, _ args: Arguments, _ range: SourceRange, _ body: (inout Value) throws -> Value) throws -> Value {
    do {
      guard args.count == 1 else { throw RuntimeError("an array subscript takes one index", range, kind: "TypeError") }
      switch args[0] {
      case .int(let i):
        guard i >= 0 && i < a.items.count else {
          throw RuntimeError("index \(i) out of range for an array of \(a.items.count) element\(a.items.count == 1 ? "" : "s")", range, kind: "IndexError")
        }
        base = .void
        defer { base = .array(a) }
        let r = try body(&a.items[i])
        if let et = a.elementType {
          a.items[i] = try withRange(range) { try et.coerce(a.items[i]) }
        }
        return r
      case .range(let rv):
        let (lo, hi) = try withRange(range) { try sliceBounds(rv, count: a.items.count) }
        var slice = Value.array(ArrayValue(Array(a.items[lo..<hi]), elementType: a.elementType))
        let r = try body(&slice)
        guard case .array(let replacement) = slice else {
          throw RuntimeError("a slice can only be replaced by an array", range, kind: "TypeError")
        }
        base = .void
        a.items.replaceSubrange(lo..<hi, with: replacement.items)
        base = .array(a)
        return r
      default:
        throw RuntimeError("cannot subscript an array with a value of type '\(args[0].typeName)'", range, kind: "TypeError")
      }
    }
  }

  private func dictionarySubscriptModify(_ base: inout Value, _ d: inout DictionaryValue, _ args: Arguments, _ range: SourceRange, _ body: (inout Value) throws -> Value) throws -> Value {
    do {
      let key = args[0]
      let defaultValue = args.count == 2 && args.labels[1] == "default" ? args[1] : nil
      base = .void
      defer { base = .dictionary(d) }
      return try withRange(range) {
        let k = try d.keyType.map { try $0.coerce(key) } ?? key
        if let existing = try d.get(k) {
          var v = existing
          let r = try body(&v)
          if case .nilValue = v, defaultValue == nil {
            try d.remove(k)
          } else {
            let stored = v.unwrappedOptionalOnce
            try d.set(k, try d.valueType.map { try $0.coerce(stored) } ?? stored)
          }
          return r
        }
        var v = defaultValue ?? .nilValue
        let r = try body(&v)
        if !v.isNil {
          let stored = v.unwrappedOptionalOnce
          try d.set(k, try d.valueType.map { try $0.coerce(stored) } ?? stored)
        }
        return r
      }
    }
  }

  private func otherSubscriptModify(_ base: inout Value, _ args: Arguments, _ range: SourceRange, plain: Bool, _ body: (inout Value) throws -> Value) throws -> Value {
    if let r = try withRange(range, { try userSubscriptModify(&base, args, plain: plain, body) }) { return r }
    switch base {
    case .host(let h):
      return try withRange(range) {
        // A plain assignment may create what does not exist yet (a new table column), so
        // a failed read is not an error here; `+=` on it then fails with a clear message.
        var current = (try? h.subscriptGet(args)) ?? .void
        let r = try body(&current)
        guard let updated = try h.subscriptSet(args, current) else {
          throw HostError("value of type '\(h.typeName)' does not support assignment through a subscript", kind: "TypeError")
        }
        base = updated
        return r
      }
    default:
      throw RuntimeError("cannot assign through a subscript of a value of type '\(base.typeName)'", range, kind: "TypeError")
    }
  }
}

extension Value {
  /// `.some(x)` becomes `x`; anything else is unchanged.
  var unwrappedOptionalOnce: Value {
    if case .some(let x) = self { return x }
    return self
  }
}
