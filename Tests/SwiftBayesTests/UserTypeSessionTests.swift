import CellLanguage
import Foundation
import SwiftBayes
import Testing

/// The user's own types meeting the session's host values (n-d arrays, distributions,
/// tables), and types redeclared by re-running their cell, as a notebook does.
@Suite("User types in a session")
struct UserTypeSessionTests {
  @Test("host values as struct fields: annotated, read, mutated in place, copied with value semantics")
  func hostValuesAsFields() {
    let (session, sink) = helperSession()
    session.run("""
      struct Prior {
        var name: String
        var dist: Distribution
        var data: NDArray
        func score() -> Double { dist.logProb(data).sum() }
        mutating func rescale(_ k: Double) { data = data * k }
      }
      var p = Prior(name: "mu", dist: Normal(0, 1), data: array([0.0, 1.0, -1.0]))
      let before = p
      p.rescale(2)
      p.data[0] = 5.0
      p.dist = HalfNormal(1)
      print(p.data, before.data, type(of: p.dist), type(of: before.dist))
      """)
    #expect(sink.stdout == "[5.0, 2.0, -2.0] [0.0, 1.0, -1.0] HalfNormal Normal\n")
    // The Swift arithmetic on the fields is NumPy's: logProb of an array is an array.
    #expect(session.run("before.score()") == "\(3 * -0.9189385332046727 - 1.0)")
    #expect(session.run("p.score()") == "-inf")
    let wrong = session.execute("let q = Prior(name: \"x\", dist: Normal(0, 1), data: \"three\")")
    #expect(wrong.error?.message.contains("argument 'data' of 'Prior(name:dist:data:)': cannot convert value of type 'String' to 'NDArray'") == true,
            "\(wrong.error?.rendered ?? "")")
    let notDist = session.execute("let q = Prior(name: \"x\", dist: 1.5, data: array([1.0]))")
    #expect(notDist.error?.message.contains("cannot convert value of type 'Double' to 'Distribution'") == true, "\(notDist.error?.rendered ?? "")")
  }

  @Test("host values in enum associated values, matched by switch and if case")
  func hostValuesInEnums() {
    let (session, sink) = helperSession()
    session.run("""
      enum Source {
        case dist(Distribution)
        case values(NDArray)
        case both(Normal, data: NDArray)
        var summary: String {
          switch self {
          case .dist(let d): return "dist mean \\(d.mean)"
          case .values(let v): return "values sum \\(v.sum())"
          case let .both(d, data): return "both \\(d.logProb(data).sum())"
          }
        }
      }
      let sources: [Source] = [.dist(Gamma(2, 4)), .values(linspace(0, 1, 5)), .both(Normal(0, 1), data: array([0.0, 0.0]))]
      for s in sources { print(s.summary) }
      if case .values(let v) = sources[1] { print(v.shape) }
      """)
    #expect(sink.stdout == "dist mean 0.5\nvalues sum 2.5\nboth -1.8378770664093456\n[5]\n")
  }

  @Test("host values through generic code: generic structs, functions and protocol extensions")
  func hostValuesInGenerics() {
    let (session, sink) = helperSession()
    session.run("""
      struct Box<T> {
        var item: T
        func map<U>(_ f: (T) -> U) -> Box<U> { Box<U>(item: f(item)) }
      }
      func twice<T>(_ x: T, _ f: (T) -> T) -> T { f(f(x)) }
      protocol Scored { var values: NDArray { get } }
      extension Scored { var total: Double { values.sum() } }
      struct Run: Scored { var values: NDArray }
      let b = Box(item: array([1.0, 2.0, 3.0]))
      print(b.map { $0.mean() }.item, type(of: b.item))
      print(twice(array([1.0, 2.0])) { $0 * 3 })
      let runs = [Run(values: zeros([3])), Run(values: ones([2]))]
      print(runs.map(\\.total), runs.map { $0.values.shape })
      var boxes: [Box<Distribution>] = [Box(item: Normal(0, 1)), Box(item: Exponential(2))]
      boxes[1].item = Beta(2, 2)
      print(boxes.map { $0.item.mean })
      """)
    #expect(sink.stdout == "2.0 NDArray\n[9.0, 18.0]\n[0.0, 2.0] [[3], [2]]\n[0.0, 0.5]\n")
  }

  @Test("a model takes its priors as a struct (with a Distribution field) and its likelihood as an enum")
  func userTypesAsModelArguments() {
    let (session, sink) = helperSession()
    let r = session.execute("""
      struct Priors { var muScale = 5.0; var sigma: Distribution = HalfNormal(1) }
      enum Likelihood { case normal, studentT(df: Double) }
      func model(y: [Double], p: Priors, lik: Likelihood) {
          let mu = sample("mu", Normal(0, p.muScale))
          let s = sample("s", p.sigma)
          switch lik {
          case .normal: sample("y", Normal(mu, s), obs: y)
          case .studentT(let df): sample("y", StudentT(df, mu, s), obs: y)
          }
      }
      let mcmc = MCMC(NUTS(model), numWarmup: 200, numSamples: 200, numChains: 1)
      mcmc.run(PRNGKey(0), y: [1.0, 2.0, 1.5, 1.2], p: Priors(), lik: .studentT(df: 4))
      let m = mcmc.getSamples()["mu"]!.mean()
      print(m > 0.5 && m < 2.5, mcmc.getSamples().keys.sorted())
      """)
    #expect(r.error == nil, "\(r.error?.rendered ?? "")")
    #expect(sink.stdout.hasSuffix("true [\"mu\", \"s\"]\n"), "\(sink.stdout)")
  }

  @Test("completion offers a user type's members after '.' (instances and the type itself)")
  func completionOfUserMembers() {
    let (session, _) = helperSession()
    session.run("""
      class Shape { var sides = 0; func describe() -> String { "\\(sides)" } }
      final class Square: Shape { var side = 1.0; var area: Double { side * side } }
      enum Suit: CaseIterable { case hearts, spades; static func random() -> Suit { .hearts }
        struct Style { var color = "red" } }
      let sq = Square()
      """)
    #expect(session.complete("sq.s", cursor: 4).matches == ["side", "sides"])
    #expect(session.complete("sq.", cursor: 3).matches == ["area", "describe", "side", "sides"])
    #expect(session.complete("Suit.", cursor: 5).matches == ["Style", "allCases", "hearts", "init", "random", "spades"])
  }

  @Test("a table as a stored property, read through a computed property")
  func tableField() throws {
    let path = try TableBindingTests.temporaryFile("t.csv", "x,y\n1,2\n3,4\n5,6\n")
    let (session, sink) = helperSession()
    session.run("""
      struct Dataset {
        let table: Table
        var n: Int { table.rowCount }
        func column(_ c: String) -> NDArray { table[c] }
      }
      let d = Dataset(table: readCSV("\(path)"))
      print(d.n, d.column("y").sum(), d.table.columns)
      """)
    #expect(sink.stdout == "3 12 [\"x\", \"y\"]\n")
  }

  @Test("re-running a type's cell replaces it; old values keep working and say when they meet the new declaration")
  func redeclaringATypeInASession() {
    let (session, sink) = helperSession()
    session.run("struct Point { var x: Double; var y: Double\n  func norm() -> Double { (x * x + y * y).squareRoot() } }\nlet p = Point(x: 3, y: 4)")
    // The cell is edited and re-run: a new stored property, a new method.
    session.run("struct Point { var x: Double; var y: Double; var label = \"\"\n  func norm() -> Double { abs(x) + abs(y) }\n  func tagged() -> String { label + \"!\" } }")
    session.run("let q = Point(x: 3, y: 4, label: \"q\")\nprint(p, p.norm(), q.norm(), q.tagged())")
    #expect(sink.stdout == "Point(x: 3.0, y: 4.0) 5.0 7.0 q!\n", "old values keep their old declaration's members")
    let e = session.execute("p.tagged()")
    #expect(e.error?.message.contains("value of type 'Point' has no member 'tagged'") == true)
    #expect(e.error?.message.contains("earlier declaration of 'Point'") == true, "\(e.error?.rendered ?? "")")
    // An enum redeclared with other cases: the new cases are used by new code.
    session.run("enum Mode { case a, b }\nvar m = Mode.a")
    session.run("enum Mode { case a, b, c }\nm = .c\nprint(m)")
    #expect(sink.stdout.hasSuffix("c\n"))
  }
}
