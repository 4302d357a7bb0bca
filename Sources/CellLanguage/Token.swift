/// Swift keywords the cell language knows. Unsupported ones are recognized so the
/// parser can name the construct in its error.
public enum Keyword: String, Sendable, CaseIterable {
  case `let`, `var`, `func`, `if`, `else`, `guard`, `for`, `in`, `while`, `repeat`
  case `switch`, `case`, `default`, `break`, `continue`, `return`, `true`, `false`, `nil`
  case `import`, `where`, `as`, `is`, `fallthrough`
  // Recognized only to be rejected with a clear message.
  case `struct`, `class`, `enum`, `protocol`, `extension`, `typealias`, `init`, `deinit`
  case `subscript`, `operator`, `inout`, `throws`, `throw`, `try`, `do`, `catch`, `defer`
  case `static`, `private`, `public`, `internal`, `fileprivate`, `self`, `Self`
  case `super`, `associatedtype`, `precedencegroup`, `rethrows`
}

/// One segment of a string literal: literal text or an interpolated expression's tokens.
public enum StringSegment: Sendable {
  case text(String)
  case interpolation([Token], SourceRange)
}

public enum TokenKind: Sendable {
  case identifier(String)
  case keyword(Keyword)
  case integer(String)
  case float(String)
  case string([StringSegment])
  case op(String)
  case lparen, rparen, lbracket, rbracket, lbrace, rbrace
  case comma, colon, semicolon, dot, arrow, at, hash
  case postfixBang, postfixQuestion
  case invalid(String)
  case eof
}

/// A token with its range and the whitespace facts Swift uses to tell prefix, postfix
/// and binary operators apart.
public struct Token: Sendable {
  public var kind: TokenKind
  public var range: SourceRange
  /// Whitespace (or an opening bracket, comma, colon, semicolon) directly before.
  public var spaceBefore: Bool
  /// Whitespace (or a closing bracket, comma, colon, semicolon) directly after.
  public var spaceAfter: Bool
  /// A line break between this token and the previous one.
  public var newlineBefore: Bool

  public var isEOF: Bool {
    if case .eof = kind { return true }
    return false
  }

  func isKeyword(_ k: Keyword) -> Bool {
    if case .keyword(let x) = kind, x == k { return true }
    return false
  }

  func isOp(_ s: String) -> Bool {
    if case .op(let x) = kind, x == s { return true }
    return false
  }

  var identifier: String? {
    if case .identifier(let s) = kind { return s }
    return nil
  }

  /// A short spelling for error messages.
  public var spelling: String {
    switch kind {
    case .identifier(let s): return s
    case .keyword(let k): return k.rawValue
    case .integer(let s), .float(let s): return s
    case .string: return "string literal"
    case .op(let s): return s
    case .lparen: return "("
    case .rparen: return ")"
    case .lbracket: return "["
    case .rbracket: return "]"
    case .lbrace: return "{"
    case .rbrace: return "}"
    case .comma: return ","
    case .colon: return ":"
    case .semicolon: return ";"
    case .dot: return "."
    case .arrow: return "->"
    case .at: return "@"
    case .hash: return "#"
    case .postfixBang: return "!"
    case .postfixQuestion: return "?"
    case .invalid(let s): return s
    case .eof: return "end of input"
    }
  }
}
