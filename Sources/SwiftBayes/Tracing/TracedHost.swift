import Arrays
import Autodiff
import CellLanguage

/// One trace: the graph that operations on its traced values record into.
public final class TraceContext {
  public let graph = Graph()
  public init() {}
}

/// A traced value: a node of a graph being recorded. Operators, subscripts, members and
/// the math builtins on it add nodes instead of computing (`Sources/SwiftBayes/Tracing`
/// binds them); control flow and conversions to numbers are errors, since the function
/// is traced once and its numbers exist only when the compiled tape runs.
public final class TracedHost: HostObject {
  public let context: TraceContext
  public let node: NodeID

  public init(_ context: TraceContext, _ node: NodeID) {
    self.context = context
    self.node = node
  }

  var graph: Graph { context.graph }
  public var shape: [Int] { graph.shape(node) }

  var shapeSpelling: String { shape.isEmpty ? "Double" : "Double[" + shape.map(String.init).joined(separator: ", ") + "]" }
  public var typeName: String { "Traced<\(shapeSpelling)>" }
  public var description: String {
    "Traced<\(shapeSpelling)> (a traced value: its numbers exist only when the compiled tape runs)"
  }

  public var conditionError: String? {
    "a traced value (\(typeName)) cannot decide control flow: the function is traced once, so the branch would be fixed for every parameter value. Use the vectorized form where(condition, a, b) (NumPy's name; `where` in expression position is this call) instead of if, while, guard, switch, ?:, && or ||"
  }

  public func conversionError(to type: String) -> String? {
    "cannot convert a traced value (\(typeName)) to \(type): its number exists only when the compiled tape runs; keep it as an array expression (use where(…) for choices)"
  }

  public func conforms(toTypeNamed name: String) -> Bool { name == "Traced" || name == "NDArray" || name == "Double" }
  public var standsInForNumbers: Bool { true }

  func wrap(_ n: NodeID) -> Value { .host(TracedHost(context, n)) }

  // MARK: Operators

  static let binaryOps: [String: BinaryOp] = ["+": .add, "-": .subtract, "*": .multiply, "/": .divide]
  static let comparisons: [String: ComparisonOp] = [
    "<": .less, "<=": .lessEqual, ">": .greater, ">=": .greaterEqual, "==": .equal, "!=": .notEqual,
  ]

  public func binaryOperator(_ op: String, _ other: Value, selfIsLeft: Bool) throws -> Value? {
    guard let o = try context.node(other, "the other operand of '\(op)'") else { return nil }
    let (a, b) = selfIsLeft ? (node, o) : (o, node)
    if let bop = TracedHost.binaryOps[op] { return wrap(try traced { try graph.binary(bop, a, b) }) }
    if let cmp = TracedHost.comparisons[op] { return wrap(try traced { try graph.compare(cmp, a, b) }) }
    return nil
  }

  public func prefixOperator(_ op: String) throws -> Value? {
    switch op {
    case "-": return wrap(graph.unary(.negate, node))
    case "+": return .host(self)
    default: return nil
    }
  }

  // MARK: Members

  public var memberNames: [String] {
    ["shape", "count", "ndim", "size", "T", "sum", "mean", "logsumexp", "max", "min", "dot", "reshaped", "transposed", "cumsum", "squared", "exp", "log"]
  }

  public func property(_ name: String) throws -> Value? {
    switch name {
    case "shape": return .array(ArrayValue(shape.map { .int($0) }, elementType: .int))
    case "count": return .int(shape.first ?? 1)
    case "ndim": return .int(shape.count)
    case "size": return .int(graph.count(node))
    case "T": return wrap(try traced { try graph.transpose(node) })
    default: return nil
    }
  }

  public func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    let axis = try args.labeled("axis").map { try Arg.int($0, "axis") }
    switch name {
    case "sum": return wrap(try traced { try graph.sum(node, axis: axis) })
    case "mean": return wrap(try traced { try graph.mean(node, axis: axis) })
    case "logsumexp", "logSumExp": return wrap(try traced { try graph.logSumExp(node, axis: axis) })
    case "max" where args.labeled("by") == nil: return wrap(try traced { try graph.reduce(.max, node, axis: axis) })
    case "min" where args.labeled("by") == nil: return wrap(try traced { try graph.reduce(.min, node, axis: axis) })
    case "cumsum": return wrap(try traced { try graph.cumsum(node, axis: axis) })
    case "squared": return wrap(graph.unary(.square, node))
    case "exp": return wrap(graph.unary(.exp, node))
    case "log": return wrap(graph.unary(.log, node))
    case "dot", "matmul":
      let p = try args.bind(name, [nil])
      guard let other = try context.node(p[0]!, "the argument of \(name)") else {
        throw HostError("\(name) needs an array, not \(p[0]!.typeName)", kind: "TypeError")
      }
      return wrap(try traced { try graph.matmul(node, other) })
    case "reshaped", "reshape":
      let shape = try args.values.count == 1 ? shapeArgument(args[0], "shape") : args.values.map { try Arg.int($0, "shape") }
      return wrap(try traced { try graph.reshape(node, shape) })
    case "transposed": return wrap(try traced { try graph.transpose(node) })
    default: return nil
    }
  }

  // MARK: Subscripts and iteration

  /// NumPy indexing, done by indexing an array of flat positions with the array
  /// library's own rules and gathering those positions.
  public func subscriptGet(_ args: Arguments) throws -> Value? {
    if args.count == 1, shape.count == 1, let idx = constantIndices(args[0]) {
      return wrap(try traced { try graph.gather(node, idx) })
    }
    if args.count == 1, case .int(let i) = args[0], !shape.isEmpty {
      return wrap(try traced { try graph.row(node, i) })
    }
    let n = graph.count(node)
    let positions = try NDArray(Array(0..<n), shape: shape)
    let indices = try args.values.map { v -> ArrayIndex in
      if case .host(let h) = v, h is TracedHost {
        throw HostError("a traced value cannot be used as an index (indices must be data, known when tracing)", kind: "TypeError")
      }
      return try ArrayHost.index(v)
    }
    let picked = try arrays { try positions.get(indices) }
    let flat = try traced { try graph.reshape(node, [n]) }
    let gathered = try traced { try graph.gather(flat, picked.ints) }
    return wrap(try traced { try graph.reshape(gathered, picked.shape) })
  }

  public func subscriptSet(_ args: Arguments, _ newValue: Value) throws -> Value? {
    throw HostError("traced values cannot be assigned into: build the array with where(condition, a, b) or concatenate instead", kind: "TypeError")
  }

  /// Iteration over the first axis (each row traced), so loops over data unroll.
  public func elements() throws -> [Value]? {
    guard let rows = shape.first else { throw HostError("cannot iterate over a traced scalar", kind: "TypeError") }
    return try (0..<rows).map { i in wrap(try traced { try graph.row(node, i) }) }
  }

  /// Integer positions for `a[idx]` when `idx` is an Int array, range or Int (1-d case).
  private func constantIndices(_ v: Value) -> [Int]? {
    switch v {
    case .range(let r):
      guard let lo = r.lower, let hi = r.halfOpenUpper, lo >= 0, hi <= shape[0], lo <= hi else { return nil }
      return Array(lo..<hi)
    case .array(let a):
      var out: [Int] = []
      out.reserveCapacity(a.items.count)
      for item in a.items {
        guard case .int(let i) = item else { return nil }
        out.append(i)
      }
      return out
    case .host(let h):
      guard let a = (h as? ArrayHost)?.array, a.dtype == .int, a.ndim == 1 else { return nil }
      return a.ints
    default: return nil
    }
  }
}

extension TraceContext {
  /// The node a value stands for in this trace: traced values of this trace, numbers,
  /// Bools (as 0/1), arrays (as constants) and Swift arrays that mix traced and plain
  /// elements (stacked). Nil when the value is not numeric.
  public func node(_ v: Value, _ what: String) throws -> NodeID? {
    switch v {
    case .int(let i): return graph.scalar(Double(i))
    case .double(let d): return graph.scalar(d)
    case .bool(let b): return graph.scalar(b ? 1 : 0)
    case .some(let inner): return try node(inner, what)
    case .host(let h):
      if let t = h as? TracedHost {
        guard t.context === self else {
          throw HostError("\(what) is a traced value from another trace; traced values of different functions cannot be combined", kind: "TypeError")
        }
        return t.node
      }
      if let a = (h as? ArrayHost)?.array { return graph.constant(a.converted(to: .double).doubles, shape: a.shape) }
      return nil
    case .array(let a):
      let hasTraced = a.items.contains { if case .host(let h) = $0 { return h is TracedHost } else { return false } }
      if !hasTraced {
        guard let arr = asArray(v) else { return nil }
        return graph.constant(arr.converted(to: .double).doubles, shape: arr.shape)
      }
      var rows: [NodeID] = []
      for item in a.items {
        guard let n = try node(item, what) else { return nil }
        rows.append(try traced { try graph.reshape(n, [1] + graph.shape(n)) })
      }
      return try traced { try graph.concat(rows, axis: 0) }
    default:
      return nil
    }
  }

  /// Like `node`, with an error naming `what` when the value is not numeric.
  public func requireNode(_ v: Value, _ what: String) throws -> NodeID {
    guard let n = try node(v, what) else {
      throw HostError("\(what) must be a number or an array of numbers, not \(v.typeName)", kind: "TypeError")
    }
    return n
  }
}

/// Runs a graph-building step, turning its `GraphError` into a cell error.
func traced<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let e as GraphError {
    throw HostError(e.message, kind: e.kind)
  }
}

/// The trace a set of call arguments belongs to, if any argument is traced (looking
/// inside Swift arrays, for `concatenate([a, b])`).
func traceContext(of values: [Value]) -> TraceContext? {
  for v in values {
    switch v {
    case .host(let h): if let t = h as? TracedHost { return t.context }
    case .array(let a): if let c = traceContext(of: a.items) { return c }
    case .some(let inner): if let c = traceContext(of: [inner]) { return c }
    default: break
    }
  }
  return nil
}
