import Arrays
import CellLanguage

/// Whether a value is a plain number (the scalar path of a special function).
private func isScalarNumber(_ v: Value) -> Bool {
  switch v {
  case .int, .double: return true
  default: return false
  }
}

/// `logsumexp` of an array along `axis` (all elements when nil), with the library's
/// stable `Special.logSumExp` on each lane.
private func logSumExp(_ a: NDArray, axis: Int?) throws -> NDArray {
  let x = a.converted(to: .double)
  guard let axis else { return NDArray(scalar: Special.logSumExp(x.doubles)) }
  let nd = x.ndim
  guard axis >= -nd, axis < nd else {
    throw HostError("axis \(axis) is out of bounds for an array of dimension \(nd)", kind: "IndexError")
  }
  let ax = axis < 0 ? axis + nd : axis
  var perm = Array(0..<nd)
  perm.remove(at: ax)
  perm.append(ax)
  let moved = try arrays { try x.transposed(perm) }
  let lane = x.shape[ax]
  var outShape = x.shape
  outShape.remove(at: ax)
  let laneCount = outShape.reduce(1, *)
  let values = moved.doubles
  var out = [Double](repeating: -.infinity, count: laneCount)
  if lane > 0 {
    for i in 0..<laneCount { out[i] = Special.logSumExp(values[(i * lane)..<((i + 1) * lane)]) }
  }
  return try arrays { try NDArray(out, shape: outShape) }
}

extension Session {
  func registerSpecialBindings() {
    let b = interpreter.builtins

    // One-argument special functions: a number gives a Double, an array an array.
    let unary: [([String], UnaryFunction, (Double) -> Double, String)] = [
      (["digamma"], .digamma, Special.digamma, "The digamma function ψ(x) = d/dx log Γ(x)."),
      (["ndtri", "normalQuantile"], .normalQuantile, Special.normalQuantile,
       "The inverse of the standard normal CDF (`scipy.special.ndtri`)."),
      (["normalCDF"], .normalCDF, Special.normalCDF, "The standard normal CDF Φ(x) (`scipy.special.ndtr`)."),
      (["logNormalCDF"], .logNormalCDF, Special.logNormalCDF, "log Φ(x), accurate in the lower tail (`scipy.special.log_ndtr`)."),
      (["softplus"], .softplus, Special.softplus, "log(1 + eˣ) without overflow."),
      (["logSigmoid"], .logSigmoid, Special.logSigmoid, "log σ(x) = −softplus(−x) (`scipy.special.log_expit`)."),
      (["sigmoid", "expit"], .sigmoid, Special.sigmoid, "The logistic function 1/(1 + e⁻ˣ) (`scipy.special.expit`)."),
      (["logit"], .logit, Special.logit, "log(p / (1 − p)), the inverse of sigmoid."),
    ]
    for (names, function, scalar, doc) in unary {
      for name in names {
        b.function(name, "\(name)(_ x: Double) -> Double / \(name)(_ x: NDArray) -> NDArray", doc) { args, _ in
          let p = try NamedArguments(name, args, positional: ["x"], required: ["x"])
          let x = p["x"]!
          if isScalarNumber(x) { return .double(scalar(try Arg.double(x, "x"))) }
          return arrayValue(try requireArray(x, "\(name)'s argument").applying(function))
        }
      }
    }

    // Functions of several arguments, elementwise with broadcasting.
    let multi: [(String, [String], String, ([Double]) -> Double)] = [
      ("regularizedGammaP", ["a", "x"], "The regularized lower incomplete gamma function P(a, x) (`scipy.special.gammainc`).",
       { Special.regularizedGammaP($0[0], $0[1]) }),
      ("regularizedGammaQ", ["a", "x"], "The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x) (`scipy.special.gammaincc`).",
       { Special.regularizedGammaQ($0[0], $0[1]) }),
      ("regularizedBeta", ["a", "b", "x"], "The regularized incomplete beta function I_x(a, b) (`scipy.special.betainc`).",
       { Special.regularizedBeta($0[0], $0[1], $0[2]) }),
      ("studentTCDF", ["x", "df"], "The CDF of Student's t distribution with `df` degrees of freedom (`scipy.stats.t.cdf`).",
       { Special.studentTCDF($0[0], df: $0[1]) }),
      ("logBeta", ["a", "b"], "log B(a, b) = lgamma(a) + lgamma(b) − lgamma(a + b), accurately.",
       { Special.logBeta($0[0], $0[1]) }),
    ]
    for (name, params, doc, f) in multi {
      let signature = "\(name)(" + params.map { "_ \($0): Double" }.joined(separator: ", ") + ") -> Double (NDArray for array arguments)"
      b.function(name, signature, doc) { args, _ in
        let p = try NamedArguments(name, args, positional: params, required: Set(params))
        let values = params.map { p[$0]! }
        if values.allSatisfy(isScalarNumber) {
          return .double(f(try zip(values, params).map { try Arg.double($0, "\(name)'s \($1)") }))
        }
        let operands = try zip(values, params).map { try requireArray($0, "\(name)'s \($1)") }
        let (shape, columns) = try broadcastDoubles(operands)
        let count = columns.first?.count ?? 0
        var out = [Double](repeating: 0, count: count)
        var row = [Double](repeating: 0, count: columns.count)
        for i in 0..<count {
          for k in columns.indices { row[k] = columns[k][i] }
          out[i] = f(row)
        }
        return arrayValue(try arrays { try NDArray(out, shape: shape) })
      }
    }

    for name in ["logsumexp", "logSumExp"] {
      b.function(name, "\(name)(_ x: [Double] or NDArray, axis: Int? = nil) -> Double or NDArray",
        "log Σ exp(x) without overflow (`scipy.special.logsumexp`), over all elements or along `axis`.") { args, _ in
        let p = try NamedArguments(name, args, positional: ["x"], labeled: ["axis"], required: ["x"])
        let axis = try p["axis"].map { try Arg.int($0, "axis") }
        return arrayValue(try logSumExp(try requireArray(p["x"]!, "\(name)'s argument"), axis: axis))
      }
    }

    // Foundation's math functions (scalar builtins of the language) on arrays.
    let math: [(String, UnaryFunction)] = [
      ("exp", .exp), ("log", .log), ("log2", .log2), ("log10", .log10), ("log1p", .log1p), ("expm1", .expm1),
      ("sqrt", .sqrt), ("abs", .abs), ("fabs", .abs), ("floor", .floor), ("ceil", .ceil), ("round", .round),
      ("trunc", .trunc), ("sin", .sin), ("cos", .cos), ("tan", .tan), ("asin", .asin), ("acos", .acos),
      ("atan", .atan), ("sinh", .sinh), ("cosh", .cosh), ("tanh", .tanh), ("lgamma", .lgamma), ("erf", .erf),
      ("erfc", .erfc),
    ]
    for (name, function) in math {
      b.registerHostFunction(name) { args in
        guard args.count == 1 else { throw HostError("\(name) takes one argument", kind: "TypeError") }
        guard let a = asArray(args[0]) else {
          throw HostError("\(name) needs a number or an array of numbers, not \(args[0].typeName)", kind: "TypeError")
        }
        return arrayValue(a.applying(function))
      }
    }
    b.registerHostFunction("pow") { args in
      guard args.count == 2 else { throw HostError("pow takes two arguments", kind: "TypeError") }
      guard let x = asArray(args[0]), let y = asArray(args[1]) else {
        let bad = asArray(args[0]) == nil ? args[0] : args[1]
        throw HostError("pow needs numbers or arrays of numbers, not \(bad.typeName)", kind: "TypeError")
      }
      // Swift's pow is on Doubles, so integer arrays are raised as Doubles.
      return arrayValue(try arrays { try x.converted(to: .double).applying(.power, y.converted(to: .double)) })
    }
  }
}
