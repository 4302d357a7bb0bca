import Testing

@testable import CellLanguage

/// Swift that is outside the cell language must be rejected with an error that names the
/// construct, at the construct (marked `1️⃣`), and nothing else.
@Suite("Unsupported Swift is named and located")
struct UnsupportedConstructTests {
  static let cases: [MarkedCase] = [
    MarkedCase("1️⃣init(x: Int) {}", "initializers ('init') are not supported"),
    MarkedCase("1️⃣deinit {}", "deinitializers ('deinit') are not supported"),
    MarkedCase("1️⃣subscript(i: Int) -> Int { i }", "'subscript' declarations are only supported inside a 'struct', 'class', 'enum' or 'extension'"),
    MarkedCase("func load() 1️⃣async -> Int { 1 }", "'async' functions are not supported"),
    MarkedCase("let x = 1\n1️⃣await load()", "'await' expressions (concurrency)"),
    MarkedCase("1️⃣async let y = load()", "'async' declarations (concurrency)"),
    MarkedCase("1️⃣actor Counter {\n  var n = 0\n}", "'actor' declarations are not supported"),
    MarkedCase("1️⃣#if DEBUG\nprint(1)", "macros and compiler directives ('#if')"),
    MarkedCase("1️⃣#warning(\"todo\")", "macros and compiler directives ('#warning')"),
    MarkedCase("let here = 1️⃣#line", "macros and compiler directives ('#line')"),
    MarkedCase("1️⃣@MainActor func k() {}", "attributes ('@MainActor')"),
    MarkedCase("1️⃣@propertyWrapper struct W {}", "attributes ('@propertyWrapper')"),
    MarkedCase("let firsts = [[1]].map(1️⃣\\.[0])", "key paths with optional chaining or subscripts are not supported"),
    MarkedCase("let y: 1️⃣Set<Int> = []", "generic type 'Set<…>' is not supported"),
    MarkedCase("1️⃣static let k = 1", "'static' members are not supported outside a type"),
    MarkedCase("let x = [1]1️⃣.self", "'.self' is not supported"),
    MarkedCase("func 1️⃣+ (a: Int, b: Int) -> Int { a }", "operator functions ('func +') are only supported as 'static func' members"),
    MarkedCase("1️⃣operator ** : MultiplicationPrecedence", "operator declarations are not supported"),
    MarkedCase("1️⃣precedencegroup P { }", "precedence group declarations are not supported"),
    MarkedCase("var total: Int 1️⃣{\n  return 1\n}", "computed properties and property observers are not supported"),
    MarkedCase("func apply(_ f: () 1️⃣async -> Int) {}", "'async' function types are not supported"),
    MarkedCase("func log(_ m: 1️⃣@autoclosure () -> String) {}", "'@autoclosure' parameters are not supported"),
  ]

  @Test("the error names the construct at its location", arguments: cases)
  func unsupported(_ c: MarkedCase) {
    expectDiagnostics(c)
  }

  @Test("the rest of the cell is still checked after an unsupported construct")
  func recoveryAfterUnsupported() {
    expectDiagnostics(MarkedCase(
      """
      1️⃣actor P {
        var x: Int
        func norm() -> Int { x }
      }
      let a = 2️⃣7q
      3️⃣subscript(i: Int) -> Int { i }
      func f(_ x: Int) 4️⃣async {}
      let ok = [1, 2, 3].map { $0 * 2 }
      5️⃣operator ** : MultiplicationPrecedence
      """,
      "'actor'", "not a valid number", "'subscript'", "'async'", "operator"))
  }

  @Test("the interpreter refuses to run a cell with an unsupported construct, naming it")
  func nothingRuns() throws {
    let interp = Interpreter(write: { _, _ in })
    let e = try #require(interp.run("var ran = 1\nactor S {}").error)
    #expect(e.name == "CompileError")
    #expect(e.message.contains("'actor'"))
    #expect(e.rendered.contains("cell[1]:2:1"))
    #expect(interp.global("ran") == nil)
  }
}
