import Foundation
import Testing

@testable import Arrays

/// NDArray operations against NumPy on a randomized corpus of shapes and dtypes
/// (broadcasting, axes, empty and 0-d arrays), including NumPy's error messages.
@Suite("NDArray matches NumPy on a randomized corpus")
struct ArrayCorpusTests {
  struct Case: CustomTestStringConvertible, @unchecked Sendable {
    let number: Int
    let op: String
    let inputs: [NDArray]
    let params: [String: Any]
    let result: NDArray?
    let error: String?
    var testDescription: String { "#\(number) \(op) \(inputs.map { shapeDescription($0.shape) })" }
  }

  static func decode(_ any: Any) -> NDArray {
    let d = any as! [String: Any]
    let shape = Fixture.ints(d["shape"])
    switch d["dtype"] as! String {
    case "double": return try! NDArray(Fixture.doubles(fromBits: d["data"]), shape: shape)
    case "int": return try! NDArray(Fixture.ints(d["data"]), shape: shape)
    default: return try! NDArray((d["data"] as! [Any]).map { ($0 as! NSNumber).boolValue }, shape: shape)
    }
  }

  static let cases: [Case] = {
    guard let raw = try? Fixture.load("array_corpus") as? [[String: Any]] else { return [] }
    return raw.enumerated().map { n, c in
      Case(
        number: n, op: c["op"] as! String, inputs: (c["inputs"] as! [Any]).map(decode),
        params: c["params"] as! [String: Any], result: c["result"].map(decode),
        error: c["error"] as? String)
    }
  }()

  /// Functions computed by NumPy's own SIMD kernels, which may differ from the C
  /// library by an ulp or two; compared with a relative tolerance of 1e-15.
  static let approximate: Set<String> = ["exp", "log", "log1p", "expm1", "tanh", "sigmoid", "logit", "sin", "matmul", "power"]

  static func index(_ spec: Any) -> ArrayIndex {
    let d = spec as! [String: Any]
    func int(_ key: String) -> Int { (d[key] as! NSNumber).intValue }
    switch d["kind"] as! String {
    case "at": return .at(int("value"))
    case "slice": return .slice(start: int("start"), stop: int("stop"), step: int("step"))
    case "all": return .all
    case "gather": return .gather(decode(d["array"]!))
    default: return .mask(decode(d["array"]!))
    }
  }

  static func run(_ c: Case) throws -> NDArray {
    let axis = (c.params["axis"] as? NSNumber)?.intValue
    let ddof = (c.params["ddof"] as? NSNumber)?.intValue ?? 0
    let a = c.inputs.first ?? 0
    if let op = BinaryOperation(rawValue: c.op) { return try a.applying(op, c.inputs[1]) }
    if let f = UnaryFunction(rawValue: c.op) { return a.applying(f) }
    switch c.op {
    case "sum": return try a.sum(axis: axis)
    case "mean": return try a.mean(axis: axis)
    case "variance": return try a.variance(axis: axis, ddof: ddof)
    case "standardDeviation": return try a.standardDeviation(axis: axis, ddof: ddof)
    case "min": return try a.min(axis: axis)
    case "max": return try a.max(axis: axis)
    case "argmin": return try a.argmin(axis: axis)
    case "argmax": return try a.argmax(axis: axis)
    case "product": return try a.product(axis: axis)
    case "cumulativeSum": return try a.cumulativeSum(axis: axis)
    case "sorted": return try a.sorted(axis: axis)
    case "argsort": return try a.argsort(axis: axis)
    case "any": return try a.any(axis: axis)
    case "all": return try a.all(axis: axis)
    case "quantile": return try a.quantile(c.inputs[1], axis: axis)
    case "reshaped": return try a.reshaped(Fixture.ints(c.params["shape"]))
    case "transposed": return try a.transposed()
    case "concatenate": return try NDArray.concatenate(c.inputs, axis: axis ?? 0)
    case "stack": return try NDArray.stack(c.inputs, axis: axis ?? 0)
    case "matmul": return try a.matmul(c.inputs[1])
    case "get": return try a.get((c.params["index"] as! [Any]).map(index))
    case "set":
      var b = a
      try b.set((c.params["index"] as! [Any]).map(index), to: 7.0)
      return b
    case "linspace":
      let p = c.params.mapValues { ($0 as! NSNumber).doubleValue }
      return try NDArray.linspace(p["start"]!, p["stop"]!, Int(p["num"]!))
    case "arange":
      let p = c.params.mapValues { ($0 as! NSNumber).doubleValue }
      return try NDArray.arange(p["start"]!, p["stop"]!, step: p["step"]!)
    default:
      throw ArrayError.invalidArgument("unknown corpus op \(c.op)")
    }
  }

  static func same(_ x: Double, _ y: Double, tolerance: Double) -> Bool {
    if x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) { return true }
    return tolerance > 0 && Swift.abs(x - y) <= tolerance * Swift.max(Swift.abs(x), Swift.abs(y))
  }

  @Test func corpusIsLargeAndCoversErrors() {
    #expect(Self.cases.count > 500)
    #expect(Self.cases.filter { $0.error != nil }.count >= 10)
    #expect(Self.cases.contains { $0.inputs.contains { $0.ndim == 0 } })
    #expect(Self.cases.contains { $0.inputs.contains { $0.size == 0 } })
  }

  @Test(arguments: cases)
  func matchesNumPy(_ c: Case) throws {
    if let expected = c.error {
      #expect(throws: (any Error).self) { try Self.run(c) }
      do { _ = try Self.run(c) } catch let error as ArrayError {
        #expect(error.description == expected)
      }
      return
    }
    let expected = try #require(c.result)
    let got = try Self.run(c)
    #expect(got.shape == expected.shape)
    #expect(got.dtype == expected.dtype)
    let tolerance = Self.approximate.contains(c.op) ? 1e-15 : 0
    if got.dtype == .double && expected.dtype == .double {
      let pairs = zip(got.doubles, expected.doubles)
      #expect(got.size == expected.size && pairs.allSatisfy { Self.same($0, $1, tolerance: tolerance) },
              "got \(got) expected \(expected)")
    } else {
      #expect(got == expected, "got \(got) expected \(expected)")
    }
  }
}
