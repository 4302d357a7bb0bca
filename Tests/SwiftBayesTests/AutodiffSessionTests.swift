import Arrays
import CellLanguage
import Foundation
import SwiftBayes
import Testing

/// Gradients of cell-language functions (`grad`, `valueAndGrad`) against central finite
/// differences computed through the same session.
@Suite("Autodiff through the session")
struct AutodiffSessionTests {
  /// Runs `valueAndGrad(f)` at `point` and compares with finite differences of `f`.
  func check(_ session: Session, _ f: String, _ point: [Double], tolerance: Double = 1e-6,
             sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let literal = "[" + point.map { "\($0)" }.joined(separator: ", ") + "]"
    session.run("let vg_ = valueAndGrad(\(f))(\(literal))", sourceLocation: sourceLocation)
    session.run("let v_ = vg_.0\nlet g_ = vg_.1", sourceLocation: sourceLocation)
    let value = try #require(session.interpreter.global("v_").flatMap(asArray)?.scalarDouble, sourceLocation: sourceLocation)
    let gradient = try #require(session.array("g_")?.doubles, sourceLocation: sourceLocation)
    #expect(gradient.count == point.count, sourceLocation: sourceLocation)
    let direct = try #require(session.run("\(f)(\(literal))", sourceLocation: sourceLocation).flatMap(Double.init), sourceLocation: sourceLocation)
    #expect(abs(direct - value) <= 1e-9 * max(1, abs(value)), "tape \(value) vs interpreter \(direct)", sourceLocation: sourceLocation)
    for i in point.indices {
      let h = 1e-5 * max(1, abs(point[i]))
      var up = point, down = point
      up[i] += h
      down[i] -= h
      let fu = try #require(session.run("\(f)([" + up.map { "\($0)" }.joined(separator: ", ") + "])").flatMap(Double.init))
      let fd = try #require(session.run("\(f)([" + down.map { "\($0)" }.joined(separator: ", ") + "])").flatMap(Double.init))
      let numeric = (fu - fd) / (2 * h)
      #expect(abs(numeric - gradient[i]) <= tolerance * max(1, abs(numeric)), "∂/∂x[\(i)]: tape \(gradient[i]) vs finite difference \(numeric)", sourceLocation: sourceLocation)
    }
  }

  @Test func logisticRegressionLogLikelihood() throws {
    let (session, _) = helperSession()
    session.run("""
      var rng = RandomState(seed: 1)
      let xs = rng.normal(0, 1, size: 40)
      let ys = rng.uniform(0, 1, size: 40) < sigmoid(0.5 + 2 * xs)
      """)
    // Bool masks become 0/1 in arithmetic through `where`.
    session.run("""
      let yf = where(ys, 1.0, 0.0)
      func loglik(_ theta: [Double]) -> Double {
          let eta = theta[0] + theta[1] * xs
          return sum(yf * logSigmoid(eta) + (1 - yf) * logSigmoid(-eta))
      }
      """)
    try check(session, "loglik", [0.3, 1.2])
  }

  @Test func dataSizedLoopUnrolls() throws {
    let (session, _) = helperSession()
    session.run("""
      let data = [0.5, -1.0, 2.0, 0.25, 1.5]
      func f(_ x: [Double]) -> Double {
          var total = 0.0
          for i in 0..<data.count {
              total += exp(x[i % 3] * data[i]) / Double(i + 1)
          }
          return total + x[0] * x[1] * x[2]
      }
      """)
    try check(session, "f", [0.2, -0.4, 0.7])
  }

  @Test func whereSelectsElementwise() throws {
    let (session, _) = helperSession()
    session.run("""
      func huber(_ r: [Double]) -> Double {
          let a = abs(r)
          return where(a <= 1.0, 0.5 * r * r, a - 0.5).sum()
      }
      func h2(_ r: [Double]) -> Double { `where`(r > 0.0, log1p(r * r), 0.0 - r).sum() }
      """)
    try check(session, "huber", [0.3, -2.0, 1.5, -0.2])
    try check(session, "h2", [0.3, -2.0, 1.5])
  }

  @Test func matrixAndReductions() throws {
    let (session, _) = helperSession()
    session.run("""
      let A = array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]])
      func q(_ x: [Double]) -> Double {
          let y = matmul(A, x)
          return logsumexp(y) + mean(x * x) + array(x).cumsum().max() + pow(x[0] * x[0] + 1, 1.5)
      }
      """)
    try check(session, "q", [0.1, 0.7, -0.4])
  }

  @Test func gradReturnsTheArgumentsForm() throws {
    let (session, _) = helperSession()
    #expect(session.run("grad({ (x: [Double]) -> Double in (x * x).sum() })([1.0, 2.0])") == "[2.0, 4.0]")
    #expect(session.run("grad({ (x: Double) -> Double in x * x * x })(2.0)") == "12.0")
    session.run("let g = grad({ (x: NDArray) -> Double in exp(x).sum() })")
    #expect(session.run("type(of: g(zeros(3)))") == "\"NDArray\"")
  }

  @Test func controlFlowOnATracedValueIsALocatedError() throws {
    let (session, _) = helperSession()
    session.run("let kept = 41")
    session.run("""
      func bad(_ x: [Double]) -> Double {
          let s = x.sum()
          if s > 0 {
              return s
          }
          return -s
      }
      """)
    let r = session.execute("grad(bad)([1.0, 2.0])")
    let rendered = try #require(r.error?.rendered)
    #expect(rendered.contains("where(condition, a, b)"), "\(rendered)")
    #expect(rendered.contains("line 3") || rendered.contains(":3:"), "\(rendered)")
    #expect(session.run("kept + 1") == "42")
  }

  @Test func convertingOrPrintingATracedValueSaysItIsTraced() throws {
    let (session, sink) = helperSession()
    let r = session.execute("grad({ (x: [Double]) -> Double in Double(x[0]) })([1.0])")
    #expect(r.error?.rendered.contains("traced value") == true, "\(r.error?.rendered ?? "")")
    _ = sink
    let p = session.execute("grad({ (x: [Double]) -> Double in print(x); return x.sum() })([1.0, 2.0])")
    #expect(p.error == nil)
    #expect(sink.stdout.contains("Traced<Double[2]>"), "\(sink.stdout)")
  }

  @Test func badInputGetsClearErrors() throws {
    let (session, _) = helperSession()
    let nonScalar = session.execute("grad({ (x: [Double]) -> [Double] in x * 2.0 })([1.0, 2.0])")
    #expect(nonScalar.error?.rendered.contains("must return a scalar") == true, "\(nonScalar.error?.rendered ?? "")")
    let shape = session.execute("grad({ (x: [Double]) -> Double in matmul(array([[1.0, 2.0]]), x).sum() })([1.0, 2.0, 3.0])")
    #expect(shape.error?.rendered.contains("not aligned") == true, "\(shape.error?.rendered ?? "")")
    let notArray = session.execute("grad({ (x: [Double]) -> Double in x.sum() })(\"a\")")
    #expect(notArray.error?.rendered.contains("needs a Double") == true, "\(notArray.error?.rendered ?? "")")
  }

  @Test func tapeIsReusedWhileTheShapeIsUnchanged() throws {
    let (session, sink) = helperSession()
    session.run("""
      var traces = 0
      func f(_ x: [Double]) -> Double { traces += 1; return (x * x).sum() }
      let g = grad(f)
      let a = g([1.0, 2.0])
      let b = g([3.0, 4.0])
      let c = g([1.0, 2.0, 3.0])
      print(traces, b)
      """)
    #expect(sink.stdout.contains("2 [6.0, 8.0]"), "\(sink.stdout)")
  }
}
