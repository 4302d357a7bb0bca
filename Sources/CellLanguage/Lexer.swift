/// Turns a cell's source into tokens. Never fails: malformed input becomes `.invalid`
/// tokens that the parser reports with their location.
public struct Lexer {
  private let s: [Unicode.Scalar]
  private var i: Int
  private var line: Int
  private var column: Int
  private var sawNewline = false
  /// How many string interpolations enclose this lexer (each one lexes with a new lexer).
  private var interpolationDepth = 0
  static let maxInterpolationDepth = 100
  public private(set) var diagnostics: [Diagnostic] = []

  public init(_ source: SourceFile) {
    self.s = source.scalars
    self.i = 0
    self.line = 1
    self.column = 1
  }

  init(scalars: [Unicode.Scalar], start: SourceLocation) {
    self.s = scalars
    self.i = start.offset
    self.line = start.line
    self.column = start.column
  }

  private var location: SourceLocation { SourceLocation(line: line, column: column, offset: i) }

  private func peek(_ k: Int = 0) -> Unicode.Scalar? {
    let j = i + k
    return j < s.count ? s[j] : nil
  }

  private mutating func advance() {
    if s[i] == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    i += 1
  }

  /// All tokens up to `end` (exclusive scalar offset) followed by `.eof`.
  public mutating func tokenize(until end: Int? = nil) -> [Token] {
    let limit = end ?? s.count
    var tokens: [Token] = []
    while true {
      skipTrivia(limit: limit)
      let start = location
      if i >= limit {
        tokens.append(Token(kind: .eof, range: SourceRange(at: start), spaceBefore: true, spaceAfter: true, newlineBefore: sawNewline))
        break
      }
      let before = i == 0 ? true : Lexer.isLeftBoundary(s[i - 1])
      let newline = sawNewline
      sawNewline = false
      let kind = lexOne(limit: limit)
      let after = i >= limit ? true : Lexer.isRightBoundary(s[i])
      tokens.append(Token(kind: kind, range: SourceRange(start, location), spaceBefore: before, spaceAfter: after, newlineBefore: newline))
    }
    return tokens
  }

  static func isLeftBoundary(_ c: Unicode.Scalar) -> Bool {
    c == " " || c == "\t" || c == "\n" || c == "\r" || c == "(" || c == "[" || c == "{" || c == "," || c == ";" || c == ":"
  }

  static func isRightBoundary(_ c: Unicode.Scalar) -> Bool {
    c == " " || c == "\t" || c == "\n" || c == "\r" || c == ")" || c == "]" || c == "}" || c == "," || c == ";" || c == ":"
  }

  static func isOperatorChar(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "/", "=", "-", "+", "!", "*", "%", "<", ">", "&", "|", "^", "~", "?": return true
    default: return false
    }
  }

  static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
    c == "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c.value > 0x7F && isSwiftIdentifierHead(c.value))
  }

  static func isIdentChar(_ c: Unicode.Scalar) -> Bool {
    isIdentStart(c) || (c >= "0" && c <= "9") || (c.value > 0x7F && isSwiftIdentifierCombining(c.value))
  }

  /// The non-ASCII scalars Swift accepts at the start of an identifier (The Swift
  /// Programming Language, Lexical Structure, "identifier-head"): letters of every
  /// script, and emoji and other symbols outside the operator ranges, so `let 🐶 = 5`
  /// and `let π = 3.14` are names.
  static func isSwiftIdentifierHead(_ v: UInt32) -> Bool {
    switch v {
    case 0xA8, 0xAA, 0xAD, 0xAF, 0xB2...0xB5, 0xB7...0xBA, 0xBC...0xBE, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0xFF,
      0x100...0x2FF, 0x370...0x167F, 0x1681...0x180D, 0x180F...0x1DBF, 0x1E00...0x1FFF,
      0x200B...0x200D, 0x202A...0x202E, 0x203F...0x2040, 0x2054, 0x2060...0x206F,
      0x2070...0x20CF, 0x2100...0x218F, 0x2460...0x24FF, 0x2776...0x2793,
      0x2C00...0x2DFF, 0x2E80...0x2FFF, 0x3004...0x3007, 0x3021...0x302F, 0x3031...0x303F, 0x3040...0xD7FF,
      0xF900...0xFD3D, 0xFD40...0xFDCF, 0xFDF0...0xFE1F, 0xFE30...0xFE44, 0xFE47...0xFFFD:
      return true
    case 0x10000...0xEFFFD:
      return v & 0xFFFF <= 0xFFFD  // each plane up to U+xFFFD
    default:
      return false
    }
  }

  /// Combining marks Swift allows after the first scalar ("identifier-character").
  static func isSwiftIdentifierCombining(_ v: UInt32) -> Bool {
    switch v {
    case 0x300...0x36F, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: return true
    default: return false
    }
  }

  private mutating func skipTrivia(limit: Int) {
    while i < limit {
      let c = s[i]
      if c == " " || c == "\t" || c == "\r" {
        advance()
      } else if c == "\n" {
        sawNewline = true
        advance()
      } else if c == "/" && peek(1) == "/" {
        while i < limit && s[i] != "\n" { advance() }
      } else if c == "/" && peek(1) == "*" {
        let start = location
        advance(); advance()
        var depth = 1
        while i < limit && depth > 0 {
          if s[i] == "/" && peek(1) == "*" {
            depth += 1; advance(); advance()
          } else if s[i] == "*" && peek(1) == "/" {
            depth -= 1; advance(); advance()
          } else {
            if s[i] == "\n" { sawNewline = true }
            advance()
          }
        }
        if depth > 0 {
          diagnostics.append(Diagnostic("unterminated '/*' comment", SourceRange(start, location)))
        }
      } else {
        break
      }
    }
  }

  private mutating func lexOne(limit: Int) -> TokenKind {
    let c = s[i]
    if Lexer.isIdentStart(c) {
      var name = String.UnicodeScalarView()
      while i < limit, Lexer.isIdentChar(s[i]) { name.append(s[i]); advance() }
      let word = String(name)
      if let k = Keyword(rawValue: word) { return .keyword(k) }
      return .identifier(word)
    }
    if c == "$" {
      var name = String.UnicodeScalarView([c])
      advance()
      while i < limit, Lexer.isIdentChar(s[i]) { name.append(s[i]); advance() }
      return .identifier(String(name))
    }
    if c == "`" {
      advance()
      var name = String.UnicodeScalarView()
      while i < limit, s[i] != "`", s[i] != "\n" { name.append(s[i]); advance() }
      if i < limit, s[i] == "`" { advance() } else { return .invalid("`") }
      return .identifier(String(name))
    }
    if c >= "0" && c <= "9" { return lexNumber(limit: limit) }
    if c == "\"" { return lexString(limit: limit) }
    if c == "#" {
      if peek(1) == "\"" { return lexRawString(limit: limit) }
      advance(); return .hash
    }
    switch c {
    case "(": advance(); return .lparen
    case ")": advance(); return .rparen
    case "[": advance(); return .lbracket
    case "]": advance(); return .rbracket
    case "{": advance(); return .lbrace
    case "}": advance(); return .rbrace
    case ",": advance(); return .comma
    case ":": advance(); return .colon
    case ";": advance(); return .semicolon
    case "@": advance(); return .at
    default: break
    }
    let leftBound = i > 0 && !Lexer.isLeftBoundary(s[i - 1])
    if c == "." {
      if peek(1) == "." {
        var op = String.UnicodeScalarView()
        while i < limit, s[i] == "." || s[i] == "<" { op.append(s[i]); advance(); if String(op) == "..<" { break } }
        return .op(String(op))
      }
      advance()
      return .dot
    }
    if c == "-" && peek(1) == ">" { advance(); advance(); return .arrow }
    if leftBound && (c == "!" || c == "?") {
      // Attached to the previous token: force unwrap or optional chaining, unless it
      // starts `!=` / `!==`.
      if !(c == "!" && peek(1) == "=") && !(c == "?" && peek(1) == "?") {
        advance()
        return c == "!" ? .postfixBang : .postfixQuestion
      }
    }
    if Lexer.isOperatorChar(c) {
      var op = String.UnicodeScalarView()
      while i < limit, Lexer.isOperatorChar(s[i]) {
        // Stop before a comment start inside an operator run.
        if s[i] == "/" && (peek(1) == "/" || peek(1) == "*") && !op.isEmpty { break }
        op.append(s[i]); advance()
      }
      return .op(String(op))
    }
    advance()
    return .invalid(String(c))
  }

  private mutating func lexNumber(limit: Int) -> TokenKind {
    var text = String.UnicodeScalarView()
    let afterDot = i > 0 && s[i - 1] == "." && !(i > 1 && s[i - 2] == ".")
    if s[i] == "0", let p = peek(1), p == "x" || p == "b" || p == "o" {
      text.append(s[i]); advance(); text.append(s[i]); advance()
      while i < limit, s[i].properties.isASCIIHexDigit || s[i] == "_" {
        if s[i] != "_" { text.append(s[i]) }
        advance()
      }
      return .integer(String(text))
    }
    func digits(_ lx: inout Lexer, _ text: inout String.UnicodeScalarView) {
      while lx.i < limit, (lx.s[lx.i] >= "0" && lx.s[lx.i] <= "9") || lx.s[lx.i] == "_" {
        if lx.s[lx.i] != "_" { text.append(lx.s[lx.i]) }
        lx.advance()
      }
    }
    digits(&self, &text)
    var isFloat = false
    if !afterDot, i < limit, s[i] == ".", let d = peek(1), d >= "0" && d <= "9" {
      isFloat = true
      text.append("."); advance()
      digits(&self, &text)
    }
    if !afterDot, i < limit, s[i] == "e" || s[i] == "E" {
      var k = 1
      if let sign = peek(1), sign == "+" || sign == "-" { k = 2 }
      if let d = peek(k), d >= "0" && d <= "9" {
        isFloat = true
        for _ in 0..<k { text.append(s[i]); advance() }
        digits(&self, &text)
      }
    }
    if i < limit, Lexer.isIdentStart(s[i]) {
      while i < limit, Lexer.isIdentChar(s[i]) { text.append(s[i]); advance() }
      return .invalid(String(text))
    }
    return isFloat ? .float(String(text)) : .integer(String(text))
  }

  /// Lexes `"…"` or `"""…"""` with escapes and `\(…)` interpolation.
  private mutating func lexString(limit: Int) -> TokenKind {
    let start = location
    let multiline = peek(1) == "\"" && peek(2) == "\""
    advance()
    if multiline { advance(); advance() }
    var segments: [StringSegment] = []
    var text = String.UnicodeScalarView()
    var terminated = false
    while i < limit {
      let c = s[i]
      if multiline {
        if c == "\"" && peek(1) == "\"" && peek(2) == "\"" {
          advance(); advance(); advance()
          terminated = true
          break
        }
      } else {
        if c == "\"" { advance(); terminated = true; break }
        if c == "\n" { break }
      }
      if c == "\\" {
        let escStart = location
        advance()
        guard i < limit else { break }
        let e = s[i]
        switch e {
        case "n": text.append("\n"); advance()
        case "t": text.append("\t"); advance()
        case "r": text.append("\r"); advance()
        case "0": text.append("\0"); advance()
        case "\\": text.append("\\"); advance()
        case "\"": text.append("\""); advance()
        case "'": text.append("'"); advance()
        case "\n" where multiline:
          advance()  // line continuation
          while i < limit, s[i] == " " || s[i] == "\t" { advance() }
        case "u":
          advance()
          var hex = ""
          if i < limit, s[i] == "{" {
            advance()
            while i < limit, s[i] != "}", s[i] != "\n" { hex.unicodeScalars.append(s[i]); advance() }
            if i < limit, s[i] == "}" { advance() }
          }
          if let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) {
            text.append(u)
          } else {
            diagnostics.append(Diagnostic("invalid unicode scalar '\\u{\(hex)}'", SourceRange(escStart, location)))
          }
        case "(":
          advance()
          if interpolationDepth >= Lexer.maxInterpolationDepth {
            diagnostics.append(Diagnostic("string interpolations nested too deeply (more than \(Lexer.maxInterpolationDepth) levels)", SourceRange(escStart, location)))
            while i < limit { advance() }  // one error for the rest, not one per level
            return .invalid("\"")
          }
          if !text.isEmpty { segments.append(.text(String(text))); text = String.UnicodeScalarView() }
          let exprStart = location
          var depth = 1
          var j = i
          var inString = false
          while j < limit {
            let d = s[j]
            if inString {
              if d == "\\" { j += 1 } else if d == "\"" { inString = false } else if d == "\n" { break }
            } else if d == "\"" {
              inString = true
            } else if d == "(" {
              depth += 1
            } else if d == ")" {
              depth -= 1
              if depth == 0 { break }
            } else if d == "\n" && !multiline {
              break
            }
            j += 1
          }
          var sub = Lexer(scalars: s, start: exprStart)
          sub.interpolationDepth = interpolationDepth + 1
          let toks = sub.tokenize(until: j)
          diagnostics.append(contentsOf: sub.diagnostics)
          while i < j { advance() }
          let range = SourceRange(exprStart, location)
          if i < limit && s[i] == ")" {
            advance()
            segments.append(.interpolation(toks, range))
          } else {
            diagnostics.append(Diagnostic("unterminated string interpolation", SourceRange(escStart, location)))
            return .invalid("\"")
          }
        default:
          diagnostics.append(Diagnostic("invalid escape sequence '\\\(e)' in string literal", SourceRange(escStart, location)))
          advance()
        }
        continue
      }
      text.append(c)
      advance()
    }
    if !terminated {
      diagnostics.append(Diagnostic("unterminated string literal", SourceRange(start, location)))
      return .invalid("\"")
    }
    if !text.isEmpty { segments.append(.text(String(text))) }
    if multiline { segments = Lexer.dedentMultiline(segments) }
    return .string(segments)
  }

  /// `#"…"#` raw strings: no escapes, no interpolation.
  private mutating func lexRawString(limit: Int) -> TokenKind {
    let start = location
    advance(); advance()
    var text = String.UnicodeScalarView()
    while i < limit {
      if s[i] == "\"" && peek(1) == "#" {
        advance(); advance()
        return .string([.text(String(text))])
      }
      if s[i] == "\n" { break }
      text.append(s[i]); advance()
    }
    diagnostics.append(Diagnostic("unterminated raw string literal", SourceRange(start, location)))
    return .invalid("#\"")
  }

  /// Applies Swift's multi-line string rules: drop the line break after the opening
  /// delimiter and before the closing one, and remove the closing line's indentation.
  static func dedentMultiline(_ segments: [StringSegment]) -> [StringSegment] {
    // Interpolations stay where they are; only the text segments are re-indented.
    var indent = ""
    if case .text(let last)? = segments.last, let nl = last.lastIndex(of: "\n") {
      let tail = last[last.index(after: nl)...]
      if tail.allSatisfy({ $0 == " " || $0 == "\t" }) { indent = String(tail) }
    }
    var out: [StringSegment] = []
    var atLineStart = true
    for (k, seg) in segments.enumerated() {
      switch seg {
      case .interpolation:
        out.append(seg)
        atLineStart = false
      case .text(var t):
        if k == 0, t.hasPrefix("\n") { t.removeFirst() } else if k == 0, t.hasPrefix("\r\n") { t.removeFirst(2) }
        if k == segments.count - 1 {
          if let nl = t.lastIndex(of: "\n") {
            let tail = t[t.index(after: nl)...]
            if tail.allSatisfy({ $0 == " " || $0 == "\t" }) { t = String(t[..<nl]) }
          } else if t.allSatisfy({ $0 == " " || $0 == "\t" }) && atLineStart {
            t = ""
          }
        }
        var result = ""
        let lines = t.split(separator: "\n", omittingEmptySubsequences: false)
        for (n, line) in lines.enumerated() {
          if n > 0 { result += "\n"; atLineStart = true }
          var l = Substring(line)
          if atLineStart && !indent.isEmpty && l.hasPrefix(indent) { l = l.dropFirst(indent.count) }
          result += l
          if !l.isEmpty { atLineStart = false }
        }
        if !result.isEmpty { out.append(.text(result)) }
      }
    }
    return out
  }
}
