import Foundation
import Testing

@testable import CellLanguage

/// Valid programs whose every prefix is fed to the parser.
let validPrograms: [String] = [
  "let x = 1 + 2 * 3\nprint(x)",
  "var total = 0\nfor i in 1...10 where i % 2 == 0 {\n  total += i\n}\nprint(\"total: \\(total)\")",
  "func fib(_ n: Int) -> Int {\n  if n < 2 { return n }\n  return fib(n - 1) + fib(n - 2)\n}\nprint(fib(10))",
  "let words = [\"a\", \"bb\", \"ccc\"]\nlet lengths = words.map { $0.count }\nprint(lengths, lengths.reduce(0, +))",
  "var counts: [String: Int] = [:]\nfor w in [\"x\", \"y\", \"x\"] {\n  counts[w, default: 0] += 1\n}\nprint(counts)",
  "let n = 7\nswitch n {\ncase 0:\n  print(\"zero\")\ncase 1..<5:\n  print(\"small\")\ncase let k where k % 2 == 1:\n  print(\"odd \\(k)\")\ndefault:\n  print(\"big\")\n}",
  "let opt: Int? = nil\nlet value = opt ?? 42\nif let v = opt {\n  print(v)\n} else {\n  print(\"none\", value)\n}",
  "func greet(_ name: String, greeting: String = \"Hello\") -> String {\n  return \"\\(greeting), \\(name)!\"\n}\nprint(greet(\"World\"), greet(\"Ann\", greeting: \"Hi\"))",
  "var i = 0\nwhile i < 5 {\n  i += 1\n  if i == 3 { continue }\n  if i == 5 { break }\n}\nprint(i)",
  "var j = 3\nrepeat {\n  j -= 1\n} while j > 0\nprint(j)",
  "let pairs = [(1, \"one\"), (2, \"two\")]\nfor (n, name) in pairs {\n  print(n, name, separator: \": \")\n}",
  "func makeAdder(_ k: Int) -> (Int) -> Int {\n  return { x in x + k }\n}\nlet add3 = makeAdder(3)\nprint(add3(4))",
  "let sorted = [3, 1, 2].sorted { a, b in a > b }\nprint(sorted.first!, sorted.last ?? 0)",
  "let s = \"\"\"\n  multi \\(1 + 1)\n  line\n  \"\"\"\nprint(s.split(separator: \"\\n\").count)",
  "let t = (x: 1.5, y: -2.0)\nprint(t.x + t.y, t)\nlet (a, b) = (1, 2)\nprint(a, b)",
  "func apply(_ f: (Double) -> Double, _ v: Double) -> Double { f(v) }\nprint(apply({ $0 * $0 }, 3))",
  "var matrix = [[1, 2], [3, 4]]\nmatrix[1][0] = 9\nfor row in matrix {\n  print(row.map { String($0) }.joined(separator: \" \"))\n}",
  "let r = stride(from: 0.0, to: 1.0, by: 0.25).map { $0 * 2 }\nprint(r)",
  "func classify(_ p: (Int, Int)) -> String {\n  switch p {\n  case (0, 0): return \"origin\"\n  case (_, 0): return \"x-axis\"\n  case (let x, let y) where x == y: return \"diagonal\"\n  default: return \"other\"\n  }\n}\nprint(classify((2, 2)))",
  "let dict = [\"b\": 2, \"a\": 1]\nfor key in dict.keys.sorted() {\n  print(key, dict[key]!)\n}",
  "guard let first = [5, 6].first else {\n  fatalError(\"empty\")\n}\nprint(first)",
  "var log: [String] = []\nfunc record(_ msg: String) {\n  log.append(msg)\n}\nrecord(\"a\"); record(\"b\")\nprint(log.joined(separator: \",\"))",
  "let nums = Array(1...6)\nlet evens = nums.filter { $0 % 2 == 0 }\nlet total = evens.reduce(into: 0) { $0 += $1 }\nprint(evens, total)",
  "let text = \"the quick brown fox\"\nlet caps = text.split(separator: \" \").map { $0.uppercased() }\nprint(caps.joined(separator: \"-\"), text.count)",
  "var fs: [() -> Int] = []\nfor k in 0..<3 {\n  fs.append { k * k }\n}\nprint(fs.map { $0() })",
  "let xs = [1.5, 2.5, 3.0]\nlet mean = xs.reduce(0, +) / Double(xs.count)\nprint(\"mean = \\(mean)\", min(1, 2), max(3.0, 4))",
  "let maybe: [Int]? = [1, 2]\nprint(maybe?.count ?? 0, (maybe?.first ?? 0) * 10, maybe?.map { $0 * 10 } ?? [])",
  "func sum(_ xs: Int...) -> Int {\n  var s = 0\n  for x in xs { s += x }\n  return s\n}\nprint(sum(1, 2, 3))",
  "// a comment\n/* block\n comment */\nlet z = 0x1F + 0b101 + 1_000 // trailing\nprint(z, -z, abs(-z))",
  "let ok = true && !false || 1 < 2\nprint(ok ? \"yes\" : \"no\", 10 % 3, -7 / 2, 2.0 / 4)",
  "for (i, c) in [\"x\", \"y\"].enumerated() {\n  print(\"\\(i):\\(c)\", terminator: i == 1 ? \"\\n\" : \" \")\n}",
]

/// Pieces of cells for random soups. No `while` or `repeat`, so a soup cannot loop for
/// ever (recursion is limited by the call depth; a watchdog interrupts anything slow).
let soupVocabulary: [String] = [
  "let", "var", "func", "if", "else", "guard", "for", "in", "switch", "case", "default", "return", "break",
  "continue", "true", "false", "nil", "where", "as", "is", "import", "struct", "class", "enum", "try", "inout",
  "fallthrough", "defer", "do", "init", "self", "async", "await",
  "+", "-", "*", "/", "%", "=", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "?", "??", "...", "..<",
  "+=", "-=", "->", ".", ",", ":", ";", "&+", "<<", "~", "^", "|", "&",
  "(", ")", "(", ")", "[", "]", "[", "]", "{", "}", "{", "}",
  "0", "1", "2", "42", "3.5", "1e3", "0x1F", "9223372036854775807", "7q",
  "x", "y", "f", "xs", "print", "count", "map", "filter", "reduce", "sorted", "Int", "Double", "String", "Array",
  "abs", "min", "max", "$0", "$1", "_", "first", "append", "stride", "zip", "keys",
  "\"s\"", "\"a \\(", "\\(x)\"", "\")\"", "\"\"\"", "#\"raw\"#", "\"\\n\"", "\"\\q\"", "\\", "`", "@", "#",
  "\n", "\n", "\n", " ", "//", "/*", "*/",
]

@Suite("Robustness: truncated programs, token soups, deep nesting")
struct FuzzTests {
  @Test("the valid programs parse, compile and run")
  func programsRun() {
    for p in validPrograms {
      let (_, outcome) = runCapturing(p)
      #expect(outcome.error == nil, "\(p)\n\(outcome.error?.rendered ?? "")")
      #expect(completeness(p) == .complete)
    }
  }

  @Test("every prefix of every valid program parses without crashing, with located errors")
  func prefixes() throws {
    var count = 0
    for program in validPrograms {
      let scalars = Array(program.unicodeScalars)
      for cut in 0...scalars.count {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[0..<cut])
        let text = String(s)
        let parsed = parse(text)
        for d in parsed.diagnostics { expectLocated(d, in: text, "prefix \(cut) of:\n\(program)") }
        // A prefix cut just after a line's opening `{` (block not closed yet) is incomplete,
        // so the kernel asks for more lines instead of reporting an error.
        if cut < scalars.count, scalars[cut] == "\n", cut > 0, scalars[cut - 1] == "{" {
          #expect(completeness(text) == .incomplete, "should be incomplete:\n\(text)")
        }
        count += 1
      }
    }
    #expect(count > 3000)
  }

  @Test("every prefix also compiles and runs without crashing")
  func prefixesRun() throws {
    let done = try #require(onBigStack(timeout: 120) { () -> Int in
      let interp = Interpreter(write: { _, _ in })
      var n = 0
      for program in validPrograms {
        let scalars = Array(program.unicodeScalars)
        for cut in stride(from: 0, through: scalars.count, by: 1) {
          var s = String.UnicodeScalarView()
          s.append(contentsOf: scalars[0..<cut])
          let text = String(s)
          if let e = interp.run(text).error {
            for d in e.diagnostics { expectLocated(d, in: text, "prefix of:\n\(program)") }
            if let r = e.runtime, let range = r.range, r.file?.text == text {
              expectLocated(Diagnostic(r.message, range), in: text, "runtime error in prefix of:\n\(program)")
            }
          }
          n += 1
        }
      }
      return n
    }, "prefix runs did not finish")
    #expect(done > 3000)
  }

  /// One random cell from the vocabulary.
  static func soup(_ rng: inout SplitMix64) -> String {
    let n = Int.random(in: 1..<40, using: &rng)
    var s = ""
    for _ in 0..<n {
      let piece = soupVocabulary.randomElement(using: &rng)!
      s += piece
      // Mostly spaces, sometimes glued, to exercise prefix/postfix/binary operator rules.
      if Int.random(in: 0..<4, using: &rng) != 0 { s += " " }
    }
    return s
  }

  @Test("thousands of random token soups end in a located error or run, never crash")
  func tokenSoups() throws {
    var rng = SplitMix64(seed: 0x5EED_C0DE)
    let texts = (0..<4000).map { _ in FuzzTests.soup(&rng) }
    let result = try #require(FuzzTests.runAll(texts), "soups did not finish")
    #expect(result.bad.isEmpty, "\(result.bad.count) badly located errors, e.g. \(result.bad.prefix(3))")
    #expect(result.errors > texts.count / 2, "most soups should be errors")
  }

  @Test("mutated valid programs (characters deleted, duplicated, swapped) never crash")
  func mutants() throws {
    var rng = SplitMix64(seed: 0xB0B)
    var texts: [String] = []
    for _ in 0..<2000 {
      var s = Array(validPrograms.randomElement(using: &rng)!.unicodeScalars)
      for _ in 0..<Int.random(in: 1...3, using: &rng) where s.count > 2 {
        let i = Int.random(in: 0..<s.count - 1, using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: s.remove(at: i)
        case 1: s.insert(s[i], at: i)
        case 2: s.swapAt(i, i + 1)
        default: s.insert(["(", ")", "{", "}", "\"", "\\", "$", ".", "?", "!", "\n"].randomElement(using: &rng)!, at: i)
        }
      }
      var v = String.UnicodeScalarView()
      v.append(contentsOf: s)
      texts.append(String(v))
    }
    let result = try #require(FuzzTests.runAll(texts), "mutants did not finish")
    #expect(result.bad.isEmpty, "\(result.bad.count) badly located errors, e.g. \(result.bad.prefix(3))")
  }

  /// Runs every text as a cell of one interpreter on a big stack, with a watchdog that
  /// interrupts any cell running for more than a second; returns the number of errors
  /// and descriptions of any error that is not located inside its cell.
  static func runAll(_ texts: [String]) -> (errors: Int, bad: [String])? {
    onBigStack(timeout: 120) { () -> (errors: Int, bad: [String]) in
      let interp = Interpreter(write: { _, _ in })
      interp.maxCallDepth = 2_000
      var errors = 0
      var bad: [String] = []
      // A watchdog interrupts any cell that runs for more than a second.
      let current = Shared(0)
      let finished = Shared(false)
      let watched = Shared(interp)
      let watchdog = Thread {
        var last = -1
        while !finished.value {
          Thread.sleep(forTimeInterval: 1)
          let now = current.value
          if now == last { watched.value.interrupt() }
          last = now
        }
      }
      watchdog.start()
      defer { finished.value = true }
      for (k, text) in texts.enumerated() {
        current.value = k
        let outcome = interp.run(text)
        guard let e = outcome.error else { continue }
        errors += 1
        let file = SourceFile(name: "soup", text: text)
        if let r = e.runtime {
          // Runtime errors come from this cell or from a function defined by an earlier soup.
          if let range = r.range {
            let f = r.file ?? file
            let ok = range.start.line >= 1 && range.start.column >= 1 && range.start.offset <= f.scalars.count
              && f.location(ofOffset: range.start.offset) == range.start
            if !ok { bad.append("runtime \(r.kind) \(r.message) at \(range) in:\n\(text)") }
          } else if r.kind != "KeyboardInterrupt" {
            bad.append("unlocated runtime \(r.kind): \(r.message) in:\n\(text)")
          }
        } else {
          if e.diagnostics.isEmpty { bad.append("error without diagnostics in:\n\(text)") }
          for d in e.diagnostics {
            let start = d.range.start
            let ok = start.line >= 1 && start.column >= 1 && start.offset <= file.scalars.count
              && d.range.end.offset <= file.scalars.count && file.location(ofOffset: start.offset) == start
            if !ok { bad.append("\(d) (\(d.range)) in:\n\(text)") }
          }
        }
        _ = e.rendered  // rendering must not crash either
      }
      return (errors, bad)
    }
  }

  @Test("soups also parse on their own with located diagnostics", arguments: [1, 2, 3])
  func soupParse(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    for _ in 0..<1500 {
      let text = FuzzTests.soup(&rng)
      for d in parse(text).diagnostics { expectLocated(d, in: text, text) }
      _ = completeness(text)
    }
  }

  @Test("10,000 levels of nesting end in a 'nested too deeply' error", arguments: [
    ("let v = ", "(", ")"), ("let v = ", "[", "]"), ("let v = ", "{", "}"), ("let v = ", "f(", ")"), ("", "if true {\n", "}\n"),
    ("let v = ", "{ x in ", "}"), ("let v = ", "- ", ""), ("let v = ", "!(", ")"), ("let v = ", "[1: ", "]"),
    ("let v = ", "\"\\(", ")\""), ("", "func f() {\n", "}\n"), ("let v = ", "1 + (", ")"), ("let v = ", "x?.y(", ")"),
    ("", "for i in 0..<1 { ", "} "), ("", "while true { ", "} "), ("let t: ", "[", "]"), ("let t: ", "(Int, ", ")"),
    ("let v = ", "x ? 1 : ", ""), ("", "switch 1 { default: ", "} "),
  ])
  func deepNesting(_ lead: String, _ open: String, _ close: String) throws {
    let text = lead + String(repeating: open, count: 10_000) + "1" + String(repeating: close, count: 10_000)
    let parsed = parse(text)
    #expect(parsed.diagnostics.contains { $0.message.contains("nested too deeply") }, "\(parsed.diagnostics.prefix(3))")
    #expect(parsed.diagnostics.count <= 2, "one error, not one per level: \(parsed.diagnostics.count)")
    for d in parsed.diagnostics { expectLocated(d, in: text, "deep \(open)") }
    let e = try #require(error(of: text))
    #expect(e.diagnostics.contains { $0.message.contains("nested too deeply") }, "\(e.diagnostics.prefix(3))")
  }

  @Test("unbalanced or unsupported deep nesting does not crash either", arguments: [
    ("(", 10_000), ("{", 10_000), ("[", 10_000), (")", 10_000), ("}", 3_000), ("\"\\(", 2_000), ("\"\\(1 + ", 10_000),
    ("do { ", 10_000), ("-", 10_000), ("struct S { ", 10_000), ("/*", 10_000), ("#if ", 5_000), ("@", 5_000),
  ])
  func deepUnbalanced(_ piece: String, _ count: Int) {
    let text = String(repeating: piece, count: count)
    let ds = parse(text).diagnostics
    #expect(!ds.isEmpty)
    for d in ds { expectLocated(d, in: text, String(text.prefix(10))) }
    _ = Interpreter(write: { _, _ in }).run(text).error?.rendered
  }
}
