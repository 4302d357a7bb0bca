import Arrays
import CellLanguage
import Foundation
import SwiftBayes
import Testing

/// Reference values computed once with SciPy 1.17.1 / NumPy 2.4.6
/// (`scipy.special.digamma`, `ndtri`, `ndtr`, `log_ndtr`, `np.logaddexp(0, x)`,
/// `log_expit`, `expit`, `logit`, `gammainc`, `gammaincc`, `betainc`,
/// `scipy.stats.t.cdf`, `logsumexp`, `gammaln`, `erf`, `erfc`) and pasted here.
@Suite("Special-function bindings")
struct SpecialBindingTests {
  static let cases: [(String, [Double], [Double])] = [
    ("digamma", [0.5, 3.7, 1e-8, 120.0, -2.5],
     [-1.9635100260214235, 1.1671535393615113, -100000000.57721564, 4.783319289118529, 1.1031566406452433]),
    ("ndtri", [0.025, 0.5, 0.975, 1e-20, 1 - 1e-12],
     [-1.9599639845400545, 0.0, 1.959963984540054, -9.262340089798409, 7.0344869100478356]),
    ("normalQuantile", [0.025, 0.975], [-1.9599639845400545, 1.959963984540054]),
    ("normalCDF", [-1.0, 0.3, 8.5], [0.15865525393145707, 0.6179114221889526, 1.0]),
    ("logNormalCDF", [-1.0, 0.3, -38.0, 8.5],
     [-1.8410216450092634, -0.4814101615884813, -726.5572160188201, -9.47953482220325e-18]),
    ("softplus", [-50.0, -1.0, 0.0, 2.0, 40.0],
     [1.9287498479639178e-22, 0.31326168751822286, 0.6931471805599453, 2.1269280110429727, 40.0]),
    ("logSigmoid", [-50.0, -1.0, 0.0, 2.0, 40.0],
     [-50.0, -1.3132616875182228, -0.6931471805599453, -0.1269280110429725, -4.248354255291589e-18]),
    ("sigmoid", [-50.0, -1.0, 0.0, 2.0, 40.0],
     [1.928749847963918e-22, 0.2689414213699951, 0.5, 0.8807970779778823, 1.0]),
    ("logit", [1e-10, 0.25, 0.5, 0.9], [-23.025850929840455, -1.0986122886681098, 0.0, 2.1972245773362196]),
    ("lgamma", [0.5, 10.0], [0.5723649429247, 12.801827480081469]),
    ("erf", [0.3], [0.3286267594591274]),
    ("erfc", [3.0], [2.2090496998585445e-05]),
  ]

  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-13) -> Bool {
    a == b || abs(a - b) <= tolerance * max(abs(a), abs(b))
  }

  static func doubles(_ text: String?) -> [Double] {
    guard let text else { return [] }
    return text.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").compactMap {
      Double($0.trimmingCharacters(in: .whitespaces))
    }
  }

  @Test func unaryFunctionsOnScalarsAndArrays() {
    let (session, _) = helperSession()
    for (name, xs, expected) in SpecialBindingTests.cases {
      // Scalars give Doubles.
      for (x, e) in zip(xs, expected) {
        let shown = session.run("\(name)(\(x))")
        let got = Double(shown ?? "") ?? .nan
        #expect(SpecialBindingTests.close(got, e), "\(name)(\(x)) = \(shown ?? "nil"), SciPy \(e)")
        #expect(session.run("type(of: \(name)(\(x)))") == "\"Double\"")
      }
      // Arrays (NDArray and Swift [Double]) give NDArrays, elementwise.
      let list = "[" + xs.map { "\($0)" }.joined(separator: ", ") + "]"
      session.run("let v = \(name)(array(\(list)))\nlet w = \(name)(\(list))")
      let v = session.array("v")?.doubles ?? [], w = session.array("w")?.doubles ?? []
      #expect(v.count == xs.count && w == v, "\(name) on arrays: \(v) \(w)")
      for (got, e) in zip(v, expected) {
        #expect(SpecialBindingTests.close(got, e), "\(name) elementwise: \(got), SciPy \(e)")
      }
      #expect(session.run("type(of: v)") == "\"NDArray\"")
    }
  }

  @Test func functionsOfSeveralArguments() {
    let (session, _) = helperSession()
    let cases: [(String, [[Double]], [Double])] = [
      ("regularizedGammaP", [[0.5, 3.0, 10.0, 100.0], [0.2, 2.5, 30.0, 90.0]],
       [0.47291074313446196, 0.45618688411667035, 0.9999928782491372, 0.15822098918643007]),
      ("regularizedGammaQ", [[0.5, 3.0, 10.0, 100.0], [0.2, 2.5, 30.0, 90.0]],
       [0.5270892568655381, 0.5438131158833297, 7.121750862815593e-06, 0.84177901081357]),
      ("regularizedBeta", [[0.5, 2.0, 20.0], [0.5, 3.0, 5.0], [0.3, 0.4, 0.9]],
       [0.36901011956554536, 0.5247999999999999, 0.9149251141213293]),
      ("studentTCDF", [[-2.0, 0.5, -30.0, 1.96], [3.0, 10.0, 2.5, 1000.0]],
       [0.06966298427942152, 0.6860531971285135, 0.00014553235457869768, 0.9748634075221256]),
    ]
    for (name, columns, expected) in cases {
      for i in expected.indices {
        let call = "\(name)(" + columns.map { "\($0[i])" }.joined(separator: ", ") + ")"
        let got = Double(session.run(call) ?? "") ?? .nan
        #expect(SpecialBindingTests.close(got, expected[i]), "\(call) = \(got), SciPy \(expected[i])")
      }
      let call = "\(name)(" + columns.map { "array([" + $0.map { "\($0)" }.joined(separator: ", ") + "])" }.joined(separator: ", ") + ")"
      let got = SpecialBindingTests.doubles(session.run(call))
      #expect(got.count == expected.count, "\(call) → \(got)")
      for (g, e) in zip(got, expected) { #expect(SpecialBindingTests.close(g, e), "\(name) elementwise: \(g), SciPy \(e)") }
    }
    // Broadcasting: a scalar against an array, and (3, 1) against (2,).
    #expect(session.run("studentTCDF(array([-2.0, 0.5]), df: 3.0).shape") == "[2]")
    #expect(session.run("regularizedGammaP(array([[1.0], [2.0], [3.0]]), array([0.5, 1.5])).shape") == "[3, 2]")
    let got = SpecialBindingTests.doubles(session.run("regularizedGammaP(3.0, [2.5, 2.5])"))
    #expect(got.count == 2 && got.allSatisfy { SpecialBindingTests.close($0, 0.45618688411667035) })
    let mismatch = session.execute("regularizedBeta(array([1.0, 2.0]), array([1.0, 2.0, 3.0]), 0.5)")
    #expect(mismatch.error?.message.contains("could not be broadcast") == true, "\(mismatch.error?.message ?? "")")
  }

  @Test func logsumexpWithAxis() {
    let (session, _) = helperSession()
    session.run("let a = array([[1.0, 2.0, 3.0], [-1000.0, -1000.5, -999.0]])")
    #expect(SpecialBindingTests.close(Double(session.run("logsumexp(a)") ?? "") ?? .nan, 3.40760596444438))
    let rows = SpecialBindingTests.doubles(session.run("logsumexp(a, axis: 1)"))
    #expect(rows.count == 2 && SpecialBindingTests.close(rows[0], 3.40760596444438)
            && SpecialBindingTests.close(rows[1], -998.5356312158921), "\(rows)")
    #expect(SpecialBindingTests.doubles(session.run("logsumexp(a, axis: 0)")) == [1.0, 2.0, 3.0])
    #expect(SpecialBindingTests.doubles(session.run("logsumexp(a, axis: -1)")) == rows)
    #expect(SpecialBindingTests.close(Double(session.run("logsumexp([0.5, 1.5, -2.0])") ?? "") ?? .nan, 1.8350975955161672))
    #expect(session.run("logsumexp([Double]())") == "-inf")
    #expect(session.execute("logsumexp(a, axis: 2)").error?.name == "IndexError")
  }

  @Test func foundationMathOnArrays() throws {
    let (session, _) = helperSession()
    session.run("let x = array([0.25, 1.0, 2.5, 4.0])\nlet xs: [Double] = [0.25, 1.0, 2.5, 4.0]")
    let x: NDArray = NDArray([0.25, 1.0, 2.5, 4.0])
    let functions: [(String, UnaryFunction)] = [
      ("exp", .exp), ("log", .log), ("log1p", .log1p), ("expm1", .expm1), ("sqrt", .sqrt), ("abs", .abs),
      ("floor", .floor), ("ceil", .ceil), ("round", .round), ("sin", .sin), ("cos", .cos), ("tan", .tan),
      ("tanh", .tanh), ("lgamma", .lgamma), ("erf", .erf), ("erfc", .erfc),
    ]
    for (name, f) in functions {
      session.run("let r = \(name)(x)")
      #expect(session.array("r") == x.applying(f), "\(name) on an NDArray")
      #expect(session.run("type(of: \(name)(x))") == "\"NDArray\"")
      if name != "abs" {  // abs([Double]) is not Swift; the language's abs takes NDArrays only
        session.run("let s = \(name)(xs)")
        #expect(session.array("s") == x.applying(f), "\(name) on a [Double]")
      }
      // Scalars keep Foundation's meaning.
      #expect(session.execute("\(name)(2.5)").result?["text/plain"].flatMap(Double.init) != nil)
    }
    #expect(session.run("round(array([0.5, 1.5, 2.5]))") == "[0.0, 2.0, 2.0]", "arrays round half to even, as NumPy")
    session.run("let p1 = pow(x, 2.0)\nlet p2 = pow(2.0, x)\nlet p3 = pow(x, x)\nlet p4 = pow(array([1, 2, 3]), 2)")
    #expect(session.array("p1") == (try x.applying(.power, NDArray(scalar: 2.0))))
    #expect(session.array("p2") == (try NDArray(scalar: 2.0).applying(.power, x)))
    #expect(session.array("p3") == (try x.applying(.power, x)))
    #expect(session.array("p4")?.doubles == [1.0, 4.0, 9.0])
    #expect(session.execute("exp(\"a\")").error?.name == "TypeError")
  }
}
