extension Parser {
  /// `cond, let x = y, var z = w` in `if`, `guard` and `while` headers.
  mutating func parseConditions() -> [Condition] {
    let saved = noTrailingClosure
    noTrailingClosure = true
    defer { noTrailingClosure = saved }
    var conds: [Condition] = []
    repeat {
      let start = current.range.start
      if current.isKeyword(.let) || current.isKeyword(.var) {
        let isLet = current.isKeyword(.let)
        advance()
        guard let pattern = parseBindingPattern() else {
          return conds
        }
        if at(.colon) {
          advance()
          _ = parseType()
        }
        var value: Expr? = nil
        if current.isOp("=") {
          advance()
          value = parseExpression()
        } else if case .identifier = pattern {
        } else {
          error("expected '=' in optional binding")
        }
        conds.append(.optionalBinding(isLet: isLet, pattern: pattern, value: value, range: SourceRange(start, previousEnd)))
      } else if current.isKeyword(.case) {
        advance()
        let pattern = parseCasePattern()
        guard current.isOp("=") else {
          error("expected '=' after the 'case' pattern")
          while !current.isEOF, !at(.lbrace), !at(.comma), !current.isKeyword(.else) { advance() }
          if at(.comma) { advance(); continue }
          return conds
        }
        advance()
        let value = parseExpression()
        conds.append(.casePattern(pattern, value, range: SourceRange(start, previousEnd)))
      } else {
        conds.append(.expression(parseExpression()))
      }
      if at(.comma) { advance() } else { break }
    } while !current.isEOF
    return conds
  }

  mutating func parseIf() -> Stmt {
    let start = current.range.start
    advance()
    let conds = parseConditions()
    let then = parseBlock("after 'if' condition")
    var elseBody: [Stmt]? = nil
    if current.isKeyword(.else) {
      advance()
      if current.isKeyword(.if) {
        guard enterNesting() else { return Stmt(.error, SourceRange(start, previousEnd)) }
        elseBody = [parseIf()]
        depth -= 1
      } else {
        elseBody = parseBlock("after 'else'")
      }
    }
    return Stmt(.ifStmt(conds, then, elseBody), SourceRange(start, previousEnd))
  }

  mutating func parseGuard() -> Stmt {
    let start = current.range.start
    advance()
    let conds = parseConditions()
    guard current.isKeyword(.else) else {
      error("expected 'else' after 'guard' condition")
      synchronize()
      return Stmt(.error, SourceRange(start, previousEnd))
    }
    advance()
    let body = parseBlock("after 'guard … else'")
    return Stmt(.guardStmt(conds, body), SourceRange(start, previousEnd))
  }

  mutating func parseFor() -> Stmt {
    let start = current.range.start
    advance()
    var pattern: Pattern
    if current.isKeyword(.case) {
      // `for case let x? in xs`, `for case .circle(let r) in shapes`.
      advance()
      let saved = noTrailingClosure
      noTrailingClosure = true
      pattern = .refutable(parseCasePattern())
      noTrailingClosure = saved
    } else {
      if current.isKeyword(.var) || current.isKeyword(.let) { advance() }
      guard let p = parseBindingPattern() else {
        synchronize()
        return Stmt(.error, SourceRange(start, previousEnd))
      }
      pattern = p
    }
    if at(.colon) {
      advance()
      _ = parseType()
    }
    guard current.isKeyword(.in) else {
      error("expected 'in' after the 'for' pattern")
      synchronize()
      return Stmt(.error, SourceRange(start, previousEnd))
    }
    advance()
    let saved = noTrailingClosure
    noTrailingClosure = true
    let sequence = parseExpression()
    var whereClause: Expr? = nil
    if current.isKeyword(.where) {
      advance()
      whereClause = parseExpression()
    }
    noTrailingClosure = saved
    let body = parseBlock("to start the 'for' body")
    return Stmt(.forIn(pattern, sequence, whereClause, body), SourceRange(start, previousEnd))
  }

  mutating func parseSwitch() -> Stmt {
    let start = current.range.start
    advance()
    let saved = noTrailingClosure
    noTrailingClosure = true
    let subject = parseExpression()
    noTrailingClosure = saved
    guard expectLBrace("after 'switch' subject") else {
      synchronize()
      return Stmt(.error, SourceRange(start, previousEnd))
    }
    var cases: [SwitchCase] = []
    while !at(.rbrace) && !current.isEOF {
      let caseStart = current.range.start
      if current.isKeyword(.default) {
        advance()
        _ = expect({ if case .colon = $0 { return true }; return false }, "':' after 'default'")
        let body = parseStatements(topLevel: false)
        if body.isEmpty { error("'default' label in a 'switch' must have at least one statement", SourceRange(caseStart, previousEnd)) }
        cases.append(SwitchCase(patterns: [], body: body, range: SourceRange(caseStart, previousEnd), isDefault: true))
      } else if current.isKeyword(.case) {
        advance()
        var patterns: [(Pattern, Expr?)] = []
        repeat {
          let p = parseCasePattern()
          var guardExpr: Expr? = nil
          if current.isKeyword(.where) {
            advance()
            guardExpr = parseExpression()
          }
          patterns.append((p, guardExpr))
          if at(.comma) { advance() } else { break }
        } while !current.isEOF
        guard expect({ if case .colon = $0 { return true }; return false }, "':' after the case pattern") else {
          synchronize()
          continue
        }
        let body = parseStatements(topLevel: false)
        if body.isEmpty { error("'case' label in a 'switch' must have at least one statement", SourceRange(caseStart, previousEnd)) }
        cases.append(SwitchCase(patterns: patterns, body: body, range: SourceRange(caseStart, previousEnd), isDefault: false))
      } else {
        error("all statements inside a switch must be covered by a 'case' or 'default'")
        synchronize()
        if !at(.rbrace) && !current.isKeyword(.case) && !current.isKeyword(.default) && !current.isEOF { advance() }
      }
    }
    _ = expectRBrace()
    return Stmt(.switchStmt(subject, cases), SourceRange(start, previousEnd))
  }

  mutating func parseCasePattern() -> Pattern {
    guard enterNesting() else { return .wildcard }
    defer { depth -= 1 }
    var pattern: Pattern
    if current.isKeyword(.let) || current.isKeyword(.var) {
      advance()
      pattern = .binding(parseCasePatternInsideBinding())
    } else if let name = current.identifier, name == "_" {
      advance()
      pattern = .wildcard
    } else if at(.lparen), isTuplePatternAhead() {
      advance()
      var items: [Pattern] = []
      while !at(.rparen) && !current.isEOF {
        items.append(parseCasePattern())
        if at(.comma) { advance() } else { break }
      }
      _ = expectRParen()
      pattern = .tuple(items)
    } else if at(.dot) || isTypedCasePatternAhead() {
      pattern = parseEnumCasePattern(binding: false)
    } else if current.isKeyword(.is) {
      advance()
      pattern = .isType(parseType())
    } else {
      let saved = noTrailingClosure
      noTrailingClosure = true
      pattern = .expression(parseTernary())
      noTrailingClosure = saved
    }
    if at(.postfixQuestion) {
      advance()
      pattern = .optionalSome(pattern)
    }
    if current.isKeyword(.as) {
      advance()
      pattern = .asType(pattern, parseType())
    }
    return pattern
  }

  /// `Type.name(` at a pattern's start: an enum case written with its type.
  func isTypedCasePatternAhead() -> Bool {
    guard let n = current.identifier, n.first?.isUppercase == true, case .dot = peekToken().kind, peekToken(2).identifier != nil else { return false }
    if case .lparen = peekToken(3).kind { return true }
    return false
  }

  /// `.name`, `.name(let x, y: 2)`, `Type.name(…)`.
  mutating func parseEnumCasePattern(binding: Bool) -> Pattern {
    let start = current.range.start
    var typeName: String? = nil
    if let n = current.identifier {
      typeName = n
      advance()
    }
    advance()  // '.'
    guard let name = tokenWord(current) else {
      error("expected a case name after '.'")
      return .wildcard
    }
    advance()
    var payload: [(String?, Pattern)]? = nil
    if at(.lparen), !current.newlineBefore {
      advance()
      var items: [(String?, Pattern)] = []
      while !at(.rparen) && !current.isEOF {
        var label: String? = nil
        if let l = tokenWord(current), case .colon = peekToken().kind {
          label = l
          advance(); advance()
        }
        items.append((label, binding ? parseCasePatternInsideBinding() : parseCasePattern()))
        if at(.comma) { advance() } else { break }
      }
      _ = expectRParen()
      payload = items
    }
    return .enumCase(type: typeName, name: name, payload: payload, range: SourceRange(start, previousEnd))
  }

  /// Inside `let …` every identifier binds.
  mutating func parseCasePatternInsideBinding() -> Pattern {
    if at(.dot) || isTypedCasePatternAhead() { return parseEnumCasePattern(binding: true) }
    switch current.kind {
    case .identifier(let name):
      let r = current.range
      advance()
      var p: Pattern = name == "_" ? .wildcard : .identifier(name, r)
      if at(.postfixQuestion) {
        advance()
        p = .optionalSome(p)
      }
      return p
    case .lparen:
      advance()
      var items: [Pattern] = []
      while !at(.rparen) && !current.isEOF {
        items.append(parseCasePatternInsideBinding())
        if at(.comma) { advance() } else { break }
      }
      _ = expectRParen()
      return items.count == 1 ? items[0] : .tuple(items)
    default:
      error("expected a name to bind")
      advance()
      return .wildcard
    }
  }

  /// A `(` that starts a tuple pattern: it holds a top-level comma or a binding.
  func isTuplePatternAhead() -> Bool {
    var k = pos + 1
    var d = 0
    while k < tokens.count {
      switch tokens[k].kind {
      case .lparen, .lbracket, .lbrace: d += 1
      case .rparen, .rbracket, .rbrace:
        if d == 0 { return false }
        d -= 1
      case .comma where d == 0: return true
      case .keyword(.let), .keyword(.var): if d == 0 { return true }
      case .eof: return false
      default: break
      }
      k += 1
    }
    return false
  }
}
