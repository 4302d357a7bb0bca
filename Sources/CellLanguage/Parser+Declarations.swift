/// Type declarations (`struct`, `class`, `enum`, `protocol`, `extension`), their members,
/// `typealias`, and `do`/`catch`.
extension Parser {
  mutating func parseTypeDecl() -> Stmt {
    let start = current.range.start
    guard case .keyword(let k) = current.kind, let kind = TypeDeclKind(rawValue: k.rawValue) else {
      return parseUnsupported(current.spelling)
    }
    advance()
    guard let name = current.identifier else {
      error("expected a name after '\(kind.rawValue)'")
      skipBracedBody()
      return Stmt(.error, SourceRange(start, previousEnd))
    }
    let nameRange = current.range
    advance()
    // `extension Swift.Array`: keep the last component.
    var typeName = name
    while at(.dot), let member = peekToken().identifier {
      advance(); advance()
      typeName = member
    }
    var generics: [(String, [String])] = []
    if current.isOp("<") {
      if kind == .extension {
        error("expected '{' in extension")
      } else {
        generics = parseGenericParameters()
      }
    }
    var inherited: [String] = []
    if at(.colon) {
      advance()
      repeat {
        inherited += typeNameWords(parseType())
        if at(.comma) { advance() } else { break }
      } while !current.isEOF
    }
    if current.isKeyword(.where) {
      advance()
      parseWhereClause(into: &generics)
    }
    guard expectLBrace("to start the body of '\(typeName)'") else {
      synchronize()
      return Stmt(.error, SourceRange(start, previousEnd))
    }
    guard enterNesting() else { return Stmt(.error, SourceRange(start, previousEnd)) }
    defer { depth -= 1 }
    let savedType = inTypeBody, savedProtocol = inProtocolBody, savedTrailing = noTrailingClosure
    inTypeBody = 1
    inProtocolBody = kind == .protocol
    noTrailingClosure = false
    var members: [Stmt] = []
    while !at(.rbrace) && !current.isEOF {
      while at(.semicolon) { advance() }
      if at(.rbrace) { break }
      let before = pos
      if current.isKeyword(.associatedtype) {
        // Kept as a marker: values of an associated type are not checked.
        let s = current.range.start
        advance()
        let name = current.identifier
        if name != nil { advance() }
        if at(.colon) { advance(); _ = parseType() }
        if current.isKeyword(.where) { advance(); var ignored: [(String, [String])] = []; parseWhereClause(into: &ignored) }
        if let name { members.append(Stmt(.typealiasDecl(name, ["associatedtype"], .named("Any")), SourceRange(s, previousEnd))) }
        continue
      }
      members.append(contentsOf: parseStatement())
      if tooDeep { break }
      if pos == before {
        error("unexpected '\(current.spelling)' in the body of '\(typeName)'")
        advance()
      }
    }
    inTypeBody = savedType
    inProtocolBody = savedProtocol
    noTrailingClosure = savedTrailing
    _ = expectRBrace()
    for m in members {
      switch m.kind {
      case .property, .function, .initDecl, .enumCases, .typealiasDecl, .deinitDecl, .error, .subscriptDecl: continue
      case .typeDecl(let inner):
        if inner.kind == .extension {
          error("declaration is only valid at file scope", inner.nameRange)
        } else if kind == .protocol {
          error("type '\(inner.name)' cannot be nested in protocol '\(typeName)'", inner.nameRange)
        }
      default:
        error("expected a declaration in the body of '\(typeName)'", m.range)
      }
    }
    let decl = TypeDecl(kind: kind, name: typeName, genericParameters: generics, inherited: inherited, members: members,
                        range: SourceRange(start, previousEnd), nameRange: nameRange)
    return Stmt(.typeDecl(decl), decl.range)
  }

  mutating func parseTypealias() -> Stmt {
    let start = current.range.start
    advance()
    guard let name = current.identifier else {
      error("expected a name after 'typealias'")
      synchronize()
      return Stmt(.error, SourceRange(start, previousEnd))
    }
    advance()
    var generics: [String] = []
    if current.isOp("<") { generics = parseGenericParameters().map(\.0) }
    guard current.isOp("=") else {
      error("expected '=' in 'typealias \(name)'")
      synchronize()
      return Stmt(.error, SourceRange(start, previousEnd))
    }
    advance()
    let type = parseType()
    return Stmt(.typealiasDecl(name, generics, type), SourceRange(start, previousEnd))
  }

  /// `case a, b = 2, c(Double, label: Int)` inside an enum.
  mutating func parseEnumCaseDecl() -> Stmt {
    let start = current.range.start
    advance()
    var cases: [EnumCaseDecl] = []
    repeat {
      guard let name = tokenWord(current) else {
        error("expected a case name")
        synchronize()
        return Stmt(.error, SourceRange(start, previousEnd))
      }
      let r = current.range
      advance()
      var payload: [(String?, TypeRef)]? = nil
      if at(.lparen) {
        advance()
        var items: [(String?, TypeRef)] = []
        while !at(.rparen) && !current.isEOF {
          var label: String? = nil
          if let l = tokenWord(current), case .colon = peekToken().kind {
            label = l == "_" ? nil : l
            advance(); advance()
          } else if let l = tokenWord(current), peekToken().identifier != nil, case .colon = peekToken(2).kind {
            label = l == "_" ? nil : l
            advance(); advance(); advance()
          }
          items.append((label, parseType()))
          if current.isOp("=") {
            error("default values of associated values are not supported in SwiftBayes cells")
            advance()
            _ = parseExpression()
          }
          if at(.comma) { advance() } else { break }
        }
        _ = expectRParen()
        payload = items
      }
      var raw: Expr? = nil
      if current.isOp("=") {
        advance()
        raw = parseTernary()
      }
      cases.append(EnumCaseDecl(name: name, payload: payload, rawValue: raw, range: r))
      if at(.comma) { advance() } else { break }
    } while !current.isEOF
    return Stmt(.enumCases(cases), SourceRange(start, previousEnd))
  }

  /// A `var`/`let` member: stored with an optional default, or computed with `get`/`set`
  /// (or a getter body), or with `willSet`/`didSet` observers.
  mutating func parseMemberVariable(_ modifiers: Set<String>) -> [Stmt] {
    let start = current.range.start
    let isLet = current.isKeyword(.let)
    advance()
    var result: [Stmt] = []
    repeat {
      let itemStart = current.range.start
      guard let name = current.identifier else {
        error("expected a property name")
        synchronize()
        return result + [Stmt(.error, SourceRange(start, previousEnd))]
      }
      advance()
      var type: TypeRef? = nil
      if at(.colon) {
        advance()
        type = parseType()
      }
      var value: Expr? = nil
      if current.isOp("=") {
        advance()
        value = parseExpression()
      }
      var getter: [Stmt]? = nil
      var setter: (String, [Stmt])? = nil
      var willSet: (String, [Stmt])? = nil
      var didSet: (String, [Stmt])? = nil
      if at(.lbrace), !current.newlineBefore || value == nil {
        let savedType = inTypeBody, savedProtocol = inProtocolBody
        inTypeBody = 0
        inProtocolBody = false
        defer { inTypeBody = savedType; inProtocolBody = savedProtocol }
        let accessorWords: Set<String> = ["get", "set", "willSet", "didSet", "mutating", "nonmutating"]
        let k = peekToken()
        let isAccessorBlock = (k.identifier.map { accessorWords.contains($0) } ?? false) && ({ () -> Bool in
          switch peekToken(2).kind {
          case .lbrace, .lparen, .rbrace: return true
          case .identifier(let s): return accessorWords.contains(s)
          default: return peekToken(2).newlineBefore
          }
        })()
        if isAccessorBlock {
          advance()
          while let word = current.identifier, accessorWords.contains(word) {
            advance()
            if word == "mutating" || word == "nonmutating" { continue }
            var param = word == "willSet" ? "newValue" : word == "didSet" ? "oldValue" : "newValue"
            if at(.lparen) {
              advance()
              if let p = current.identifier { param = p; advance() }
              _ = expectRParen()
            }
            var body: [Stmt] = []
            if at(.lbrace) { body = parseBlock("to start the '\(word)' accessor") }
            switch word {
            case "get": getter = body
            case "set": setter = (param, body)
            case "willSet": willSet = (param, body)
            default: didSet = (param, body)
            }
            while at(.semicolon) { advance() }
          }
          _ = expectRBrace()
          if inProtocolBody || savedProtocol { getter = getter ?? [] }
        } else {
          getter = parseBlock("to start the getter of '\(name)'")
        }
        if getter != nil, value != nil {
          error("a computed property cannot have an initial value", SourceRange(itemStart, previousEnd))
        }
      }
      let decl = PropertyDecl(name: name, isLet: isLet, type: type, value: value, modifiers: modifiers, getter: getter, setter: setter,
                              willSet: willSet, didSet: didSet, range: SourceRange(itemStart, previousEnd))
      result.append(Stmt(.property(decl), decl.range))
      if at(.comma) { advance() } else { break }
    } while true
    // `let red, green, blue: Double`: a type applies to the names before it.
    var carried: TypeRef? = nil
    for i in result.indices.reversed() {
      guard case .property(let p) = result[i].kind else { continue }
      if let t = p.type { carried = t; continue }
      if p.value == nil && p.getter == nil {
        guard let t = carried else {
          error("type annotation missing in pattern", p.range)
          continue
        }
        result[i].kind = .property(PropertyDecl(name: p.name, isLet: p.isLet, type: t, value: nil, modifiers: p.modifiers, getter: nil, setter: nil,
                                                willSet: p.willSet, didSet: p.didSet, range: p.range))
      } else {
        carried = nil
      }
    }
    return result
  }

  /// `subscript(i: Int) -> T { … }`, `subscript(row: Int, column: Int) -> T { get { … } set { … } }`,
  /// or a protocol's `subscript(i: Int) -> T { get }`. A parameter written with one name
  /// has no argument label (Swift's rule for subscripts).
  mutating func parseSubscriptDecl(_ modifiers: Set<String>) -> Stmt {
    let start = current.range.start
    let nameRange = current.range
    advance()
    var generics: [(String, [String])] = []
    if current.isOp("<") { generics = parseGenericParameters() }
    guard at(.lparen) else {
      error("expected '(' for subscript parameters")
      skipBracedBody()
      return Stmt(.error, SourceRange(start, previousEnd))
    }
    advance()
    var params: [Parameter] = []
    while !at(.rparen) && !current.isEOF {
      var oneName = true
      if case .colon = peekToken().kind {} else { oneName = false }
      guard var p = parseParameter() else {
        skipBracedBody()
        return Stmt(.error, SourceRange(start, previousEnd))
      }
      if oneName { p.label = nil }
      params.append(p)
      if at(.comma) { advance() } else { break }
    }
    guard expectRParen() else {
      skipBracedBody()
      return Stmt(.error, SourceRange(start, previousEnd))
    }
    var returnType: TypeRef? = nil
    if at(.arrow) {
      advance()
      returnType = parseType()
    } else {
      error("expected '->' for subscript element type")
    }
    if current.isKeyword(.where) {
      advance()
      parseWhereClause(into: &generics)
    }
    var getter: [Stmt] = []
    var setter: (String, [Stmt])? = nil
    let savedType = inTypeBody, savedProtocol = inProtocolBody
    inTypeBody = 0
    inProtocolBody = false
    defer { inTypeBody = savedType; inProtocolBody = savedProtocol }
    if at(.lbrace) {
      let k = peekToken()
      let accessorWords: Set<String> = ["get", "set", "mutating", "nonmutating"]
      let isAccessorBlock = (k.identifier.map { accessorWords.contains($0) } ?? false) && ({ () -> Bool in
        switch peekToken(2).kind {
        case .lbrace, .lparen, .rbrace: return true
        case .identifier(let s): return accessorWords.contains(s)
        default: return peekToken(2).newlineBefore
        }
      })()
      if isAccessorBlock {
        advance()
        while let word = current.identifier, accessorWords.contains(word) {
          advance()
          if word == "mutating" || word == "nonmutating" { continue }
          var param = "newValue"
          if at(.lparen) {
            advance()
            if let p = current.identifier { param = p; advance() }
            _ = expectRParen()
          }
          var body: [Stmt] = []
          if at(.lbrace) { body = parseBlock("to start the '\(word)' accessor") } else if !savedProtocol {
            error("expected '{' to start the '\(word)' accessor")
          }
          if word == "get" { getter = body } else { setter = (param, body) }
          while at(.semicolon) { advance() }
        }
        _ = expectRBrace()
      } else {
        getter = parseBlock("to start the body of the subscript")
      }
    } else if !savedProtocol {
      error("expected '{' in subscript to specify getter and setter implementation")
    }
    let decl = FunctionDecl(name: "subscript", parameters: params, returnType: returnType, body: getter, range: SourceRange(start, previousEnd),
                            nameRange: nameRange, doc: nil, modifiers: modifiers, genericParameters: generics)
    return Stmt(.subscriptDecl(SubscriptDecl(getter: decl, setter: setter)), decl.range)
  }

  /// `do { … } catch Pattern where cond { … } catch { … }`.
  mutating func parseDoCatch() -> Stmt {
    let start = current.range.start
    advance()
    let body = parseBlock("after 'do'")
    var clauses: [CatchClause] = []
    while current.isKeyword(.catch) {
      let cs = current.range.start
      advance()
      var pattern: Pattern? = nil
      var whereClause: Expr? = nil
      if !at(.lbrace) {
        let saved = noTrailingClosure
        noTrailingClosure = true
        pattern = parseCasePattern()
        if current.isKeyword(.where) {
          advance()
          whereClause = parseExpression()
        }
        noTrailingClosure = saved
      }
      let b = parseBlock("after 'catch'")
      clauses.append(CatchClause(pattern: pattern, whereClause: whereClause, body: b, range: SourceRange(cs, previousEnd)))
    }
    return Stmt(.doCatch(body, clauses), SourceRange(start, previousEnd))
  }
}
