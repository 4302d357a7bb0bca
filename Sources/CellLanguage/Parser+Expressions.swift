enum Associativity { case left, right, none }

struct InfixOperator {
  var precedence: Int
  var associativity: Associativity
}

extension Parser {
  /// Swift's standard precedence groups, lowest first.
  static let infixOperators: [String: InfixOperator] = {
    var t: [String: InfixOperator] = [:]
    for op in ["=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&+=", "&-=", "&*="] {
      t[op] = InfixOperator(precedence: 1, associativity: .right)
    }
    t["?"] = InfixOperator(precedence: 2, associativity: .right)
    t["||"] = InfixOperator(precedence: 3, associativity: .left)
    t["&&"] = InfixOperator(precedence: 4, associativity: .left)
    for op in ["==", "!=", "<", "<=", ">", ">=", "===", "!==", "~="] {
      t[op] = InfixOperator(precedence: 5, associativity: .none)
    }
    t["??"] = InfixOperator(precedence: 6, associativity: .right)
    // 7: casting (`as`, `is`), handled as keywords.
    t["..<"] = InfixOperator(precedence: 8, associativity: .none)
    t["..."] = InfixOperator(precedence: 8, associativity: .none)
    for op in ["+", "-", "|", "^", "&+", "&-"] { t[op] = InfixOperator(precedence: 9, associativity: .left) }
    for op in ["*", "/", "%", "&", "&*"] { t[op] = InfixOperator(precedence: 10, associativity: .left) }
    for op in ["<<", ">>"] { t[op] = InfixOperator(precedence: 11, associativity: .none) }
    return t
  }()

  static let assignmentOperators: Set<String> = ["=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&+=", "&-=", "&*="]

  public mutating func parseExpression() -> Expr { parseBinary(minPrecedence: 1) }

  /// An expression without assignment (case patterns).
  mutating func parseTernary() -> Expr { parseBinary(minPrecedence: 2) }

  /// Whether the current operator token is used as a binary operator.
  func isBinaryPosition(_ t: Token) -> Bool {
    if t.spaceBefore == t.spaceAfter { return true }
    // A prefix-shaped operator at the start of a line begins a new statement.
    if t.newlineBefore { return false }
    return true
  }

  mutating func parseBinary(minPrecedence: Int) -> Expr {
    guard enterNesting() else { return Expr(.error, current.range) }
    defer { depth -= 1 }
    var lhs = parseUnary()
    while true {
      let t = current
      var info: InfixOperator
      var opName: String
      switch t.kind {
      case .op(let s):
        guard isBinaryPosition(t) else { return lhs }
        if s == "..." && !t.spaceBefore && t.spaceAfter {
          advance()
          lhs = Expr(.postfix("...", lhs), lhs.range.union(t.range))
          continue
        }
        guard let i = Parser.infixOperators[s] else {
          error("unknown operator '\(s)'")
          advance()
          continue
        }
        info = i
        opName = s
      case .keyword(.as), .keyword(.is):
        info = InfixOperator(precedence: 7, associativity: .left)
        opName = t.isKeyword(.as) ? "as" : "is"
      default:
        return lhs
      }
      if info.precedence < minPrecedence { return lhs }
      advance()
      if opName == "?" {
        let mid = parseExpression()
        guard expect({ if case .colon = $0 { return true }; return false }, "':' in the ternary expression") else {
          return Expr(.error, lhs.range.union(mid.range))
        }
        let rhs = parseBinary(minPrecedence: 2)
        lhs = Expr(.ternary(lhs, mid, rhs), lhs.range.union(rhs.range))
        continue
      }
      if opName == "as" || opName == "is" {
        var kind: CastKind = opName == "is" ? .isType : .asPlain
        if opName == "as" {
          if at(.postfixQuestion) { advance(); kind = .asOptional } else if at(.postfixBang) { advance(); kind = .asForced }
        }
        let type = parseType()
        lhs = Expr(.cast(lhs, type, kind), SourceRange(lhs.range.start, previousEnd))
        continue
      }
      let next = info.associativity == .right ? info.precedence : info.precedence + 1
      let rhs = parseBinary(minPrecedence: next)
      let range = lhs.range.union(rhs.range)
      if Parser.assignmentOperators.contains(opName) {
        lhs = Expr(.assign(opName, lhs, rhs), range)
      } else {
        lhs = Expr(.binary(opName, lhs, rhs), range)
      }
      if info.associativity == .none, case .op(let s) = current.kind, isBinaryPosition(current),
        let n = Parser.infixOperators[s], n.precedence == info.precedence
      {
        error("adjacent operators are in non-associative precedence group; add parentheses")
      }
    }
  }

  mutating func parseUnary() -> Expr {
    let t = current
    if case .op(let s) = t.kind {
      // An operator followed by `)` or `,` is a function value: `reduce(0, +)`.
      switch peekToken().kind {
      case .rparen, .comma:
        if Parser.infixOperators[s] != nil {
          advance()
          return Expr(.operatorRef(s), t.range)
        }
      default: break
      }
      if s == "&", !t.spaceAfter {
        advance()
        guard enterNesting() else { return Expr(.error, t.range) }
        defer { depth -= 1 }
        let operand = parsePostfix(parsePrimary())
        return Expr(.inoutArgument(operand), t.range.union(operand.range))
      }
      guard ["-", "+", "!", "~", "..<", "..."].contains(s) else {
        error("unknown prefix operator '\(s)'")
        advance()
        return Expr(.error, t.range)
      }
      advance()
      guard enterNesting() else { return Expr(.error, t.range) }
      defer { depth -= 1 }
      // Fold `-literal` so `-9223372036854775808` is representable.
      if s == "-", !t.spaceAfter, case .integer(let text) = current.kind {
        let lit = current
        if let v = Parser.parseInteger("-" + text) {
          advance()
          return parsePostfix(Expr(.integer(v), t.range.union(lit.range)))
        }
      }
      let operand = parseUnary()
      return Expr(.prefix(s, operand), t.range.union(operand.range))
    }
    return parsePostfix(parsePrimary())
  }

  static func parseInteger(_ text: String) -> Int? {
    var t = Substring(text)
    var negative = false
    if t.hasPrefix("-") {
      negative = true
      t = t.dropFirst()
    }
    var radix = 10
    if t.hasPrefix("0x") { radix = 16; t = t.dropFirst(2) } else if t.hasPrefix("0b") { radix = 2; t = t.dropFirst(2) } else if t.hasPrefix("0o") { radix = 8; t = t.dropFirst(2) }
    return Int((negative ? "-" : "") + t, radix: radix)
  }

  mutating func parsePostfix(_ base: Expr) -> Expr {
    var e = base
    var hasOptionalChain = false
    while true {
      let t = current
      switch t.kind {
      case .lparen where !t.newlineBefore:
        advance()
        var args = parseArguments(closing: .rparen)
        let end = previousEnd
        if let trailing = parseTrailingClosures() { args.append(contentsOf: trailing) }
        e = Expr(.call(e, args), SourceRange(e.range.start, max(end, previousEnd)))
      case .lbracket where !t.newlineBefore:
        advance()
        let args = parseArguments(closing: .rbracket)
        e = Expr(.subscriptAccess(e, args), SourceRange(e.range.start, previousEnd))
      case .dot:
        advance()
        switch current.kind {
        case .identifier(let name):
          advance()
          e = Expr(.member(e, name), SourceRange(e.range.start, previousEnd))
        case .integer(let digits):
          advance()
          e = Expr(.member(e, digits), SourceRange(e.range.start, previousEnd))
        case .keyword(let k):
          advance()
          if k == .self {
            error("'.\(k.rawValue)' is not supported in SwiftBayes cells", SourceRange(t.range.start, previousEnd))
          }
          e = Expr(.member(e, k.rawValue), SourceRange(e.range.start, previousEnd))
        default:
          error("expected a member name after '.'")
          return Expr(.error, SourceRange(e.range.start, previousEnd))
        }
      case .postfixBang:
        advance()
        e = Expr(.forceUnwrap(e), SourceRange(e.range.start, previousEnd))
      case .postfixQuestion:
        advance()
        hasOptionalChain = true
        e = Expr(.optionalChainPoint(e), SourceRange(e.range.start, previousEnd))
      case .lbrace where !noTrailingClosure && !t.newlineBefore && !isObserverBlockAhead():
        let closures = parseTrailingClosures() ?? []
        e = Expr(.call(e, closures), SourceRange(e.range.start, previousEnd))
      default:
        return hasOptionalChain ? Expr(.optionalChainRoot(e), e.range) : e
      }
    }
  }

  /// `{ didSet { … } }` after a stored property's initial value is not a trailing closure.
  func isObserverBlockAhead() -> Bool {
    guard inTypeBody > 0 || true, let w = peekToken().identifier, w == "didSet" || w == "willSet" else { return false }
    switch peekToken(2).kind {
    case .lbrace, .lparen: return true
    default: return false
    }
  }

  /// `{ … }` after a call, plus Swift 5.3's labeled extra trailing closures.
  mutating func parseTrailingClosures() -> [CallArgument]? {
    guard at(.lbrace), !noTrailingClosure, !current.newlineBefore, !isObserverBlockAhead() else { return nil }
    var args = [CallArgument(label: nil, value: parseClosure(), isTrailing: true)]
    while let label = current.identifier, case .colon = peekToken().kind, !current.newlineBefore || true,
      case .lbrace = peekToken(2).kind
    {
      advance(); advance()
      args.append(CallArgument(label: label, value: parseClosure()))
    }
    return args
  }

  mutating func parseArguments(closing: TokenKind) -> [CallArgument] {
    let saved = noTrailingClosure
    noTrailingClosure = false
    defer { noTrailingClosure = saved }
    var args: [CallArgument] = []
    while !at(closing) && !current.isEOF {
      var label: String? = nil
      if let word = tokenWord(current), case .colon = peekToken().kind {
        label = word
        advance(); advance()
      }
      args.append(CallArgument(label: label, value: parseExpression()))
      if at(.comma) {
        advance()
      } else {
        break
      }
    }
    if case .rbracket = closing { _ = expectRBracket() } else { _ = expectRParen() }
    return args
  }

  mutating func parsePrimary() -> Expr {
    let t = current
    switch t.kind {
    case .integer(let text):
      advance()
      guard let v = Parser.parseInteger(text) else {
        if ["0x", "0b", "0o"].contains(text) {
          error("'\(text)' is not a valid number: digits must follow the prefix", t.range)
          return Expr(.error, t.range)
        }
        error("integer literal '\(text)' overflows when stored into 'Int'", t.range)
        return Expr(.error, t.range)
      }
      return Expr(.integer(v), t.range)
    case .float(let text):
      advance()
      return Expr(.double(Double(text) ?? .nan), t.range)
    case .string(let segments):
      advance()
      return Expr(.string(parseStringSegments(segments)), t.range)
    case .keyword(.true):
      advance()
      return Expr(.bool(true), t.range)
    case .keyword(.false):
      advance()
      return Expr(.bool(false), t.range)
    case .keyword(.nil):
      advance()
      return Expr(.nilLiteral, t.range)
    case .identifier(let name):
      advance()
      if name.first?.isUppercase == true, current.isOp("<"), !current.spaceBefore, skipGenericArgumentsInExpression() {
        return Expr(.identifier(name), SourceRange(t.range.start, previousEnd))
      }
      if name.hasPrefix("$") {
        if let n = Int(name.dropFirst()), !dollarCounts.isEmpty {
          dollarCounts[dollarCounts.count - 1] = max(dollarCounts[dollarCounts.count - 1], n + 1)
        } else {
          error("anonymous closure argument '\(name)' used outside a closure", t.range)
        }
      }
      return Expr(.identifier(name), t.range)
    case .lparen:
      advance()
      if at(.rparen) {
        advance()
        return Expr(.tuple([]), SourceRange(t.range.start, previousEnd))
      }
      var items: [(String?, Expr)] = []
      var sawComma = false
      while !at(.rparen) && !current.isEOF {
        var label: String? = nil
        if let word = current.identifier, case .colon = peekToken().kind {
          label = word
          advance(); advance()
        }
        items.append((label, parseExpression()))
        if at(.comma) {
          sawComma = true
          advance()
        } else {
          break
        }
      }
      _ = expectRParen()
      let range = SourceRange(t.range.start, previousEnd)
      if items.count == 1 && !sawComma && items[0].0 == nil {
        return Expr(items[0].1.kind, range)
      }
      return Expr(.tuple(items), range)
    case .lbracket:
      return parseCollectionLiteral()
    case .lbrace:
      return parseClosure()
    case .dot:
      advance()
      guard let name = tokenWord(current) else {
        error("expected a member name after '.'")
        return Expr(.error, t.range)
      }
      advance()
      return Expr(.implicitMember(name), SourceRange(t.range.start, previousEnd))
    case .keyword(.self), .keyword(.Self), .keyword(.super):
      advance()
      if case .keyword(let k) = t.kind { return Expr(.identifier(k.rawValue), t.range) }
      return Expr(.error, t.range)
    case .keyword(.try):
      advance()
      var kind = TryKind.plain
      if at(.postfixQuestion) || current.isOp("?") {
        advance()
        kind = .optional
      } else if at(.postfixBang) || current.isOp("!") {
        advance()
        kind = .forced
      }
      guard enterNesting() else { return Expr(.error, t.range) }
      defer { depth -= 1 }
      // `try` covers everything to its right: `try a + b` marks both.
      let operand = parseBinary(minPrecedence: 2)
      return Expr(.tryExpr(kind, operand), t.range.union(operand.range))
    case .keyword(.where) where { if case .lparen = peekToken().kind { return !peekToken().newlineBefore }; return false }():
      // `where(cond, a, b)`: NumPy's elementwise select. `where` is a Swift keyword, but
      // in expression position followed by `(` it can only be this call (a documented
      // departure; the backticked `` `where`(…) `` works too).
      advance()
      return Expr(.identifier("where"), t.range)
    case .keyword(let k):
      switch k {
      case .if, .switch:
        error("'\(k.rawValue)' cannot be used as an expression in SwiftBayes cells; use the ternary operator 'c ? a : b'")
      case .inout, .throw:
        error("\(Parser.unsupportedNames[k.rawValue] ?? "'\(k.rawValue)'") are not supported in SwiftBayes cells")
        if k == .throw {
          // `try f()`, `try? f()`: consume the operand so it is not reported as another statement.
          advance()
          if at(.postfixQuestion) || at(.postfixBang) { advance() }
          guard enterNesting() else { return Expr(.error, t.range) }
          defer { depth -= 1 }
          let operand = parseUnary()
          return Expr(.error, t.range.union(operand.range))
        }
      default:
        error(current.isEOF ? "expected an expression" : "expected an expression but found '\(t.spelling)'")
        // A statement keyword on a new line starts the next statement: leave it for recovery.
        if t.newlineBefore, [.let, .var, .func, .if, .guard, .for, .while, .repeat, .switch, .return, .import].contains(k) {
          return Expr(.error, t.range)
        }
      }
      advance()
      return Expr(.error, t.range)
    case .hash:
      advance()
      let name = current.identifier ?? ""
      error("macros and compiler directives ('#\(name)') are not supported in SwiftBayes cells", t.range.union(current.range))
      if current.identifier != nil { advance() }
      if at(.lparen) { advance(); _ = parseArguments(closing: .rparen) }
      return Expr(.error, SourceRange(t.range.start, previousEnd))
    case .invalid(let s):
      advance()
      if s.first.map({ $0.isNumber }) == true {
        error("'\(s)' is not a valid number", t.range)
      } else if s == "\\" {
        return parseKeyPath(t.range)
      } else if s == "\"" || s == "#\"" {
        // Already reported by the lexer.
      } else {
        error("unexpected character '\(s)'", t.range)
      }
      return Expr(.error, t.range)
    case .eof:
      error("expected an expression")
      return Expr(.error, t.range)
    default:
      error("expected an expression but found '\(t.spelling)'")
      advance()
      return Expr(.error, t.range)
    }
  }

  /// `\Type.a.b` or `\.a.b` (the backslash already consumed). Optional chaining and
  /// subscripts inside a key path are reported as unsupported.
  mutating func parseKeyPath(_ backslash: SourceRange) -> Expr {
    var components: [String] = []
    var hasRoot = false
    if let root = current.identifier, !current.spaceBefore {
      hasRoot = true
      components.append(root)
      advance()
      if current.isOp("<") && !current.spaceBefore { _ = skipGenericArgumentsInExpression() }
    }
    while at(.dot), let m = tokenWord(peekToken()) {
      advance(); advance()
      if m != "self" { components.append(m) }
    }
    if at(.postfixQuestion) || at(.postfixBang) || (at(.lbracket) && !current.spaceBefore) || (at(.dot) && Parser.same(peekToken().kind, .lbracket)) {
      error("key paths with optional chaining or subscripts are not supported in SwiftBayes cells; use a closure such as '{ $0.a?.b }'", SourceRange(backslash.start, current.range.end))
      // Skip the rest of the key path so it is reported once.
      while !current.isEOF {
        if at(.lbracket) {
          var d = 0
          repeat {
            if at(.lbracket) { d += 1 } else if at(.rbracket) { d -= 1 }
            advance()
          } while d > 0 && !current.isEOF
        } else if at(.dot) || at(.postfixQuestion) || at(.postfixBang) || (current.identifier != nil && !current.spaceBefore) {
          advance()
        } else {
          break
        }
      }
      return Expr(.error, SourceRange(backslash.start, previousEnd))
    }
    if components.count == (hasRoot ? 1 : 0) && !hasRoot {
      error("expected a property name in the key path", SourceRange(backslash.start, previousEnd))
      return Expr(.error, SourceRange(backslash.start, previousEnd))
    }
    return Expr(.keyPath(components, hasRoot: hasRoot), SourceRange(backslash.start, previousEnd))
  }

  /// `Stack<Int>(` or `Box<Double>.make`: generic arguments after a type name in an
  /// expression, skipped (generics run on the values' dynamic types). Leaves the position
  /// unchanged and returns false when the `<` is a comparison.
  mutating func skipGenericArgumentsInExpression() -> Bool {
    var k = pos + 1
    var d = 1
    while k < tokens.count {
      switch tokens[k].kind {
      case .op(let o) where o == "<": d += 1
      case .op(let o) where o.allSatisfy({ $0 == ">" }): d -= o.count
      case .identifier, .comma, .lbracket, .rbracket, .colon, .dot, .postfixQuestion, .lparen, .rparen, .arrow: break
      case .op(let o) where o == "?": break
      default: return false
      }
      k += 1
      if d <= 0 { break }
    }
    guard d == 0, k < tokens.count else { return false }
    switch tokens[k].kind {
    case .lparen where !tokens[k].spaceBefore, .dot: break
    default: return false
    }
    pos = k
    return true
  }

  mutating func parseStringSegments(_ segments: [StringSegment]) -> [StringPart] {
    var parts: [StringPart] = []
    for seg in segments {
      switch seg {
      case .text(let s):
        parts.append(.text(s))
      case .interpolation(let toks, let range):
        var sub = Parser(tokens: toks, file: file)
        sub.depth = depth
        sub.dollarCounts = dollarCounts
        if toks.count <= 1 {
          error("empty string interpolation", range)
          parts.append(.expr(Expr(.error, range)))
          continue
        }
        let e = sub.parseExpression()
        if !sub.current.isEOF {
          sub.error("unexpected '\(sub.current.spelling)' in string interpolation")
        }
        diagnostics.append(contentsOf: sub.diagnostics)
        dollarCounts = sub.dollarCounts
        if sub.tooDeep { tooDeep = true }
        parts.append(.expr(e))
      }
    }
    return parts
  }

  mutating func parseCollectionLiteral() -> Expr {
    let start = current.range.start
    advance()
    guard enterNesting() else { return Expr(.error, SourceRange(start, previousEnd)) }
    defer { depth -= 1 }
    let saved = noTrailingClosure
    noTrailingClosure = false
    defer { noTrailingClosure = saved }
    if at(.rbracket) {
      advance()
      return Expr(.array([]), SourceRange(start, previousEnd))
    }
    if at(.colon), case .rbracket = peekToken().kind {
      advance(); advance()
      return Expr(.dictionary([]), SourceRange(start, previousEnd))
    }
    let first = parseExpression()
    if at(.colon) {
      advance()
      var pairs = [(first, parseExpression())]
      while at(.comma) {
        advance()
        if at(.rbracket) { break }
        let k = parseExpression()
        guard expect({ if case .colon = $0 { return true }; return false }, "':' in dictionary literal") else { break }
        pairs.append((k, parseExpression()))
      }
      _ = expectRBracket()
      return Expr(.dictionary(pairs), SourceRange(start, previousEnd))
    }
    var items = [first]
    while at(.comma) {
      advance()
      if at(.rbracket) { break }
      items.append(parseExpression())
    }
    _ = expectRBracket()
    return Expr(.array(items), SourceRange(start, previousEnd))
  }

  mutating func parseClosure() -> Expr {
    let start = current.range.start
    advance()
    guard enterNesting() else { return Expr(.error, SourceRange(start, previousEnd)) }
    // A closure inside a type's body (a property's initial value) holds statements, not members.
    let savedType = inTypeBody, savedProtocol = inProtocolBody
    inTypeBody = 0
    inProtocolBody = false
    defer {
      depth -= 1
      inTypeBody = savedType
      inProtocolBody = savedProtocol
    }
    var captures: [(String, Expr)] = []
    if at(.lbracket), isCaptureListAhead() {
      advance()
      while !at(.rbracket) && !current.isEOF {
        if let w = current.identifier, ["weak", "unowned"].contains(w), peekToken().identifier != nil || peekToken().isKeyword(.self) || { if case .lparen = peekToken().kind { return true }; return false }() {
          advance()
          if at(.lparen) { skipParenthesized() }
        }
        let r = current.range
        guard let name = tokenWord(current) else {
          error("expected a name in the capture list")
          break
        }
        advance()
        var value = Expr(.identifier(name), r)
        if current.isOp("=") {
          advance()
          value = parseExpression()
        }
        captures.append((name, value))
        if at(.comma) { advance() } else { break }
      }
      _ = expectRBracket()
    }
    let savedPos = pos
    let savedDiagnostics = diagnostics.count
    let savedEnd = hitEndOfInput
    var params: [(String, TypeRef?)] = []
    var returnType: TypeRef? = nil
    var hasSignature = false
    if tryClosureSignature(&params, &returnType), current.isKeyword(.in) {
      advance()
      hasSignature = true
    } else {
      pos = savedPos
      diagnostics.removeLast(diagnostics.count - savedDiagnostics)
      hitEndOfInput = savedEnd
      params = []
      returnType = nil
    }
    dollarCounts.append(0)
    let saved = noTrailingClosure
    noTrailingClosure = false
    let body = parseStatements(topLevel: false)
    noTrailingClosure = saved
    let anonymous = dollarCounts.removeLast()
    _ = expectRBrace()
    if hasSignature && anonymous > 0 {
      error("anonymous closure arguments cannot be used inside a closure that has explicit arguments", SourceRange(start, previousEnd))
    }
    let closure = ClosureExpr(parameters: params, returnType: returnType, body: body, anonymousCount: hasSignature ? 0 : anonymous, captures: captures)
    return Expr(.closure(closure), SourceRange(start, previousEnd))
  }

  /// A `[` at the start of a closure begins a capture list (`{ [x] in …}`, `{ [weak o] y in …}`)
  /// rather than an array literal (`{ [$0, $0] }`) when its `]` is followed by `in` or a signature.
  func isCaptureListAhead() -> Bool {
    var k = pos
    var d = 0
    while k < tokens.count - 1 {
      if case .lbracket = tokens[k].kind { d += 1 } else if case .rbracket = tokens[k].kind { d -= 1 }
      k += 1
      if d == 0 { break }
    }
    switch tokens[k].kind {
    case .keyword(.in): return true
    case .identifier, .lparen: return !tokens[k].newlineBefore
    default: return false
    }
  }

  mutating func tryClosureSignature(_ params: inout [(String, TypeRef?)], _ returnType: inout TypeRef?) -> Bool {
    if at(.lparen) {
      advance()
      while !at(.rparen) && !current.isEOF {
        guard var name = current.identifier else { return false }
        advance()
        if let second = current.identifier {
          name = second
          advance()
        }
        var type: TypeRef? = nil
        if at(.colon) {
          advance()
          type = parseType()
        }
        params.append((name, type))
        if at(.comma) { advance() } else { break }
      }
      guard at(.rparen) else { return false }
      advance()
    } else if let first = current.identifier {
      advance()
      params.append((first, nil))
      while at(.comma) {
        advance()
        guard let n = current.identifier else { return false }
        advance()
        params.append((n, nil))
      }
    } else if current.isKeyword(.in) {
      return true
    } else {
      return false
    }
    if at(.arrow) {
      advance()
      returnType = parseType()
    }
    return true
  }
}
