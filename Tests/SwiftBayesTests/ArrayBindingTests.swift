import CellLanguage
import Foundation
import SwiftBayes
import Testing

/// n-d arrays through the cell language.
@Suite("Array bindings")
struct ArrayBindingTests {
  let sink = RecordingSink()
  let session: Session
  init() { session = Session(output: sink) }

  func result(_ code: String) -> String? {
    let r = session.execute(code)
    if let e = r.error { Issue.record("\(code): \(e.rendered)") }
    return r.result?["text/plain"]
  }

  @Test func arithmeticOnNumericSwiftArraysIsElementwise() {
    #expect(result("[1.0, 2.0, 3.0] + [10.0, 20.0, 30.0]") == "[11.0, 22.0, 33.0]")
    #expect(result("let xs: [Double] = [1, 2, 3]\n2 * xs + 1") == "[3.0, 5.0, 7.0]")
    #expect(result("[1, 2, 3] * [2, 2, 2]") == "[2, 4, 6]")
    #expect(result("[1, 2] == [1, 2]") == "true", "== between Swift arrays keeps Swift's meaning")
    #expect(result("[\"a\"] + [\"b\"]") == "[\"a\", \"b\"]", "non-numeric arrays still concatenate")
  }

  @Test func broadcastingAndShapeErrorsNameTheShapes() {
    #expect(result("array([[1, 2], [3, 4]]) + [10, 20]") == "[[11, 22],\n [13, 24]]")
    let r = session.execute("let a = [1.0, 2.0, 3.0]\nlet b = a + [1.0, 2.0]")
    let e = try! #require(r.error)
    #expect(e.message.contains("(3,)") && e.message.contains("(2,)"))
    #expect(e.rendered.contains("2:9"))
  }

  @Test func creationReductionsAndShape() {
    #expect(result("linspace(0, 1, 5)") == "[0.0, 0.25, 0.5, 0.75, 1.0]")
    #expect(result("arange(5)") == "[0, 1, 2, 3, 4]")
    #expect(result("let m = array([[1, 2], [3, 4]])\nm.sum(axis: 0)") == "[4, 6]")
    #expect(result("m.shape") == "[2, 2]")
    #expect(result("m.T") == "[[1, 3],\n [2, 4]]")
    #expect(result("print(m.T)") == nil)
    #expect(sink.stdout == "[[1, 3], [2, 4]]\n")
    #expect(result("m.mean()") == "2.5")
    #expect(result("linspace(0, 1, 3).std(ddof: 1)") == "0.5")
    #expect(result("quantile(arange(11), 0.25)") == "2.5")
    #expect(result("zeros([2, 3]).shape") == "[2, 3]")
  }

  @Test func indexingMasksAndAssignment() {
    _ = session.execute("var a = linspace(0, 1, 5)")
    #expect(result("a[1]") == "0.25")
    #expect(result("a[1..<3]") == "[0.25, 0.5]")
    #expect(result("a[a > 0.6]") == "[0.75, 1.0]")
    #expect(result("a[[0, 4]]") == "[0.0, 1.0]")
    #expect(result("a[2] = 9\na") == "[0.0, 0.25, 9.0, 0.75, 1.0]")
    #expect(result("let m = array([[1, 2], [3, 4]])\nm[1, 0]") == "3")
    let r = session.execute("a[7]")
    #expect(r.error?.message.contains("out of bounds") == true)
  }

  @Test func swiftHabitsKeepWorking() {
    let r = session.execute("""
      var X: [Double] = []
      X.append(contentsOf: linspace(0, 10, 3))
      var total = 0.0
      for x in X { total += x }
      for (i, v) in arange(3).enumerated() { print(i, v) }
      print(X, X.count, total)
      let ys: [Double] = linspace(0, 1, 2)
      ys
      """)
    #expect(r.error == nil, "\(r.error?.rendered ?? "")")
    #expect(sink.stdout == "0 0\n1 1\n2 2\n[0.0, 5.0, 10.0] 3 15.0\n")
    #expect(r.result?["text/plain"] == "[0.0, 1.0]")
  }

  @Test func displayElidesLargeArraysAndShowsMatricesAsHTML() {
    let big = session.execute("arange(2000)").result!
    #expect(big["text/plain"]!.contains("..."))
    #expect(big["text/plain"]!.count < 200)
    let m = session.execute("array([[1.5, 2.0], [3.0, 4.0]])").result!
    #expect(m["text/html"]?.contains("<table") == true)
    // print shows Swift's description, in full.
    _ = session.execute("print(arange(3))")
    #expect(sink.stdout == "[0, 1, 2]\n")
  }
}
