import Arrays
import Autodiff
import CellLanguage
import Foundation
import Probability

/// An event family bound for cells (Categorical, Dirichlet, MultivariateNormal,
/// LKJCholesky): the numerics are `Probability`'s buffer kernels, evaluated through
/// `EventLogProbOp` both on concrete arrays and on the tape, so a cell's `logProb` and a
/// model's potential run the same code.
///
/// Parameters are the op's inputs after the value (`parameterNames`, in NumPyro's
/// order), each shaped batch + its event shape; LKJCholesky's `dimension` is not a
/// parameter here but the size of the event (`eventShape` = [d, d]).
struct EventFamily: DistributionFamily {
  let name: String
  let kind: EventFamilyKind
  let parameterNames: [String]

  var isDiscrete: Bool { kind == .categoricalProbs || kind == .categoricalLogits }
  /// Event rank of the value (Categorical 0, Dirichlet and MultivariateNormal 1, LKJCholesky 2).
  var valueEventRank: Int { kind.inputEventRanks[0] }
  var parameterEventRanks: [Int] { Array(kind.inputEventRanks.dropFirst()) }

  /// The value's event shape for parameters of these shapes (after `make`'s checks).
  func eventShape(_ parameterShapes: [[Int]], dimension: Int) -> [Int] {
    switch kind {
    case .categoricalProbs, .categoricalLogits: return []
    case .dirichlet: return [parameterShapes[0].last ?? 0]
    case .multivariateNormalScaleTril, .multivariateNormalCovariance, .multivariateNormalPrecision:
      return [parameterShapes[1].last ?? 0]
    case .lkjCholesky: return [dimension, dimension]
    }
  }

  func support(_ eventShape: [Int], classes: Int) -> Support {
    switch kind {
    case .categoricalProbs, .categoricalLogits: return Categorical.support(classes: classes)
    case .dirichlet: return Dirichlet.support
    case .multivariateNormalScaleTril, .multivariateNormalCovariance, .multivariateNormalPrecision: return MultivariateNormal.support
    case .lkjCholesky: return LKJCholesky.support
    }
  }

  /// nil, or why the parameters of one event are invalid (naming the parameter).
  func validate(_ p: [UnsafeBufferPointer<Double>], dimension: Int) -> String? {
    switch kind {
    case .categoricalProbs: return Categorical.validate(probs: p[0])
    case .categoricalLogits: return Categorical.validate(logits: p[0])
    case .dirichlet: return Dirichlet.validate(concentration: p[0])
    case .multivariateNormalScaleTril, .multivariateNormalCovariance, .multivariateNormalPrecision:
      if let bad = p[0].first(where: { !$0.isFinite }) { return "loc must be finite, got \(bad)" }
      if kind == .multivariateNormalScaleTril { return MultivariateNormal.validate(scaleTril: p[1], dimension: dimension) }
      return MultivariateNormal.validate(
        positiveDefinite: p[1], dimension: dimension,
        name: kind == .multivariateNormalCovariance ? "covarianceMatrix" : "precisionMatrix")
    case .lkjCholesky: return LKJCholesky.validate(dimension: dimension, concentration: p[0][0])
    }
  }

  /// One draw of an event into `out`.
  func sample(_ stream: inout KeyStream, _ p: [UnsafeBufferPointer<Double>], dimension n: Int, into out: UnsafeMutableBufferPointer<Double>) {
    switch kind {
    case .categoricalProbs: out[0] = Categorical.sample(&stream, probs: p[0])
    case .categoricalLogits: out[0] = Categorical.sample(&stream, logits: p[0])
    case .dirichlet: Dirichlet.sample(&stream, concentration: p[0], into: out)
    case .multivariateNormalScaleTril: MultivariateNormal.sample(&stream, loc: p[0], scaleTril: p[1], into: out)
    case .multivariateNormalCovariance, .multivariateNormalPrecision:
      let tril = scaleTril(p[1], n)
      tril.withUnsafeBufferPointer { MultivariateNormal.sample(&stream, loc: p[0], scaleTril: $0, into: out) }
    case .lkjCholesky: LKJCholesky.sample(&stream, dimension: n, concentration: p[0][0], into: out)
    }
  }

  /// The lower Cholesky factor of the covariance (Σ itself, or P⁻¹ for a precision;
  /// the matrix was validated positive definite).
  func scaleTril(_ m: UnsafeBufferPointer<Double>, _ n: Int) -> [Double] {
    var l = [Double](repeating: 0, count: n * n)
    _ = l.withUnsafeMutableBufferPointer { MultivariateNormal.cholesky(m, n: n, into: $0) }
    guard kind == .multivariateNormalPrecision else { return l }
    // Σ = P⁻¹ = L_P⁻ᵀ L_P⁻¹, column by column, then its factor.
    var sigma = [Double](repeating: 0, count: n * n)
    for c in 0..<n {
      var e = [Double](repeating: 0, count: n)
      e[c] = 1
      for i in 0..<n {  // L_P y = e
        var s = e[i]
        for j in 0..<i { s -= l[i * n + j] * e[j] }
        e[i] = s / l[i * n + i]
      }
      for i in stride(from: n - 1, through: 0, by: -1) {  // L_Pᵀ z = y
        var s = e[i]
        for j in (i + 1)..<max(n, i + 1) { s -= l[j * n + i] * e[j] }
        e[i] = s / l[i * n + i]
      }
      for i in 0..<n { sigma[i * n + c] = e[i] }
    }
    var out = [Double](repeating: 0, count: n * n)
    _ = sigma.withUnsafeBufferPointer { s in out.withUnsafeMutableBufferPointer { MultivariateNormal.cholesky(s, n: n, into: $0) } }
    return out
  }

  /// The mean and variance of one event (NumPyro's: NaN for a Categorical; nil where
  /// NumPyro defines none, LKJCholesky).
  func moments(_ p: [UnsafeBufferPointer<Double>], dimension n: Int, variance: Bool) -> [Double]? {
    switch kind {
    case .categoricalProbs, .categoricalLogits: return [.nan]
    case .dirichlet:
      let a = Array(p[0])
      return variance ? Dirichlet.variance(concentration: a) : Dirichlet.mean(concentration: a)
    case .multivariateNormalScaleTril, .multivariateNormalCovariance, .multivariateNormalPrecision:
      guard variance else { return Array(p[0]) }
      let l = kind == .multivariateNormalScaleTril ? Array(p[1]) : scaleTril(p[1], n)
      return (0..<n).map { i in (0...i).reduce(0.0) { $0 + l[i * n + $1] * l[i * n + $1] } }
    case .lkjCholesky: return nil
    }
  }
}

/// NumPyro's constructors for the event families. `MultivariateNormal`'s matrix is
/// `covarianceMatrix` by position, or `scaleTril:` / `precisionMatrix:` by label.
let eventDistributionConstructors: [DistributionConstructor] = [
  .init(name: "Categorical", doc: "A class index 0…K − 1 drawn with probabilities `probs:` (a simplex on the last axis) or unnormalized log-probabilities `logits:` (NumPyro `Categorical`). The event shape is (); the last axis of the parameter is the classes. `mean` and `variance` are NaN, as in NumPyro.",
        variants: [(nil, EventFamily(name: "Categorical", kind: .categoricalProbs, parameterNames: ["probs"])),
                   ("logits", EventFamily(name: "Categorical", kind: .categoricalLogits, parameterNames: ["logits"]))],
        defaults: [:]),
  .init(name: "Dirichlet", doc: "The Dirichlet distribution on the simplex of the last axis of `concentration` (positive). Latent sites are sampled through NumPyro's stick-breaking transform.",
        variants: [(nil, EventFamily(name: "Dirichlet", kind: .dirichlet, parameterNames: ["concentration"]))], defaults: [:]),
  .init(name: "MultivariateNormal", doc: "The multivariate normal with mean `loc` and one of `covarianceMatrix` (positional), `scaleTril:` (lower Cholesky factor) or `precisionMatrix:` (NumPyro `MultivariateNormal`). Matrices are the last two axes; a scalar `loc` is broadcast to the event.",
        variants: [(nil, EventFamily(name: "MultivariateNormal", kind: .multivariateNormalCovariance, parameterNames: ["loc", "covarianceMatrix"])),
                   ("scaleTril", EventFamily(name: "MultivariateNormal", kind: .multivariateNormalScaleTril, parameterNames: ["loc", "scaleTril"])),
                   ("precisionMatrix", EventFamily(name: "MultivariateNormal", kind: .multivariateNormalPrecision, parameterNames: ["loc", "precisionMatrix"]))],
        defaults: ["loc": 0]),
  .init(name: "LKJCholesky", doc: "The LKJ distribution on d × d correlation matrices, on their lower Cholesky factor L (NumPyro `LKJCholesky(dimension, concentration)`): p(LLᵀ) ∝ det(LLᵀ)^(concentration − 1). Latent sites are sampled through NumPyro's CorrCholesky transform; draws use the onion method.",
        variants: [(nil, EventFamily(name: "LKJCholesky", kind: .lkjCholesky, parameterNames: ["concentration"]))],
        defaults: ["concentration": 1]),
]

// MARK: - Event distributions as cell values

extension DistributionHost {
  /// The batch shape the family's kernel sees: the shape without the family's own
  /// event axes (`toEvent` axes included).
  var familyBatchShape: [Int] { Array(shape.dropLast((family as? EventFamily)?.valueEventRank ?? 0)) }
  var familyEventShape: [Int] { Array(shape.suffix((family as? EventFamily)?.valueEventRank ?? 0)) }

  /// The event dimension: K classes, n of the multivariate normal, d of LKJCholesky.
  var eventDimension: Int {
    guard let f = family as? EventFamily else { return 1 }
    switch f.kind {
    case .categoricalProbs, .categoricalLogits: return DistributionHost.parameterShape(parameters[0]).last ?? 1
    default: return familyEventShape.last ?? 1
    }
  }

  /// Builds an event distribution from constructor arguments (shapes checked, concrete
  /// parameters validated event by event).
  static func makeEvent(_ constructor: DistributionConstructor, _ family: EventFamily, _ args: Arguments) throws -> DistributionHost {
    let name = constructor.name
    var positional = family.parameterNames
    if family.kind == .lkjCholesky { positional = ["dimension", "concentration"] }
    let otherLabels = constructor.variants.compactMap(\.selector).filter { !positional.contains($0) }
    let p = try NamedArguments(name, args, positional: positional, labeled: otherLabels)
    func fail(_ message: String, _ kind: String = "ValueError") -> HostError { HostError("\(name): \(message)", kind: kind) }
    var dimension = 0
    if family.kind == .lkjCholesky {
      guard let d = p["dimension"] else { throw fail("needs 'dimension'; expected LKJCholesky(dimension: Int, concentration: Double = 1)", "TypeError") }
      let k: Int
      switch d {
      case .int(let i): k = i
      case .double(let x) where x == x.rounded() && Swift.abs(x) < 1e9: k = Int(x)
      default: throw fail("dimension must be an integer, not \(d.typeName)", "TypeError")
      }
      guard k >= 2 else { throw fail("dimension must be at least 2, got \(k)") }
      dimension = k
    }
    var values: [Value] = []
    for (i, pname) in family.parameterNames.enumerated() {
      var v = p[pname]
      if v == nil, let d = constructor.defaults[pname] { v = .double(d) }
      guard let v else {
        let spelled = constructor.variants.map { "\(name)(" + ($0.family.parameterNames.map { "\($0):" }.joined(separator: " ")) + ")" }
        throw fail("needs '\(pname)'; expected " + spelled.joined(separator: " or "), "TypeError")
      }
      let normalized: Value
      switch v {
      case .int(let k): normalized = .double(Double(k))
      case .double: normalized = v
      case .host(let h) where h is TracedHost: normalized = v
      default:
        guard let a = asArray(v), a.dtype != .bool else {
          throw fail("\(pname) must be a number or an array of numbers, not \(v.typeName)", "TypeError")
        }
        normalized = a.ndim == 0 ? .double(a.scalarDouble!) : .host(ArrayHost(a.converted(to: .double)))
      }
      let rank = family.parameterEventRanks[i]
      let s = parameterShape(normalized)
      if s.count < rank && !(pname == "loc") {
        throw fail("\(pname) must have at least \(rank) dimension\(rank == 1 ? "" : "s") (\(rank == 1 ? "a vector" : "a matrix")), got shape \(Graph.shapeText(s))", "ShapeError")
      }
      if rank == 2, s[s.count - 1] != s[s.count - 2] {
        throw fail("\(pname) must be square in its last two axes, got shape \(Graph.shapeText(s))", "ShapeError")
      }
      values.append(normalized)
    }
    // Shapes: batch axes broadcast; event axes must agree.
    let shapes = values.map(parameterShape)
    var batch: [Int] = []
    var event: [Int]
    switch family.kind {
    case .categoricalProbs, .categoricalLogits, .dirichlet:
      batch = Array(shapes[0].dropLast())
      event = family.kind == .dirichlet ? [shapes[0].last!] : []
    case .multivariateNormalScaleTril, .multivariateNormalCovariance, .multivariateNormalPrecision:
      let n = shapes[1].last!
      let loc = shapes[0]
      if let last = loc.last, last != n && last != 1 {
        throw fail("loc has \(last) entries on its last axis but \(family.parameterNames[1]) is \(n)×\(n)", "ShapeError")
      }
      do { batch = try Graph.broadcastShape(Array(loc.dropLast()), Array(shapes[1].dropLast(2))) } catch {
        throw fail("the batch shapes of loc \(Graph.shapeText(loc)) and \(family.parameterNames[1]) \(Graph.shapeText(shapes[1])) cannot be broadcast together", "ShapeError")
      }
      event = [n]
      // loc is stored with the event axis (a scalar or a size-1 axis broadcast to n).
      let concreteLoc: NDArray? = { if case .double(let x) = values[0] { return NDArray(scalar: x) }; return asArray(values[0]) }()
      if loc.last != n, !(values[0].isTraced), let a = concreteLoc {
        let target = Array(loc.dropLast()) + [n]
        values[0] = .host(ArrayHost(try NDArray(try broadcastDoubles([a], to: target).values[0], shape: target)))
      }
    case .lkjCholesky:
      batch = shapes[0]
      event = [dimension, dimension]
    }
    let d = DistributionHost(family: family, parameters: values, shape: batch + event, eventRank: event.count)
    try d.validateEvents()
    return d
  }

  /// Each parameter's Doubles with, per family batch index, the offset of its event.
  func eventParameters(batch: [Int]) throws -> [(values: [Double], offsets: [Int], size: Int)]? {
    guard let f = family as? EventFamily else { return nil }
    var out: [(values: [Double], offsets: [Int], size: Int)] = []
    let count = batch.reduce(1, *)
    for (k, v) in parameters.enumerated() {
      let a: NDArray
      switch v {
      case .double(let x): a = NDArray(scalar: x)
      case .host(let h):
        guard let arr = (h as? ArrayHost)?.array else { return nil }
        a = arr
      default: return nil
      }
      let rank = f.parameterEventRanks[k]
      let pBatch = Array(a.shape.dropLast(rank))
      let size = a.shape.suffix(rank).reduce(1, *)
      let map = pBatch.reduce(1, *) == count ? Array(0..<count) : (pBatch.reduce(1, *) == 1 ? Array(repeating: 0, count: count) : Graph.broadcastMap(pBatch, to: batch))
      out.append((a.doubles, map.map { $0 * size }, size))
    }
    return out
  }

  func validateEvents() throws {
    guard let f = family as? EventFamily else { return }
    let batch = familyBatchShape
    guard let params = try eventParameters(batch: batch) else { return }
    let count = batch.reduce(1, *)
    let n = eventDimension
    for b in 0..<count {
      let message: String? = withBuffers(params, b) { f.validate($0, dimension: n) }
      if let message {
        let at = batch.isEmpty ? "" : " (batch index \(b))"
        throw HostError("\(f.name): \(message)\(at)", kind: "ValueError")
      }
    }
  }

  /// Runs `body` with each parameter's event `b` as a buffer.
  func withBuffers<T>(_ params: [(values: [Double], offsets: [Int], size: Int)], _ b: Int, _ body: ([UnsafeBufferPointer<Double>]) -> T) -> T {
    func go(_ k: Int, _ acc: [UnsafeBufferPointer<Double>]) -> T {
      if k == params.count { return body(acc) }
      return params[k].values.withUnsafeBufferPointer { all in
        go(k + 1, acc + [UnsafeBufferPointer(rebasing: all[params[k].offsets[b]..<(params[k].offsets[b] + params[k].size)])])
      }
    }
    return go(0, [])
  }

  var eventSupport: Support? {
    guard let f = family as? EventFamily else { return nil }
    return f.support(familyEventShape, classes: eventDimension)
  }

  // MARK: Log densities

  /// The value (node) and parameter nodes of the fused op: x broadcast to the family
  /// batch it meets, loc broadcast to its event.
  func eventLogProbNode(_ ctx: TraceContext, _ x: Value, pointwise: Bool) throws -> NodeID {
    let f = family as! EventFamily
    let g = ctx.graph
    var xn = try ctx.requireNode(x, "the value of \(f.name).logProb")
    let xShape = g.shape(xn)
    let target = try eventTargetBatch(xShape)
    if Array(xShape.dropLast(f.valueEventRank)) != target {
      let full = target + familyEventShape
      xn = try traced { try g.binary(.add, xn, g.constant(Array(repeating: 0, count: full.reduce(1, *)), shape: full)) }
    }
    var inputs = [xn]
    for (k, v) in parameters.enumerated() {
      var node = try ctx.requireNode(v, "\(f.parameterNames[k]) of \(f.name)")
      if f.parameterNames[k] == "loc", g.shape(node).last != eventDimension {
        let s = g.shape(node)
        let full = Array(s.dropLast(s.isEmpty ? 0 : 1)) + [eventDimension]
        node = try traced { try g.binary(.add, node, g.constant(Array(repeating: 0, count: full.reduce(1, *)), shape: full)) }
      }
      inputs.append(node)
    }
    let op = try eventOp(inputs.map { g.shape($0) }, pointwise: pointwise)
    return try traced { try g.custom(op, inputs) }
  }

  /// The family batch a value of shape `xShape` is evaluated on; errors name the
  /// distribution and both shapes.
  func eventTargetBatch(_ xShape: [Int]) throws -> [Int] {
    let f = family as! EventFamily
    let what = "\(f.name).logProb: a value of shape \(Graph.shapeText(xShape)) does not fit the distribution's batch shape \(Graph.shapeText(familyBatchShape)) and event shape \(Graph.shapeText(familyEventShape))"
    guard xShape.count >= f.valueEventRank, Array(xShape.suffix(f.valueEventRank)) == familyEventShape else {
      throw HostError(what, kind: "ShapeError")
    }
    do { return try Graph.broadcastShape(Array(xShape.dropLast(f.valueEventRank)), familyBatchShape) } catch {
      throw HostError(what, kind: "ShapeError")
    }
  }

  func eventOp(_ shapes: [[Int]], pointwise: Bool) throws -> EventLogProbOp {
    let f = family as! EventFamily
    do { return try EventLogProbOp(f.kind, shapes, pointwise: pointwise) } catch let e as GraphError {
      throw HostError("\(f.name): \(e.message)", kind: e.kind)
    }
  }

  /// log p(x) on concrete arrays: the family batch of log densities, `toEvent` axes summed.
  func eventLogProb(_ x: NDArray) throws -> Value {
    let f = family as! EventFamily
    let target = try eventTargetBatch(x.shape)
    let full = target + familyEventShape
    let xs = try broadcastDoubles([x.converted(to: .double)], to: full).values[0]
    guard let params = try eventParameters(batch: target) else {
      throw HostError("\(f.name).logProb: the parameters are not arrays", kind: "TypeError")
    }
    var inputs: [[Double]] = [xs]
    var shapes: [[Int]] = [full]
    for (k, v) in parameters.enumerated() {
      inputs.append(params[k].values)
      shapes.append(DistributionHost.parameterShape(v))
    }
    let op = try eventOp(shapes, pointwise: true)
    var out = [Double](repeating: 0, count: max(target.reduce(1, *), 1))
    withPointers(inputs) { pointers, counts in
      out.withUnsafeMutableBufferPointer { op.forward(pointers, counts, $0.baseAddress!, $0.count) }
    }
    var result = try NDArray(out, shape: target)
    for _ in 0..<(eventRank - f.valueEventRank) { result = try arrays { try result.sum(axis: -1) } }
    return arrayValue(result)
  }

  /// Draws of shape sampleShape + shape.
  func eventSample(_ key: PRNGKey, sampleShape: [Int]) throws -> NDArray {
    let f = family as! EventFamily
    let batch = familyBatchShape
    guard let params = try eventParameters(batch: batch) else {
      throw HostError("\(f.name).sample: the parameters are traced values; sample with concrete parameters", kind: "TypeError")
    }
    let count = batch.reduce(1, *)
    let eventSize = max(familyEventShape.reduce(1, *), 1)
    let total = sampleShape.reduce(1, *) * count * eventSize
    guard total <= 200_000_000 else { throw HostError("\(f.name).sample: \(total) values are too many", kind: "MemoryError") }
    var stream = KeyStream(key)
    var out = [Double](repeating: 0, count: total)
    let n = eventDimension
    out.withUnsafeMutableBufferPointer { o in
      for j in 0..<(total / eventSize) {
        let b = j % max(count, 1)
        withBuffers(params, b) { p in
          f.sample(&stream, p, dimension: n, into: UnsafeMutableBufferPointer(rebasing: o[(j * eventSize)..<((j + 1) * eventSize)]))
        }
      }
    }
    return try NDArray(out, shape: sampleShape + shape)
  }

  /// `mean` / `variance` of an event distribution, shaped batch + event.
  func eventMoments(variance: Bool) throws -> Value? {
    let f = family as! EventFamily
    let batch = familyBatchShape
    guard let params = try eventParameters(batch: batch) else { return nil }
    var values: [Double] = []
    for b in 0..<batch.reduce(1, *) {
      guard let m = withBuffers(params, b, { f.moments($0, dimension: eventDimension, variance: variance) }) else {
        throw HostError("\(f.name) has no \(variance ? "variance" : "mean") in closed form (NumPyro defines none either)", kind: "ValueError")
      }
      values += m
    }
    let eventShape = f.isDiscrete ? [] : (f.kind == .lkjCholesky ? familyEventShape : [eventDimension])
    return arrayValue(try NDArray(values, shape: batch + eventShape))
  }

  var eventDescription: String {
    let f = family as! EventFamily
    var parts: [String] = []
    if f.kind == .lkjCholesky { parts.append("dimension: \(eventDimension)") }
    for (name, v) in zip(f.parameterNames, parameters) {
      switch v {
      case .double(let d): parts.append("\(name): \(d)")
      case .host(let h as TracedHost): parts.append("\(name): \(h.typeName)")
      case .host(let h as ArrayHost):
        let a = h.array
        parts.append("\(name): " + (a.size <= 9 && a.ndim <= 2 ? nestedText(a.doubles, a.shape) : "Double\(a.shape)"))
      default: parts.append("\(name): \(v.typeName)")
      }
    }
    return "\(f.name)(\(parts.joined(separator: ", "))) with batch shape \(Graph.shapeText(batchShape)) and event shape \(Graph.shapeText(eventShape))"
  }
}

/// Runs `body` with the arrays' base addresses and counts, as a custom op's kernel reads them.
func withPointers<T>(_ arrays: [[Double]], _ body: (UnsafePointer<UnsafePointer<Double>>, UnsafePointer<Int>) -> T) -> T {
  func go(_ k: Int, _ acc: [UnsafePointer<Double>]) -> T {
    if k == arrays.count {
      let counts = arrays.map(\.count)
      return acc.withUnsafeBufferPointer { p in counts.withUnsafeBufferPointer { c in body(p.baseAddress!, c.baseAddress!) } }
    }
    return arrays[k].withUnsafeBufferPointer { go(k + 1, acc + [$0.baseAddress ?? UnsafePointer(bitPattern: 8)!]) }
  }
  return go(0, [])
}

/// [1.0, 2.0] or [[1.0, 0.0], [0.5, 1.0]] for a vector or matrix of Doubles.
func nestedText(_ values: [Double], _ shape: [Int]) -> String {
  guard shape.count == 2 else { return "[" + values.map { "\($0)" }.joined(separator: ", ") + "]" }
  let cols = max(shape[1], 1)
  return "[" + stride(from: 0, to: values.count, by: cols).map { nestedText(Array(values[$0..<($0 + cols)]), [cols]) }.joined(separator: ", ") + "]"
}

extension Value {
  var isTraced: Bool { if case .host(let h) = self { return h is TracedHost }; return false }
}
