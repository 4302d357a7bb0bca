/// Statements and declarations.
extension Parser {
  mutating func parseStatements(topLevel: Bool) -> [Stmt] {
    var stmts: [Stmt] = []
    while true {
      while at(.semicolon) { advance() }
      if current.isEOF { break }
      if at(.rbrace) {
        if topLevel {
          error("extraneous '}' at top level")
          advance()
          continue
        }
        break
      }
      if !topLevel && (at(.keyword(.case)) || at(.keyword(.default))) { break }
      let startPos = pos
      stmts.append(contentsOf: parseStatement())
      if tooDeep { break }
      if pos == startPos {
        // No progress: skip the token so we always terminate.
        error("unexpected '\(current.spelling)'")
        advance()
        continue
      }
      // Statements must be separated by a line break or ';'.
      if !current.isEOF, !at(.semicolon), !at(.rbrace), !current.newlineBefore,
        !(at(.keyword(.case)) || at(.keyword(.default)))
      {
        error("consecutive statements on a line must be separated by ';'")
        synchronize()
      }
    }
    return stmts
  }

  mutating func parseBlock(_ context: String) -> [Stmt] {
    guard expectLBrace(context) else {
      synchronize()
      return []
    }
    guard enterNesting() else { return [] }
    defer { depth -= 1 }
    let saved = noTrailingClosure
    noTrailingClosure = false
    defer { noTrailingClosure = saved }
    let body = parseStatements(topLevel: false)
    _ = expectRBrace()
    return body
  }

  mutating func parseStatement() -> [Stmt] {
    let start = current.range.start
    guard enterNesting() else { return [] }
    defer { depth -= 1 }
    switch current.kind {
    case .keyword(let k):
      switch k {
      case .let, .var: return parseVariableDecl()
      case .func:
        if let f = parseFunctionDecl() { return [Stmt(.function(f), f.range)] }
        return [Stmt(.error, SourceRange(start, previousEnd))]
      case .if: return [parseIf()]
      case .guard: return [parseGuard()]
      case .for: return [parseFor()]
      case .while:
        advance()
        let conds = parseConditions()
        let body = parseBlock("after 'while' condition")
        return [Stmt(.whileStmt(conds, body), SourceRange(start, previousEnd))]
      case .repeat:
        advance()
        let body = parseBlock("after 'repeat'")
        guard current.isKeyword(.while) else {
          error("expected 'while' after 'repeat' body")
          return [Stmt(.error, SourceRange(start, previousEnd))]
        }
        advance()
        let cond = parseExpression()
        return [Stmt(.repeatWhile(body, cond), SourceRange(start, previousEnd))]
      case .switch: return [parseSwitch()]
      case .break:
        advance()
        return [Stmt(.breakStmt, SourceRange(start, previousEnd))]
      case .continue:
        advance()
        return [Stmt(.continueStmt, SourceRange(start, previousEnd))]
      case .fallthrough:
        advance()
        error("'fallthrough' is not supported in SwiftBayes cells", SourceRange(start, previousEnd))
        return [Stmt(.error, SourceRange(start, previousEnd))]
      case .return:
        advance()
        var value: Expr? = nil
        if !current.isEOF, !at(.rbrace), !at(.semicolon), !current.newlineBefore,
          !at(.keyword(.case)), !at(.keyword(.default))
        {
          value = parseExpression()
        }
        return [Stmt(.returnStmt(value), SourceRange(start, previousEnd))]
      case .import:
        advance()
        guard let name = current.identifier else {
          error("expected module name after 'import'")
          synchronize()
          return [Stmt(.error, SourceRange(start, previousEnd))]
        }
        advance()
        while at(.dot), peekToken().identifier != nil { advance(); advance() }
        return [Stmt(.importStmt(name), SourceRange(start, previousEnd))]
      case .case, .default:
        error("'\(k.rawValue)' label can only appear inside a 'switch' statement")
        advance()
        synchronize()
        return [Stmt(.error, SourceRange(start, previousEnd))]
      case .else:
        error("'else' without a matching 'if'")
        advance()
        synchronize()
        return [Stmt(.error, SourceRange(start, previousEnd))]
      case .struct, .class, .enum, .protocol, .extension, .typealias, .`init`, .deinit,
        .subscript, .operator, .precedencegroup, .associatedtype, .defer, .do, .throw, .try,
        .static, .private, .public, .internal, .fileprivate, .inout, .catch, .throws,
        .rethrows, .super, .self, .Self:
        return [parseUnsupported(k.rawValue)]
      default:
        break
      }
    case .at:
      let s = current.range
      advance()
      let name = current.identifier ?? ""
      error("attributes ('@\(name)') are not supported in SwiftBayes cells", s.union(current.range))
      synchronize()
      return [Stmt(.error, SourceRange(start, previousEnd))]
    case .hash:
      let s = current.range
      advance()
      let name = current.identifier ?? (current.isKeyword(.if) ? "if" : "")
      error("macros and compiler directives ('#\(name)') are not supported in SwiftBayes cells", s.union(current.range))
      synchronize()
      return [Stmt(.error, SourceRange(start, previousEnd))]
    case .identifier(let name):
      if ["actor", "macro"].contains(name), peekToken().identifier != nil, !peekToken().newlineBefore {
        return [parseUnsupported(name)]
      }
      if ["async", "await"].contains(name), !peekToken().newlineBefore {
        if case .identifier = peekToken().kind { return [parseUnsupported(name)] }
        if case .lparen = peekToken().kind, name == "await" { return [parseUnsupported(name)] }
        if name == "async", [.let, .var, .func].contains(where: { peekToken().isKeyword($0) }) { return [parseUnsupported(name)] }
      }
    default:
      break
    }
    let e = parseExpression()
    return [Stmt(.expression(e), e.range)]
  }

  static let unsupportedNames: [String: String] = [
    "struct": "'struct' declarations", "class": "'class' declarations", "enum": "'enum' declarations",
    "protocol": "'protocol' declarations", "extension": "'extension' declarations",
    "typealias": "'typealias' declarations", "init": "initializers ('init')", "deinit": "deinitializers ('deinit')",
    "subscript": "'subscript' declarations", "operator": "operator declarations",
    "precedencegroup": "precedence group declarations", "associatedtype": "'associatedtype' declarations",
    "defer": "'defer' statements", "do": "'do' blocks", "throw": "'throw' statements (errors)", "try": "'try' expressions (errors)",
    "catch": "'catch' clauses (errors)", "throws": "throwing functions ('throws')", "rethrows": "rethrowing functions ('rethrows')",
    "static": "'static' members", "private": "access modifiers ('private')", "public": "access modifiers ('public')",
    "internal": "access modifiers ('internal')", "fileprivate": "access modifiers ('fileprivate')",
    "open": "access modifiers ('open')", "inout": "'inout' parameters", "super": "'super' references", "self": "'self' references",
    "Self": "'Self' references", "actor": "'actor' declarations", "macro": "macro declarations",
    "async": "'async' declarations (concurrency)", "await": "'await' expressions (concurrency)",
  ]

  mutating func parseUnsupported(_ word: String) -> Stmt {
    let start = current.range
    let what = Parser.unsupportedNames[word] ?? "'\(word)'"
    error("\(what) are not supported in SwiftBayes cells; use functions, closures, tuples, arrays and dictionaries instead", start)
    advance()
    if ["struct", "class", "enum", "protocol", "extension", "actor", "init", "deinit", "subscript", "do", "defer", "catch", "precedencegroup"].contains(word) {
      skipBracedBody()
      // `do { … } catch { … }`: the catch clauses belong to the rejected statement.
      while word == "do" || word == "catch", current.isKeyword(.catch) { advance(); skipBracedBody() }
    } else {
      synchronize()
    }
    return Stmt(.error, SourceRange(start.start, previousEnd))
  }

  mutating func parseVariableDecl() -> [Stmt] {
    let start = current.range.start
    let isLet = current.isKeyword(.let)
    advance()
    var result: [Stmt] = []
    repeat {
      let itemStart = current.range.start
      guard let pattern = parseBindingPattern() else {
        synchronize()
        return result + [Stmt(.error, SourceRange(start, previousEnd))]
      }
      var type: TypeRef? = nil
      if at(.colon) {
        advance()
        type = parseType()
      }
      var value: Expr? = nil
      if current.isOp("=") {
        advance()
        value = parseExpression()
      } else if case .lbrace = current.kind, !current.newlineBefore {
        error("computed properties and property observers are not supported in SwiftBayes cells")
        skipBracedBody()
      }
      if value == nil && type == nil {
        error("type annotation missing in pattern", SourceRange(itemStart, previousEnd))
      }
      result.append(Stmt(.variable(isLet: isLet, pattern: pattern, type: type, value: value), SourceRange(itemStart, previousEnd)))
      if at(.comma) { advance() } else { break }
    } while true
    if result.count == 1 { result[0].range = SourceRange(start, previousEnd) }
    return result
  }

  /// `x`, `_`, `(a, b)`, `(a, (b, _))`.
  mutating func parseBindingPattern() -> Pattern? {
    switch current.kind {
    case .identifier(let name):
      let r = current.range
      advance()
      return name == "_" ? .wildcard : .identifier(name, r)
    case .lparen:
      advance()
      var items: [Pattern] = []
      while !at(.rparen) && !current.isEOF {
        guard let p = parseBindingPattern() else { return nil }
        items.append(p)
        if at(.comma) { advance() } else { break }
      }
      guard expectRParen() else { return nil }
      return items.count == 1 ? items[0] : .tuple(items)
    default:
      error("expected a name or a tuple pattern" + (current.isEOF ? "" : " but found '\(current.spelling)'"))
      return nil
    }
  }

  mutating func docComment(above line: Int) -> String? {
    guard let file = file else { return nil }
    var lines: [String] = []
    var n = line - 1
    while n >= 1 {
      let text = file.line(n).trimmingLeadingSpaces()
      guard text.hasPrefix("//") else { break }
      var body = text.dropFirst(2)
      if body.hasPrefix("/") { body = body.dropFirst() }
      if body.hasPrefix(" ") { body = body.dropFirst() }
      lines.insert(String(body), at: 0)
      n -= 1
    }
    return lines.isEmpty ? nil : lines.joined(separator: "\n")
  }

  mutating func parseFunctionDecl() -> FunctionDecl? {
    let start = current.range.start
    let doc = docComment(above: start.line)
    advance()
    guard let name = current.identifier else {
      if case .op(let op) = current.kind {
        error("operator functions ('func \(op)') are not supported in SwiftBayes cells")
      } else {
        error("expected a function name after 'func'")
      }
      skipBracedBody()
      return nil
    }
    let nameRange = current.range
    advance()
    if current.isOp("<") {
      error("generic functions are not supported in SwiftBayes cells; values are checked when they meet an annotation at run time")
      skipBracedBody()
      return nil
    }
    guard at(.lparen) else {
      error("expected '(' in the parameter list of '\(name)'")
      skipBracedBody()
      return nil
    }
    advance()
    var params: [Parameter] = []
    while !at(.rparen) && !current.isEOF {
      guard let p = parseParameter() else {
        skipBracedBody()
        return nil
      }
      params.append(p)
      if at(.comma) { advance() } else { break }
    }
    guard expectRParen() else {
      skipBracedBody()
      return nil
    }
    if let id = current.identifier, id == "async" {
      error("'async' functions are not supported in SwiftBayes cells")
      skipBracedBody()
      return nil
    }
    if current.isKeyword(.throws) || current.isKeyword(.rethrows) {
      error("throwing functions ('throws') are not supported in SwiftBayes cells")
      skipBracedBody()
      return nil
    }
    var returnType: TypeRef? = nil
    if at(.arrow) {
      advance()
      returnType = parseType()
    }
    if current.isKeyword(.where) {
      error("generic 'where' clauses are not supported in SwiftBayes cells")
      skipBracedBody()
      return nil
    }
    let body = parseBlock("to start the body of '\(name)'")
    return FunctionDecl(name: name, parameters: params, returnType: returnType, body: body, range: SourceRange(start, previousEnd), nameRange: nameRange, doc: doc)
  }

  func tokenWord(_ t: Token) -> String? {
    switch t.kind {
    case .identifier(let s): return s
    case .keyword(let k): return k.rawValue
    default: return nil
    }
  }

  mutating func parseParameter() -> Parameter? {
    let start = current.range.start
    guard let first = tokenWord(current) else {
      error("expected a parameter name")
      return nil
    }
    if current.isKeyword(.inout) {
      error("'inout' parameters are not supported in SwiftBayes cells; return the new value instead")
      return nil
    }
    advance()
    var label: String? = first
    var name = first
    if let second = tokenWord(current), !at(.colon) {
      advance()
      name = second
      label = first == "_" ? nil : first
    }
    var type: TypeRef? = nil
    if at(.colon) {
      advance()
      if current.isKeyword(.inout) {
        error("'inout' parameters are not supported in SwiftBayes cells; return the new value instead")
        return nil
      }
      type = parseType()
    } else {
      error("parameter '\(name)' needs a type annotation, e.g. '\(name): Double'")
    }
    var variadic = false
    if current.isOp("...") {
      advance()
      variadic = true
    }
    var def: Expr? = nil
    if current.isOp("=") {
      advance()
      def = parseExpression()
    }
    return Parameter(label: label, name: name, type: type, defaultValue: def, isVariadic: variadic, range: SourceRange(start, previousEnd))
  }
}
