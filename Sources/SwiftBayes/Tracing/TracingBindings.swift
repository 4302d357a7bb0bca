import Arrays
import Autodiff
import CellLanguage
import Foundation

extension Session {
  /// Makes the math builtins accept traced values (each keeps its behaviour on numbers
  /// and arrays) and registers `grad` and `valueAndGrad`.
  func registerTracingBindings() {
    let b = interpreter.builtins
    let unary: [(String, UnaryOp)] = [
      ("exp", .exp), ("log", .log), ("sqrt", .sqrt), ("log1p", .log1p), ("expm1", .expm1), ("sin", .sin), ("cos", .cos),
      ("tanh", .tanh), ("abs", .abs), ("fabs", .abs), ("lgamma", .lgamma), ("gammaln", .lgamma), ("digamma", .digamma),
      ("erf", .erf), ("erfc", .erfc), ("normalCDF", .normalCDF), ("logNormalCDF", .logNormalCDF), ("softplus", .softplus),
      ("log1pexp", .softplus), ("sigmoid", .sigmoid), ("expit", .sigmoid), ("logSigmoid", .logSigmoid), ("logit", .logit),
      ("floor", .floor), ("ceil", .ceil), ("round", .round), ("square", .square),
    ]
    if b.values["log1pexp"] == nil {
      b.function("log1pexp", "log1pexp(_ x: Double | NDArray)", "log(1 + eˣ) without overflow (the same as softplus).") { args, interp in
        try interp.callValue(b.values["softplus"]!, args)
      }
    }
    if b.values["square"] == nil {
      b.function("square", "square(_ x: Double | NDArray)", "x², elementwise.") { args, interp in
        let x = try args.bind("square", [nil])[0]!
        return try interp.binary("*", x, x)
      }
    }
    for (name, op) in unary {
      overrideForTracing(name) { ctx, args in
        let x = try args.bind(name, [nil])[0]!
        return try ctx.graph.unary(op, ctx.requireNode(x, "the argument of \(name)"))
      }
    }
    for (name, op) in [("pow", BinaryOp.power), ("minimum", .minimum), ("maximum", .maximum), ("min", .minimum), ("max", .maximum)] {
      overrideForTracing(name) { ctx, args in
        guard args.count == 2 else { throw HostError("\(name) of traced values takes two arguments", kind: "TypeError") }
        return try traced { try ctx.graph.binary(op, try ctx.requireNode(args[0], "x"), try ctx.requireNode(args[1], "y")) }
      }
    }
    for (name, op) in [("sum", ReduceOp.sum), ("logsumexp", .logSumExp), ("logSumExp", .logSumExp)] {
      overrideForTracing(name) { ctx, args in
        let p = try args.bind(name, [nil, "axis"], optional: ["axis"])
        let axis = try p[1].map { try Arg.int($0, "axis") }
        return try traced { try ctx.graph.reduce(op, try ctx.requireNode(p[0]!, "the argument of \(name)"), axis: axis) }
      }
    }
    overrideForTracing("mean") { ctx, args in
      let p = try args.bind("mean", [nil, "axis"], optional: ["axis"])
      let axis = try p[1].map { try Arg.int($0, "axis") }
      return try traced { try ctx.graph.mean(try ctx.requireNode(p[0]!, "the argument of mean"), axis: axis) }
    }
    for name in ["dot", "matmul"] {
      overrideForTracing(name) { ctx, args in
        let p = try args.bind(name, [nil, nil])
        return try traced { try ctx.graph.matmul(try ctx.requireNode(p[0]!, "a"), try ctx.requireNode(p[1]!, "b")) }
      }
    }
    overrideForTracing("cumsum") { ctx, args in
      let p = try args.bind("cumsum", [nil, "axis"], optional: ["axis"])
      let axis = try p[1].map { try Arg.int($0, "axis") }
      return try traced { try ctx.graph.cumsum(try ctx.requireNode(p[0]!, "the argument of cumsum"), axis: axis) }
    }
    for name in ["array"] where b.values[name] != nil {
      overrideForTracing(name) { ctx, args in try ctx.requireNode(try args.bind(name, [nil])[0]!, "the argument of \(name)") }
    }
    overrideForTracing("where") { ctx, args in
      let p = try args.bind("where", [nil, nil, nil])
      return try traced {
        try ctx.graph.select(try ctx.requireNode(p[0]!, "condition"), try ctx.requireNode(p[1]!, "a"), try ctx.requireNode(p[2]!, "b"))
      }
    }
    for name in ["concatenate", "stack"] {
      overrideForTracing(name) { ctx, args in
        let p = try args.bind(name, [nil, "axis"], optional: ["axis"])
        let axis = try p[1].map { try Arg.int($0, "axis") } ?? 0
        guard case .array(let items) = p[0]! else {
          throw HostError("\(name) needs a Swift array of arrays, not \(p[0]!.typeName)", kind: "TypeError")
        }
        var nodes = try items.items.map { try ctx.requireNode($0, "each array") }
        if name == "stack" {
          nodes = try nodes.map { n in
            var s = ctx.graph.shape(n)
            guard axis >= -(s.count + 1), axis <= s.count else { throw HostError("axis \(axis) is out of bounds", kind: "IndexError") }
            s.insert(1, at: axis < 0 ? axis + s.count + 1 : axis)
            return try traced { try ctx.graph.reshape(n, s) }
          }
        }
        return try traced { try ctx.graph.concat(nodes, axis: axis) }
      }
    }

    b.function("grad", "grad(_ f: (Array) -> Double) -> (Array) -> Array",
      """
      The gradient of a scalar function of one array, as a new function (JAX's `grad`).

      `grad(f)(x)` traces `f` once with a traced `x` (every operation on it records a node of a graph), compiles the graph into a reverse-mode tape, and evaluates the gradient; later calls with an argument of the same shape reuse the tape, so they run no interpreter code. The result has `x`'s form: a `[Double]` for a Swift array, an NDArray for an NDArray, a Double for a Double.

      Tracing has JAX's limits: `if`, `while`, `guard`, `switch`, `?:`, `&&` and `||` cannot depend on a traced value (use `where(condition, a, b)`), `Double(x)` of a traced value is an error, and globals that `f` reads are captured when it is traced. Loops over data (`for i in 0..<n`) unroll.
      """) { args, interp in
      let f = try args.bind("grad", [nil])[0]!
      let d = Differentiated(f, name: "grad")
      return .function(BuiltinFunction(name: "grad", signature: "grad(f)(_ x)", doc: "The gradient of f at x.") { args, interp in
        try d.call(args, interp, withValue: false)
      })
    }
    b.function("valueAndGrad", "valueAndGrad(_ f: (Array) -> Double) -> (Array) -> (Double, Array)",
      "Like `grad`, returning the tuple (f(x), ∇f(x)) from one evaluation of the tape (JAX's `value_and_grad`). See `help(grad)` for how tracing works and its limits.") { args, interp in
      let f = try args.bind("valueAndGrad", [nil])[0]!
      let d = Differentiated(f, name: "valueAndGrad")
      return .function(BuiltinFunction(name: "valueAndGrad", signature: "valueAndGrad(f)(_ x)", doc: "(f(x), ∇f(x)).") { args, interp in
        try d.call(args, interp, withValue: true)
      })
    }
  }

  /// Re-registers builtin `name` so that a call with a traced argument records a node
  /// (via `tracedImpl`) and any other call runs the original builtin.
  func overrideForTracing(_ name: String, _ tracedImpl: @escaping (TraceContext, Arguments) throws -> NodeID) {
    let b = interpreter.builtins
    guard let original = b.values[name] else { return }
    let signature = b.docs[name]?.signature ?? name, docText = b.docs[name]?.doc ?? ""
    b.function(name, signature, docText) { args, interp in
      if let ctx = traceContext(of: args.values) { return .host(TracedHost(ctx, try tracedImpl(ctx, args))) }
      return try interp.callValue(original, args)
    }
  }
}

/// A function differentiated with `grad`/`valueAndGrad`: traces on first use for each
/// argument shape and keeps the compiled tape.
final class Differentiated {
  let function: Value
  let name: String
  private var tapes: [[Int]: (Tape, Workspace)] = [:]

  init(_ function: Value, name: String) {
    self.function = function
    self.name = name
  }

  enum Form { case double, swiftArray, ndarray }

  func call(_ args: Arguments, _ interp: Interpreter, withValue: Bool) throws -> Value {
    guard args.count == 1, args.labels[0] == nil else {
      throw HostError("\(name)(f) takes the one array argument of f, unlabeled; got \(args.count) arguments", kind: "TypeError")
    }
    let form: Form
    switch args[0] {
    case .int, .double: form = .double
    case .array: form = .swiftArray
    default: form = .ndarray
    }
    guard let x = asArray(args[0]), x.dtype != .bool else {
      throw HostError("\(name)(f) needs a Double, a [Double] or an NDArray of numbers, not \(args[0].typeName)", kind: "TypeError")
    }
    let (tape, ws) = try tapes[x.shape] ?? trace(shape: x.shape, interp)
    let point = x.converted(to: .double).doubles
    let (value, gradient) = tape.valueAndGradient(point, workspace: ws)
    let g: Value
    switch form {
    case .double: g = .double(gradient[0])
    case .swiftArray where x.ndim == 1: g = .array(ArrayValue(gradient.map { .double($0) }, elementType: .double))
    default: g = .host(ArrayHost(try NDArray(gradient, shape: x.shape)))
    }
    return withValue ? .tuple(TupleValue([.double(value), g])) : g
  }

  private func trace(shape: [Int], _ interp: Interpreter) throws -> (Tape, Workspace) {
    let ctx = TraceContext()
    let x = ctx.graph.parameter(shape: shape)
    let result = try interp.callValue(function, Arguments([.host(TracedHost(ctx, x))]))
    guard let root = try ctx.node(result, "the result of the function") else {
      throw HostError("\(name)(f): f must return a Double, but it returned \(result.typeName)", kind: "TypeError")
    }
    guard ctx.graph.count(root) == 1 else {
      throw HostError("\(name)(f): f must return a scalar, but it returned an array of shape \(Graph.shapeText(ctx.graph.shape(root))); sum it or pick an element", kind: "TypeError")
    }
    let tape = try traced { try Tape(graph: ctx.graph, outputs: [], gradientOf: try ctx.graph.reshape(root, [])) }
    let entry = (tape, tape.makeWorkspace())
    tapes[shape] = entry
    return entry
  }
}

extension Session {
  /// Traces the cell-language function `name` (one array argument of `shape`, a scalar
  /// result) and compiles its gradient tape, timing the two steps (for benchmarks).
  public func gradientTape(ofFunctionNamed name: String, shape: [Int]) throws -> (tape: Tape, traceSeconds: Double, compileSeconds: Double) {
    guard let f = interpreter.global(name) else { throw HostError("no function '\(name)'", kind: "NameError") }
    let r: Result<(Tape, Double, Double), Error> = worker.run {
      do {
        let t0 = Date()
        let ctx = TraceContext()
        let x = ctx.graph.parameter(shape: shape)
        let value = try self.interpreter.callValue(f, Arguments([.host(TracedHost(ctx, x))]))
        let root = try ctx.requireNode(value, "the result")
        let t1 = Date()
        let tape = try traced { try Tape(graph: ctx.graph, outputs: [], gradientOf: try ctx.graph.reshape(root, [])) }
        return .success((tape, t1.timeIntervalSince(t0), Date().timeIntervalSince(t1)))
      } catch { return .failure(error) }
    }
    let (tape, trace, compile) = try r.get()
    return (tape, trace, compile)
  }

  /// Compiles the model function `name` with the named global arguments (labels =
  /// names) into its potential tape, timing the whole compilation (for benchmarks).
  public func potentialTape(ofModelNamed name: String, arguments: [String]) throws -> (tape: Tape, seconds: Double) {
    guard let f = interpreter.global(name) else { throw HostError("no function '\(name)'", kind: "NameError") }
    let r: Result<(Tape, Double), Error> = worker.run {
      do {
        let args = Arguments(try arguments.map { a in
          guard let v = self.interpreter.global(a) else { throw HostError("no global '\(a)'", kind: "NameError") }
          return v
        }, labels: arguments)
        let m = try self.modelRuntime.compile(f, args, key: PRNGKey(0), self.interpreter)
        return .success((m.potentialTape, m.compileSeconds))
      } catch { return .failure(error) }
    }
    let (tape, seconds) = try r.get()
    return (tape, seconds)
  }
}
