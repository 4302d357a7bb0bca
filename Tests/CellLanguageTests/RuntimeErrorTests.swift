import Foundation
import Testing

@testable import CellLanguage

@Suite("Run-time errors: location, caret, stack; recursion, interrupts, huge allocations")
struct RuntimeErrorTests {
  @Test("an error inside nested user functions renders message, line:column, caret and the call stack")
  func renderedStack() throws {
    let source = """
      func g(_ xs: [Int]) -> Int {
        let i = xs.count + 2
        return xs[i] * 2
      }
      func f(_ n: Int) -> Int {
        let ys = Array(0..<n)
        return g(ys) + 1
      }
      let before = 5
      print(f(3))
      """
    let interp = Interpreter(write: { _, _ in })
    let e = try #require(interp.run(source).error)
    let r = try #require(e.runtime)
    #expect(r.kind == "IndexError")
    #expect(r.range?.start.line == 3 && r.range?.start.column == 10)
    #expect(r.stack.map(\.function) == ["g(_:)", "f(_:)"])
    #expect(r.stack.map { "\($0.callSite.start)" } == ["7:10", "10:7"])
    let text = e.rendered
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "IndexError: index 5 out of range for an array of 3 elements")
    #expect(text.contains(" --> cell[1]:3:10"))
    // The caret sits under `xs[i]` on the source line.
    let sourceLine = try #require(lines.firstIndex { $0.hasSuffix("|   return xs[i] * 2") })
    let caretLine = lines[sourceLine + 1]
    let caret = try #require(caretLine.firstIndex(of: "^"))
    let bar = try #require(lines[sourceLine].firstIndex(of: "|"))
    #expect(caretLine.distance(from: caretLine.startIndex, to: caret) - lines[sourceLine].distance(from: lines[sourceLine].startIndex, to: bar) == 2 + 9)
    #expect(caretLine.hasSuffix("^~~~~"))
    #expect(text.contains("in g(_:), called from cell[1]:7:10\n      return g(ys) + 1"))
    #expect(text.contains("in f(_:), called from cell[1]:10:7\n      print(f(3))"))
    // Bindings made before the error survive.
    if case .int(5)? = interp.global("before") {} else { Issue.record("'before' was lost") }
  }

  @Test("a function defined in an earlier cell reports the call site in the later cell")
  func crossCellStack() throws {
    let interp = Interpreter(write: { _, _ in })
    #expect(interp.run("func half(_ n: Int) -> Int {\n  100 / n\n}").error == nil)
    let e = try #require(interp.run("let a = 1\nlet b = half(a - 1)").error)
    #expect(e.name == "ZeroDivisionError")
    let text = e.rendered
    #expect(text.contains(" --> cell[1]:2:3"))
    #expect(text.contains("2 |   100 / n"))
    #expect(text.contains("in half(_:), called from cell[2]:2:9"))
  }

  @Test("errors in closures passed to builtins are located in the closure")
  func closureErrors() throws {
    let marked = MarkedSource("let xs = [1, 0, 2]\nlet ys = xs.map { 10 / 1️⃣$0 }")
    let e = try #require(error(of: marked.text))
    #expect(e.name == "ZeroDivisionError")
    #expect(e.runtime?.range?.start.line == 2)
    #expect(e.rendered.contains("10 / $0"))
  }

  @Test("runaway recursion is a RecursionError with a compact stack, not a crash")
  func deepRecursion() throws {
    let outcome = try #require(onBigStack {
      let interp = Interpreter(write: { _, _ in })
      let e = interp.run("func f(_ n: Int) -> Int { n == 0 ? 0 : 1 + f(n - 1) }\nf(1_000_000)").error
      let ok = interp.run("f(5_000)").value.map(describe)
      let after = interp.run("1 + 1").value.map(describe)
      return (e, ok, after)
    }, "the recursion did not finish")
    let e = try #require(outcome.0)
    #expect(e.name == "RecursionError")
    #expect(e.message.contains("maximum call depth (10000) exceeded in 'f(_:)'"))
    #expect(e.runtime?.range?.start.line == 1)
    let rendered = e.rendered
    #expect(rendered.split(separator: "\n").count < 30, "the stack of 10,000 identical calls should be summarized")
    #expect(rendered.contains("previous call repeated"))
    #expect(rendered.contains("called from cell[1]:2:1"))
    #expect(outcome.1 == "5000")
    #expect(outcome.2 == "2", "the interpreter must be usable after a RecursionError")
  }

  @Test("mutual and closure recursion are limited too")
  func otherRecursion() throws {
    let errors = try #require(onBigStack {
      let interp = Interpreter(write: { _, _ in })
      return [
        interp.run("func a(_ n: Int) -> Int { b(n) + 1 }\nfunc b(_ n: Int) -> Int { a(n) + 1 }\na(0)").error,
        interp.run("var g: (Int) -> Int = { $0 }\ng = { g($0 + 1) }\ng(0)").error,
      ]
    })
    for e in errors {
      #expect(e?.name == "RecursionError", "\(e?.message ?? "no error")")
    }
  }

  /// Starts `source` on a big-stack thread, interrupts it after 200 ms, and returns the
  /// outcome and how long the run took to stop after the interrupt.
  func interrupted(_ source: String, interp: Interpreter) throws -> (CellOutcome, Double) {
    let outcome = Shared<CellOutcome?>(nil)
    let stopped = Shared<UInt64>(0)
    let i = Shared(interp)
    let done = startOnBigStack {
      outcome.value = i.value.run(source)
      stopped.value = DispatchTime.now().uptimeNanoseconds
    }
    Thread.sleep(forTimeInterval: 0.2)
    #expect(outcome.value == nil, "the loop should still be running")
    let asked = DispatchTime.now().uptimeNanoseconds
    interp.interrupt()
    let finished = done.wait(timeout: .now() + 5) == .success
    try #require(finished, "the interrupt did not stop the run")
    return (try #require(outcome.value), Double(stopped.value - asked) / 1e9)
  }

  @Test("an interrupt stops a tight while loop within 100 ms and keeps the globals")
  func interruptWhile() throws {
    let interp = Interpreter(write: { _, _ in })
    let (outcome, latency) = try interrupted("var i = 0\nwhile true { i += 1 }", interp: interp)
    let e = try #require(outcome.error)
    #expect(e.name == "KeyboardInterrupt")
    #expect(e.runtime?.range?.start.line == 2)
    #expect(latency < 0.1, "stopped \(latency * 1000) ms after the interrupt")
    guard case .int(let i)? = interp.global("i") else {
      Issue.record("'i' is not readable after the interrupt")
      return
    }
    #expect(i > 0)
    // The interpreter keeps working, and a stale interrupt does not hit the next cell.
    #expect(interp.run("i > 0").value.map(describe) == "true")
  }

  @Test("an interrupt stops a huge for-in range and a recursion-heavy loop")
  func interruptFor() throws {
    for source in [
      "for i in 0..<Int.max {}",
      "var s = 0\nfor i in 0..<Int.max { s += i % 7 }",
      "func f(_ n: Int) -> Int { n }\nvar k = 0\nwhile true { k = f(k + 1) }",
      "var xs = [Int]()\nfor i in 0..<Int.max { xs = [i].map { $0 + 1 } }",
    ] {
      let interp = Interpreter(write: { _, _ in })
      let (outcome, latency) = try interrupted(source, interp: interp)
      #expect(outcome.error?.name == "KeyboardInterrupt", "\(source)")
      #expect(latency < 0.1, "\(source): stopped \(latency * 1000) ms after the interrupt")
    }
  }

  @Test("huge allocations and materializations are errors, not crashes", arguments: [
    "Array(repeating: 0, count: Int.max)",
    "Array(0..<Int.max)",
    "Array(repeating: 0, count: -1)",
    "String(repeating: \"ab\", count: Int.max)",
    "(0..<Int.max).map { $0 }",
    "Array(stride(from: 0, to: Int.max, by: 1))",
    "[1, 2] + Array(0...Int.max)",
    "(0...Int.max).count",
  ])
  func hugeAllocations(_ source: String) throws {
    let outcome = try #require(onBigStack(timeout: 20) { runCapturing(source).outcome }, "did not finish")
    let e = try #require(outcome.error, "\(source) should fail")
    #expect(e.runtime?.range != nil || !e.diagnostics.isEmpty, "\(e.rendered)")
  }

  @Test("a range whose bounds are reversed is an error")
  func badRange() throws {
    let e = try #require(error(of: "let n = 3\nfor i in n..<0 { print(i) }"))
    #expect(e.message.contains("lowerBound <= upperBound"))
  }
}
