/// A compiled function or closure body with its parameter layout.
final class CompiledFunction {
  let name: String
  /// `f(x:y:)`, used in stacks and messages.
  let displayName: String
  let labels: [String?]
  let paramSlots: [Int]
  let paramTypes: [CompiledType?]
  /// Default values, evaluated in the frame the function captured.
  let defaults: [Eval?]
  let variadicIndex: Int?
  let returnType: CompiledType?
  let file: SourceFile
  let isClosure: Bool
  var slotCount = 0
  var body: Exec = { _ in .normal }
  /// `paramTypes` and `returnType` as small codes, so the common checks (an `Int`
  /// argument for an `Int` parameter) need no copy of the type or the value.
  let paramKinds: [TypeKind]
  let returnKind: TypeKind
  /// Finished frames of this function, ready for reuse (see `Interpreter.makeFrame`).
  var spareFrames: Frame?
  var spareCount = 0

  init(name: String, displayName: String, labels: [String?], paramSlots: [Int], paramTypes: [CompiledType?],
       defaults: [Eval?], variadicIndex: Int?, returnType: CompiledType?, file: SourceFile, isClosure: Bool)
  {
    self.name = name
    self.displayName = displayName
    self.labels = labels
    self.paramSlots = paramSlots
    self.paramTypes = paramTypes
    self.defaults = defaults
    self.variadicIndex = variadicIndex
    self.returnType = returnType
    self.file = file
    self.isClosure = isClosure
    self.paramKinds = paramTypes.map(TypeKind.init)
    self.returnKind = TypeKind(returnType)
  }

  /// Maps the labels of a call to parameter indices: `plan[i]` is the parameter that
  /// argument `i` fills. Throws Swift's messages for wrong or missing labels.
  func plan(for argLabels: [String?], trailingClosures: Int = 0) throws -> [Int] {
    if isClosure {
      guard argLabels.count == labels.count else {
        throw HostError("closure expects \(labels.count) argument\(labels.count == 1 ? "" : "s"), but \(argLabels.count) \(argLabels.count == 1 ? "was" : "were") passed", kind: "TypeError")
      }
      return Array(0..<argLabels.count)
    }
    if trailingClosures > 0, trailingClosures <= labels.count {
      // Trailing closures fill the last parameters, whatever their labels.
      let k = trailingClosures
      if let lead = try? match(Array(argLabels.dropLast(k)), parameterCount: labels.count - k) {
        return lead + Array((labels.count - k)..<labels.count)
      }
    }
    return try match(argLabels, parameterCount: labels.count)
  }

  /// Matches argument labels to the first `parameterCount` parameters in order, skipping
  /// parameters that have default values.
  private func match(_ argLabels: [String?], parameterCount: Int) throws -> [Int] {
    var plan: [Int] = []
    var p = 0
    for label in argLabels {
      while p < parameterCount, labels[p] != label, defaults[p] != nil || p == variadicIndex {
        if p == variadicIndex, plan.last == p, label == nil { break }
        p += 1
      }
      if p < parameterCount, labels[p] == label {
        plan.append(p)
        if p != variadicIndex { p += 1 }
      } else if let v = variadicIndex, plan.last == v, label == nil {
        plan.append(v)
      } else {
        let expected = "(" + labels.map { ($0 ?? "_") + ":" }.joined() + ")"
        let got = "(" + argLabels.map { ($0 ?? "_") + ":" }.joined() + ")"
        if p < parameterCount, let want = labels[p] {
          throw HostError("missing argument label '\(want):' in call to '\(name)' (called as \(name)\(got), declared as \(name)\(expected))", kind: "TypeError")
        }
        throw HostError("incorrect arguments in call to '\(name)': called as \(name)\(got), declared as \(name)\(expected)", kind: "TypeError")
      }
    }
    for q in 0..<parameterCount where !plan.contains(q) && defaults[q] == nil && q != variadicIndex {
      throw HostError("missing argument for parameter '\(labels[q] ?? "_")' in call to '\(displayName)'", kind: "TypeError")
    }
    return plan
  }
}

/// A user function or closure value: compiled code plus the frame it captured.
final class UserFunction: Function {
  let code: CompiledFunction
  let captured: Frame

  init(_ code: CompiledFunction, captured: Frame) {
    self.code = code
    self.captured = captured
    super.init(name: code.name, isUser: true)
  }

  /// Builds the callee's frame from evaluated arguments.
  func makeFrame(_ args: Arguments, trailingClosures: Int = 0) throws -> Frame {
    var values = args.values
    if code.isClosure, values.count == 1, code.labels.count > 1, case .tuple(let t) = values[0], t.items.count == code.labels.count {
      values = t.items  // `{ a, b in … }` called with one pair: Swift splats it.
    }
    let labels = code.isClosure ? Array(repeating: nil, count: values.count) : args.labels
    let plan = try code.plan(for: labels, trailingClosures: trailingClosures)
    let frame = Frame(count: code.slotCount, parent: captured)
    var filled = [Bool](repeating: false, count: code.labels.count)
    var variadic: [Value] = []
    for (i, p) in plan.enumerated() {
      let v = try code.paramTypes[p].map { try $0.coerce(values[i]) } ?? values[i]
      if p == code.variadicIndex {
        variadic.append(v)
      } else {
        frame.slots[code.paramSlots[p]] = v
      }
      filled[p] = true
    }
    if let vi = code.variadicIndex { frame.slots[code.paramSlots[vi]] = .array(ArrayValue(variadic)) }
    for p in 0..<code.labels.count where !filled[p] && p != code.variadicIndex {
      if let d = code.defaults[p] {
        let v = try d(captured)
        frame.slots[code.paramSlots[p]] = try code.paramTypes[p].map { try $0.coerce(v) } ?? v
      }
    }
    return frame
  }

  override var closureParameterCount: Int? { code.isClosure ? code.labels.count : nil }

  override var parameterLabels: [String?]? { code.isClosure ? nil : code.labels }

  override func call(_ args: Arguments, _ interpreter: Interpreter) throws -> Value {
    let frame: Frame
    do {
      frame = try makeFrame(args)
    } catch let e as HostError {
      throw RuntimeError(e.message, nil, kind: e.kind)
    }
    return try interpreter.invoke(code, frame, site: nil)
  }
}

extension Compiler {
  /// Compiles `func name(…) { … }` and returns the statement that binds it.
  func compileFunctionDecl(_ decl: FunctionDecl, predeclared: Bool = false) -> Exec {
    let store: Store
    if isTopLevel {
      let cell = pendingGlobals[decl.name]?.0 ?? interp.globals[decl.name] ?? GlobalCell(name: decl.name)
      pendingGlobals[decl.name] = (cell, true)
      store = .global(cell, isLet: true, type: nil)
    } else if predeclared, let v = scope.lookup(decl.name) {
      store = .local(v.slot)
    } else {
      store = declare(decl.name, isLet: true, type: nil, range: decl.nameRange)
    }
    genericScopes.append(Dictionary(decl.genericParameters.map { ($0.0, $0.1) }, uniquingKeysWith: { a, b in a + b }))
    defer { genericScopes.removeLast() }
    let savedThrows = throwsAllowed
    throwsAllowed = decl.isThrowing
    defer { throwsAllowed = savedThrows }
    mutableParameters = Set(decl.parameters.filter(\.isInout).map(\.name))
    if isTopLevel { if decl.isThrowing && !decl.modifiers.contains("rethrows") { pendingThrowing.insert(decl.name) } else { pendingNonThrowing.insert(decl.name) } }
    let code = compileFunctionBody(
      name: decl.name, displayName: decl.signatureName, parameters: decl.parameters.map { ($0.label, $0.name, $0.type, $0.defaultValue, $0.isVariadic) },
      returnType: decl.returnType, body: decl.body, isClosure: false)
    var doc = "func " + decl.name + "(" + decl.parameters.map { p in
      let head = p.label == p.name ? p.name : "\(p.label ?? "_") \(p.name)"
      return head + (p.type.map { ": \($0)" } ?? "") + (p.isVariadic ? "..." : "") + (p.defaultValue != nil ? " = " + file.text(in: p.defaultValue!.range) : "")
    }.joined(separator: ", ") + ")" + (decl.returnType.map { " -> \($0)" } ?? "")
    if let d = decl.doc { doc += "\n\n" + d }
    let bind = storeClosure(store, doc: doc)
    return { f in
      bind(f, .function(UserFunction(code, captured: f)))
      return .normal
    }
  }

  func compileFunctionBody(name: String, displayName: String, parameters: [(String?, String, TypeRef?, Expr?, Bool)],
                           returnType: TypeRef?, body: [Stmt], isClosure: Bool, firstParameterMutable: Bool = false) -> CompiledFunction
  {
    // Default values are compiled in the declaring scope.
    var defaults: [Eval?] = []
    for p in parameters {
      if let e = p.3 { defaults.append(withHint(p.2.map { compileType($0) }) { compileExpr(e) }) } else { defaults.append(nil) }
    }
    let fs = FrameScope(parent: scope, isFunction: true)
    fs.memberContext = pendingMemberContext
    pendingMemberContext = nil
    let mutable = mutableParameters
    mutableParameters = []
    let savedLabels = labelStack
    labelStack = []
    defer { labelStack = savedLabels }
    let saved = (scope, loopDepth, switchDepth)
    scope = fs
    loopDepth = 0
    switchDepth = 0
    functionDepth += 1
    var slots: [Int] = []
    for p in parameters {
      let type = p.2.map { compileType($0) }
      if fs.blocks[0][p.1] != nil { error("invalid redeclaration of parameter '\(p.1)'", SourceRange(at: .start)) }
      slots.append(fs.declare(p.1, isLet: !(firstParameterMutable && slots.isEmpty) && !mutable.contains(p.1), type: type))
    }
    fs.pushBlock()  // the body may shadow parameters
    let rt = returnType.map { compileType($0) }
    returnTypes.append(rt)
    let code = CompiledFunction(
      name: name, displayName: displayName, labels: parameters.map(\.0), paramSlots: slots,
      paramTypes: parameters.map { $0.2.map { compileType($0) } },
      defaults: defaults, variadicIndex: parameters.firstIndex { $0.4 }, returnType: rt, file: file, isClosure: isClosure)
    // A body that is a single expression returns it (Swift 5.9 implicit return).
    if body.count == 1, case .expression(let e) = body[0].kind, !e.isAssignment {
      let ev = isImplicitMember(e) ? withHint(rt) { compileExpr(e) } : compileExpr(e)
      code.body = { f in .returned(try ev(f)) }
    } else {
      code.body = compileStatements(body)
    }
    returnTypes.removeLast()
    functionDepth -= 1
    code.slotCount = fs.slotCount
    (scope, loopDepth, switchDepth) = saved
    return code
  }

  func compileClosure(_ c: ClosureExpr, range: SourceRange, firstParameterMutable: Bool = false) -> Eval {
    let savedThrows = throwsAllowed
    throwsAllowed = true
    defer { throwsAllowed = savedThrows }
    if !c.captures.isEmpty {
      // `[x, y = e] in`: the values are copied when the closure is made, into a frame of
      // their own that the closure captures.
      let inits = c.captures.map { EvalBox(run: compileExpr($0.1)) }
      let captureScope = FrameScope(parent: scope, isFunction: false)
      for (n, _) in c.captures { _ = captureScope.declare(n, isLet: true, type: nil) }
      let saved = scope
      scope = captureScope
      let inner = ClosureExpr(parameters: c.parameters, returnType: c.returnType, body: c.body, anonymousCount: c.anonymousCount)
      let make = compileClosure(inner, range: range, firstParameterMutable: firstParameterMutable)
      scope = saved
      let count = captureScope.slotCount
      return { f in
        let cf = Frame(count: count, parent: f)
        for (i, ev) in inits.enumerated() { cf.slots[i] = try ev.run(f) }
        return try make(cf)
      }
    }
    var params: [(String?, String, TypeRef?, Expr?, Bool)] = c.parameters.map { (nil, $0.0, $0.1, nil, false) }
    if c.parameters.isEmpty && c.anonymousCount > 0 {
      params = (0..<c.anonymousCount).map { (nil, "$\($0)", nil, nil, false) }
    }
    let line = range.start.line
    let code = compileFunctionBody(name: "closure", displayName: "closure at line \(line)", parameters: params, returnType: c.returnType, body: c.body, isClosure: true, firstParameterMutable: firstParameterMutable)
    return { f in .function(UserFunction(code, captured: f)) }
  }
}

/// A coarse code for an annotation: the cases a value can be checked against by its tag.
enum TypeKind: UInt8 {
  case unchecked, int, double, string, bool, other

  init(_ t: CompiledType?) {
    switch t {
    case nil, .any?: self = .unchecked
    case .int?: self = .int
    case .double?: self = .double
    case .string?: self = .string
    case .bool?: self = .bool
    default: self = .other
    }
  }

  /// Whether `v` already has this type (no conversion needed).
  @inline(__always)
  func admits(_ v: Value) -> Bool {
    switch self {
    case .unchecked: return true
    case .int: if case .int = v { return true }
    case .double: if case .double = v { return true }
    case .string: if case .string = v { return true }
    case .bool: if case .bool = v { return true }
    case .other: return false
    }
    return false
  }
}
