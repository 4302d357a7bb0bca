/// Small queries over the syntax tree the compiler needs.
extension Array where Element == Stmt {
  /// Whether any statement (at any depth) declares a function or contains a closure.
  var containsClosureOrFunction: Bool { contains { $0.containsClosureOrFunction } }
}

extension Stmt {
  var containsClosureOrFunction: Bool {
    switch kind {
    case .function: return true
    case .expression(let e): return e.containsClosure
    case .variable(_, _, _, let v): return v?.containsClosure ?? false
    case .ifStmt(let cs, let t, let e):
      return cs.contains { $0.containsClosure } || t.containsClosureOrFunction || (e?.containsClosureOrFunction ?? false)
    case .guardStmt(let cs, let b): return cs.contains { $0.containsClosure } || b.containsClosureOrFunction
    case .forIn(_, let s, let w, let b):
      return s.containsClosure || (w?.containsClosure ?? false) || b.containsClosureOrFunction
    case .whileStmt(let cs, let b): return cs.contains { $0.containsClosure } || b.containsClosureOrFunction
    case .repeatWhile(let b, let c): return b.containsClosureOrFunction || c.containsClosure
    case .switchStmt(let s, let cases):
      return s.containsClosure || cases.contains { c in c.body.containsClosureOrFunction || c.patterns.contains { $0.1?.containsClosure ?? false } }
    case .returnStmt(let e): return e?.containsClosure ?? false
    case .block(let b): return b.containsClosureOrFunction
    case .breakStmt, .continueStmt, .fallthroughStmt, .importStmt, .error, .typealiasDecl, .enumCases, .deinitDecl: return false
    case .labeled(_, let s): return s.containsClosureOrFunction
    case .typeDecl, .property, .initDecl, .subscriptDecl: return true
    case .throwStmt(let e): return e.containsClosure
    case .doCatch(let b, let cs): return b.containsClosureOrFunction || cs.contains { $0.body.containsClosureOrFunction || ($0.whereClause?.containsClosure ?? false) }
    case .deferStmt(let b): return b.containsClosureOrFunction
    }
  }
}

extension Condition {
  var containsClosure: Bool {
    switch self {
    case .expression(let e): return e.containsClosure
    case .optionalBinding(_, _, let v, _): return v?.containsClosure ?? false
    case .casePattern(_, let v, _): return v.containsClosure
    }
  }
}

extension Expr {
  var containsClosure: Bool {
    switch kind {
    case .closure: return true
    case .integer, .double, .bool, .nilLiteral, .identifier, .operatorRef, .error, .implicitMember, .keyPath: return false
    case .tryExpr(_, let e), .inoutArgument(let e): return e.containsClosure
    case .string(let parts):
      return parts.contains { if case .expr(let e) = $0 { return e.containsClosure }; return false }
    case .array(let items): return items.contains { $0.containsClosure }
    case .dictionary(let pairs): return pairs.contains { $0.0.containsClosure || $0.1.containsClosure }
    case .tuple(let items): return items.contains { $0.1.containsClosure }
    case .prefix(_, let e), .postfix(_, let e), .member(let e, _), .optionalChainPoint(let e),
      .optionalChainRoot(let e), .forceUnwrap(let e), .cast(let e, _, _):
      return e.containsClosure
    case .binary(_, let a, let b), .assign(_, let a, let b): return a.containsClosure || b.containsClosure
    case .ternary(let a, let b, let c): return a.containsClosure || b.containsClosure || c.containsClosure
    case .call(let c, let args), .subscriptAccess(let c, let args):
      return c.containsClosure || args.contains { $0.value.containsClosure }
    }
  }
}
