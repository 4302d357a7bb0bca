/// Whether a cell's text is ready to run: what Jupyter's is-complete request and a
/// console's "press Enter for a new line or to run" decision need.
public enum Completeness: Equatable, Sendable {
  case complete
  /// More input is needed; `indent` is the suggested indentation of the next line.
  case incomplete(indent: String)
  /// No continuation can make the text parse.
  case invalid

  /// Classifies `text`: complete when it parses; incomplete when every error is at the
  /// very end (an open brace, bracket, string or comment), indenting by the open brackets;
  /// invalid otherwise.
  public init(of text: String) {
    let file = SourceFile(name: "is_complete", text: text)
    let parsed = Parser.parse(file)
    if parsed.diagnostics.isEmpty {
      self = .complete
      return
    }
    let end = file.scalars.count
    let atEnd = parsed.diagnostics.allSatisfy { d in
      d.range.start.offset >= end || (d.message.hasPrefix("unterminated") && d.range.end.offset >= end)
    }
    guard atEnd else {
      self = .invalid
      return
    }
    var depth = 0
    var lexer = Lexer(file)
    for t in lexer.tokenize() {
      switch t.kind {
      case .lbrace, .lparen, .lbracket: depth += 1
      case .rbrace, .rparen, .rbracket: depth = max(0, depth - 1)
      default: break
      }
    }
    self = .incomplete(indent: String(repeating: " ", count: 4 * depth))
  }
}
