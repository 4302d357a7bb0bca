/// How the evaluator constructs user types and reaches their members.
extension Interpreter {
  /// Calls a method-like user function with `self` as its hidden first argument; returns
  /// the result and `self` as the function left it (for `mutating` methods and `init`).
  func invokeMethod(_ fn: UserFunction, self selfValue: Value, _ args: Arguments) throws -> (result: Value, newSelf: Value) {
    let frame: Frame
    do {
      frame = try fn.makeFrame(Arguments([selfValue] + args.values, labels: ["$self"] + args.labels), trailingClosures: trailingClosureCount(args))
    } catch let e as HostError {
      throw HostError(e.message.replacingOccurrences(of: "$self:", with: ""), kind: e.kind)
    }
    let slot = fn.code.paramSlots[0]
    // A struct's `self` is dropped from the frame so the caller's copy stays unique; a
    // class instance stays (a closure the method made may still use `self`).
    var keepSelf = false
    if case .instance(let i) = selfValue, i.type.kind == .class { keepSelf = true }
    do {
      let r = try invoke(fn.code, frame, site: nil)
      let s = frame.slots[slot]
      if !keepSelf { frame.slots[slot] = .void }
      return (r, s)
    } catch {
      if !keepSelf { frame.slots[slot] = .void }
      throw error
    }
  }

  /// Unlabeled closures at the end of a call, which Swift matches to the last parameters.
  func trailingClosureCount(_ args: Arguments) -> Int {
    var k = 0
    for i in args.values.indices.reversed() {
      guard args.labels[i] == nil, args.values[i].isCallable else { break }
      k += 1
    }
    return k
  }

  /// Calls a user function with `self` in place: the receiver is moved into the callee's
  /// frame (so a struct that nothing else holds is not copied) and moved back after.
  func invokeMutating(_ fn: UserFunction, _ receiver: inout Value, _ args: Arguments) throws -> Value {
    var frame: Frame
    do {
      frame = try fn.makeFrame(Arguments([.void] + args.values, labels: ["$self"] + args.labels), trailingClosures: trailingClosureCount(args))
    } catch let e as HostError {
      throw HostError(e.message.replacingOccurrences(of: "$self:", with: ""), kind: e.kind)
    }
    let slot = fn.code.paramSlots[0]
    swap(&frame.slots[slot], &receiver)
    defer { swap(&frame.slots[slot], &receiver) }
    return try invoke(fn.code, frame, site: nil)
  }

  // MARK: - Construction

  func construct(_ t: UserType, _ args: Arguments) throws -> Value {
    switch t.kind {
    case .protocol:
      throw HostError("type 'any \(t.name)' cannot be instantiated; '\(t.name)' is a protocol", kind: "TypeError")
    case .extension:
      throw HostError("'\(t.name)' cannot be constructed", kind: "TypeError")
    case .enum:
      if args.count == 1, args.labels[0] == "rawValue", t.rawType != nil, t.inits.isEmpty {
        let raw = try t.rawType!.coerce(args[0])
        for (i, c) in t.cases.enumerated() where c.rawValue.map({ valuesEqual($0, raw) }) == true {
          return .some(t.caseValues[i])
        }
        return .nilValue
      }
      if !t.inits.isEmpty { return try runInit(t, Instance(type: t, fields: [], caseIndex: 0), args) }
      throw HostError("enum '\(t.name)' has no initializer taking arguments \(args.labelSpelling)" + (t.rawType == nil ? "" : "; use '\(t.name)(rawValue:)'"), kind: "TypeError")
    case .struct, .class:
      let inst = try blankInstance(t)
      if let initType = initializerOwner(t) {
        let made = try runInit(initType, inst, args)
        if t.kind == .class, !made.isNil, t.hasDeinit { inst.deinitArmed = true }
        return made
      }
      if t.kind == .class {
        guard args.count == 0 else {
          throw HostError("argument passed to call that takes no arguments: class '\(t.name)' has no initializers, only 'init()'", kind: "TypeError")
        }
        try checkInitialized(inst, t)
        if t.hasDeinit { inst.deinitArmed = true }
        return .instance(inst)
      }
      return try memberwise(t, inst, args)
    }
  }

  /// The type whose `init`s construct `t`: its own, or a superclass's when it declares none.
  func initializerOwner(_ t: UserType) -> UserType? {
    var c: UserType? = t
    while let x = c {
      if !x.inits.isEmpty { return x }
      if x.kind != .class { return nil }
      c = x.superclass
    }
    return nil
  }

  func blankInstance(_ t: UserType) throws -> Instance {
    var fields = [Value](repeating: .void, count: t.fieldNames.count)
    for i in fields.indices {
      if let d = t.fieldDefaults[i], let frame = t.declarationFrame ?? Optional(Frame(count: 0, parent: nil)) {
        let v = try d(frame)
        fields[i] = try t.fieldTypes[i].map { try $0.coerce(v) } ?? v
      } else if case .optional? = t.fieldTypes[i], !t.fieldIsLet[i] {
        fields[i] = .nilValue
      }
    }
    // Inherited fields take their defaults from the superclass's declaration.
    var s = t.superclass
    while let sup = s {
      for (i, n) in sup.fieldNames.enumerated() {
        if let d = sup.fieldDefaults[i], let frame = sup.declarationFrame, let j = t.fieldIndex[n] {
          let v = try d(frame)
          fields[j] = try sup.fieldTypes[i].map { try $0.coerce(v) } ?? v
        }
      }
      s = sup.superclass
    }
    return Instance(type: t, fields: fields)
  }

  func runInit(_ owner: UserType, _ inst: Instance, _ args: Arguments) throws -> Value {
    let chosen = matchingInit(owner, args.labels)
    if chosen == nil, inst.type.kind == .struct, !inst.type.declaresInitInBody {
      // Initializers declared in extensions keep the memberwise one (as in Swift).
      return try memberwise(inst.type, inst, args)
    }
    guard let (fn, failable) = chosen ?? owner.inits.last else { throw HostError("'\(owner.name)' has no initializers", kind: "TypeError") }
    let r: Value, newSelf: Value
    do {
      (r, newSelf) = try invokeMethod(fn, self: .instance(inst), args)
    } catch is InitializerFailed {
      // A failable initializer it delegated to returned nil.
      return .nilValue
    }
    if failable, case .nilValue = r { return .nilValue }
    guard case .instance(let made) = newSelf else { return newSelf }
    try checkInitialized(made, made.type)
    return failable ? .some(newSelf) : newSelf
  }

  /// `self.init(…)` inside an initializer: a class runs the chosen initializer on the same
  /// instance; a value type's `self` becomes the value the other initializer makes.
  func delegateInit(_ me: inout Value, _ args: Arguments) throws -> Value {
    guard case .instance(let inst) = me else { throw HostError("'self.init' is only valid inside an initializer", kind: "TypeError") }
    let t = inst.type
    if t.kind == .class {
      guard let owner = initializerOwner(t) else {
        throw HostError("'\(t.name)' has no initializer taking arguments \(args.labelSpelling)", kind: "TypeError")
      }
      guard let (fn, failable) = matchingInit(owner, args.labels) else {
        throw HostError("no initializer of '\(t.name)' takes arguments \(args.labelSpelling)", kind: "TypeError")
      }
      let r = try invokeMethod(fn, self: me, args).result
      if failable, case .nilValue = r { throw InitializerFailed() }
      return .void
    }
    let made = try construct(t, args)
    switch made {
    case .nilValue: throw InitializerFailed()
    case .some(let v): me = v
    default: me = made
    }
    return .void
  }

  /// The initializer of `owner` taking these labels; for a class, also one it inherits
  /// (a superclass's convenience initializer, which then calls back into the subclass).
  func matchingInit(_ owner: UserType, _ labels: [String?]) -> (UserFunction, failable: Bool)? {
    var c: UserType? = owner
    while let t = c {
      for candidate in t.inits.reversed() where (try? candidate.0.code.plan(for: ["$self"] + labels)) != nil { return candidate }
      guard t.kind == .class else { return nil }
      c = t.superclass
    }
    return nil
  }

  /// Runs the `deinit` bodies of a class instance that is going away (the subclass's
  /// first), with `self` a stand-in holding its stored properties: the instance itself
  /// cannot be referenced again. An error inside `deinit` is written to stderr (compiled
  /// Swift would stop the program).
  func runDeinitializers(_ type: UserType, _ fields: [Value], _ references: [Int: WeakReference]?) {
    // Freeing one instance may free the next (a linked list) or a `deinit` may make and
    // drop new instances: nesting is limited like user recursion.
    guard deinitDepth < maxCallDepth else {
      if !deinitLimitReported {
        deinitLimitReported = true
        write("deinit bodies nested more than \(maxCallDepth) deep were skipped (instances freeing each other in a chain)\n", .stderr)
      }
      return
    }
    deinitDepth += 1
    defer { deinitDepth -= 1 }
    let standIn = Instance(type: type, fields: fields)
    standIn.references = references
    var t: UserType? = type
    while let c = t {
      if let d = c.deinitializer {
        do {
          _ = try invokeMethod(d, self: .instance(standIn), Arguments([]))
        } catch {
          write("error in deinit of '\(type.name)': \(error)\n", .stderr)
        }
      }
      t = c.superclass
    }
  }

  /// For a value whose type has been declared again since it was made: says so.
  func redeclaredNote(_ t: UserType) -> String {
    guard t.parent == nil, let current = userTypes[t.name], current !== t else { return "" }
    return " (this value was made by an earlier declaration of '\(t.name)'; the type has been redeclared since, so make the value again to use the new declaration)"
  }

  func checkInitialized(_ inst: Instance, _ t: UserType) throws {
    guard t.kind != .enum else { return }
    for (i, v) in inst.fields.enumerated() where v.isVoid {
      if case .void? = inst.type.fieldTypes[i] { continue }
      if inst.type.lazyFields.contains(i) { continue }
      throw HostError("return from initializer without initializing all stored properties: 'self.\(inst.type.fieldNames[i])' is not initialized", kind: "TypeError")
    }
  }

  /// Swift's memberwise initializer: every stored property in order, labeled with its
  /// name; those with a default value may be left out (except `let`s, which are not
  /// parameters at all).
  func memberwise(_ t: UserType, _ inst: Instance, _ args: Arguments) throws -> Value {
    let plan = try Interpreter.memberwisePlan(t, args.labels)
    for (k, p) in plan.enumerated() {
      do {
        inst.fields[p] = try t.fieldTypes[p].map { try $0.coerce(args[k]) } ?? args[k]
      } catch let e as HostError {
        throw HostError("argument '\(t.fieldNames[p])' of '\(Interpreter.memberwiseName(t))': \(e.message)", kind: e.kind)
      }
    }
    return .instance(inst)
  }

  static func memberwiseName(_ t: UserType) -> String {
    t.name + "(" + t.fieldNames.indices.filter { !(t.fieldIsLet[$0] && t.fieldDefaults[$0] != nil) }.map { t.fieldNames[$0] + ":" }.joined() + ")"
  }

  /// Which stored property each argument of the memberwise initializer fills; throws
  /// Swift's messages for a missing, extra or misordered argument.
  static func memberwisePlan(_ t: UserType, _ labels: [String?], defaultsKnown: Bool = true) throws -> [Int] {
    if let last = t.lastMemberwisePlan, last.labels == labels { return last.plan }
    let plan = try makeMemberwisePlan(t, labels)
    if t.declarationFrame != nil { t.lastMemberwisePlan = (labels, plan) }  // defaults are compiled: the plan is final
    return plan
  }

  private static func makeMemberwisePlan(_ t: UserType, _ labels: [String?]) throws -> [Int] {
    var p = 0
    let names = t.fieldNames
    let hasDefault: [Bool] = names.indices.map { t.fieldDefaults[$0] != nil || t.fieldHasDefault.contains(names[$0]) }
    let isParameter: [Bool] = names.indices.map { !(t.fieldIsLet[$0] && hasDefault[$0]) }
    var expected: String { memberwiseName(t) }
    var plan: [Int] = []
    for label in labels {
      while p < names.count, !isParameter[p] || (label != names[p] && hasDefault[p]) { p += 1 }
      guard p < names.count, label == names[p] else {
        if let l = label, names.contains(l) {
          throw HostError("argument '\(l)' must follow the order of the stored properties in '\(expected)'", kind: "TypeError")
        }
        if let l = label { throw HostError("extra argument '\(l)' in call to '\(expected)'", kind: "TypeError") }
        let want = p < names.count ? names[p] : nil
        throw HostError(want.map { "missing argument label '\($0):' in call to '\(expected)'" } ?? "extra argument in call to '\(expected)'", kind: "TypeError")
      }
      plan.append(p)
      p += 1
    }
    for i in names.indices where isParameter[i] && !plan.contains(i) && !hasDefault[i] {
      throw HostError("missing argument for parameter '\(names[i])' in call to '\(expected)'", kind: "TypeError")
    }
    return plan
  }

  // MARK: - Members

  func instanceProperty(_ inst: Instance, _ v: Value, _ name: String) throws -> Value? {
    let t = inst.type
    if let i = t.fieldIndex[name] {
      if inst.fields[i].isVoid, let make = t.lazyInitializer(i) {
        // A `lazy var` read for the first time.
        let made = try invokeMethod(make, self: v, Arguments([])).result
        inst.fields[i] = try t.fieldTypes[i].map { try $0.coerce(made) } ?? made
      }
      if let isUnowned = t.referenceFields[i], let box = inst.references?[i], box.target == nil, isUnowned {
        throw HostError("attempted to read an unowned reference ('\(name)') but the object was already deallocated", kind: "RuntimeError")
      }
      if t.implicitlyUnwrappedFields.contains(i) {
        switch inst.fieldValue(i) {
        case .some(let x): return x
        case .nilValue: throw HostError("unexpectedly found nil while implicitly unwrapping an Optional value ('\(name)')", kind: "NilError")
        case let x: return x
        }
      }
      return inst.fieldValue(i)
    }
    if let g = t.getter(name) { return try invokeMethod(g, self: v, Arguments([])).result }
    if name == "rawValue", t.kind == .enum, let raw = t.cases[inst.caseIndex].rawValue { return raw }
    if name == "hashValue", t.isHashable {
      var h = Hasher()
      ValueKey.hashValue(v, into: &h)
      return .int(h.finalize())
    }
    if name == "description" { return .string(inst.describe(debug: false)) }
    if name == "localizedDescription", t.conforms(to: "Error") {
      return .string("The operation couldn’t be completed. (main.\(t.name) error \(inst.caseIndex).)")
    }
    if t.method(name) != nil {
      throw HostError("'\(name)' is a method of '\(t.name)'; call it with '\(name)(…)'", kind: "TypeError")
    }
    return nil
  }

  func typeProperty(_ t: UserType, _ name: String) throws -> Value? {
    if let n = t.nestedTypes[name] { return .type(n.typeObject) }
    if let i = t.caseIndex[name] {
      let c = t.cases[i]
      if c.payload == nil { return t.caseValues[i] }
      return .function(BuiltinFunction(name: "\(t.name).\(name)", signature: "", doc: "") { [unowned self] args, _ in
        try self.makeCase(t, i, args)
      })
    }
    if name == "allCases", t.kind == .enum {
      guard t.conforms(to: "CaseIterable") else {
        throw HostError("type '\(t.name)' has no member 'allCases'; declare 'enum \(t.name): CaseIterable'", kind: "AttributeError")
      }
      return .array(ArrayValue(t.caseValues))
    }
    var c: UserType? = t
    while let x = c {
      if let cell = try staticCell(x, name) { return cell.value }
      if let g = x.staticGetters[name] { return try invokeMethod(g, self: .type(x.typeObject), Arguments([])).result }
      c = x.superclass
    }
    for p in t.allProtocols {
      if let g = p.staticGetters[name] { return try invokeMethod(g, self: .type(t.typeObject), Arguments([])).result }
    }
    if t.staticMethod(name, labels: nil) != nil {
      throw HostError("'\(t.name).\(name)' is a method; call it with '(…)'", kind: "TypeError")
    }
    return nil
  }

  /// A static stored property, initialized on first use (as Swift does).
  func staticCell(_ t: UserType, _ name: String) throws -> GlobalCell? {
    guard let cell = t.staticValues[name] else { return nil }
    if !cell.isDefined, let initial = t.staticInitializers[name], let frame = t.declarationFrame {
      let v = try initial(frame)
      cell.value = try cell.type.map { try $0.coerce(v) } ?? v
      cell.isDefined = true
    }
    return cell
  }

  func makeCase(_ t: UserType, _ i: Int, _ args: Arguments) throws -> Value {
    let c = t.cases[i]
    let labels = c.payload ?? []
    let spelled = "\(t.name).\(c.name)(" + labels.map { ($0 ?? "_") + ":" }.joined() + ")"
    if labels.count == 1, labels[0] == nil, args.count > 1 {
      // `case point((Int, Int))` called with two values.
      return .instance(Instance(type: t, fields: [.tuple(TupleValue(args.values))], caseIndex: i))
    }
    guard args.count == labels.count else {
      throw HostError(args.count < labels.count ? "missing argument for parameter '\(labels[args.count] ?? "_")' in call to '\(spelled)'" : "extra argument in call to '\(spelled)'", kind: "TypeError")
    }
    var fields: [Value] = []
    for (k, l) in labels.enumerated() {
      guard args.labels[k] == l else {
        throw HostError(l.map { "missing argument label '\($0):' in call to '\(spelled)'" } ?? "extraneous argument label '\(args.labels[k]!):' in call to '\(spelled)'", kind: "TypeError")
      }
      fields.append(try c.payloadTypes[k].map { try $0.coerce(args[k]) } ?? args[k])
    }
    return .instance(Instance(type: t, fields: fields, caseIndex: i))
  }

  func callInstanceMethod(_ inst: Instance, _ v: Value, _ name: String, _ args: Arguments) throws -> Value? {
    let t = inst.type
    if let m = t.method(name, labels: args.labels) {
      if t.isValueType, t.isMutating(name) {
        throw HostError("cannot use mutating member '\(name)' on an immutable value of type '\(t.name)'; store it in a 'var' first", kind: "TypeError")
      }
      return try invokeMethod(m, self: v, args).result
    }
    if let f = try? instanceProperty(inst, v, name), f.isCallable { return try callValue(f, args) }
    return nil
  }

  func callTypeMethod(_ t: UserType, _ name: String, _ args: Arguments) throws -> Value? {
    if let i = t.caseIndex[name], t.cases[i].payload != nil { return try makeCase(t, i, args) }
    if name == "init" { return try construct(t, args) }
    if let n = t.nestedTypes[name] { return try construct(n, args) }
    if let m = t.staticMethod(name, labels: args.labels) {
      return try invokeMethod(m, self: .type(t.typeObject), args).result
    }
    if let f = try typeProperty(t, name), f.isCallable { return try callValue(f, args) }
    return nil
  }

  /// `x.name op= …` for a plain stored property whose index a site has cached (no
  /// observers, not lazy, assignable): copy on write for structs, then in place.
  func storedFieldModify(_ v: inout Value, _ i: Int, _ body: (inout Value) throws -> Value) throws -> Value {
    guard case .instance(var inst) = v, i < inst.fields.count else { return .void }
    let copyOnWrite = inst.type.isValueType
    if copyOnWrite {
      v = .void
      if !isKnownUniquelyReferenced(&inst) {
        inst = inst.copy()
        structCopies &+= 1
      }
    }
    defer { if copyOnWrite { v = .instance(inst) } }
    let r = try body(&inst.fields[i])
    if let ft = inst.type.fieldTypes[i] {
      switch (ft, inst.fields[i]) {
      case (.int, .int), (.double, .double), (.string, .string), (.bool, .bool): break
      default: inst.fields[i] = try ft.coerce(inst.fields[i])
      }
    }
    return r
  }

  /// Whether a site may cache stored property `name` of `t` for `storedFieldModify`.
  func isPlainStoredField(_ t: UserType, _ name: String, allowLet: Bool) -> Int? {
    guard let i = t.fieldIndex[name], allowLet || !t.fieldIsLet[i], !t.lazyFields.contains(i), t.referenceFields[i] == nil,
          !t.implicitlyUnwrappedFields.contains(i), t.observerChain(name) == nil else { return nil }
    return i
  }

  /// `x.name op= …` on a struct (copy on write), a class instance (shared) or a static.
  func instanceMemberModify(_ v: inout Value, _ name: String, allowLet: Bool, _ body: (inout Value) throws -> Value) throws -> Value {
    guard case .instance(var inst) = v else { return .void }
    let t = inst.type
    let copyOnWrite = t.isValueType
    if copyOnWrite {
      v = .void
      if !isKnownUniquelyReferenced(&inst) {
        inst = inst.copy()
        structCopies &+= 1
      }
    }
    defer { if copyOnWrite { v = .instance(inst) } }
    if let i = t.fieldIndex[name] {
      if t.fieldIsLet[i], !allowLet {
        throw HostError("cannot assign to property: '\(name)' is a 'let' constant", kind: "TypeError")
      }
      if inst.fields[i].isVoid, t.lazyInitializer(i) != nil { _ = try instanceProperty(inst, .instance(inst), name) }
      if t.implicitlyUnwrappedFields.contains(i), t.referenceFields[i] == nil, inst.observing != i, t.observerChain(name) == nil {
        // `T!`: changed through as the unwrapped value (`country.capital.name = …`).
        var current = inst.fields[i]
        if case .some(let x) = current { current = x }
        let r = try body(&current)
        if let ft = t.fieldTypes[i] { current = try ft.coerce(current) }
        inst.fields[i] = current
        return r
      }
      if t.referenceFields[i] != nil {
        // `weak`/`unowned`: keep only a weak reference to the instance stored.
        var current = inst.fieldValue(i)
        let r = try body(&current)
        if let ft = t.fieldTypes[i] { current = try ft.coerce(current) }
        let target: Instance?
        switch current {
        case .instance(let o), .some(.instance(let o)): target = o
        case .nilValue: target = nil
        default:
          throw HostError("'\(t.referenceFields[i]! ? "unowned" : "weak")' may only be applied to class instances, not a value of type '\(current.typeName)'", kind: "TypeError")
        }
        if let o = target, o.type.kind != .class {
          throw HostError("'\(t.referenceFields[i]! ? "unowned" : "weak")' may only be applied to class instances, not a value of type '\(o.type.name)'", kind: "TypeError")
        }
        if inst.references == nil { inst.references = [:] }
        inst.references![i] = WeakReference(target)
        inst.fields[i] = .nilValue
        return r
      }
      if inst.observing != i, let chain = t.observerChain(name) {
        // willSet from the subclass up, the store, didSet from the superclass down; an
        // assignment to the property inside its own observers stores without observing.
        let old = inst.fields[i]
        var new = old
        let r = try body(&new)
        if let ft = t.fieldTypes[i] { new = try ft.coerce(new) }
        for obs in chain { if let w = obs.willSet { try runObserver(w, &inst, i, new) } }
        inst.fields[i] = new
        for obs in chain.reversed() { if let d = obs.didSet { try runObserver(d, &inst, i, old) } }
        return r
      }
      let r = try body(&inst.fields[i])
      if let ft = t.fieldTypes[i] {
        switch (ft, inst.fields[i]) {
        case (.int, .int), (.double, .double), (.string, .string), (.bool, .bool): break
        default: inst.fields[i] = try ft.coerce(inst.fields[i])
        }
      }
      return r
    }
    if let g = t.getter(name) {
      guard let s = t.setter(name) else {
        throw HostError("cannot assign to property: '\(name)' is a get-only property", kind: "TypeError")
      }
      var current = try invokeMethod(g, self: .instance(inst), Arguments([])).result
      let r = try body(&current)
      var selfValue = Value.instance(inst)
      if copyOnWrite { inst = Instance(type: t, fields: [], caseIndex: 0) }  // drop our reference
      _ = try invokeMutating(s, &selfValue, Arguments([current]))
      if case .instance(let updated) = selfValue { inst = updated }
      return r
    }
    throw HostError("value of type '\(t.name)' has no member '\(name)'" + redeclaredNote(t), kind: "AttributeError")
  }

  /// Runs a property observer as a mutating method of the instance (so it may change
  /// `self`, the struct not copied), with the property marked as being observed.
  func runObserver(_ fn: UserFunction, _ inst: inout Instance, _ field: Int, _ argument: Value) throws {
    let saved = inst.observing
    inst.observing = field
    var selfValue = Value.instance(inst)
    if inst.type.isValueType { inst = Instance(type: inst.type, fields: [], caseIndex: 0) }  // drop our reference
    defer {
      if case .instance(let updated) = selfValue { inst = updated }
      inst.observing = saved
    }
    _ = try invokeMutating(fn, &selfValue, Arguments([argument]))
  }

  func staticMemberModify(_ t: UserType, _ name: String, _ body: (inout Value) throws -> Value) throws -> Value {
    var c: UserType? = t
    while let x = c {
      if let cell = try staticCell(x, name) {
        if cell.isLet { throw HostError("cannot assign to property: '\(name)' is a 'let' constant", kind: "TypeError") }
        let r = try body(&cell.value)
        if let ty = cell.type { cell.value = try ty.coerce(cell.value) }
        return r
      }
      if let g = x.staticGetters[name], let s = x.staticSetters[name] {
        var current = try invokeMethod(g, self: .type(x.typeObject), Arguments([])).result
        let r = try body(&current)
        _ = try invokeMethod(s, self: .type(x.typeObject), Arguments([current]))
        return r
      }
      c = x.superclass
    }
    throw HostError("type '\(t.name)' has no static member '\(name)'", kind: "AttributeError")
  }

  /// Operators on user values: the type's own `static func` operators, then what Swift
  /// synthesizes (`==` for Equatable, `<` for Comparable enums, `!=`/`>`/`<=`/`>=` from those).
  func userBinary(_ op: String, _ a: Value, _ b: Value) throws -> Value? {
    var types: [UserType] = []
    if case .instance(let x) = a { types.append(x.type) }
    if case .instance(let y) = b { types.append(y.type) }
    if types.isEmpty { return nil }
    func call(_ o: String, _ x: Value, _ y: Value) throws -> Value? {
      for t in types {
        let fns = t.userOperator(o).filter { $0.code.labels.count == 3 }
        if fns.isEmpty { continue }
        for fn in fns.reversed() {
          if fns.count > 1, fn.code.paramTypes.count == 3, !zip(fn.code.paramTypes.dropFirst(), [x, y]).allSatisfy({ $0.0 == nil || valueIs($0.1, $0.0!) || (try? $0.0!.coerce($0.1)) != nil }) { continue }
          return try invokeMethod(fn, self: .type(t.typeObject), Arguments([x, y], labels: Array(fn.code.labels.dropFirst()))).result
        }
      }
      return nil
    }
    if let r = try call(op, a, b) { return r }
    func truth(_ v: Value?) -> Bool? { if case .bool(let t)? = v { return t }; return nil }
    switch op {
    case "!=":
      if let r = truth(try call("==", a, b)) { return .bool(!r) }
    case ">":
      if let r = try call("<", b, a) { return r }
    case "<=":
      if let r = truth(try call("<", b, a)) { return .bool(!r) }
    case ">=":
      if let r = truth(try call("<", a, b)) { return .bool(!r) }
    default: break
    }
    if case .instance(let x) = a, case .instance(let y) = b {
      switch op {
      case "==", "!=":
        guard x.type.isEquatable || x.type.kind == .class && op == "" else {
          throw HostError("binary operator '\(op)' cannot be applied to two '\(x.type.name)' operands; declare '\(x.type.name): Equatable'", kind: "TypeError")
        }
        let eq = instancesEqual(x, y)
        return .bool(op == "==" ? eq : !eq)
      case "<", ">", "<=", ">=":
        guard x.type.kind == .enum, x.type.conforms(to: "Comparable"), x.type === y.type else { break }
        // Swift's synthesized order: by case, then by associated values in order.
        if x.caseIndex != y.caseIndex { return comparison(op, x.caseIndex, y.caseIndex) }
        var order = 0
        for (a, b) in zip(x.fields, y.fields) {
          if case .bool(true) = try binary("<", a, b) { order = -1; break }
          if case .bool(true) = try binary("<", b, a) { order = 1; break }
        }
        return comparison(op, order, 0)
      case "===": return .bool(x === y)
      case "!==": return .bool(x !== y)
      default: break
      }
    }
    return nil
  }

  /// `-v`, `!v` on a user value: the type's `static prefix func`.
  func userPrefix(_ op: String, _ v: Value) throws -> Value {
    guard case .instance(let i) = v, let fn = i.type.userOperator(op).last(where: { $0.code.labels.count == 2 }) else {
      throw HostError("unary operator '\(op)' cannot be applied to an operand of type '\(v.typeName)'", kind: "TypeError")
    }
    return try invokeMethod(fn, self: .type(i.type.typeObject), Arguments([v], labels: [fn.code.labels[1]])).result
  }

  /// A method a user's `extension` added to a built-in type (`extension Double { … }`).
  func extensionMember(of v: Value, _ name: String) -> (UserType, Value)? {
    if let ext = extensionMember(of: v), ext.methods[name] != nil || ext.getters[name] != nil { return (ext, v) }
    // `42.km` with `extension Double`: an integer literal takes the type that has the member.
    if case .int(let i) = v, let ext = builtinExtensions["Double"], ext.methods[name] != nil || ext.getters[name] != nil { return (ext, .double(Double(i))) }
    return nil
  }

  func extensionMember(of v: Value) -> UserType? {
    let key: String
    switch v {
    case .int: key = "Int"
    case .double: key = "Double"
    case .string: key = "String"
    case .bool: key = "Bool"
    case .array: key = "Array"
    case .dictionary: key = "Dictionary"
    case .range, .doubleRange: key = "Range"
    case .nilValue, .some: key = "Optional"
    case .host(let h): key = h.typeName
    default: return nil
    }
    return builtinExtensions[key]
  }
}

// MARK: - Subscripts and key paths

extension Interpreter {
  /// `value[args]` on a user type's instance, a type (`static subscript`), or a built-in
  /// value whose extension declares a subscript taking these labels. Nil when none fits.
  func userSubscriptGet(_ base: Value, _ args: Arguments) throws -> Value? {
    switch base {
    case .instance(let inst):
      guard let s = inst.type.subscriptAccessors(args.labels, values: args.values) else {
        throw HostError(inst.type.hasAnySubscript
                        ? "no subscript of '\(inst.type.name)' takes arguments \(args.labelSpelling)"
                        : "value of type '\(inst.type.name)' has no subscripts", kind: "TypeError")
      }
      return try invokeMethod(s.get, self: base, args).result
    case .type(let t):
      guard let u = t.user, let s = u.subscriptAccessors(args.labels, isStatic: true, values: args.values) else { return nil }
      return try invokeMethod(s.get, self: base, args).result
    default:
      guard let ext = extensionMember(of: base), let s = ext.subscriptAccessors(args.labels, values: args.values) else { return nil }
      return try invokeMethod(s.get, self: base, args).result
    }
  }

  /// `value[args] op= …` through a user subscript's getter and setter. Nil when the value
  /// has no user subscript for these labels.
  func userSubscriptModify(_ base: inout Value, _ args: Arguments, plain: Bool = false, _ body: (inout Value) throws -> Value) throws -> Value? {
    let accessors: (get: UserFunction, set: UserFunction?)?
    var isClass = false
    var ownerName = base.typeName
    switch base {
    case .instance(let inst):
      accessors = inst.type.subscriptAccessors(args.labels, values: args.values)
      isClass = inst.type.kind == .class
      ownerName = inst.type.name
      if accessors == nil {
        throw HostError(inst.type.hasAnySubscript
                        ? "no subscript of '\(inst.type.name)' takes arguments \(args.labelSpelling)"
                        : "value of type '\(inst.type.name)' has no subscripts", kind: "TypeError")
      }
    case .type(let t):
      accessors = t.user?.subscriptAccessors(args.labels, isStatic: true, values: args.values)
      isClass = true
    default:
      accessors = extensionMember(of: base)?.subscriptAccessors(args.labels, values: args.values)
    }
    guard let (get, set) = accessors else { return nil }
    guard let set else {
      throw HostError("cannot assign through subscript: subscript is get-only (the subscript of '\(ownerName)' has no setter)", kind: "TypeError")
    }
    var current = plain ? Value.void : try invokeMethod(get, self: base, args).result
    let r = try body(&current)
    let setArgs = Arguments(args.values + [current], labels: args.labels + [nil])
    if isClass {
      _ = try invokeMethod(set, self: base, setArgs)
    } else {
      _ = try invokeMutating(set, &base, setArgs)
    }
    return r
  }

  /// `value[keyPath: path]`.
  func keyPathGet(_ base: Value, _ path: Value) throws -> Value {
    guard case .function(let f) = path, let kp = f as? KeyPathFunction else {
      throw HostError("cannot use a value of type '\(path.typeName)' as a key path", kind: "TypeError")
    }
    return try kp.apply(base, self)
  }

  /// `value[keyPath: path] op= …`: through each property in turn, in place.
  func keyPathModify(_ base: inout Value, _ path: Value, _ body: (inout Value) throws -> Value) throws -> Value {
    guard case .function(let f) = path, let kp = f as? KeyPathFunction else {
      throw HostError("cannot use a value of type '\(path.typeName)' as a key path", kind: "TypeError")
    }
    func walk(_ v: inout Value, _ rest: ArraySlice<String>) throws -> Value {
      guard let first = rest.first else { return try body(&v) }
      return try memberModify(&v, first) { inner in try walk(&inner, rest.dropFirst()) }
    }
    return try walk(&base, kp.components[...])
  }
}

/// A key path, `\Person.name` or `\.address.city`: a function from a root value to the
/// property at the end of the path (so `people.map(\.name)` works), also usable with
/// `value[keyPath: path]` to read and write.
final class KeyPathFunction: Function {
  let root: String?
  let components: [String]

  init(root: String?, components: [String]) {
    self.root = root
    self.components = components
    super.init(name: "\\" + (root ?? "") + "." + components.joined(separator: "."), isUser: false)
  }

  func apply(_ value: Value, _ interp: Interpreter) throws -> Value {
    if let root, case .instance(let i) = value, !valueSatisfies(value, root, interp) {
      throw HostError("key path of root type '\(root)' cannot be applied to a value of type '\(i.type.name)'", kind: "TypeError")
    }
    var v = value
    for c in components { v = try interp.property(v, c) }
    return v
  }

  override func call(_ args: Arguments, _ interpreter: Interpreter) throws -> Value {
    guard args.count == 1 else {
      throw HostError("key path \(name) takes one value, not \(args.count)", kind: "TypeError")
    }
    return try apply(args[0], interpreter)
  }
}
