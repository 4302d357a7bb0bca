import Testing

@testable import CellLanguage

/// Subscripts, nested types, key paths, lazy properties, observers that change `self`,
/// initializer delegation and optional-chaining assignment (issue 13, second half).
@Suite("Type members: subscripts, nested types, key paths")
struct TypeMembersTests {
  @Test("subscripts: get-only, get/set, several parameters, labels, static, through a let class")
  func subscripts() {
    let out = output(of: """
      struct Table {
        var cells: [Int] = [0, 0, 0, 0]
        let width = 2
        subscript(r: Int, c: Int) -> Int {
          get { cells[r * width + c] }
          set { cells[r * width + c] = newValue }
        }
        subscript(row r: Int) -> [Int] { Array(cells[(r * width)..<(r * width + width)]) }
      }
      var t = Table()
      t[0, 1] = 5
      t[1, 0] += 7
      t[1, 0] *= 2
      print(t[0, 1], t[1, 0], t[row: 1], t.cells)
      enum Dir: Int { case n, e, s, w
        static subscript(i: Int) -> Dir { Dir(rawValue: i % 4)! }
      }
      print(Dir[5], Dir[2])
      final class Store {
        var items: [String: Int] = [:]
        subscript(key: String) -> Int {
          get { items[key] ?? 0 }
          set { items[key] = newValue }
        }
      }
      let s = Store()
      s["a"] += 2
      s["a"] += 3
      print(s["a"], s["b"])
      extension Array where Element == Int {
        subscript(safe i: Int) -> Int? { i >= 0 && i < count ? self[i] : nil }
      }
      print([1, 2][safe: 1] ?? -1, [1, 2][safe: 9] ?? -1)
      """)
    #expect(out == "5 14 [14, 0] [0, 5, 14, 0]\ne s\n5 0\n2 -1\n")
  }

  @Test("a plain assignment through a subscript does not run its getter")
  func plainAssignmentSkipsGetter() {
    let out = output(of: """
      struct Log {
        var items: [Int] = []
        subscript(i: Int) -> Int {
          get { print("get", i); return items[i] }
          set { if i == items.count { items.append(newValue) } else { items[i] = newValue } }
        }
      }
      var l = Log()
      l[0] = 10
      l[1] = 20
      l[0] += 1
      print(l.items)
      """)
    #expect(out == "get 0\n[11, 20]\n")
  }

  @Test("nested types: inner names inside, qualified names outside, printing")
  func nestedTypes() {
    let out = output(of: """
      struct Deck {
        enum Suit: String, CaseIterable { case hearts = "♡", spades = "♠" }
        struct Card { var rank: Int; var suit: Suit }
        var cards: [Card] = []
        init() {
          for s in Suit.allCases { for r in 1...2 { cards.append(Card(rank: r, suit: s)) } }
        }
        func count(of s: Suit) -> Int { cards.filter { $0.suit == s }.count }
      }
      let d = Deck()
      print(d.cards.count, d.count(of: .spades))
      let c: Deck.Card = Deck.Card(rank: 9, suit: .hearts)
      print(c)
      print([c.suit])
      print(Deck.Suit.spades.rawValue, Deck.Suit(rawValue: "♡")!)
      extension Int {
        enum Parity { case even, odd }
        var parity: Parity { self % 2 == 0 ? .even : .odd }
      }
      print(3.parity, 4.parity == .even)
      """)
    #expect(out == "4 2\nCard(rank: 9, suit: main.Deck.Suit.hearts)\n[main.Deck.Suit.hearts]\n♠ hearts\nodd true\n")
  }

  @Test("nested types sharing a name: implicit members take the type from the context")
  func implicitMembersOfNestedTypes() {
    let out = output(of: """
      struct Light { enum State { case on, off }
        var state: State = .off
        var flipped: State { state == .on ? .off : .on }
        func describe(_ s: State = .on) -> String { s == .on ? "lit" : "dark" }
      }
      struct Door { enum State { case on, off, ajar } }
      var l = Light()
      func check(_ s: Light.State) -> Bool { s == .on }
      print(l.flipped, l.describe(), l.describe(.off), check(.on))
      l.state = .on
      var doors: [Door.State] = [.off]
      doors += [.on]
      let maybe: Door.State? = .ajar
      print(l.state == .on, l.flipped, doors, maybe == .ajar)
      """)
    #expect(out == "on lit dark true\ntrue off [main.Door.State.off, main.Door.State.on] true\n")
    let ds = compileDiagnostics("struct A { enum K { case x } }\nstruct B { enum K { case x } }\nlet k = .x")
    #expect(ds.first?.message.contains("ambiguous use of '.x'") == true, "\(ds)")
  }

  @Test("key paths: map, sorted, generic functions, reading and writing with [keyPath:]")
  func keyPaths() {
    let out = output(of: """
      struct City { var name: String; var pop: Int; var mayor: Person }
      struct Person { var name: String }
      var cities = [City(name: "Oslo", pop: 700, mayor: Person(name: "A")), City(name: "Bergen", pop: 290, mayor: Person(name: "B"))]
      print(cities.map(\\.name), cities.map(\\City.mayor.name))
      func maxBy<T, V: Comparable>(_ xs: [T], _ k: KeyPath<T, V>) -> T? { xs.max { $0[keyPath: k] < $1[keyPath: k] } }
      print(maxBy(cities, \\.pop)!.name, maxBy(cities, \\.name)!.name)
      let popPath = \\City.pop
      cities[1][keyPath: popPath] += 10
      cities[0][keyPath: \\.mayor.name] = "Z"
      print(cities[1].pop, cities[0].mayor.name)
      print(popPath, \\City.mayor.name)
      """)
    #expect(out == "[\"Oslo\", \"Bergen\"] [\"A\", \"B\"]\nOslo Oslo\n300 Z\n\\City.pop \\City.mayor.name\n")
  }

  @Test("lazy properties, observers that change self, self.init, failable super.init, a?.b = x")
  func initializationAndObservers() {
    let out = output(of: """
      final class Loader {
        lazy var data: [Int] = { print("loading"); return [1, 2, 3] }()
        var uses = 0
      }
      let l = Loader()
      print("made")
      print(l.data.count, l.data.count)
      struct Clamp {
        var v = 0 { didSet { if v > 10 { v = 10 } } }
      }
      var c = Clamp()
      c.v = 25
      print(c.v)
      struct Money {
        var cents: Int
        init(cents: Int) { self.cents = cents }
        init(dollars: Double) { self.init(cents: Int(dollars * 100)) }
      }
      print(Money(dollars: 2.5).cents)
      class Named { let name: String; init?(name: String) { if name.isEmpty { return nil }; self.name = name } }
      class Pet: Named { let legs: Int; init?(name: String, legs: Int) { self.legs = legs; super.init(name: name) } }
      print(Pet(name: "", legs: 4) == nil, Pet(name: "Rex", legs: 4)!.legs)
      class Box { var inner: Box?; var n = 0 }
      let b = Box()
      b.inner?.n = 5
      b.inner = Box()
      b.inner?.n = 7
      var d: [String: Box] = ["k": Box()]
      d["k"]?.n += 2
      d["missing"]?.n += 1
      print(b.inner!.n, d["k"]!.n, d.count)
      """)
    #expect(out == "made\nloading\n3 3\n10\n250\ntrue 4\n7 2 1\n")
  }

  @Test("updating structs in an array copies nothing unless the value is shared (copy on write)")
  func structUpdatesInPlace() {
    let interp = Interpreter()
    let (out, outcome) = runCapturing("""
      struct P { var x: Double; var v: Double; var tag = "" }
      var ps: [P] = []
      for i in 0..<2000 { ps.append(P(x: Double(i), v: 1)) }
      for _ in 0..<3 { for i in 0..<ps.count { ps[i].x += ps[i].v * 0.5; ps[i].tag = "t" } }
      var grid = [[P(x: 0, v: 0)]]
      grid[0][0].x = 9
      print(ps[10].x, grid[0][0].x)
      """, in: interp)
    #expect(outcome.error == nil)
    #expect(out == "11.5 9.0\n")
    #expect(interp.structCopies == 0, "an unshared struct element was copied \(interp.structCopies) times")
    _ = runCapturing("var snapshot = ps\nps[0].x = -1\nps[0].x = -2\nprint(snapshot[0].x, ps[0].x)", in: interp)
    #expect(interp.structCopies == 1, "a shared element is copied once, on its first mutation")
  }

  @Test("deinit: runs when the last reference goes, subclass first; not after a failed init; never after the session")
  func deinitializers() throws {
    let out = output(of: """
      class Base { let id: Int
        init?(_ id: Int) { if id < 0 { return nil }; self.id = id }
        deinit { print("base", id) }
      }
      class Leaf: Base { deinit { print("leaf", id) } }
      var a: Base? = Leaf(1)
      let failed = Leaf(-1)
      var keep = [Base(2)!]
      a = nil
      keep.removeAll()
      print("end", failed == nil)
      """)
    #expect(out == "leaf 1\nbase 1\nbase 2\nend true\n")
    let (_, outcome) = runCapturing("class K { deinit { let xs = [1]; print(xs[5]) } }\nvar k: K? = K()\nk = nil\nprint(\"after\")")
    #expect(outcome.error == nil, "an error inside deinit is reported on stderr, not raised")
    // A deinit that makes and drops another instance of its class stops at the call limit.
    // (On a 512 MB stack, as the session's worker runs cells.)
    let loop = try #require(onBigStack {
      runCapturing("var made = 0\nclass Loop { deinit { made += 1; let x = Loop(); _ = x } }\nvar l: Loop? = Loop()\nl = nil\nprint(made)")
    })
    #expect(loop.outcome.error == nil)
    #expect(loop.output.contains("deinit bodies nested more than 10000 deep were skipped") && loop.output.contains("10000\n"), "\(loop.output)")
    // An instance that outlives its interpreter frees without running anything.
    var held: Value? = nil
    do {
      let interp = Interpreter()
      let (_, o) = runCapturing("class Q { deinit { print(\"gone\") } }\nQ()", in: interp)
      held = o.value
    }
    #expect(held != nil)
    held = nil
  }

  @Test("weak and unowned properties do not keep instances alive; T! properties read unwrapped")
  func weakAndUnowned() throws {
    let out = output(of: """
      class Node { let id: Int; weak var parent: Node?; var children: [Node] = []
        init(_ id: Int) { self.id = id }
        deinit { print("free", id) }
      }
      var root: Node? = Node(1)
      let child = Node(2)
      child.parent = root
      root!.children.append(child)
      print(child.parent?.id ?? 0)
      root = nil
      print(child.parent?.id ?? 0)
      class Owner { var pet: Pet!; init() { pet = Pet(owner: self) } }
      class Pet { unowned let owner: Owner; init(owner: Owner) { self.owner = owner } }
      var o: Owner? = Owner()
      let pet = o!.pet
      print(pet.owner === o!)
      o = nil
      """)
    #expect(out == "1\nfree 1\n0\ntrue\n")
    let dangling = try #require(error(of: "class A {}\nclass B { unowned let a: A; init(a: A) { self.a = a } }\nvar a: A? = A()\nlet b = B(a: a!)\na = nil\nprint(b.a)"))
    #expect(dangling.message.contains("attempted to read an unowned reference ('a') but the object was already deallocated"))
    let structRef = try #require(error(of: "struct S {}\nclass H { weak var s: S? }\nlet h = H()\nh.s = S()"))
    #expect(structRef.message.contains("'weak' may only be applied to class instances"))
    let ds = compileDiagnostics("class A {}\nclass H { weak let a: A? = nil }")
    #expect(ds.first?.message.contains("'weak' must be a mutable variable") == true, "\(ds)")
  }

  @Test("misuse of the new constructs is a located error with Swift's message", arguments: [
    MarkedCase("struct T { subscript(i: Int) -> Int { i } }\nlet t = T()\n1️⃣t[0] = 1", "cannot assign through subscript: 't' is a 'let' constant"),
    MarkedCase("struct O { struct I {} }\nlet x = 1️⃣O.J()", "type 'O' has no member 'J'"),
    MarkedCase("struct P { var a = 1 }\nlet k = 1️⃣\\P.b", "value of type 'P' has no member 'b'"),
    MarkedCase("let k = 1️⃣\\Nowhere.b", "cannot find type 'Nowhere' in scope"),
    MarkedCase("struct P { var a: P? }\nlet k = [P(a: nil)].map(1️⃣\\.a?.a)", "key paths with optional chaining"),
    MarkedCase("protocol P {\n  struct 1️⃣Inner {}\n}", "type 'Inner' cannot be nested in protocol 'P'"),
    MarkedCase("struct S {\n  lazy let 1️⃣x = 1\n}", "'lazy' cannot be used on a let"),
    MarkedCase("struct O { enum K { case a, b } }\nlet k = O.K.a\n1️⃣switch k {\ncase .a: print(1)\n}", "switch must be exhaustive"),
    MarkedCase("struct O { struct I { var x: Int } }\nlet i = 1️⃣O.I()", "missing argument for parameter 'x'"),
    MarkedCase("struct S {\n  1️⃣deinit {}\n}", "deinitializers may only be declared within a class"),
    MarkedCase("class C { let id = 1\n  func reset() { 1️⃣id = 0 } }", "cannot assign to property: 'id' is a 'let' constant"),
    MarkedCase("class A { func f() -> Int { 1 } }\nclass B: A { func 1️⃣f() -> Int { 2 } }", "overriding declaration requires an 'override' keyword"),
    MarkedCase("class A {}\nclass B: A { override func 1️⃣g() {} }", "method does not override any method from its superclass"),
    MarkedCase("class A { var d: String { \"a\" } }\nclass B: A { var 1️⃣d: String { \"b\" } }", "overriding declaration requires an 'override' keyword"),
    MarkedCase("protocol P { subscript(i: Int) -> Int { get } }\nstruct 1️⃣S: P {}", "type 'S' does not conform to protocol 'P'"),
  ])
  func misuse(_ c: MarkedCase) {
    let marked = MarkedSource(c.source)
    let ds = compileDiagnostics(marked.text)
    #expect(ds.count == 1, "\(ds)")
    #expect(ds.first?.range.start == marked.markers.first?.location, "\(ds)")
    #expect(ds.first?.message.contains(c.messages[0]) == true, "\(ds)")
  }

  @Test("run-time misuse: get-only subscripts, wrong labels, key paths on the wrong type, failed redeclared members")
  func runtimeMisuse() throws {
    let e1 = try #require(error(of: "struct T { subscript(i: Int) -> Int { i } }\nvar t = T()\nt[0] = 1"))
    #expect(e1.message.contains("cannot assign through subscript: subscript is get-only"))
    #expect(e1.rendered.contains("cell[1]:3:1"))
    let e0 = try #require(error(of: "struct S { var x = 1 }\nvar s = S()\ns[0] = 1"))
    #expect(e0.message.contains("value of type 'S' has no subscripts"))
    let e2 = try #require(error(of: "struct T { subscript(i: Int) -> Int { i } }\nlet t = T()\nprint(t[row: 0])"))
    #expect(e2.message.contains("no subscript of 'T' takes arguments (row:)"))
    let e3 = try #require(error(of: "struct A { var x = 1 }\nstruct B { var y = 2 }\nlet k = \\A.x\nprint(B()[keyPath: k])"))
    #expect(e3.message.contains("key path of root type 'A' cannot be applied to a value of type 'B'"))
    let e5 = try #require(error(of: "struct P { var x = 1 }\nprint(P() < P())"))
    #expect(e5.message.contains("binary operator '<' cannot be applied"), "a struct without '<' is not ordered by accident")
    let interp = Interpreter()
    _ = runCapturing("struct P { var x = 1 }\nlet old = P()", in: interp)
    let e4 = try #require(error(of: "struct P { var x = 1\n func twice() -> Int { 2 * x } }\nprint(P().twice())\nprint(old.twice())", in: interp))
    #expect(e4.message.contains("earlier declaration of 'P'"))
  }
}
