/// Turns the syntax tree of a cell into a tree of Swift closures with every name
/// resolved to a frame slot, a session global or a builtin ("closure compilation").
/// Evaluating the closures is the tree walk; resolving names once is what makes it fast.
final class Compiler {
  let interp: Interpreter
  let file: SourceFile
  var scope: FrameScope
  var diagnostics: [Diagnostic] = []
  /// Globals this cell declares: name -> (cell, isLet). Committed only if the cell compiles.
  var pendingGlobals: [String: (GlobalCell, Bool)] = [:]
  var loopDepth = 0
  var switchDepth = 0
  var functionDepth = 0
  /// Whether a `return` is allowed and what type the function returns.
  var returnTypes: [CompiledType?] = []
  /// Types this cell declares (committed only if it compiles), and what declarations made.
  var pendingTypes: [String: UserType] = [:]
  var pendingAliases: [String: TypeRef] = [:]
  var pendingThrowing: Set<String> = []
  var pendingNonThrowing: Set<String> = []
  var declaredTypes: [ObjectIdentifier: UserType] = [:]
  var extendedTypes: [ObjectIdentifier: UserType] = [:]
  /// The types whose declaration is being compiled, outermost first (nested type names
  /// resolve against them).
  var typePath: [UserType] = []
  /// Generic parameters in scope, with their constraints.
  var genericScopes: [[String: [String]]] = []
  /// The member context the next compiled function body gets (methods).
  var pendingMemberContext: MemberContext?
  /// Parameters of the next compiled function body that are `inout` (mutable).
  var mutableParameters: Set<String> = []
  /// Whether a `throw` or `try` here may let an error out (a throwing function, a closure,
  /// the top level, a `do` body with catches).
  var throwsAllowed = true
  /// How many `try` enclose the expression being compiled.
  var tryDepth = 0
  /// Labels of the enclosing labeled statements (and whether each is a loop).
  var labelStack: [(String, Bool)] = []
  /// While compiling the base of a member assignment: a `let` is checked when it runs (a
  /// class instance's properties can be assigned through a `let`).
  var lenientLet = false
  /// Set with `lenientLet` when the member assignment goes through a subscript (`xs[0] = 1`).
  var lenientSubscript = false
  /// While compiling the second and later patterns of one `case`: names the first bound
  /// reuse its slots.
  var reuseBindings = false
  /// The user type an annotation names, for implicit members (`let c: Color = .red`).
  var implicitTypeHint: String?
  /// Annotated types of the globals this cell declares, and parameter types of its
  /// functions (for implicit members: `doors += [.open]`, `check(.on)`).
  var pendingGlobalTypes: [String: CompiledType] = [:]
  var pendingFunctionParameterTypes: [String: [CompiledType?]] = [:]
  /// Session-global `let`s this cell declares whose values are known value types.
  var pendingKnownValues: [String: String?] = [:]

  init(interp: Interpreter, file: SourceFile) {
    self.interp = interp
    self.file = file
    self.scope = FrameScope(parent: nil, isFunction: true)
  }

  func error(_ message: String, _ range: SourceRange) {
    diagnostics.append(Diagnostic(message, range))
  }

  // MARK: - Names

  enum Resolved {
    case local(depth: Int, LocalVar)
    case global(GlobalCell, isLet: Bool)
    case builtin(Value)
    /// A bare name inside a method that means a member of `self` (or of the type).
    case selfMember(MemberContext)
    case none
  }

  func resolve(_ name: String) -> Resolved {
    var depth = 0
    var s: FrameScope? = scope
    while let fs = s {
      if let v = fs.lookup(name) { return .local(depth: depth, v) }
      if fs.memberContext != nil, let n = nestedType(named: name), let cell = n.nestedCell { return .global(cell, isLet: true) }
      if let mc = fs.memberContext, mc.has(name) { return .selfMember(mc) }
      depth += 1
      s = fs.parent
    }
    if let n = nestedType(named: name), let cell = n.nestedCell { return .global(cell, isLet: true) }
    // A qualified nested type name (`Outer.Inner`), as implicit members spell their base.
    if name.contains("."), let t = pendingTypes[name] ?? interp.userTypes[name], let cell = t.nestedCell { return .global(cell, isLet: true) }
    if let (cell, isLet) = pendingGlobals[name] { return .global(cell, isLet: isLet) }
    if let cell = interp.globals[name], cell.isDefined { return .global(cell, isLet: cell.isLet) }
    if let v = interp.builtins.values[name] { return .builtin(v) }
    return .none
  }

  var isTopLevel: Bool { functionDepth == 0 && scope.parent == nil && scope.blocks.count == 1 }

  /// Declares a name in the current block (or as a session global at the top level).
  func declare(_ name: String, isLet: Bool, type: CompiledType?, range: SourceRange) -> Store {
    if isTopLevel {
      let cell = pendingGlobals[name]?.0 ?? interp.globals[name] ?? GlobalCell(name: name)
      pendingGlobals[name] = (cell, isLet)
      return .global(cell, isLet: isLet, type: type)
    }
    if reuseBindings, let existing = scope.blocks[scope.blocks.count - 1][name] { return .local(existing.slot) }
    if scope.blocks[scope.blocks.count - 1][name] != nil, !name.hasPrefix("$") {
      error("invalid redeclaration of '\(name)'", range)
    }
    let slot = scope.declare(name, isLet: isLet, type: type)
    return .local(slot)
  }

  /// Where a declaration stores its value.
  enum Store {
    case local(Int)
    case global(GlobalCell, isLet: Bool, type: CompiledType?)
  }

  func storeClosure(_ store: Store, doc: String? = nil) -> (Frame, Value) -> Void {
    switch store {
    case .local(let slot):
      return { f, v in f.slots[slot] = v }
    case .global(let cell, let isLet, let type):
      return { _, v in
        cell.value = v
        cell.version &+= 1
        cell.isDefined = true
        cell.isLet = isLet
        cell.type = type
        if let doc { cell.doc = doc }
      }
    }
  }

  // MARK: - Cells

  /// Compiles a whole cell. Top-level functions are hoisted so they can be called before
  /// their declaration, as in a Swift script.
  func compileCell(_ stmts: [Stmt]) -> (exec: Exec, slotCount: Int, lastExpression: Bool) {
    // Types first: every later declaration may name them and their members.
    var typeDecls: [TypeDecl] = []
    for s in stmts {
      switch s.kind {
      case .typealiasDecl(let n, _, let ref): pendingAliases[n] = ref
      case .typeDecl(let d):
        declareType(d)
        typeDecls.append(d)
      default: break
      }
    }
    checkConformances(typeDecls)
    // Hoist function names and pre-declare globals so functions can refer to them.
    for s in stmts {
      switch s.kind {
      case .function(let f):
        if f.isThrowing && !f.modifiers.contains("rethrows") { pendingThrowing.insert(f.name) } else { pendingNonThrowing.insert(f.name) }
      default: break
      }
      switch s.kind {
      case .function(let f):
        let cell = pendingGlobals[f.name]?.0 ?? interp.globals[f.name] ?? GlobalCell(name: f.name)
        pendingGlobals[f.name] = (cell, true)
        genericScopes.append(Dictionary(f.genericParameters.map { ($0.0, $0.1) }, uniquingKeysWith: { a, b in a + b }))
        pendingFunctionParameterTypes[f.name] = f.parameters.map { $0.type.map { compileType($0) } }
        genericScopes.removeLast()
      case .variable(let isLet, let pattern, let typeRef, _):
        if case .identifier(let n, _) = pattern, let t = typeRef { pendingGlobalTypes[n] = compileType(t) }
        for (name, _) in pattern.boundNames {
          let cell = pendingGlobals[name]?.0 ?? interp.globals[name] ?? GlobalCell(name: name)
          pendingGlobals[name] = (cell, isLet)
        }
      default: break
      }
    }
    var functionDecls: [ExecBox] = []
    var body: [ExecBox] = []
    var lastIsExpression = false
    var typeExecs: [ExecBox] = []
    for s in stmts {
      if case .typeDecl(let d) = s.kind { typeExecs.append(ExecBox(run: compileTypeDecl(d))) }
    }
    for (i, s) in stmts.enumerated() {
      if case .function(let f) = s.kind {
        functionDecls.append(ExecBox(run: compileFunctionDecl(f)))
        continue
      }
      if case .typeDecl = s.kind { continue }
      if i == stmts.count - 1, case .expression(let e) = s.kind, !e.isAssignment {
        // The cell's result: keep the value for the caller.
        let ev = compileExpr(e)
        body.append(ExecBox { f in .returned(try ev(f)) })
        lastIsExpression = true
      } else {
        body.append(ExecBox(run: compileStmt(s)))
      }
    }
    let all = typeExecs + functionDecls + body
    return (sequence(all), scope.slotCount, lastIsExpression)
  }

  /// Runs statements in order, stopping at the first that does not complete normally.
  /// Built as a chain of pairs rather than a loop over an array, which keeps the
  /// closures at their natural calling convention (no reabstraction per call).
  func sequence(_ execs: [ExecBox]) -> Exec {
    switch execs.count {
    case 0: return { _ in .normal }
    case 1: return execs[0].run
    default:
      let a = execs[0].run
      let b = sequence(Array(execs.dropFirst()))
      return { f in
        let r = try a(f)
        if case .normal = r { return try b(f) }
        return r
      }
    }
  }

  /// Compiles a `{ … }` body in a new block scope. When closures inside may capture its
  /// variables, the block gets its own frame at run time, so each loop iteration's
  /// captures are distinct as in Swift.
  func compileBlock(_ stmts: [Stmt], prelude: ((Compiler) -> Exec)? = nil) -> Exec {
    let ownFrame = stmts.containsClosureOrFunction
    if ownFrame {
      let child = FrameScope(parent: scope, isFunction: false)
      let saved = scope
      scope = child
      let pre = prelude?(self)
      let body = compileStatements(stmts)
      scope = saved
      let count = child.slotCount
      if let pre {
        return { f in
          let inner = Frame(count: count, parent: f)
          _ = try pre(inner)
          return try body(inner)
        }
      }
      return { f in try body(Frame(count: count, parent: f)) }
    }
    scope.pushBlock()
    let pre = prelude?(self)
    let body = compileStatements(stmts)
    scope.popBlock()
    if let pre {
      return { f in
        _ = try pre(f)
        return try body(f)
      }
    }
    return body
  }

  /// Statements of one block: local functions are declared first so they can call each
  /// other.
  func compileStatements(_ stmts: [Stmt]) -> Exec {
    var execs: [ExecBox] = []
    var hoisted: [ExecBox] = []
    for s in stmts {
      if case .function(let f) = s.kind, !isTopLevel {
        _ = declare(f.name, isLet: true, type: nil, range: f.nameRange)
      }
    }
    var defers: [(at: Int, body: Exec)] = []
    for s in stmts {
      if case .function(let f) = s.kind {
        hoisted.append(ExecBox(run: compileFunctionDecl(f, predeclared: true)))
      } else if case .deferStmt(let body) = s.kind {
        // The rest of the block runs first; the deferred body runs however it ends.
        let savedLoop = loopDepth, savedSwitch = switchDepth
        loopDepth = 0
        switchDepth = 0
        defers.append((execs.count, compileBlock(body)))
        loopDepth = savedLoop
        switchDepth = savedSwitch
      } else {
        execs.append(ExecBox(run: compileStmt(s)))
      }
    }
    guard !defers.isEmpty else { return sequence(hoisted + execs) }
    var tail = sequence(Array(execs[defers.last!.at...]))
    for (k, d) in defers.enumerated().reversed() {
      let rest = tail
      let deferred = d.body
      let guarded: Exec = { f in
        let r: Flow
        do {
          r = try rest(f)
        } catch {
          _ = try deferred(f)
          throw error
        }
        _ = try deferred(f)
        return r
      }
      let start = k == 0 ? 0 : defers[k - 1].at
      tail = sequence(Array(execs[start..<d.at]) + [ExecBox(run: guarded)])
    }
    return sequence(hoisted + [ExecBox(run: tail)])
  }
}

/// The compile-time picture of one run-time frame: nested block scopes mapping names to
/// slots.
final class FrameScope {
  var blocks: [[String: LocalVar]] = [[:]]
  var slotCount = 0
  let parent: FrameScope?
  let isFunction: Bool
  /// Set on a method's scope: bare names may mean members of `self`.
  var memberContext: MemberContext?

  init(parent: FrameScope?, isFunction: Bool) {
    self.parent = parent
    self.isFunction = isFunction
  }

  func lookup(_ name: String) -> LocalVar? {
    for b in blocks.reversed() {
      if let v = b[name] { return v }
    }
    return nil
  }

  func declare(_ name: String, isLet: Bool, type: CompiledType?) -> Int {
    let slot = slotCount
    slotCount += 1
    blocks[blocks.count - 1][name] = LocalVar(slot: slot, isLet: isLet, type: type)
    return slot
  }

  func pushBlock() { blocks.append([:]) }
  func popBlock() { blocks.removeLast() }

  /// Every name visible in this frame (for completion).
  var allNames: [String] { blocks.flatMap(\.keys) }
}

struct LocalVar {
  var slot: Int
  var isLet: Bool
  var type: CompiledType?
  /// For a `let` whose value is known to be a value type when compiled (a literal, a
  /// struct or enum made by its initializer): that type's name ("" for literals).
  var knownValueType: String? = nil
}

extension Expr {
  var isAssignment: Bool {
    if case .assign = kind { return true }
    return false
  }
}

extension Pattern {
  /// The names a pattern binds, with their ranges.
  var boundNames: [(String, SourceRange?)] {
    switch self {
    case .wildcard, .expression: return []
    case .identifier(let n, let r): return [(n, r)]
    case .tuple(let ps): return ps.flatMap(\.boundNames)
    case .binding(let p), .optionalSome(let p), .asType(let p, _), .refutable(let p): return p.boundNames
    case .isType: return []
    case .enumCase(_, _, let payload, _): return (payload ?? []).flatMap { $0.1.boundNames }
    }
  }
}
