import Testing

@testable import CellLanguage

/// Everyday Swift beyond functions: structs, classes, enums, protocols, extensions,
/// generics, errors, `defer`, labels, `inout`, `fallthrough`, capture lists.
@Suite("User types, errors and the rest of everyday Swift")
struct TypesTests {
  @Test("structs: memberwise init, defaults, methods, mutating, computed, static, value semantics")
  func structs() {
    let out = output(of: """
      struct Point: Equatable {
        var x: Double
        var y: Double = 0
        static var made = 0
        var norm2: Double { x * x + y * y }
        mutating func moveBy(dx: Double, dy: Double) { x += dx; y += dy }
        static func unit() -> Point { made += 1; return Point(x: 1, y: 1) }
      }
      var a = Point(x: 3, y: 4)
      let b = a
      a.moveBy(dx: 1, dy: 0)
      a.y = 10
      print(a, b, a.norm2, b == b, a == b)
      print(Point(x: 2), Point.unit(), Point.made)
      var ps = [Point(x: 0), Point(x: 1)]
      ps[1].x += 5
      ps[0].moveBy(dx: 2, dy: 2)
      print(ps)
      """)
    #expect(out == """
      Point(x: 4.0, y: 10.0) Point(x: 3.0, y: 4.0) 116.0 true false
      Point(x: 2.0, y: 0.0) Point(x: 1.0, y: 1.0) 1
      [main.Point(x: 2.0, y: 2.0), main.Point(x: 6.0, y: 0.0)]

      """)
  }

  @Test("custom init, failable init, CustomStringConvertible, property observers")
  func initsAndDescriptions() {
    let out = output(of: """
      struct Celsius: CustomStringConvertible {
        var degrees: Double
        init(fahrenheit: Double) { degrees = (fahrenheit - 32) / 1.8 }
        init?(text: String) {
          guard let d = Double(text) else { return nil }
          degrees = d
        }
        var description: String { "\\(degrees)°C" }
      }
      print(Celsius(fahrenheit: 212), Celsius(text: "x") == nil, Celsius(text: "5")!)
      struct Counter {
        var total = 0 {
          didSet { print("from \\(oldValue) to \\(total)") }
        }
      }
      var c = Counter()
      c.total += 3
      """)
    #expect(out == "100.0°C true 5.0°C\nfrom 0 to 3\n")
  }

  @Test("enums: raw values, allCases, associated values, methods, if/guard case, mutating")
  func enums() {
    let out = output(of: """
      enum Planet: Int, CaseIterable { case mercury = 1, venus, earth }
      print(Planet.earth.rawValue, Planet(rawValue: 2)!, Planet(rawValue: 9) == nil, Planet.allCases.count)
      enum Barcode {
        case upc(Int, Int, Int, Int)
        case qrCode(String)
      }
      var code = Barcode.upc(8, 85909, 51226, 3)
      code = .qrCode("ABC")
      switch code {
      case .upc(let a, let b, let c, let d): print("UPC", a, b, c, d)
      case let .qrCode(s): print("QR", s)
      }
      if case .qrCode(let s) = code { print("if case", s) }
      func check(_ b: Barcode) -> String {
        guard case .upc(let first, _, _, _) = b else { return "not upc" }
        return "upc \\(first)"
      }
      print(check(code), check(.upc(1, 2, 3, 4)))
      enum Switch { case on, off
        mutating func toggle() { self = self == .on ? .off : .on }
      }
      var s = Switch.off
      s.toggle()
      print(s, [Switch.on])
      """)
    #expect(out == "3 venus true 3\nQR ABC\nif case ABC\nnot upc upc 1\non [main.Switch.on]\n")
  }

  @Test("classes: reference semantics, inheritance, override, super, identity")
  func classes() {
    let out = output(of: """
      class Vehicle {
        var speed = 0.0
        var description: String { "traveling at \\(speed) mph" }
        func makeNoise() -> String { "..." }
      }
      class Bicycle: Vehicle {
        var hasBasket = false
        override func makeNoise() -> String { "ring " + super.makeNoise() }
      }
      let bike = Bicycle()
      let same = bike
      same.speed = 15
      bike.hasBasket = true
      print(bike.description, bike.makeNoise(), bike === same, bike.hasBasket)
      let vs: [Vehicle] = [Vehicle(), bike]
      print(vs.map { $0.makeNoise() }, bike is Vehicle, vs[0] is Bicycle)
      """)
    #expect(out == "traveling at 15.0 mph ring ... true true\n[\"...\", \"ring ...\"] true false\n")
  }

  @Test("protocols with default implementations, any P, extensions, generics with constraints")
  func protocolsAndGenerics() {
    let out = output(of: """
      protocol Describable { var name: String { get }; func describe() -> String }
      extension Describable { func describe() -> String { "I am \\(name)" } }
      struct Cat: Describable { let name: String }
      struct Robot: Describable {
        var name: String { "R2" }
        func describe() -> String { "beep" }
      }
      let things: [any Describable] = [Cat(name: "Tom"), Robot()]
      for t in things { print(t.describe()) }
      extension Double { var squared: Double { self * self } }
      extension Array where Element == Int { func total() -> Int { reduce(0, +) } }
      print(1.5.squared, [1, 2, 3].total())
      func maxOf<T: Comparable>(_ a: T, _ b: T) -> T { a > b ? a : b }
      print(maxOf(3, 7), maxOf("a", "b"))
      struct Box<T> { var items: [T] = []; mutating func add(_ x: T) { items.append(x) } }
      var box = Box<String>()
      box.add("x")
      print(box.items)
      typealias Weights = [String: Double]
      let w: Weights = ["a": 1]
      print(w)
      """)
    #expect(out == "I am Tom\nbeep\n2.25 6\n7 b\n[\"x\"]\n[\"a\": 1.0]\n")
  }

  @Test("errors: throw, try, try?, try!, do/catch patterns, rethrows, defer")
  func errors() {
    let out = output(of: """
      enum ParseError: Error { case empty, bad(String) }
      func parse(_ s: String) throws -> Int {
        if s.isEmpty { throw ParseError.empty }
        guard let n = Int(s) else { throw ParseError.bad(s) }
        return n
      }
      for s in ["1", "", "x"] {
        do {
          defer { print("checked \\(s)") }
          print(try parse(s))
        } catch ParseError.empty {
          print("empty")
        } catch ParseError.bad(let text) where text == "x" {
          print("bad", text)
        }
      }
      print(try? parse("y") as Any, try! parse("4"))
      func apply(_ f: (Int) throws -> Int) rethrows -> Int { try f(1) }
      do { _ = try apply { _ in throw ParseError.empty } } catch { print("caught", error) }
      do { try parse("z") } catch let e as ParseError { print("as", e) }
      """)
    #expect(out == "1\nchecked 1\nchecked \nempty\nchecked x\nbad x\nnil 4\ncaught empty\nas bad(\"z\")\n")
  }

  @Test("an error that escapes a cell shows its type, value and the throw's location")
  func uncaughtError() throws {
    let e = try #require(error(of: "enum E: Error { case boom(Int) }\nfunc f() throws { throw E.boom(3) }\ntry f()"))
    #expect(e.name == "E")
    #expect(e.message == "error raised at top level: E.boom(3)")
    #expect(e.rendered.contains("cell[1]:2:19"))
    #expect(e.rendered.contains("in f(), called from"))
    let forced = try #require(error(of: "enum E: Error { case boom }\nfunc f() throws -> Int { throw E.boom }\nlet x = try! f()"))
    #expect(forced.message.contains("'try!' expression unexpectedly raised an error: E.boom"))
  }

  @Test("labels, fallthrough, inout, capture lists, attributes")
  func controlFlow() {
    let out = output(of: """
      var found = (0, 0)
      search: for i in 1...5 {
        for j in 1...5 where i * j == 12 {
          found = (i, j)
          break search
        }
      }
      print(found)
      var n = 0
      outer: while n < 10 {
        n += 1
        for k in 0..<3 { if k == 1 { continue outer } }
      }
      print(n)
      switch 2 { case 2: print("two"); fallthrough; case 3: print("three"); default: print("other") }
      @discardableResult func bump(_ x: inout Int, by k: Int = 1) -> Int { x += k; return x }
      var v = 1
      bump(&v)
      bump(&v, by: 5)
      var arr = [1, 2]
      func addOne(_ xs: inout [Int]) { xs.append(1) }
      addOne(&arr)
      print(v, arr)
      var m = 1
      let c = { [m] in m * 10 }
      m = 5
      func run(_ f: @escaping () -> Int) -> Int { f() }
      print(c(), run { m })
      """)
    #expect(out == "(3, 4)\n10\ntwo\nthree\n7 [1, 2, 1]\n10 5\n")
  }

  @Test("redefining a type replaces it; old values keep their type")
  func redefinition() {
    let interp = Interpreter()
    _ = runCapturing("struct P { var x = 1 }\nlet old = P()", in: interp)
    let (out, outcome) = runCapturing("struct P { var x = 1; var y = 2 }\nprint(P(), old)", in: interp)
    #expect(outcome.error == nil)
    #expect(out == "P(x: 1, y: 2) P(x: 1)\n")
  }

  @Test("misuse is a located error with Swift's message", arguments: [
    MarkedCase("enum E: Error { case a }\nfunc f() throws {}\n1️⃣f()", "call can throw but is not marked with 'try'"),
    MarkedCase("struct P { var x = 0 }\nlet p = P()\n1️⃣p.x = 3", "cannot assign to property: 'p' is a 'let' constant"),
    MarkedCase("struct P { var x = 0\n mutating func inc() { x += 1 } }\nlet p = P()\n1️⃣p.inc()", "cannot use mutating member 'inc' on immutable value: 'p' is a 'let' constant"),
    MarkedCase("enum C { case a, b, c }\nlet v = C.a\n1️⃣switch v {\ncase .a: print(1)\ncase .b: print(2)\n}", "switch must be exhaustive"),
    MarkedCase("enum C { case a, b }\nlet v = 1️⃣C.purple", "type 'C' has no member 'purple'"),
    MarkedCase("struct P { var x: Int; var y: Int }\nlet p = 1️⃣P(x: 1)", "missing argument for parameter 'y' in call to 'P(x:y:)'"),
    MarkedCase("struct P { var x = 0\n func bad() { 1️⃣x = 1 } }", "'self' is immutable"),
    MarkedCase("func f() {\n  1️⃣throw 1\n}", "error is not handled because the enclosing function is not declared 'throws'"),
    MarkedCase("for i in 0..<2 { 1️⃣break nowhere }", "use of unresolved label 'nowhere'"),
    MarkedCase("protocol Shape { var area: Double { get } }\nstruct Sq: 1️⃣Shape { var side = 1.0 }".replacingOccurrences(of: "struct Sq: 1️⃣Shape", with: "struct 1️⃣Sq: Shape"), "type 'Sq' does not conform to protocol 'Shape'"),
    MarkedCase("let x = 1\nlet y = 1️⃣&x", "'&' may only be used to pass an argument to an 'inout' parameter"),
    MarkedCase("let g = 1️⃣.zero", "cannot infer contextual base in reference to member 'zero'"),
    MarkedCase("func f() {\n  struct 1️⃣Local {}\n}", "'struct' declarations are only supported at the top level of a cell"),
  ])
  func misuse(_ c: MarkedCase) {
    let marked = MarkedSource(c.source)
    let ds = compileDiagnostics(marked.text)
    #expect(ds.count == 1, "\(ds)")
    #expect(ds.first?.range.start == marked.markers.first?.location, "\(ds)")
    #expect(ds.first?.message.contains(c.messages[0]) == true, "\(ds)")
  }

  @Test("run-time misuse: generic constraints, unknown raw value force-unwrapped, let fields")
  func runtimeMisuse() throws {
    let e1 = try #require(error(of: "struct P {}\nfunc m<T: Comparable>(_ a: T) -> T { a }\nlet r = m(P())"))
    #expect(e1.message.contains("requires that 'P' conform to 'Comparable'"))
    let e2 = try #require(error(of: "struct P { let id: Int }\nvar p = P(id: 1)\np.id = 2"))
    #expect(e2.message.contains("cannot assign to property: 'id' is a 'let' constant"))
    let e3 = try #require(error(of: "struct P { var x: Int }\nlet a = P(x: 1)\nlet b = P(x: 1)\nprint(a == b)"))
    #expect(e3.message.contains("cannot be applied to two 'P' operands"))
  }
}
