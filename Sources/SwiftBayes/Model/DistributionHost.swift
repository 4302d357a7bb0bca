import Arrays
import Autodiff
import CellLanguage
import Probability

/// A distribution as a cell value: a family, its parameters (numbers, arrays or traced
/// values), and NumPyro's shapes — `shape` is batch + event, the trailing `eventRank`
/// axes being the event (`toEvent`), and `expand` broadcasts the batch shape.
///
/// Event families (`EventFamily`: Categorical, Dirichlet, MultivariateNormal,
/// LKJCholesky) keep their own event axes at the end of `shape` (counted in
/// `eventRank`); their paths are in `EventFamilies.swift`.
final class DistributionHost: HostObject {
  let family: any DistributionFamily
  /// One value per parameter, in the family's order: `.double`, an `ArrayHost` of
  /// Doubles, or a `TracedHost`.
  let parameters: [Value]
  let shape: [Int]
  let eventRank: Int

  init(family: any DistributionFamily, parameters: [Value], shape: [Int], eventRank: Int) {
    self.family = family
    self.parameters = parameters
    self.shape = shape
    self.eventRank = eventRank
  }

  var batchShape: [Int] { Array(shape.dropLast(eventRank)) }
  var eventShape: [Int] { Array(shape.suffix(eventRank)) }
  var typeName: String { family.name }
  /// `Normal` meets a `Normal` annotation; every distribution meets `Distribution` (a
  /// struct field or parameter that holds any prior).
  func conforms(toTypeNamed name: String) -> Bool { name == typeName || name == "Distribution" }
  var context: TraceContext? { traceContext(of: parameters) }
  /// The elementwise family (every path that reads this has handled event families).
  var elementwise: FamilyBox { family as! FamilyBox }

  static func parameterShape(_ v: Value) -> [Int] {
    switch v {
    case .host(let h):
      if let t = h as? TracedHost { return t.shape }
      if let a = (h as? ArrayHost)?.array { return a.shape }
      return []
    default: return []
    }
  }

  /// Builds a distribution from constructor arguments, validating concrete parameters.
  static func make(_ constructor: DistributionConstructor, _ args: Arguments) throws -> DistributionHost {
    let selectorLabels = Set(constructor.variants.compactMap(\.selector))
    let selector = args.labels.compactMap { $0 }.first { selectorLabels.contains($0) }
    let chosen = constructor.variants.first { $0.selector == selector }!.family
    if let event = chosen as? EventFamily { return try makeEvent(constructor, event, args) }
    let family = chosen as! FamilyBox
    var names = family.parameterNames
    if let selector, let i = names.firstIndex(of: selector) { names[i] = selector }
    // Bernoulli(probs:) and Bernoulli(logits:) name their one parameter; positional
    // arguments fill NumPyro's order.
    let p = try NamedArguments(constructor.name, args, positional: names)
    var values: [Value] = []
    var shape: [Int] = []
    for name in names {
      var v = p[name]
      if v == nil, let d = constructor.defaults[name] { v = .double(d) }
      guard let v else {
        throw HostError("\(constructor.name) needs '\(name)'; expected \(constructor.name)(" + names.map { "\($0):" }.joined(separator: " ") + ")", kind: "TypeError")
      }
      let normalized: Value
      switch v {
      case .int(let i): normalized = .double(Double(i))
      case .double: normalized = v
      case .host(let h) where h is TracedHost: normalized = v
      default:
        guard let a = asArray(v), a.dtype != .bool else {
          throw HostError("\(constructor.name)'s \(name) must be a number or an array of numbers, not \(v.typeName)", kind: "TypeError")
        }
        normalized = a.ndim == 0 ? .double(a.scalarDouble!) : .host(ArrayHost(a.converted(to: .double)))
      }
      values.append(normalized)
      do {
        shape = try Graph.broadcastShape(shape, parameterShape(normalized))
      } catch {
        throw HostError("\(constructor.name): parameter shapes " + values.map { Graph.shapeText(parameterShape($0)) }.joined(separator: " ") + " cannot be broadcast together", kind: "ShapeError")
      }
    }
    let d = DistributionHost(family: family, parameters: values, shape: shape, eventRank: 0)
    try d.validateConcrete()
    return d
  }

  /// The parameters as arrays broadcast to `target`, when none is traced.
  func concreteParameters(broadcastTo target: [Int]) throws -> [[Double]]? {
    var arrays: [NDArray] = []
    for v in parameters {
      switch v {
      case .double(let d): arrays.append(NDArray(scalar: d))
      case .host(let h):
        guard let a = (h as? ArrayHost)?.array else { return nil }
        arrays.append(a)
      default: return nil
      }
    }
    return try broadcastDoubles(arrays, to: target).values
  }

  func validateConcrete() throws {
    if family is EventFamily { return try validateEvents() }
    let family = elementwise
    guard let values = try concreteParameters(broadcastTo: shape) else { return }
    let n = shape.reduce(1, *)
    for i in 0..<n {
      if let message = family.validate(values.map { $0[i] }) {
        throw HostError("\(family.name): \(message)", kind: "ValueError")
      }
    }
  }

  var support: Support {
    if let s = eventSupport { return s }
    let family = elementwise
    let p = (try? concreteParameters(broadcastTo: shape))??.map { $0.first ?? 0 } ?? Array(repeating: 0, count: parameters.count)
    return family.support(p)
  }

  // MARK: Log densities

  /// log p(x) summed over the event axes: an array of the batch shape (a Double when
  /// it has none), or a traced value when x or a parameter is traced.
  func logProb(_ x: Value) throws -> Value {
    let isEvent = family is EventFamily
    if isEvent, let ctx = context ?? traceContext(of: [x]) {
      var out = try eventLogProbNode(ctx, x, pointwise: true)
      for _ in 0..<(eventRank - (family as! EventFamily).valueEventRank) { out = try traced { try ctx.graph.sum(out, axis: -1) } }
      return .host(TracedHost(ctx, out))
    }
    if isEvent {
      guard let xa = asArray(x), xa.dtype != .bool else {
        throw HostError("\(family.name).logProb needs a number or an array, not \(x.typeName)", kind: "TypeError")
      }
      return try eventLogProb(xa)
    }
    let family = elementwise
    if let ctx = context ?? traceContext(of: [x]) {
      let pointwise = try logProbNode(ctx, x, pointwise: true)
      var out = pointwise
      for _ in 0..<eventRank { out = try traced { try ctx.graph.sum(out, axis: -1) } }
      return .host(TracedHost(ctx, out))
    }
    guard let xa = asArray(x), xa.dtype != .bool || true else {
      throw HostError("\(family.name).logProb needs a number or an array, not \(x.typeName)", kind: "TypeError")
    }
    let target: [Int]
    do { target = try Graph.broadcastShape(xa.shape, shape) } catch {
      throw HostError("\(family.name).logProb: a value of shape \(Graph.shapeText(xa.shape)) does not broadcast with the distribution's shape \(Graph.shapeText(shape))", kind: "ShapeError")
    }
    let params = try concreteParameters(broadcastTo: target)!
    let xs = try broadcastDoubles([xa.converted(to: .double)], to: target).values[0]
    var lp = [Double](repeating: 0, count: xs.count)
    var p = [Double](repeating: 0, count: params.count)
    for i in xs.indices {
      for k in params.indices { p[k] = params[k][i] }
      lp[i] = family.logProb(xs[i], p)
    }
    var result = try NDArray(lp, shape: target)
    for _ in 0..<eventRank { result = try arrays { try result.sum(axis: -1) } }
    return arrayValue(result)
  }

  /// The fused log density node at x: per element (`pointwise`) or summed.
  func logProbNode(_ ctx: TraceContext, _ x: Value, pointwise: Bool) throws -> NodeID {
    if family is EventFamily { return try eventLogProbNode(ctx, x, pointwise: pointwise) }
    let family = elementwise
    let xn = try ctx.requireNode(x, "the value of \(family.name).logProb")
    var inputs = [xn]
    for v in parameters { inputs.append(try ctx.requireNode(v, "a parameter of \(family.name)")) }
    // The distribution's own shape (expand) joins the broadcast through its parameters.
    let g = ctx.graph
    let xShape = g.shape(xn)
    let target: [Int]
    do { target = try Graph.broadcastShape(xShape, shape) } catch {
      throw HostError("\(family.name): a value of shape \(Graph.shapeText(xShape)) does not broadcast with the distribution's shape \(Graph.shapeText(shape))", kind: "ShapeError")
    }
    if target != xShape {
      inputs[0] = try traced { try g.binary(.add, xn, g.constant(Array(repeating: 0, count: target.reduce(1, *)), shape: target)) }
    }
    // A likelihood around a linear predictor becomes one fused loop.
    if !pointwise, let (op, fusedInputs) = family.linearPredictorOp(g, x: inputs[0], parameters: Array(inputs.dropFirst()), shape: target) {
      return try traced { try g.custom(op, fusedInputs) }
    }
    let op = try traced { try family.logProbOp(inputs.map { g.shape($0) }, pointwise: pointwise) }
    return try traced { try g.custom(op, inputs) }
  }

  // MARK: Sampling

  /// Draws of shape sampleShape + shape from `key` (one key stream, row-major).
  func sample(_ key: PRNGKey, sampleShape: [Int] = []) throws -> NDArray {
    if family is EventFamily { return try eventSample(key, sampleShape: sampleShape) }
    let family = elementwise
    guard let params = try concreteParameters(broadcastTo: shape) else {
      throw HostError("\(family.name).sample: the parameters are traced values; sample with concrete parameters", kind: "TypeError")
    }
    let n = shape.reduce(1, *)
    let total = sampleShape.reduce(1, *) * n
    guard total <= 200_000_000 else { throw HostError("\(family.name).sample: \(total) draws are too many", kind: "MemoryError") }
    var stream = KeyStream(key)
    var out = [Double](repeating: 0, count: total)
    var p = [Double](repeating: 0, count: params.count)
    for j in 0..<total {
      let i = j % max(n, 1)
      for k in params.indices { p[k] = params[k][i] }
      out[j] = family.sample(&stream, p)
    }
    return try NDArray(out, shape: sampleShape + shape)
  }

  // MARK: Shape operations

  func expand(_ newBatch: [Int]) throws -> DistributionHost {
    guard (try? Graph.broadcastShape(batchShape, newBatch)) == newBatch else {
      throw HostError("\(family.name).expand(\(newBatch)): the batch shape \(Graph.shapeText(batchShape)) cannot be broadcast to \(Graph.shapeText(newBatch))", kind: "ShapeError")
    }
    return DistributionHost(family: family, parameters: parameters, shape: newBatch + eventShape, eventRank: eventRank)
  }

  func toEvent(_ k: Int) throws -> DistributionHost {
    guard k >= 0, k <= batchShape.count else {
      throw HostError("\(family.name).toEvent(\(k)): the batch shape \(Graph.shapeText(batchShape)) has only \(batchShape.count) dimensions", kind: "ValueError")
    }
    return DistributionHost(family: family, parameters: parameters, shape: shape, eventRank: eventRank + k)
  }

  // MARK: HostObject

  var description: String {
    if family is EventFamily { return eventDescription }
    let params = zip(family.parameterNames, parameters).map { name, v -> String in
      switch v {
      case .double(let d): return "\(name): \(d)"
      case .host(let h as TracedHost): return "\(name): \(h.typeName)"
      case .host(let h as ArrayHost): return "\(name): Double\(h.array.shape)"
      default: return "\(name): \(v.typeName)"
      }
    }.joined(separator: ", ")
    var s = "\(family.name)(\(params))"
    if shape != parameters.reduce([Int]()) { (try? Graph.broadcastShape($0, DistributionHost.parameterShape($1))) ?? $0 } || eventRank > 0 {
      s += " with batch shape \(Graph.shapeText(batchShape)) and event shape \(Graph.shapeText(eventShape))"
    }
    return s
  }

  var memberNames: [String] {
    ["logProb", "sample", "mean", "variance", "support", "batchShape", "eventShape", "expand", "toEvent"] + family.parameterNames
      + ((family as? EventFamily)?.kind == .lkjCholesky ? ["dimension"] : [])
  }

  func property(_ name: String) throws -> Value? {
    switch name {
    case "batchShape": return .array(ArrayValue(batchShape.map { .int($0) }, elementType: .int))
    case "eventShape": return .array(ArrayValue(eventShape.map { .int($0) }, elementType: .int))
    case "support": return .string(support.description)
    case "mean" where family is EventFamily, "variance" where family is EventFamily:
      return try eventMoments(variance: name == "variance")
    case "dimension" where (family as? EventFamily)?.kind == .lkjCholesky:
      return .int(eventDimension)
    case "mean", "variance":
      let family = elementwise
      guard let params = try concreteParameters(broadcastTo: shape) else { return nil }
      let n = shape.reduce(1, *)
      let values = (0..<n).map { i in name == "mean" ? family.mean(params.map { $0[i] }) : family.variance(params.map { $0[i] }) }
      return arrayValue(try NDArray(values, shape: shape))
    default:
      if let i = family.parameterNames.firstIndex(of: name) { return parameters[i] }
      return nil
    }
  }

  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    switch name {
    case "logProb", "log_prob":
      return try logProb(try args.bind("logProb", [nil])[0]!)
    case "sample":
      let p = try args.bind("sample", [nil, "sampleShape"], optional: ["sampleShape"])
      let key = try requireKey(p[0], "\(family.name).sample")
      let sampleShape = try p[1].map { try shapeArgument($0, "sampleShape") } ?? []
      return arrayValue(try sample(key, sampleShape: sampleShape))
    case "expand":
      return .host(try expand(try shapeArgument(try args.bind("expand", [nil])[0]!, "the shape of expand")))
    case "toEvent", "to_event":
      let p = try args.bind("toEvent", [nil], optional: ["_0"])
      return .host(try toEvent(try p[0].map { try Arg.int($0, "k") } ?? batchShape.count))
    default: return nil
    }
  }
}

extension Session {
  func registerDistributionBindings() {
    let b = interpreter.builtins
    for c in eventDistributionConstructors {
      var spellings: [String] = []
      for v in c.variants {
        let params: [String] = v.family.parameterNames.map { p in
          let prefix = p == v.selector ? "" : "_ "
          return prefix + p + ": NDArray"
        }
        spellings.append(c.name + "(" + params.joined(separator: ", ") + ")")
      }
      let signature = spellings.joined(separator: " or ")
      b.function(c.name, c.name == "LKJCholesky" ? "LKJCholesky(_ dimension: Int, _ concentration: Double | NDArray = 1)" : signature, c.doc + "\n\nMethods: `logProb(x)`, `sample(key, sampleShape:)`, `expand([…])`, `toEvent(k)`; properties `mean`, `variance`, `support`, `batchShape`, `eventShape`. Invalid parameters are errors naming the parameter and the constraint; values outside the support have log density −∞.") { args, _ in
        .host(try DistributionHost.make(c, args))
      }
    }
    for c in distributionConstructors {
      let params = c.variants[0].family.parameterNames
      let signature = "\(c.name)(" + params.map { "_ \($0): Double | NDArray" + (c.defaults[$0].map { " = \($0)" } ?? "") }.joined(separator: ", ") + ")"
        + (c.variants.count > 1 ? " or \(c.name)(…, logits:)" : "")
      b.function(c.name, signature, c.doc + "\n\nMethods: `logProb(x)`, `sample(key, sampleShape:)`, `expand([…])`, `toEvent(k)`; properties `mean`, `variance`, `support`, `batchShape`, `eventShape`. Invalid parameters are errors naming the parameter; values outside the support have log density −∞.") { args, _ in
        .host(try DistributionHost.make(c, args))
      }
    }
  }
}
