/// A recovering recursive-descent parser for the cell language. It reports every error
/// in a cell (with its location) instead of stopping at the first one, and limits
/// nesting so hostile input cannot overflow the stack.
public struct Parser {
  var tokens: [Token]
  var pos = 0
  public internal(set) var diagnostics: [Diagnostic] = []
  let file: SourceFile?
  var depth = 0
  /// Greater than zero while parsing the members of a type (not inside their bodies).
  var inTypeBody = 0
  /// Inside a protocol's body, where functions and properties are requirements without bodies.
  var inProtocolBody = false
  static let maxDepth = 160
  var tooDeep = false
  /// Inside `if`/`while`/`guard`/`for` headers a `{` starts the body, not a trailing closure.
  var noTrailingClosure = false
  /// For each closure being parsed, the highest `$n` seen plus one.
  var dollarCounts: [Int] = []
  /// Set when an error was caused by running out of input (for is-complete).
  public internal(set) var hitEndOfInput = false

  public init(_ source: SourceFile) {
    var lexer = Lexer(source)
    self.tokens = lexer.tokenize()
    self.diagnostics = lexer.diagnostics
    self.file = source
    if lexer.diagnostics.contains(where: { $0.message.hasPrefix("unterminated") }) { hitEndOfInput = true }
  }

  init(tokens: [Token], file: SourceFile?) {
    self.tokens = tokens
    self.file = file
  }

  /// Parses a whole cell.
  public static func parse(_ source: SourceFile) -> (statements: [Stmt], diagnostics: [Diagnostic], incomplete: Bool) {
    var p = Parser(source)
    let stmts = p.parseStatements(topLevel: true)
    return (stmts, Diagnostic.inSourceOrder(p.diagnostics), p.hitEndOfInput)
  }

  // MARK: - Token access

  var current: Token { tokens[pos] }
  func peekToken(_ k: Int = 1) -> Token { tokens[min(pos + k, tokens.count - 1)] }

  @discardableResult
  mutating func advance() -> Token {
    let t = tokens[pos]
    if pos < tokens.count - 1 { pos += 1 }
    return t
  }

  var previousEnd: SourceLocation { pos > 0 ? tokens[pos - 1].range.end : current.range.start }

  mutating func error(_ message: String, _ range: SourceRange? = nil) {
    let r = range ?? current.range
    if current.isEOF && range == nil { hitEndOfInput = true }
    // After "nested too deeply" the rest of the cell is not parsed reliably: one error per
    // unclosed level would only bury the real one.
    if tooDeep { return }
    // One error per location is enough.
    if let last = diagnostics.last, last.range.start == r.start { return }
    diagnostics.append(Diagnostic(message, r))
  }

  mutating func expect(_ matches: (TokenKind) -> Bool, _ what: String) -> Bool {
    if matches(current.kind) {
      advance()
      return true
    }
    error("expected \(what)" + (current.isEOF ? "" : " but found '\(current.spelling)'"))
    return false
  }

  mutating func expectRParen() -> Bool { expect({ if case .rparen = $0 { return true }; return false }, "')'") }
  mutating func expectRBracket() -> Bool { expect({ if case .rbracket = $0 { return true }; return false }, "']'") }
  mutating func expectRBrace() -> Bool { expect({ if case .rbrace = $0 { return true }; return false }, "'}'") }
  mutating func expectLBrace(_ context: String) -> Bool {
    expect({ if case .lbrace = $0 { return true }; return false }, "'{' \(context)")
  }

  func at(_ k: TokenKind) -> Bool { Parser.same(current.kind, k) }

  static func same(_ a: TokenKind, _ b: TokenKind) -> Bool {
    switch (a, b) {
    case (.lparen, .lparen), (.rparen, .rparen), (.lbracket, .lbracket), (.rbracket, .rbracket),
      (.lbrace, .lbrace), (.rbrace, .rbrace), (.comma, .comma), (.colon, .colon),
      (.semicolon, .semicolon), (.dot, .dot), (.arrow, .arrow), (.eof, .eof), (.at, .at), (.hash, .hash),
      (.postfixBang, .postfixBang), (.postfixQuestion, .postfixQuestion):
      return true
    case (.keyword(let x), .keyword(let y)): return x == y
    case (.op(let x), .op(let y)): return x == y
    default: return false
    }
  }

  mutating func enterNesting() -> Bool {
    depth += 1
    if depth > Parser.maxDepth {
      if !tooDeep {
        error("expression or block nested too deeply (more than \(Parser.maxDepth) levels)")
        tooDeep = true
      }
      return false
    }
    return true
  }

  /// Skips to a likely statement start after an error: a new line, `;`, or a `}` that
  /// closes the current block. Balanced brackets are skipped whole.
  mutating func synchronize() {
    var depthBrace = 0
    var first = true
    while !current.isEOF {
      if !first && depthBrace == 0 && current.newlineBefore { return }
      first = false
      switch current.kind {
      case .semicolon where depthBrace == 0: advance(); return
      case .lbrace, .lparen, .lbracket: depthBrace += 1
      case .rbrace, .rparen, .rbracket:
        if depthBrace == 0 { if case .rbrace = current.kind { return } }
        depthBrace = max(0, depthBrace - 1)
      default: break
      }
      advance()
    }
  }

  /// Skips a `{ … }` group if the current token opens one (used after unsupported
  /// declarations so their bodies do not produce more errors).
  mutating func skipBracedBody() {
    var guardCount = 0
    while !current.isEOF, !at(.lbrace), !(current.newlineBefore && guardCount > 0) {
      advance()
      guardCount += 1
    }
    guard at(.lbrace) else { return }
    var d = 0
    repeat {
      if at(.lbrace) { d += 1 } else if at(.rbrace) { d -= 1 }
      advance()
    } while d > 0 && !current.isEOF
    if d > 0 { hitEndOfInput = true }
  }
}

extension String {
  func trimmingLeadingSpaces() -> Substring {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    return s
  }
}
