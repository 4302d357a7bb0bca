import Testing

@testable import CellLanguage

/// Swift that is outside the cell language must be rejected with an error that names the
/// construct, at the construct (marked `1️⃣`), and nothing else.
@Suite("Unsupported Swift is named and located")
struct UnsupportedConstructTests {
  static let cases: [MarkedCase] = [
    MarkedCase("1️⃣struct Point {\n  var x = 0.0\n  var y = 0.0\n}", "'struct' declarations are not supported"),
    MarkedCase("1️⃣class Model {\n  init() {}\n}", "'class' declarations are not supported"),
    MarkedCase("1️⃣enum Color { case red, green }", "'enum' declarations are not supported"),
    MarkedCase("1️⃣protocol Shape {\n  func area() -> Double\n}", "'protocol' declarations are not supported"),
    MarkedCase("1️⃣extension Int {\n  var double: Int { self * 2 }\n}", "'extension' declarations are not supported"),
    MarkedCase("1️⃣typealias Vector = [Double]", "'typealias' declarations are not supported"),
    MarkedCase("1️⃣init(x: Int) {}", "initializers ('init') are not supported"),
    MarkedCase("1️⃣deinit {}", "deinitializers ('deinit') are not supported"),
    MarkedCase("1️⃣subscript(i: Int) -> Int { i }", "'subscript' declarations are not supported"),
    MarkedCase("func identity1️⃣<T>(_ x: T) -> T { x }", "generic functions are not supported"),
    MarkedCase("func load() 1️⃣async -> Int { 1 }", "'async' functions are not supported"),
    MarkedCase("let x = 1\n1️⃣await load()", "'await' expressions (concurrency)"),
    MarkedCase("1️⃣async let y = load()", "'async' declarations (concurrency)"),
    MarkedCase("func bump(_ x: 1️⃣inout Int) { }", "'inout' parameters are not supported"),
    MarkedCase("func f() 1️⃣throws -> Int { 1 }", "throwing functions ('throws') are not supported"),
    MarkedCase("func f(_ g: () -> Int) 1️⃣rethrows -> Int { 1 }", "throwing functions ('throws') are not supported"),
    MarkedCase("let v = 1️⃣try compute()", "'try' expressions (errors) are not supported"),
    MarkedCase("1️⃣try compute()", "'try' expressions (errors) are not supported"),
    MarkedCase("1️⃣do {\n  print(1)\n} catch {\n  print(2)\n}", "'do' blocks are not supported"),
    MarkedCase("1️⃣throw Failure()", "'throw' statements (errors) are not supported"),
    MarkedCase("func f() {\n  1️⃣defer { print(\"bye\") }\n  print(1)\n}", "'defer' statements are not supported"),
    MarkedCase("1️⃣actor Counter {\n  var n = 0\n}", "'actor' declarations are not supported"),
    MarkedCase("1️⃣#if DEBUG\nprint(1)", "macros and compiler directives ('#if')"),
    MarkedCase("1️⃣#warning(\"todo\")", "macros and compiler directives ('#warning')"),
    MarkedCase("let here = 1️⃣#line", "macros and compiler directives ('#line')"),
    MarkedCase("1️⃣@discardableResult func k() -> Int { 1 }", "attributes ('@discardableResult')"),
    MarkedCase("1️⃣@MainActor func k() {}", "attributes ('@MainActor')"),
    MarkedCase("let s: 1️⃣some Equatable = 1", "'some' types are not supported"),
    MarkedCase("let a: 1️⃣any Equatable = 1", "'any' types are not supported"),
    MarkedCase("func f(_ x: 1️⃣some Numeric) {}", "'some' types are not supported"),
    MarkedCase("switch 1 {\ncase 1:\n  1️⃣fallthrough\ndefault:\n  print(2)\n}", "'fallthrough' is not supported"),
    MarkedCase("let lengths = [\"a\"].map(1️⃣\\.count)", "key paths ('\\') are not supported"),
    MarkedCase("var n = 1\nlet c = { 1️⃣[n] in n + 1 }", "closure capture lists"),
    MarkedCase("let c = { 1️⃣[weak model] (x: Int) in x }", "closure capture lists"),
    MarkedCase("let x: Int? = 1\nif 1️⃣case let y? = x { print(y) }", "'if case' / 'while case' patterns are not supported"),
    MarkedCase("for 1️⃣case let y? in [1, nil] { print(y) }", "'for case' patterns are not supported"),
    MarkedCase("let y: 1️⃣Set<Int> = []", "generic type 'Set<…>' is not supported"),
    MarkedCase("1️⃣static let k = 1", "'static' members are not supported"),
    MarkedCase("1️⃣private let k = 1", "access modifiers ('private')"),
    MarkedCase("print(1️⃣self)", "'self' references are not supported"),
    MarkedCase("let x = [1]1️⃣.self", "'.self' is not supported"),
    MarkedCase("func 1️⃣+ (a: Int, b: Int) -> Int { a }", "operator functions ('func +')"),
    MarkedCase("1️⃣operator ** : MultiplicationPrecedence", "operator declarations are not supported"),
    MarkedCase("1️⃣precedencegroup P { }", "precedence group declarations are not supported"),
    MarkedCase("switch 1 {\ncase 1️⃣.some(let v): print(v)\ndefault: break\n}", "enum case patterns ('.name') are not supported"),
    MarkedCase("var total: Int 1️⃣{\n  return 1\n}", "computed properties and property observers are not supported"),
    MarkedCase("func apply(_ f: () 1️⃣async -> Int) {}", "'async' function types are not supported"),
  ]

  @Test("the error names the construct at its location", arguments: cases)
  func unsupported(_ c: MarkedCase) {
    expectDiagnostics(c)
  }

  @Test("the rest of the cell is still checked after an unsupported construct")
  func recoveryAfterUnsupported() {
    expectDiagnostics(MarkedCase(
      """
      1️⃣struct P {
        var x: Int
        func norm() -> Int { x }
      }
      let a = 2️⃣7q
      3️⃣class C {}
      func f(_ x: 4️⃣inout Int) {}
      let ok = [1, 2, 3].map { $0 * 2 }
      5️⃣enum E { case a, b }
      """,
      "'struct'", "not a valid number", "'class'", "'inout'", "'enum'"))
  }

  @Test("the interpreter refuses to run a cell with an unsupported construct, naming it")
  func nothingRuns() throws {
    let interp = Interpreter(write: { _, _ in })
    let e = try #require(interp.run("var ran = 1\nstruct S {}").error)
    #expect(e.name == "CompileError")
    #expect(e.message.contains("'struct'"))
    #expect(e.rendered.contains("cell[1]:2:1"))
    #expect(interp.global("ran") == nil)
  }
}
