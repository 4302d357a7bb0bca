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
    case none
  }

  func resolve(_ name: String) -> Resolved {
    var depth = 0
    var s: FrameScope? = scope
    while let fs = s {
      if let v = fs.lookup(name) { return .local(depth: depth, v) }
      depth += 1
      s = fs.parent
    }
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
    // Hoist function names and pre-declare globals so functions can refer to them.
    for s in stmts {
      switch s.kind {
      case .function(let f):
        let cell = pendingGlobals[f.name]?.0 ?? interp.globals[f.name] ?? GlobalCell(name: f.name)
        pendingGlobals[f.name] = (cell, true)
      case .variable(let isLet, let pattern, _, _):
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
    for (i, s) in stmts.enumerated() {
      if case .function(let f) = s.kind {
        functionDecls.append(ExecBox(run: compileFunctionDecl(f)))
        continue
      }
      if i == stmts.count - 1, case .expression(let e) = s.kind, !e.isAssignment {
        // The cell's result: keep the value for the caller.
        let ev = compileExpr(e)
        body.append(ExecBox { f in .returned(try ev(f)) })
        lastIsExpression = true
      } else {
        body.append(ExecBox(run: compileStmt(s)))
      }
    }
    let all = functionDecls + body
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
    for s in stmts {
      if case .function(let f) = s.kind {
        hoisted.append(ExecBox(run: compileFunctionDecl(f, predeclared: true)))
      } else {
        execs.append(ExecBox(run: compileStmt(s)))
      }
    }
    return sequence(hoisted + execs)
  }
}

/// The compile-time picture of one run-time frame: nested block scopes mapping names to
/// slots.
final class FrameScope {
  var blocks: [[String: LocalVar]] = [[:]]
  var slotCount = 0
  let parent: FrameScope?
  let isFunction: Bool

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
    case .binding(let p), .optionalSome(let p): return p.boundNames
    }
  }
}
