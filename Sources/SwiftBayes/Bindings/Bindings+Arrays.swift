import Arrays
import CellLanguage

extension Session {
  /// Binds n-d arrays into the language: creation functions, the operator hook that
  /// makes arithmetic on numeric Swift arrays elementwise, and `NDArray` conversions.
  func registerArrayBindings() {
    let b = interpreter.builtins
    interpreter.operatorHook = numericArrayOperator
    TypeRegistry.shared.registerConversion(toTypeNamed: "NDArray") { v in asArray(v).map { .host(ArrayHost($0)) } }

    let ndarray = TypeObject(name: "NDArray", doc: "An n-dimensional array of Double, Int or Bool with NumPy semantics.") { args, _ in
      let v = try args.bind("NDArray", [nil])[0]!
      return .host(ArrayHost(try requireArray(v, "NDArray(_:)")))
    }
    b.type(ndarray, signature: "NDArray(_ values: [Double] | [Int] | [Bool] | [[Double]] …)")
    b.function("array", "array(_ values) -> NDArray", "An n-d array from numbers or (nested) Swift arrays, like numpy.array.") { args, _ in
      .host(ArrayHost(try requireArray(try args.bind("array", [nil])[0]!, "array(_:)")))
    }
    b.function("linspace", "linspace(_ start: Double, _ stop: Double, _ count: Int = 50, endpoint: Bool = true) -> NDArray",
      "`count` evenly spaced numbers from `start` to `stop` (inclusive unless `endpoint: false`), like numpy.linspace.") { args, _ in
      let p = try args.bind("linspace", [nil, nil, nil, "endpoint"], optional: ["_2", "endpoint"])
      let n = try p[2].map { try Arg.int($0, "count") } ?? 50
      let endpoint = try p[3].map { try Arg.bool($0, "endpoint") } ?? true
      return .host(ArrayHost(try arrays {
        try NDArray.linspace(try Arg.double(p[0]!, "start"), try Arg.double(p[1]!, "stop"), n, endpoint: endpoint)
      }))
    }
    b.function("arange", "arange(_ stop) / arange(_ start, _ stop, step: = 1) -> NDArray",
      "Evenly spaced values in [start, stop), like numpy.arange (Int when all arguments are Int).") { args, _ in
      let positional = zip(args.values, args.labels).filter { $0.1 == nil }.map(\.0)
      let step = args.labeled("step") ?? .int(1)
      guard positional.count == 1 || positional.count == 2 else {
        throw HostError("arange(stop) or arange(start, stop, step:)", kind: "TypeError")
      }
      let start = positional.count == 2 ? positional[0] : .int(0)
      let stop = positional.last!
      if case .int(let a) = start, case .int(let z) = stop, case .int(let s) = step {
        return .host(ArrayHost(try arrays { try NDArray.arange(a, z, step: s) }))
      }
      return .host(ArrayHost(try arrays {
        try NDArray.arange(try Arg.double(start, "start"), try Arg.double(stop, "stop"), step: try Arg.double(step, "step"))
      }))
    }
    func shape(_ v: Value) throws -> [Int] {
      if case .int(let n) = v { return [n] }
      guard let a = asArray(v), a.ndim == 1, a.dtype == .int else {
        throw HostError("a shape must be an Int or an array of Ints, not \(v.typeName)", kind: "TypeError")
      }
      return a.ints
    }
    b.function("zeros", "zeros(_ shape: Int | [Int]) -> NDArray", "An array of zeros (Double).") { args, _ in
      .host(ArrayHost(try arrays { try NDArray.zeros(try shape(try args.bind("zeros", [nil])[0]!)) }))
    }
    b.function("ones", "ones(_ shape: Int | [Int]) -> NDArray", "An array of ones (Double).") { args, _ in
      .host(ArrayHost(try arrays { try NDArray.ones(try shape(try args.bind("ones", [nil])[0]!)) }))
    }
    b.function("full", "full(_ shape: Int | [Int], _ value: Double | Int) -> NDArray", "An array filled with `value`.") { args, _ in
      let p = try args.bind("full", [nil, nil])
      let s = try shape(p[0]!)
      if case .int(let i) = p[1]! { return .host(ArrayHost(try arrays { try NDArray.full(s, i) })) }
      return .host(ArrayHost(try arrays { try NDArray.full(s, try Arg.double(p[1]!, "value")) }))
    }
    b.function("eye", "eye(_ n: Int, _ m: Int? = nil, k: Int = 0) -> NDArray", "The identity matrix (ones on diagonal `k`).") { args, _ in
      let p = try args.bind("eye", [nil, nil, "k"], optional: ["_1", "k"])
      return .host(ArrayHost(try arrays {
        try NDArray.eye(try Arg.int(p[0]!, "n"), try p[1].map { try Arg.int($0, "m") }, k: try p[2].map { try Arg.int($0, "k") } ?? 0)
      }))
    }
    func arrayList(_ v: Value, _ what: String) throws -> [NDArray] {
      try sequenceElements(v).map { try requireArray($0, what) }
    }
    b.function("concatenate", "concatenate(_ arrays: [NDArray], axis: Int = 0) -> NDArray", "Joins arrays along an existing axis.") { args, _ in
      let p = try args.bind("concatenate", [nil, "axis"], optional: ["axis"])
      let axis = try p[1].map { try Arg.int($0, "axis") } ?? 0
      return arrayValue(try arrays { try NDArray.concatenate(try arrayList(p[0]!, "each array"), axis: axis) })
    }
    b.function("stack", "stack(_ arrays: [NDArray], axis: Int = 0) -> NDArray", "Joins arrays of the same shape along a new axis.") { args, _ in
      let p = try args.bind("stack", [nil, "axis"], optional: ["axis"])
      let axis = try p[1].map { try Arg.int($0, "axis") } ?? 0
      return arrayValue(try arrays { try NDArray.stack(try arrayList(p[0]!, "each array"), axis: axis) })
    }
    b.function("matmul", "matmul(_ a: NDArray, _ b: NDArray) -> NDArray", "The matrix product (1-d and 2-d operands).") { args, _ in
      let p = try args.bind("matmul", [nil, nil])
      return arrayValue(try arrays { try requireArray(p[0]!, "a").matmul(try requireArray(p[1]!, "b")) })
    }
    b.function("where", "where(_ condition: [Bool], _ a, _ b) -> NDArray", "Elements of `a` where `condition` holds, else of `b` (broadcast).") { args, _ in
      let p = try args.bind("where", [nil, nil, nil])
      return arrayValue(try arrays {
        try NDArray.where(try requireArray(p[0]!, "condition"), try requireArray(p[1]!, "a"), try requireArray(p[2]!, "b"))
      })
    }
    b.function("quantile", "quantile(_ x, _ q: Double | [Double], axis: Int? = nil) -> Double | NDArray",
      "Quantiles with NumPy's default (linear) method.") { args, _ in
      let p = try args.bind("quantile", [nil, nil, "axis"], optional: ["axis"])
      let axis = try p[2].map { try Arg.int($0, "axis") }
      return arrayValue(try arrays { try requireArray(p[0]!, "x").quantile(try requireArray(p[1]!, "q"), axis: axis) })
    }
    for (name, doc) in [("sum", "The sum"), ("mean", "The mean")] {
      b.function(name, "\(name)(_ x, axis: Int? = nil)", "\(doc) of an array's elements (along `axis`).") { args, _ in
        let p = try args.bind(name, [nil, "axis"], optional: ["axis"])
        let x = try requireArray(p[0]!, "x")
        let axis = try p[1].map { try Arg.int($0, "axis") }
        return arrayValue(try arrays { name == "sum" ? try x.sum(axis: axis) : try x.mean(axis: axis) })
      }
    }
  }
}
