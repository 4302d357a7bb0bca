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
    // Attributes that change nothing at run time here are accepted and skipped.
    while at(.at) {
      let s = current.range
      advance()
      let name = current.identifier ?? ""
      guard Parser.noOpAttributes.contains(name) else {
        error("attributes ('@\(name)') are not supported in SwiftBayes cells", s.union(current.range))
        synchronize()
        return [Stmt(.error, SourceRange(start, previousEnd))]
      }
      advance()
      if at(.lparen), !current.newlineBefore { skipParenthesized() }
    }
    // Declaration modifiers: `static`, `mutating`, `private`, `override`, …
    var modifiers: Set<String> = []
    while let m = modifierWord(), isDeclarationAhead(after: setterAccessLength(after: 1) + 1) {
      modifiers.insert(m)
      advance()
      // `private(set)`: the setter's access level; accepted like the others.
      let k = setterAccessLength(after: 0)
      for _ in 0..<k { advance() }
    }
    if !modifiers.isEmpty {
      switch current.kind {
      case .keyword(.let), .keyword(.var), .keyword(.func), .keyword(.`init`), .keyword(.struct), .keyword(.class), .keyword(.enum),
        .keyword(.protocol), .keyword(.extension), .keyword(.typealias), .keyword(.case), .keyword(.subscript):
        break
      default:
        error("expected a declaration after '\(modifiers.sorted().joined(separator: " "))'")
        synchronize()
        return [Stmt(.error, SourceRange(start, previousEnd))]
      }
    }
    switch current.kind {
    case .keyword(let k):
      switch k {
      case .let, .var:
        if inTypeBody > 0 { return parseMemberVariable(modifiers) }
        if modifiers.contains("static") {
          error("'static' members are not supported outside a type; declare it inside a 'struct', 'class' or 'enum'", SourceRange(start, current.range.end))
          synchronize()
          return [Stmt(.error, SourceRange(start, previousEnd))]
        }
        return parseVariableDecl()
      case .func:
        if let f = parseFunctionDecl(modifiers: modifiers) { return [Stmt(.function(f), f.range)] }
        return [Stmt(.error, SourceRange(start, previousEnd))]
      case .`init`:
        if inTypeBody == 0 { return [parseUnsupported("init")] }
        if let f = parseFunctionDecl(modifiers: modifiers, isInit: true) { return [Stmt(.initDecl(f), f.range)] }
        return [Stmt(.error, SourceRange(start, previousEnd))]
      case .deinit:
        if inTypeBody == 0 { return [parseUnsupported("deinit")] }
        advance()
        let savedType = inTypeBody, savedProtocol = inProtocolBody
        inTypeBody = 0
        inProtocolBody = false
        let body = parseBlock("to start the body of 'deinit'")
        inTypeBody = savedType
        inProtocolBody = savedProtocol
        return [Stmt(.deinitDecl(body), SourceRange(start, previousEnd))]
      case .struct, .class, .enum, .protocol, .extension:
        if k == .class, modifiers.isEmpty, peekToken().isKeyword(.func) || peekToken().isKeyword(.var) {
          advance()
          return parseStatement()
        }
        return [parseTypeDecl()]
      case .typealias: return [parseTypealias()]
      case .case where inTypeBody > 0: return [parseEnumCaseDecl()]
      case .subscript where inTypeBody > 0: return [parseSubscriptDecl(modifiers)]
      case .subscript:
        error("'subscript' declarations are only supported inside a 'struct', 'class', 'enum' or 'extension'")
        advance()
        skipBracedBody()
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
      case .break, .continue:
        advance()
        var label: String? = nil
        if let l = current.identifier, !current.newlineBefore {
          label = l
          advance()
        }
        return [Stmt(k == .break ? .breakStmt(label: label) : .continueStmt(label: label), SourceRange(start, previousEnd))]
      case .fallthrough:
        advance()
        return [Stmt(.fallthroughStmt, SourceRange(start, previousEnd))]
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
      case .throw:
        advance()
        let e = parseExpression()
        return [Stmt(.throwStmt(e), SourceRange(start, previousEnd))]
      case .defer:
        advance()
        let body = parseBlock("after 'defer'")
        return [Stmt(.deferStmt(body), SourceRange(start, previousEnd))]
      case .do: return [parseDoCatch()]
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
      case .operator, .precedencegroup, .associatedtype, .static, .private, .public, .internal, .fileprivate,
        .inout, .catch, .throws, .rethrows:
        return [parseUnsupported(k.rawValue)]
      default:
        break
      }
    case .hash:
      let s = current.range
      advance()
      let name = current.identifier ?? (current.isKeyword(.if) ? "if" : "")
      error("macros and compiler directives ('#\(name)') are not supported in SwiftBayes cells", s.union(current.range))
      synchronize()
      return [Stmt(.error, SourceRange(start, previousEnd))]
    case .identifier(let name):
      if case .colon = peekToken().kind, [.for, .while, .repeat, .switch, .if, .do].contains(where: { peekToken(2).isKeyword($0) }) {
        advance(); advance()
        let inner = parseStatement()
        guard let body = inner.first else { return [] }
        return [Stmt(.labeled(name, body), SourceRange(start, previousEnd))]
      }
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

  /// Attributes accepted and ignored: they change nothing when the cell is interpreted.
  static let noOpAttributes: Set<String> = [
    "escaping", "discardableResult", "inlinable", "inline", "usableFromInline", "frozen", "available", "objc",
    "nonobjc", "warn_unqualified_access", "unknown", "_transparent", "_specialize", "Sendable", "preconcurrency",
  ]

  static let modifierWords: Set<String> = [
    "static", "private", "public", "internal", "fileprivate", "open", "final", "override", "mutating", "nonmutating",
    "lazy", "weak", "unowned", "required", "convenience", "indirect", "class", "nonisolated", "prefix", "postfix", "infix",
  ]

  func modifierWord() -> String? {
    switch current.kind {
    case .identifier(let s) where Parser.modifierWords.contains(s): return s
    case .keyword(let k) where Parser.modifierWords.contains(k.rawValue): return k.rawValue
    default: return nil
    }
  }

  /// 3 when the tokens `k` ahead spell `(set)` (as in `private(set)`), else 0.
  func setterAccessLength(after k: Int) -> Int {
    guard case .lparen = peekToken(k).kind, peekToken(k + 1).identifier == "set", case .rparen = peekToken(k + 2).kind else { return 0 }
    return 3
  }

  /// Whether the token `k` ahead (after modifiers) starts a declaration.
  func isDeclarationAhead(after k: Int) -> Bool {
    var i = k
    while true {
      let t = peekToken(i)
      switch t.kind {
      case .keyword(let kw):
        if [.let, .var, .func, .`init`, .struct, .enum, .protocol, .extension, .typealias, .case, .subscript].contains(kw) { return true }
        if kw == .class { return true }
        if Parser.modifierWords.contains(kw.rawValue) { i += 1 + setterAccessLength(after: i + 1); continue }
        return false
      case .identifier(let s) where Parser.modifierWords.contains(s):
        i += 1 + setterAccessLength(after: i + 1)
        continue
      default:
        return false
      }
    }
  }

  mutating func skipParenthesized() {
    var d = 0
    repeat {
      if at(.lparen) { d += 1 } else if at(.rparen) { d -= 1 }
      advance()
    } while d > 0 && !current.isEOF
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

  mutating func parseFunctionDecl(modifiers: Set<String> = [], isInit: Bool = false) -> FunctionDecl? {
    let start = current.range.start
    let doc = docComment(above: start.line)
    advance()
    var name = "init"
    var nameRange = tokens[pos - 1].range
    var isFailable = false
    if isInit {
      if at(.postfixQuestion) || current.isOp("?") || at(.postfixBang) {
        isFailable = true
        advance()
      }
    } else if let n = current.identifier {
      name = n
      nameRange = current.range
      advance()
    } else if case .op(let op) = current.kind, inTypeBody > 0, modifiers.contains("static") {
      name = op
      nameRange = current.range
      advance()
    } else {
      if case .op(let op) = current.kind {
        error("operator functions ('func \(op)') are only supported as 'static func' members of a type in SwiftBayes cells")
      } else {
        error("expected a function name after 'func'")
      }
      skipBracedBody()
      return nil
    }
    var generics: [(String, [String])] = []
    if current.isOp("<") {
      generics = parseGenericParameters()
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
    var isThrowing = false
    var modifiers = modifiers
    if current.isKeyword(.throws) || current.isKeyword(.rethrows) {
      if current.isKeyword(.rethrows) { modifiers.insert("rethrows") }
      isThrowing = true
      advance()
      if at(.lparen) { skipParenthesized() }  // typed throws: `throws(MyError)`
    }
    var returnType: TypeRef? = nil
    if at(.arrow) {
      advance()
      returnType = parseType()
    }
    if current.isKeyword(.where) {
      advance()
      parseWhereClause(into: &generics)
    }
    let savedType = inTypeBody
    inTypeBody = 0
    var body: [Stmt] = []
    if !(inProtocolBody && !at(.lbrace)) {
      let savedProtocol = inProtocolBody
      inProtocolBody = false
      body = parseBlock("to start the body of '\(name)'")
      inProtocolBody = savedProtocol
    }
    inTypeBody = savedType
    return FunctionDecl(name: name, parameters: params, returnType: returnType, body: body, range: SourceRange(start, previousEnd), nameRange: nameRange, doc: doc,
                        modifiers: modifiers, isThrowing: isThrowing, genericParameters: generics, isFailable: isFailable)
  }

  /// `<T, U: Comparable & Hashable>`.
  mutating func parseGenericParameters() -> [(String, [String])] {
    advance()
    var out: [(String, [String])] = []
    while let n = current.identifier {
      advance()
      var constraints: [String] = []
      if at(.colon) {
        advance()
        constraints += typeNameWords(parseType())
        while current.isOp("&") {
          advance()
          constraints += typeNameWords(parseType())
        }
      }
      out.append((n, constraints))
      if at(.comma) { advance() } else { break }
    }
    if current.isOp(">") {
      advance()
    } else {
      error("expected '>' to close the generic parameter list")
    }
    return out
  }

  /// `where T: Comparable, U == Int, Element: Numeric`: conformance constraints are kept,
  /// same-type constraints are accepted (types are checked when values meet them).
  mutating func parseWhereClause(into generics: inout [(String, [String])]) {
    repeat {
      guard let n = current.identifier else {
        error("expected a requirement in the 'where' clause")
        return
      }
      advance()
      // `C.Item: Equatable` constrains an associated type: not checked (values carry
      // their own types).
      var isAssociated = false
      while at(.dot), peekToken().identifier != nil { advance(); advance(); isAssociated = true }
      if at(.colon) {
        advance()
        var cs = typeNameWords(parseType())
        while current.isOp("&") {
          advance()
          cs += typeNameWords(parseType())
        }
        if isAssociated {
        } else if let i = generics.firstIndex(where: { $0.0 == n }) { generics[i].1 += cs } else { generics.append((n, cs)) }
      } else if current.isOp("==") {
        advance()
        _ = parseType()
      } else {
        error("expected ':' or '==' in the 'where' clause")
        return
      }
      if at(.comma) { advance() } else { break }
    } while !current.isEOF
  }

  /// `A & B` as its parts.
  func typeNameWords(_ t: TypeRef) -> [String] {
    typeNameWord(t).components(separatedBy: " & ")
  }

  func typeNameWord(_ t: TypeRef) -> String {
    if case .named(let n) = t { return n }
    return t.description
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
    advance()
    var label: String? = first
    var name = first
    if let second = tokenWord(current), !at(.colon) {
      advance()
      name = second
      label = first == "_" ? nil : first
    }
    var type: TypeRef? = nil
    var isInout = false
    if at(.colon) {
      advance()
      while at(.at) {
        let attribute = current.range
        advance()
        if current.identifier == "autoclosure" {
          error("'@autoclosure' parameters are not supported in SwiftBayes cells; take a closure and pass '{ … }'", attribute.union(current.range))
        }
        if current.identifier != nil { advance() }
      }
      if current.isKeyword(.inout) {
        isInout = true
        advance()
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
    return Parameter(label: label, name: name, type: type, defaultValue: def, isVariadic: variadic, range: SourceRange(start, previousEnd), isInout: isInout)
  }
}
