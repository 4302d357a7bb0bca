import Testing

@testable import CellLanguage

/// One parser test: a source with `1️⃣`-style markers where errors must be reported, and
/// a substring of each error's message, in order.
struct MarkedCase: CustomTestStringConvertible, Sendable {
  var source: String
  var messages: [String]
  init(_ source: String, _ messages: String...) {
    self.source = source
    self.messages = messages
  }
  var testDescription: String { source.replacingOccurrences(of: "\n", with: "⏎") }
}

/// Requires the parser to report exactly one error at each marker (and no others), each
/// message containing the expected text.
func expectDiagnostics(_ c: MarkedCase, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  let marked = MarkedSource(c.source)
  #expect(marked.markers.count == c.messages.count, "test case needs one message per marker", sourceLocation: sourceLocation)
  let diagnostics = parse(marked.text).diagnostics
  let got = diagnostics.map { "\($0.range.start) \($0.message)" }
  #expect(diagnostics.count == marked.markers.count, "expected errors at \(marked.markers.map { "\($0.location)" }), got \(got)",
          sourceLocation: sourceLocation)
  for (k, (marker, d)) in zip(marked.markers, diagnostics).enumerated() {
    #expect(d.range.start.line == marker.location.line && d.range.start.column == marker.location.column,
            "marker #\(marker.name) is at \(marker.location) but the error '\(d.message)' is at \(d.range.start)",
            sourceLocation: sourceLocation)
    #expect(d.range.start.offset == marker.location.offset, sourceLocation: sourceLocation)
    if k < c.messages.count {
      #expect(d.message.contains(c.messages[k]), "marker #\(marker.name): '\(d.message)' should mention '\(c.messages[k])'",
              sourceLocation: sourceLocation)
    }
  }
}

@Suite("Parser diagnostics at marked locations")
struct ParserDiagnosticTests {
  static let cases: [MarkedCase] = [
    // Unclosed brackets: the error is where input ran out.
    MarkedCase("print(1 + 21️⃣", "expected ')'"),
    MarkedCase("let a = [1, 21️⃣", "expected ']'"),
    MarkedCase("func f() -> Int {\n  return 1\n1️⃣", "expected '}'"),
    MarkedCase("if x > 0 {\n  print(x)\n1️⃣", "expected '}'"),
    MarkedCase("let f = { (a: Int) -> Int in a + 1 1️⃣", "expected '}'"),
    MarkedCase("let z = (1, 21️⃣]", "expected ')' but found ']'"),
    MarkedCase("let t: [Int 1️⃣= [1]", "expected ']'"),
    MarkedCase("print(1)\n1️⃣}", "extraneous '}'"),
    // Operators.
    MarkedCase("let x = 3 1️⃣+* 2️⃣4", "unknown operator '+*'", "consecutive statements"),
    MarkedCase("let b = 1 < 2 1️⃣< 3", "non-associative"),
    MarkedCase("let n = 1️⃣<> 2️⃣5", "unknown prefix operator '<>'", "consecutive statements"),
    MarkedCase("let q = true ? 11️⃣", "expected ':' in the ternary expression"),
    // Declarations.
    MarkedCase("let 1️⃣= 7q", "expected a name or a tuple pattern but found '='"),
    MarkedCase("let q = 1️⃣7q", "'7q' is not a valid number"),
    MarkedCase("let f2 = 1️⃣1.5e", "'1.5e' is not a valid number"),
    MarkedCase("let big = 1️⃣99999999999999999999", "overflows when stored into 'Int'"),
    MarkedCase("var v: 1️⃣= 3", "expected a type but found '='"),
    MarkedCase("let w =1️⃣", "expected an expression"),
    MarkedCase("var 1️⃣u", "type annotation missing"),
    MarkedCase("func f(x1️⃣) { }", "parameter 'x' needs a type annotation"),
    MarkedCase("func 1️⃣(x: Int) {}", "expected a function name"),
    MarkedCase("func f 1️⃣{ }", "expected '(' in the parameter list of 'f'"),
    // Statements.
    MarkedCase("let a = 1 1️⃣let b = 2", "consecutive statements on a line must be separated by ';'"),
    MarkedCase("let y = 1 1️⃣)", "consecutive statements"),
    MarkedCase("1️⃣else { print(1) }", "'else' without a matching 'if'"),
    MarkedCase("1️⃣case 1: print(1)", "'case' label can only appear inside a 'switch' statement"),
    MarkedCase("1️⃣default: print(1)", "'default' label can only appear inside a 'switch' statement"),
    MarkedCase("for i 1️⃣0..<3 { }", "expected 'in' after the 'for' pattern"),
    MarkedCase("guard let x = y 1️⃣{ return }", "expected 'else' after 'guard' condition"),
    MarkedCase("var i = 0\nrepeat { i += 1 } 1️⃣until i", "expected 'while' after 'repeat' body"),
    MarkedCase("switch x {\n1️⃣print(1)\n}", "must be covered by a 'case' or 'default'"),
    MarkedCase("switch x {\n1️⃣case 1:\n}", "must have at least one statement"),
    MarkedCase("switch x {\ncase 1\n  1️⃣print(1)\n}", "expected ':' after the case pattern but found 'print'"),
    MarkedCase("while true 1️⃣print(1)", "expected '{' after 'while' condition"),
    MarkedCase("import 1️⃣\"Foundation\"", "expected module name after 'import'"),
    // Expressions.
    MarkedCase("let d = [1: 2, 31️⃣]", "expected ':' in dictionary literal"),
    MarkedCase("let r = 1️⃣$0 + 1", "anonymous closure argument '$0' used outside a closure"),
    MarkedCase("let c = [1].1️⃣", "expected a member name after '.'"),
    MarkedCase("let h = 1️⃣if 2️⃣true { 1 } else { 2 }", "cannot be used as an expression", "consecutive statements"),
    MarkedCase("let k = 1️⃣{ (a: Int) in $0 + a }", "anonymous closure arguments cannot be used inside a closure that has explicit arguments"),
    // Strings and comments.
    MarkedCase("let s = 1️⃣\"abc", "unterminated string literal"),
    MarkedCase("let s = \"a1️⃣\\qb\"", "invalid escape sequence '\\q'"),
    MarkedCase("let s = \"1️⃣\\u{110000}\"", "invalid unicode scalar"),
    MarkedCase("let t = 1️⃣#\"abc", "unterminated raw string literal"),
    MarkedCase("print(\"\\(1️⃣)\")", "empty string interpolation"),
    MarkedCase("print(\"\\(1 +1️⃣)\")", "expected an expression"),
    MarkedCase("print(\"1️⃣\\(1 + 22️⃣\")3️⃣", "unterminated string interpolation", "unterminated string literal", "expected ')'"),
    MarkedCase("print(\"\\(1 1️⃣2)\")", "unexpected '2' in string interpolation"),
    MarkedCase("let x = 1\n1️⃣/* never closed\nlet y = 2", "unterminated '/*' comment"),
    MarkedCase("let x = 1️⃣`abc", "unexpected character '`'"),
  ]

  @Test("an error at each marker", arguments: cases)
  func markedErrors(_ c: MarkedCase) {
    expectDiagnostics(c)
  }

  @Test("valid cells parse without diagnostics", arguments: [
    "let x = 1; let y = 2",
    "let s = \"a \\(1 + 2) b \\(\"nested \\(3)\")\"",
    "let xs = [1, 2, 3].map { $0 * 2 }.filter { $0 > 2 }",
    "let f = { [1, 2, 3].count }",
    "let g = [1, 2].map { [$0, $0] }",
    "let d: [String: [Int]] = [:]",
    "let t: (a: Int, b: Double)? = nil",
    "func f(_ a: Int, b: Int = 2, _ rest: Double...) -> (Int, Int) { (a, b) }",
    "let m = \"\"\"\n  multi\n  line \\(1)\n  \"\"\"",
    "switch (1, 2) {\ncase (0, _), (_, 0): print(0)\ncase (let a, let b) where a < b: print(a)\ndefault: break\n}",
    "let x = -9223372036854775808",
    "let y = 0x_FF + 0b1010 + 0o17 + 1_000",
    "let z = xs\n  .map { $0 }\n  .count",
  ])
  func validCells(_ source: String) {
    let ds = parse(source).diagnostics
    #expect(ds.isEmpty, "\(ds)")
  }

  // MARK: - Recovery

  @Test("a cell with several errors reports all of them, in order")
  func recoveryReportsEveryError() {
    expectDiagnostics(MarkedCase(
      """
      let a = (1 + 2
      1️⃣let b =
      2️⃣func f(x3️⃣) -> Int { x }
      let c = 4️⃣7q
      print(a 5️⃣b)
      let s = 6️⃣"open
      for i 7️⃣[1, 2] { print(i) }
      8️⃣}
      let ok = 1
      """,
      "expected ')' but found 'let'", "expected an expression but found 'func'", "parameter 'x' needs a type annotation",
      "'7q' is not a valid number", "expected ')' but found 'b'", "unterminated string literal",
      "expected 'in' after the 'for' pattern", "extraneous '}'"))
  }

  @Test("errors inside nested blocks are all reported and the cell goes on")
  func recoveryInsideBlocks() {
    expectDiagnostics(MarkedCase(
      """
      func f(_ n: Int) -> Int {
        let a = n 1️⃣+* 2️⃣2
        if n > 0 {
          let b = 3️⃣)
        }
        return n
      }
      for i in 0..<3 {
        print(i 4️⃣i)
      }
      print(5️⃣struct)
      """,
      "unknown operator '+*'", "consecutive statements", "expected an expression but found ')'", "expected ')' but found 'i'", "'struct'"))
  }

  @Test("name errors after syntax errors are not reported; name errors are all reported")
  func nameErrors() {
    let marked = MarkedSource("let a = 1️⃣undefinedName + 1\nprint(2️⃣alsoUndefined)\nlet b = a")
    let ds = compileDiagnostics(marked.text)
    #expect(ds.map { $0.range.start } == marked.markers.map { $0.location })
    #expect(ds.allSatisfy { $0.message.contains("cannot find") })
  }

  @Test("compile errors are listed in source order, even from hoisted functions")
  func compileErrorsInOrder() {
    let marked = MarkedSource("let a = 1️⃣missingA\nfunc f() -> Int {\n  2️⃣missingB\n}\nlet c = 3️⃣missingC")
    let ds = compileDiagnostics(marked.text)
    #expect(ds.map { $0.range.start } == marked.markers.map { $0.location }, "\(ds)")
  }

  @Test("the rendered compile error shows every diagnostic with its line and a caret")
  func renderedCompileErrors() throws {
    let e = try #require(error(of: "let x = (1\nlet y = 7q"))
    let text = e.rendered
    #expect(e.name == "CompileError")
    #expect(text.contains("error: expected ')' but found 'let'"))
    #expect(text.contains("error: '7q' is not a valid number"))
    #expect(text.contains(":2:1"))
    #expect(text.contains(":2:9"))
    #expect(text.contains("2 | let y = 7q\n  |         ^~"))
  }
}
