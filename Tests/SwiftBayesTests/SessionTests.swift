import CellLanguage
import Foundation
import SwiftBayes
import Testing

@Suite("Session")
struct SessionTests {
  let sink = RecordingSink()
  let session: Session

  init() { session = Session(output: sink) }

  func value(_ name: String) -> String? {
    session.execute(name).result?["text/plain"]
  }

  @Test func lastExpressionIsTheResult() {
    #expect(session.execute("1 + 2 + 3").result?["text/plain"] == "6")
    #expect(session.execute("[1, 2, 3].map { $0 * $0 }").result?["text/plain"] == "[1, 4, 9]")
    #expect(session.execute("\"hi\"").result?["text/plain"] == "\"hi\"")
    #expect(session.execute("let y = 3").result == nil)
    #expect(session.execute("print(1)").result == nil)
    #expect(session.execute("var z = 1\nz += 1").result == nil)
  }

  @Test func declarationsPersistAndRedefinitionReplaces() {
    _ = session.execute("let x = 1\nfunc f() -> Int { x * 10 }")
    #expect(value("f()") == "10")
    _ = session.execute("let x = 2")
    #expect(value("x") == "2")
    #expect(value("f()") == "20", "functions see the new binding of a redeclared global")
    _ = session.execute("func f() -> Int { -1 }")
    #expect(value("f()") == "-1")
    _ = session.execute("var x = \"now a string\"")
    #expect(value("x") == "\"now a string\"")
  }

  @Test func reassignedFunctionVariablesCallTheNewFunction() {
    // Call sites cache the function a global holds; reassignment (even by the function
    // being called) must be seen at once.
    let r = session.execute("""
      func other(_ x: Int) -> Int { x * 100 }
      func reassigning(_ n: Int) -> Int { h = other; return n }
      var h = reassigning
      print(h(1), h(2))
      func twice(_ n: Int) -> Int { n * 2 }
      var k = twice
      var total = 0
      for i in 0..<3 { total += k(i) }
      k = other
      print(total, k(3))
      """)
    #expect(r.error == nil, "\(r.error?.rendered ?? "")")
    #expect(sink.stdout == "1 200\n6 300\n")
  }

  @Test func printsStreamInOrderWithDisplays() {
    let r = session.execute("print(\"a\")\ndisplay(HTML(\"<b>x</b>\"))\nprint(\"b\", terminator: \"\")")
    #expect(r.error == nil)
    let events = sink.events
    #expect(events.count == 3)
    #expect(events.first == .stream(.stdout, "a\n"))
    if case .display(let bundle, _) = events[1] {
      #expect(bundle["text/html"] == "<b>x</b>")
    } else {
      Issue.record("second event should be a display: \(events)")
    }
    #expect(events.last == .stream(.stdout, "b"))
  }

  @Test func printStreamsBeforeTheCellEnds() {
    // A print in a running cell reaches the sink while the cell is still running.
    let session = self.session
    let sink = self.sink
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      _ = session.execute("print(\"early\")\nvar i = 0\nwhile true { i += 1 }")
      done.signal()
    }
    var sawEarly = false
    for _ in 0..<200 {
      if sink.stdout == "early\n" {
        sawEarly = true
        break
      }
      Thread.sleep(forTimeInterval: 0.01)
    }
    #expect(sawEarly)
    session.interrupt()
    #expect(done.wait(timeout: .now() + 2) == .success)
  }

  @Test func runtimeErrorKeepsEarlierBindings() {
    _ = session.execute("let a = 1")
    let r = session.execute("let b = 2\nlet c = [1, 2][5]\nlet d = 4")
    let e = try! #require(r.error)
    #expect(e.name == "IndexError")
    #expect(e.rendered.contains("2:9"))
    #expect(value("a") == "1")
    #expect(value("b") == "2")
    #expect(session.execute("d").error != nil)
  }

  @Test func compileErrorRunsNothing() {
    let r = session.execute("print(\"should not print\")\nlet z = 5\nlet q = undefinedName")
    let e = try! #require(r.error)
    #expect(e.name == "CompileError")
    #expect(e.message.contains("cannot find 'undefinedName' in scope"))
    #expect(sink.stdout == "")
    #expect(session.execute("z").error != nil)
  }

  @Test func errorsShowTheStackOfUserFunctions() {
    let r = session.execute("""
      func inner(_ xs: [Int]) -> Int {
        return xs[3]
      }
      func outer(_ n: Int) -> Int { inner([n]) }
      outer(7)
      """)
    let text = try! #require(r.error).rendered
    #expect(text.contains("index 3 out of range"))
    #expect(text.contains("2:10"))
    #expect(text.contains("^"))
    #expect(text.contains("in inner(_:)"))
    #expect(text.contains("in outer(_:)"))
  }

  @Test func interruptStopsATightLoopQuickly() {
    let session = self.session
    _ = session.execute("var before = 41")
    let finished = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: ExecutionResult? = nil
    Thread.detachNewThread {
      result = session.execute("var n = 0\nwhile true { n += 1 }")
      finished.signal()
    }
    Thread.sleep(forTimeInterval: 0.2)
    let start = Date()
    session.interrupt()
    #expect(finished.wait(timeout: .now() + 1) == .success)
    #expect(Date().timeIntervalSince(start) < 0.1)
    #expect(result?.error?.name == "KeyboardInterrupt")
    #expect(value("before") == "41")
    #expect(value("n").flatMap(Int.init) ?? 0 > 0)
  }

  @Test func deepRecursionIsAnError() {
    let r = session.execute("func f(_ n: Int) -> Int { n == 0 ? 0 : 1 + f(n - 1) }\nf(1_000_000)")
    #expect(r.error?.name == "RecursionError")
    #expect(value("f(5000)") == "5000")
  }

  @Test func completion() {
    #expect(session.complete("zi", cursor: 2).matches == ["zip"])
    _ = session.execute("var samples = [1.0, 2.0]")
    let members = session.complete("samples.co", cursor: 10)
    #expect(members.matches.contains("count"))
    #expect(members.matches.contains("compactMap"))
    #expect(members.start == 8 && members.end == 10)
    #expect(session.complete("let total = 1\ntot", cursor: 17).matches == ["total"])
    #expect(session.complete("Double.p", cursor: 8).matches == ["pi"])
  }

  @Test func inspection() {
    let doc = try! #require(session.inspect("zip", cursor: 3))
    #expect(doc.contains("zip(_ a: Sequence, _ b: Sequence)"))
    _ = session.execute("/// Adds one.\nfunc addOne(_ x: Int) -> Int { x + 1 }")
    #expect(session.inspect("addOne(", cursor: 7)?.contains("Adds one.") == true)
    #expect(session.inspect("xs.append", cursor: 9) == nil || true)
    _ = session.execute("var xs = [1]")
    #expect(session.inspect("xs.append", cursor: 9)?.contains("append") == true)
    #expect(session.inspect("nothingHere", cursor: 11) == nil)
  }

  @Test func isComplete() {
    #expect(session.isComplete("1") == .complete)
    #expect(session.isComplete("print(\"hello, world\")") == .complete)
    #expect(session.isComplete("func f(x: Int) -> Int {\n  return x * 2\n}\n\n") == .complete)
    #expect(session.isComplete("print(\"\"\"hello") == .incomplete(indent: "    "))
    #expect(session.isComplete("func f(x: Int) {\n  x * 2") == .incomplete(indent: "    "))
    #expect(session.isComplete("for i in 0..<3 {\n  if i > 1 {") == .incomplete(indent: "        "))
    #expect(session.isComplete("let = 7q") == .invalid)
    #expect(session.isComplete("let x = (1, 2))") == .invalid)
  }

  @Test func helpPagesDocumentation() {
    let r = session.execute("help(zip)")
    #expect(r.error == nil)
    #expect(r.pages.first?["text/plain"]?.contains("zip") == true)
  }

  @Test func displayHandlesUpdateInPlace() {
    let r = session.execute("let h = display(\"step 1\")\nh.update(\"step 2\")\nclearOutput(wait: true)")
    #expect(r.error == nil)
    let events = sink.events
    guard events.count == 3, case .display(let b, let id?) = events[0], case .update(let b2, let id2) = events[1] else {
      Issue.record("unexpected events \(events)")
      return
    }
    #expect(b["text/plain"] == "step 1")
    #expect(b2["text/plain"] == "step 2")
    #expect(id == id2)
    #expect(events[2] == .clear(true))
  }

  @Test func svgDisplay() {
    let r = session.execute("SVG(\"<svg xmlns='http://www.w3.org/2000/svg'/>\")")
    #expect(r.result?["image/svg+xml"]?.hasPrefix("<svg") == true)
  }

  @Test func stdinRoundTrip() {
    session.readInput = { prompt, _ in "typed after \(prompt)" }
    #expect(value("readLine(prompt: \"name? \")!") == "\"typed after name? \"")
    session.readInput = nil
    #expect(session.execute("readLine()").error?.name == "StdinNotImplementedError")
  }

  @Test func resetForgetsEverything() {
    _ = session.execute("let kept = 1")
    session.reset()
    #expect(session.execute("kept").error != nil)
    #expect(value("1 + 1") == "2")
  }
}
