import Arrays
import CellLanguage

extension ArrayHost {
  public var memberNames: [String] {
    ["shape", "count", "ndim", "size", "dtype", "T", "isEmpty", "first", "last",
     "sum", "mean", "std", "variance", "min", "max", "argmin", "argmax", "prod", "cumsum",
     "sorted", "argsort", "quantile", "reshape", "reshaped", "transposed", "flatten", "rounded",
     "clipped", "any", "all", "toArray", "append", "map", "filter", "reduce", "enumerated",
     "contains", "forEach", "compactMap", "allSatisfy", "firstIndex"]
  }

  public func property(_ name: String) throws -> Value? {
    switch name {
    case "shape": return .array(ArrayValue(array.shape.map { .int($0) }, elementType: .int))
    case "count": return .int(array.count)
    case "ndim": return .int(array.ndim)
    case "size": return .int(array.size)
    case "dtype": return .string(array.dtype.description)
    case "T": return arrayValue(try arrays { try array.transposed() })
    case "isEmpty": return .bool(array.size == 0)
    case "first", "last":
      guard array.count > 0, array.ndim > 0 else { return .nilValue }
      let row = try arrays { try array.get([.at(name == "first" ? 0 : array.count - 1)]) }
      return .some(arrayValue(row))
    case "description": return .string(array.description)
    default: return nil
    }
  }

  /// `axis:` (optional Int) from a call's arguments.
  static func axis(_ args: Arguments) throws -> Int? {
    try args.labeled("axis").map { try Arg.int($0, "axis") }
  }

  public func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    let a = array
    func reduce(_ f: (Int?) throws -> NDArray) throws -> Value {
      arrayValue(try arrays { try f(ArrayHost.axis(args)) })
    }
    let ddof = try args.labeled("ddof").map { try Arg.int($0, "ddof") } ?? 0
    switch name {
    case "sum": return try reduce { try a.sum(axis: $0) }
    case "mean": return try reduce { try a.mean(axis: $0) }
    case "std": return try reduce { try a.standardDeviation(axis: $0, ddof: ddof) }
    case "variance", "var": return try reduce { try a.variance(axis: $0, ddof: ddof) }
    case "min" where args.labeled("by") == nil: return try reduce { try a.min(axis: $0) }
    case "max" where args.labeled("by") == nil: return try reduce { try a.max(axis: $0) }
    case "argmin": return try reduce { try a.argmin(axis: $0) }
    case "argmax": return try reduce { try a.argmax(axis: $0) }
    case "prod", "product": return try reduce { try a.product(axis: $0) }
    case "cumsum": return try reduce { try a.cumulativeSum(axis: $0) }
    case "any": return try reduce { try a.any(axis: $0) }
    case "all": return try reduce { try a.all(axis: $0) }
    case "sorted" where args.count == 0 || args.labeled("axis") != nil:
      return arrayValue(try arrays { try a.sorted(axis: try ArrayHost.axis(args) ?? -1) })
    case "argsort": return arrayValue(try arrays { try a.argsort(axis: try ArrayHost.axis(args) ?? -1) })
    case "quantile":
      guard let q = args.values.first, args.labels[0] == nil else {
        throw HostError("quantile(_ q: Double or [Double], axis: Int? = nil)", kind: "TypeError")
      }
      return arrayValue(try arrays { try a.quantile(try requireArray(q, "q"), axis: try ArrayHost.axis(args)) })
    case "reshape", "reshaped":
      var shape: [Int] = []
      for v in args.values {
        if let arr = asArray(v), arr.ndim == 1 { shape += arr.ints } else { shape.append(try Arg.int(v, "shape")) }
      }
      return arrayValue(try arrays { try a.reshaped(shape) })
    case "transposed":
      let axes = try args.values.first.map { try requireArray($0, "axes").ints }
      return arrayValue(try arrays { try a.transposed(axes) })
    case "flatten", "flattened": return arrayValue(a.flattened)
    case "rounded":
      if let d = args.labeled("decimals") { return arrayValue(a.rounded(decimals: try Arg.int(d, "decimals"))) }
      return arrayValue(a.applying(.round))
    case "clipped":
      let p = try args.bind("clipped", ["min", "max"])
      return arrayValue(a.clipped(try Arg.double(p[0]!, "min"), try Arg.double(p[1]!, "max")))
    case "toArray":
      return .array(ArrayValue(scalarValues(a.flattened), elementType: a.dtype == .double ? .double : a.dtype == .int ? .int : .bool))
    default:
      // Swift's sequence methods (map, filter, reduce, enumerated, …) on the elements.
      let elements = try self.elements() ?? []
      return try interpreter.callMethod(.array(ArrayValue(elements)), name, args)
    }
  }

  public func callMutatingMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter, receiver: inout Value) throws -> Value? {
    guard name == "append" else { return try callMethod(name, args, interpreter) }
    var a = array
    guard args.count == 1 else { throw HostError("append takes one argument", kind: "TypeError") }
    let other = try requireArray(args[0], args.labels[0] == "contentsOf" ? "contentsOf" : "the element")
    try arrays { try a.append(contentsOf: other.ndim == 0 ? try other.reshaped([1]) : other) }
    receiver = .host(ArrayHost(a))
    return .void
  }

  /// The array index a subscript argument stands for.
  static func index(_ v: Value) throws -> ArrayIndex {
    switch v {
    case .int(let i): return .at(i)
    case .range(let r):
      if let lo = r.lower, let hi = r.halfOpenUpper { return .range(lo..<max(lo, hi)) }
      return .slice(start: r.lower, stop: r.halfOpenUpper, step: 1)
    default:
      if let a = asArray(v) { return a.dtype == .bool ? .mask(a) : .gather(a) }
      throw HostError("cannot index an array with a value of type '\(v.typeName)'", kind: "TypeError")
    }
  }

  public func subscriptGet(_ args: Arguments) throws -> Value? {
    let indices = try args.values.map(ArrayHost.index)
    return arrayValue(try arrays { try array.get(indices) })
  }

  public func subscriptSet(_ args: Arguments, _ newValue: Value) throws -> Value? {
    let indices = try args.values.map(ArrayHost.index)
    var a = array
    try arrays { try a.set(indices, to: try requireArray(newValue, "the assigned value")) }
    return .host(ArrayHost(a))
  }
}
