import Testing

@testable import CellLanguage

/// Behaviour that compiled Swift defines, checked against what `swiftc` prints for the
/// same program (the expected strings are compiled Swift's output).
@Suite("Evaluator semantics match compiled Swift")
struct SemanticsTests {
  // MARK: - Integers

  @Test("integer overflow is an OverflowError, not a wrap", arguments: [
    "Int.max + 1", "Int.min - 1", "Int.max * 2", "let m = Int.min\n-m", "abs(Int.min)",
    "Int.min % -1", "var x = Int.max\nx += 1", "var y = Int.min\ny -= 1", "var z = 1 << 62\nz *= 4", "Int.min / -1",
    "[Int.max, 1].reduce(0, +)", "func f(_ a: Int) -> Int { a * a }\nf(4_000_000_000)",
  ])
  func overflow(_ source: String) throws {
    let e = try #require(error(of: source))
    #expect(e.name == "OverflowError", "\(e.rendered)")
    #expect(e.message.contains("overflow"))
    #expect(e.runtime?.range != nil, "overflow must be located")
  }

  @Test("wrapping operators wrap", arguments: [
    ("Int.max &+ 1", "-9223372036854775808"), ("Int.min &- 1", "9223372036854775807"), ("Int.max &* 2", "-2"),
  ])
  func wrapping(_ source: String, _ expected: String) {
    #expect(result(of: source) == expected)
  }

  @Test("division truncates toward zero, remainder takes the dividend's sign", arguments: [
    ("-7 / 2", "-3"), ("7 / -2", "-3"), ("-7 / -2", "3"), ("7 / 2", "3"),
    ("-7 % 3", "-1"), ("7 % -3", "1"), ("-7 % -3", "-1"),
    ("-7.0 / 2", "-3.5"), ("(-7.5).truncatingRemainder(dividingBy: 2)", "-1.5"),
  ])
  func division(_ source: String, _ expected: String) {
    #expect(result(of: source) == expected)
  }

  @Test("integer division and remainder by zero are errors", arguments: ["1 / 0", "5 % 0", "var a = 3\na /= 0", "let z = 0\n10 / z"])
  func divisionByZero(_ source: String) throws {
    let e = try #require(error(of: source))
    #expect(e.name == "ZeroDivisionError")
    #expect(e.message.contains("division by zero"))
  }

  @Test("ranges up to Int.max count and iterate without overflowing")
  func extremeRanges() throws {
    #expect(result(of: "(1...Int.max).count") == "9223372036854775807")
    #expect(result(of: "(Int.min..<(-1)).count") == "9223372036854775807")
    #expect(output(of: "for i in (Int.max - 2)...Int.max { print(i) }") == "9223372036854775805\n9223372036854775806\n9223372036854775807\n")
    #expect(output(of: "for i in Int.min..<(Int.min + 2) { print(i) }") == "-9223372036854775808\n-9223372036854775807\n")
    #expect(output(of: "for i in 5...5 { print(i) }\nfor i in 5..<5 { print(i) }") == "5\n")
    #expect(result(of: "Array((Int.max - 1)...Int.max).count") == "2")
    for source in ["(0...Int.max).count", "(Int.min..<0).count", "(Int.min..<Int.max).count", "(Int.min...Int.max).count"] {
      let e = try #require(error(of: source))
      #expect(e.name == "OverflowError", "\(source): \(e.rendered)")
    }
    let e = try #require(error(of: "Array(Int.min..<Int.max)"))
    #expect(e.name == "MemoryError")
  }

  @Test("Double division by zero is IEEE, not an error")
  func doubleDivisionByZero() {
    #expect(output(of: "print(1.0 / 0, -1.0 / 0, (0.0 / 0).isNaN)") == "inf -inf true\n")
  }

  // MARK: - Descriptions

  @Test("Double descriptions", arguments: [
    ("0.1", "0.1"), ("1.0", "1.0"), ("1e-05", "1e-05"), ("0.00001", "1e-05"), ("1e16", "1e+16"),
    ("1e15", "1000000000000000.0"), ("123456789012345.0", "123456789012345.0"), ("Double.infinity", "inf"),
    ("-Double.infinity", "-inf"), ("Double.nan", "nan"), ("-0.0", "-0.0"), ("5e-324", "5e-324"),
    ("0.1 + 0.2", "0.30000000000000004"), ("Double(1) / 3", "0.3333333333333333"), ("2.5e-3", "0.0025"),
    ("Double.pi", "3.141592653589793"), ("Double(7)", "7.0"), ("1.7976931348623157e308", "1.7976931348623157e+308"),
  ])
  func doubleDescription(_ source: String, _ expected: String) {
    #expect(output(of: "print(\(source))") == expected + "\n")
    #expect(output(of: "print(\"\\(\(source))\")") == expected + "\n")
  }

  @Test("print separators and terminators", arguments: [
    ("print(1, 2, 3)", "1 2 3\n"),
    ("print(1, 2, 3, separator: \", \")", "1, 2, 3\n"),
    ("print(\"a\", \"b\", separator: \"\", terminator: \"!\")", "ab!"),
    ("print()", "\n"),
    ("print(terminator: \"\")", ""),
    ("print(1, terminator: \"\")\nprint(2)", "12\n"),
    ("print(\"x\", 1.5, true, nil as Int?, separator: \"|\")", "x|1.5|true|nil\n"),
    ("for i in 1...3 { print(i, terminator: i < 3 ? \",\" : \"\\n\") }", "1,2,3\n"),
  ])
  func printing(_ source: String, _ expected: String) {
    #expect(output(of: source) == expected)
  }

  @Test("descriptions of collections, tuples and optionals", arguments: [
    ("[1, 2]", "[1, 2]"),
    ("[[1, 2], [], [3]]", "[[1, 2], [], [3]]"),
    ("[\"a\", \"b\\\"c\"]", "[\"a\", \"b\\\"c\"]"),
    ("[1.0, 2.5]", "[1.0, 2.5]"),
    ("let xs: [Double] = [1, 2]\nxs", "[1.0, 2.0]"),
    ("[\"k\": 1]", "[\"k\": 1]"),
    ("[1: [\"a\"]]", "[1: [\"a\"]]"),
    ("let d: [String: Int] = [:]\nd", "[:]"),
    ("[Int]()", "[]"),
    ("(1, \"a\")", "(1, \"a\")"),
    ("(x: 1, y: 2.5)", "(x: 1, y: 2.5)"),
    ("(1, (2, \"three\"))", "(1, (2, \"three\"))"),
    ("let o: Int? = 3\no", "Optional(3)"),
    ("let s: String? = \"a\"\ns", "Optional(\"a\")"),
    ("let n: Int? = nil\nn", "nil"),
    ("let xs: [Int?] = [1, nil]\nxs", "[Optional(1), nil]"),
    ("[1, 2].first", "Optional(1)"),
    ("[Int]().last", "nil"),
    ("[\"a\": 1][\"a\"]", "Optional(1)"),
    ("\"quote \\\"q\\\"\"", "quote \"q\""),
    ("1..<4", "1..<4"),
    ("true && !false", "true"),
  ])
  func descriptions(_ source: String, _ expected: String) {
    #expect(result(of: source) == expected)
  }

  @Test("string interpolation of expressions")
  func interpolation() {
    #expect(output(of: """
      let xs = [1, 2, 3]
      let name = "pi"
      print("\\(name) ≈ \\(Double.pi * 100 / 100), sum \\(xs.reduce(0, +)), first \\(xs.first!), \\(xs.map { $0 * 2 })")
      print("nested \\("inner \\(1 + 1)") and \\(xs.count > 2 ? "many" : "few")")
      print("opt \\(xs.last) \\([1: "x"])")
      """) == """
      pi ≈ 3.141592653589793, sum 6, first 1, [2, 4, 6]
      nested inner 2 and many
      opt Optional(3) [1: "x"]

      """)
  }

  // MARK: - Bindings and types

  @Test("assigning to a let or mutating it is a compile error at the use", arguments: [
    MarkedCase("let x = 5\n1️⃣x = 6", "cannot assign to value: 'x' is a 'let' constant"),
    MarkedCase("let x = 5\n1️⃣x += 1", "'x' is a 'let' constant"),
    MarkedCase("let xs = [1]\n1️⃣xs.append(2)", "cannot use mutating member 'append' on immutable value: 'xs' is a 'let' constant"),
    MarkedCase("let xs = [1]\n1️⃣xs[0] = 2", "'xs' is a 'let' constant"),
    MarkedCase("let d = [\"a\": 1]\n1️⃣d[\"b\"] = 2", "'d' is a 'let' constant"),
    MarkedCase("func f() {\n  let local = 1\n  1️⃣local = 2\n}", "'local' is a 'let' constant"),
    MarkedCase("func f(_ p: Int) {\n  1️⃣p = 2\n}", "'p' is a 'let' constant"),
    MarkedCase("for i in 0..<3 { 1️⃣i += 1 }", "'i' is a 'let' constant"),
    MarkedCase("let t = (1, 2)\n1️⃣t.0 = 3", "'t' is a 'let' constant"),
    // Only `reduce(into:)` hands its closure an `inout` first parameter.
    MarkedCase("let ys = [1].map { (x: Int) -> Int in\n  1️⃣x += 1\n  return x\n}", "'x' is a 'let' constant"),
    MarkedCase("let z = [1].reduce(0) { 1️⃣$0 += $1 }", "'$0' is a 'let' constant"),
    MarkedCase("let w = [1].reduce(into: 0) { $0 += 1; 1️⃣$1 += 1 }", "'$1' is a 'let' constant"),
  ])
  func letIsImmutable(_ c: MarkedCase) {
    let marked = MarkedSource(c.source)
    let ds = compileDiagnostics(marked.text)
    #expect(ds.count == 1, "\(ds)")
    #expect(ds.first?.range.start == marked.markers.first?.location, "\(ds)")
    #expect(ds.first?.message.contains(c.messages[0]) == true, "\(ds)")
  }

  @Test("a let cell does not run at all when it assigns to a let")
  func letCellDoesNotRun() {
    let interp = Interpreter(write: { _, _ in })
    _ = interp.run("let k = 1")
    let e = interp.run("var before = 1\nk = 2").error
    #expect(e?.name == "CompileError")
    #expect(interp.global("before") == nil)
    if case .int(1)? = interp.global("k") {} else { Issue.record("k changed") }
  }

  @Test("annotations are checked and converted at run time", arguments: [
    ("let y: Double = 1\ny", "1.0"),
    ("let xs: [Double] = [1, 2]\nxs", "[1.0, 2.0]"),
    ("var xs: [Double] = []\nxs.append(3)\nxs", "[3.0]"),
    ("let d: [String: Double] = [\"a\": 1]\nd", "[\"a\": 1.0]"),
    ("func f(_ x: Double) -> Double { x / 2 }\nf(3)", "1.5"),
    ("func g() -> Double { 2 }\ng()", "2.0"),
    ("let o: Double? = 2\no", "Optional(2.0)"),
    ("var z: Int\nz = 4\nz", "4"),
  ])
  func annotationsConvert(_ source: String, _ expected: String) {
    #expect(result(of: source) == expected)
  }

  @Test("mismatched annotations are located TypeErrors", arguments: [
    MarkedCase("let x: Int = 1️⃣2.5", "cannot convert value of type 'Double' to 'Int'"),
    MarkedCase("let s: String = 1️⃣1", "cannot convert value of type 'Int' to 'String'"),
    MarkedCase("var n = 1\nlet xs: [Int] = 1️⃣[1, 2.5]", "'Int'"),
    MarkedCase("func f(_ x: Int) -> Int { x }\nf(1️⃣\"a\")", "argument '_' of 'f(_:)'"),
  ])
  func annotationMismatch(_ c: MarkedCase) throws {
    let marked = MarkedSource(c.source)
    let e = try #require(error(of: marked.text))
    #expect(e.name == "TypeError", "\(e.rendered)")
    #expect(e.message.contains(c.messages[0]), "\(e.message)")
    #expect(e.runtime?.range?.start == marked.markers[0].location, "\(e.rendered)")
  }

  // MARK: - Closures and value semantics

  @Test("closures capture variables by reference")
  func captureByReference() {
    #expect(output(of: """
      var count = 0
      let increment = { count += 1 }
      increment(); increment()
      print(count)
      func makeCounter() -> () -> Int {
        var n = 0
        return { n += 1; return n }
      }
      let c1 = makeCounter(), c2 = makeCounter()
      print(c1(), c1(), c1(), c2())
      var x = 1
      let readX = { x }
      x = 42
      print(readX())
      """) == "2\n1 2 3 1\n42\n")
  }

  @Test("each for-loop iteration's closure captures its own loop variable")
  func loopVariableCapture() {
    #expect(output(of: """
      var fs: [() -> Int] = []
      for i in 0..<3 { fs.append { i * 10 } }
      print(fs.map { $0() })
      var gs: [() -> Int] = []
      for i in 0..<3 {
        let j = i + 1
        gs.append { j }
      }
      print(gs.map { $0() })
      """) == "[0, 10, 20]\n[1, 2, 3]\n")
  }

  @Test("arrays and dictionaries have value semantics")
  func valueSemantics() {
    #expect(output(of: """
      var a = [1, 2]
      var b = a
      b.append(3)
      b[0] = 9
      print(a, b)
      var d = ["k": 1]
      var e = d
      e["k"] = 2
      print(d, e)
      func modify(_ xs: [Int]) -> [Int] {
        var ys = xs
        ys.append(0)
        return ys
      }
      let base = [5]
      print(modify(base), base)
      var nested = [[1], [2]]
      var copy = nested
      copy[0].append(7)
      print(nested, copy)
      var t = (1, [2])
      var u = t
      u.1.append(3)
      print(t, u)
      """) == "[1, 2] [9, 2, 3]\n[\"k\": 1] [\"k\": 2]\n[5, 0] [5]\n[[1], [2]] [[1, 7], [2]]\n(1, [2]) (1, [2, 3])\n")
  }

  // MARK: - Functions

  @Test("recursion, nested functions, defaults, labels and variadics")
  func functions() {
    #expect(output(of: """
      func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }
      print(fib(15))
      func isEven(_ n: Int) -> Bool { n == 0 ? true : isOdd(n - 1) }
      func isOdd(_ n: Int) -> Bool { n == 0 ? false : isEven(n - 1) }
      print(isEven(10), isOdd(7))
      func outer(_ x: Int) -> Int {
        func inner(_ y: Int) -> Int { y * x }
        return inner(3) + inner(4)
      }
      print(outer(2))
      func greet(_ name: String, greeting: String = "Hello", punctuation p: String = "!") -> String {
        "\\(greeting), \\(name)\\(p)"
      }
      print(greet("Ann"), greet("Bo", greeting: "Hi"), greet("Cy", punctuation: "?"), greet("Di", greeting: "Yo", punctuation: "."))
      func sum(_ xs: Int...) -> Int { xs.reduce(0, +) }
      print(sum(), sum(1), sum(1, 2, 3))
      func stats(of xs: Double..., scale: Double = 1) -> (mean: Double, n: Int) {
        (xs.reduce(0, +) / Double(xs.count) * scale, xs.count)
      }
      let s = stats(of: 1, 2, 3, 4, scale: 2)
      print(s, s.mean, s.n)
      func apply(_ f: (Int) -> Int, to x: Int) -> Int { f(x) }
      print(apply({ $0 + 1 }, to: 1), apply(fib, to: 10))
      """) == """
      610
      true true
      14
      Hello, Ann! Hi, Bo! Hello, Cy? Yo, Di.
      0 1 6
      (mean: 5.0, n: 4) 5.0 4
      2 55

      """)
  }

  @Test("a wrong or missing argument label is a located error", arguments: [
    MarkedCase("func area(width: Int, height: Int) -> Int { width * height }\n1️⃣area(w: 2, height: 3)", "missing argument label 'width:'"),
    MarkedCase("func area(width: Int, height: Int) -> Int { width * height }\n1️⃣area(2, 3)", "area(width:height:)"),
    MarkedCase("func f(_ x: Int) -> Int { x }\nlet y = 1️⃣f(x: 1)", "f(_:)"),
    MarkedCase("func g(a: Int, b: Int = 1) -> Int { a + b }\n1️⃣g(b: 2)", "declared as g(a:b:)"),
  ])
  func wrongLabels(_ c: MarkedCase) throws {
    let marked = MarkedSource(c.source)
    let e = try #require(error(of: marked.text))
    let located = e.runtime?.range?.start ?? e.diagnostics.first?.range.start
    #expect(located == marked.markers[0].location, "\(e.rendered)")
    #expect(e.message.contains(c.messages[0]), "\(e.message)")
  }

  // MARK: - Control flow

  @Test("switch over ranges, tuples, bindings with where, strings")
  func switches() {
    #expect(output(of: """
      func classify(_ n: Int) -> String {
        switch n {
        case Int.min..<0: return "negative"
        case 0: return "zero"
        case 1...9: return "digit"
        case let x where x % 2 == 0: return "even \\(x)"
        default: return "odd"
        }
      }
      print([-5, 0, 7, 12, 13].map(classify))
      for p in [(0, 0), (1, 0), (0, 2), (3, 3), (2, 5)] {
        switch p {
        case (0, 0): print("origin")
        case (_, 0): print("on x")
        case (0, let y): print("on y at \\(y)")
        case let (a, b) where a == b: print("diagonal \\(a)")
        case (let a, let b): print("other \\(a),\\(b)")
        }
      }
      switch "pear" {
      case "apple", "pear": print("fruit")
      default: print("?")
      }
      switch 2.5 {
      case 0..<1.0: print("low")
      case 1.0...3.0: print("mid")
      default: print("high")
      }
      """) == """
      ["negative", "zero", "digit", "even 12", "odd"]
      origin
      on x
      on y at 2
      diagonal 3
      other 2,5
      fruit
      mid

      """)
  }

  @Test("optionals: chaining, ??, if let, guard let, force unwrap")
  func optionals() {
    #expect(output(of: """
      let words: [String]? = ["a", "bb"]
      let none: [String]? = nil
      print(words?.count, none?.count, words?.first?.count, none?.first?.count)
      print(none?.count ?? -1, words?.last ?? "z", nil ?? 5)
      let d = ["x": 1]
      if let v = d["x"], v > 0 { print("has", v) }
      if let v = d["y"] { print(v) } else { print("no y") }
      func first(_ xs: [Int]) -> Int {
        guard let f = xs.first else { return -1 }
        return f * 10
      }
      print(first([3, 4]), first([]))
      var maybe: Int? = nil
      maybe = 4
      if let maybe { print("shorthand", maybe) }
      print(maybe! + 1)
      let lengths = ["abc", "de"].map { $0.count }
      print(lengths.max() ?? 0)
      """) == """
      Optional(2) nil Optional(1) nil
      -1 bb 5
      has 1
      no y
      30 -1
      shorthand 4
      5
      3

      """)
  }

  @Test("force-unwrapping nil is a located error")
  func forceUnwrapNil() throws {
    let marked = MarkedSource("let d = [\"a\": 1]\nlet v = 1️⃣d[\"b\"]! + 1")
    let e = try #require(error(of: marked.text))
    #expect(e.name == "NilError")
    #expect(e.message.contains("unexpectedly found nil"))
    #expect(e.runtime?.range?.start == marked.markers[0].location)
  }

  @Test("loops: break, continue, where, stride, while, repeat")
  func loops() {
    #expect(output(of: """
      var out: [Int] = []
      for i in 0..<10 where i % 2 == 1 {
        if i == 7 { break }
        out.append(i)
      }
      for i in stride(from: 10, to: 0, by: -3) { out.append(i) }
      var n = 0
      while n < 3 { n += 1; if n == 2 { continue }; out.append(-n) }
      repeat { n -= 1 } while n > 0
      out.append(n)
      for (i, c) in ["a", "b"].enumerated() { out.append(i * 100 + c.count) }
      for (a, b) in zip([1, 2], [3, 4]) { out.append(a * b) }
      print(out)
      """) == "[1, 3, 5, 10, 7, 4, 1, -1, -3, 0, 1, 101, 3, 8]\n")
  }

  // MARK: - Standard library

  @Test("collections and strings from the standard library")
  func stdlib() {
    #expect(output(of: """
      let words = ["pear", "fig", "apple", "fig"]
      var counts: [String: Int] = [:]
      for w in words { counts[w, default: 0] += 1 }
      print(counts["fig"]!, counts["pear"]!, counts["kiwi", default: 0])
      let total = words.reduce(into: 0) { $0 += $1.count }
      let byLetter = words.reduce(into: [String: [String]]()) { acc, w in acc[String(w.first!), default: []].append(w) }
      print(total, byLetter["f"]!)
      print(words.sorted(), words.sorted { $0.count < $1.count }, words.sorted(by: >))
      print(words.filter { $0.count > 3 }.map { $0.uppercased() })
      print(words.joined(separator: "+"), "a,b,,c".split(separator: ",").map { String($0) })
      print("Hello".count, "Hello".lowercased(), "Hello".hasPrefix("He"), "Hello".hasSuffix("lo"), "Hello".contains("ell"))
      print(String(repeating: "ab", count: 3), Array("abc"), "abc".reversed().map { String($0) }.joined())
      print(Int("42")! + 1, Int("x"), Double("2.5")!, String(7) + "!", Int(3.9), Double(2))
      print(min(3, 1, 2), max(1.5, 2), abs(-4), [3, 1, 2].min()!, [3, 1, 2].max()!)
      var xs = [5, 3, 8]
      xs.insert(1, at: 0)
      xs.remove(at: 1)
      xs.sort()
      print(xs, xs.contains(8), xs.firstIndex(of: 8)!, xs.isEmpty, Array(repeatElement(0, count: 3)))
      print(Array(xs[1...]), xs.prefix(2), xs.dropFirst(), xs.reversed())
      """) == """
      2 1 0
      15 ["fig", "fig"]
      ["apple", "fig", "fig", "pear"] ["fig", "fig", "pear", "apple"] ["pear", "fig", "fig", "apple"]
      ["PEAR", "APPLE"]
      pear+fig+apple+fig ["a", "b", "c"]
      5 hello true true true
      ababab ["a", "b", "c"] cba
      43 nil 2.5 7! 3 2.0
      1 2.0 4 1 3
      [1, 3, 8] true 2 false [0, 0, 0]
      [3, 8] [1, 3] [3, 8] [8, 3, 1]

      """)
  }

  @Test("array index out of range is a located IndexError")
  func indexOutOfRange() throws {
    let marked = MarkedSource("let xs = [1, 2, 3]\nprint(1️⃣xs[3])")
    let e = try #require(error(of: marked.text))
    #expect(e.name == "IndexError")
    #expect(e.message.contains("index 3 out of range"))
    #expect(e.runtime?.range?.start == marked.markers[0].location)
  }

  @Test("operator precedence follows Swift")
  func precedence() {
    #expect(output(of: """
      print(1 + 2 * 3, (1 + 2) * 3, 10 - 4 - 3, 2 * 3 % 4, 1 << 3 + 1, -2 * -3)
      print(1 < 2 && 2 < 3 || false, !true || true, 5 > 3 ? "y" : "n", 1...3 ~= 2)
      let o: Int? = nil
      print(o ?? 1 + 1, (o ?? 1) + 1)
      """) == "7 9 3 2 9 6\ntrue true y true\n2 2\n")
  }

  @Test("the last expression is the cell's value; Void and assignments are not")
  func cellValue() {
    #expect(result(of: "let x = 2\nx * 21") == "42")
    #expect(result(of: "var x = 2\nx = 3") == nil)
    #expect(result(of: "print(1)") == nil)
    #expect(result(of: "func f() {}\nf()") == nil)
  }

  @Test("session globals persist across cells and re-declaration replaces them")
  func globalsPersist() {
    let interp = Interpreter(write: { _, _ in })
    #expect(interp.run("var total = 1\nfunc bump() { total += 10 }").error == nil)
    #expect(interp.run("bump()\ntotal").value.map(describe) == "11")
    #expect(interp.run("let total = \"new\"\ntotal").value.map(describe) == "new")
    #expect(interp.run("func bump() -> Int { 7 }\nbump()").value.map(describe) == "7")
  }
}
