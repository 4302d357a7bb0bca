import Autodiff
import Foundation
@testable import Probability
import Testing

/// The fused log-density tape operation against the family's own `logProb` (value) and
/// central finite differences (gradient), for several broadcast layouts.
@Suite("Fused log-density tape operations")
struct FusedLogProbOpTests {
  struct Case: CustomStringConvertible, Sendable {
    let shapes: [[Int]]
    let pointwise: Bool
    var description: String { "\(shapes)\(pointwise ? " pointwise" : "")" }
  }

  static let layouts: [Case] = [
    Case(shapes: [[6], [], [], []], pointwise: false),
    Case(shapes: [[6], [6], [], []], pointwise: false),
    Case(shapes: [[], [6], [6], [6]], pointwise: false),
    Case(shapes: [[2, 3], [3], [2, 1], []], pointwise: false),
    Case(shapes: [[6], [6], [6], [6]], pointwise: true),
  ]

  func check<F: ElementwiseFamily>(_ family: F.Type, _ c: Case, point: (Int, Int) -> Double, differentiateX: Bool = true) throws {
    let shapes = Array(c.shapes.prefix(1 + F.parameterNames.count))
    let g = Graph()
    let nodes = shapes.map { g.parameter(shape: $0) }
    let op = try ElementwiseLogProbOp<F>(shapes, pointwise: c.pointwise)
    let y = try g.custom(op, nodes)
    let weights = g.constant((0..<g.count(y)).map { 1 + 0.1 * Double($0) }, shape: g.shape(y))
    let root = try g.sum(try g.binary(.multiply, y, weights))
    let tape = try Tape(graph: g, outputs: [], gradientOf: root)
    var q: [Double] = []
    for (k, s) in shapes.enumerated() { for i in 0..<s.reduce(1, *) { q.append(point(k, i)) } }
    let (value, grad) = tape.valueAndGradient(q)
    // Direct evaluation with explicit broadcasting.
    var out: [Int] = []
    for s in shapes { out = try Graph.broadcastShape(out, s) }
    let maps = shapes.map { Graph.broadcastMap($0, to: out) }
    var offsets: [Int] = [0]
    for s in shapes.dropLast() { offsets.append(offsets.last! + s.reduce(1, *)) }
    var direct = 0.0
    for i in 0..<out.reduce(1, *) {
      func v(_ k: Int) -> Double { k < shapes.count ? q[offsets[k] + maps[k][i]] : 0 }
      direct += (c.pointwise ? 1 + 0.1 * Double(i) : 1) * F.logProb(v(0), v(1), v(2), v(3))
    }
    #expect(abs(value - direct) <= 1e-12 * max(1, abs(direct)), "\(F.name) \(c): tape \(value) vs direct \(direct)")
    for i in q.indices where differentiateX || i >= shapes[0].reduce(1, *) {
      let h = 1e-6 * max(1, abs(q[i]))
      var up = q, down = q
      up[i] += h
      down[i] -= h
      let fd = (tape.valueAndGradient(up).value - tape.valueAndGradient(down).value) / (2 * h)
      #expect(abs(fd - grad[i]) <= 1e-5 * max(1, abs(fd)), "\(F.name) \(c) ∂/∂q[\(i)]: tape \(grad[i]) vs finite difference \(fd)")
    }
  }

  @Test("families and layouts", arguments: layouts)
  func families(_ c: Case) throws {
    try check(Normal.self, c) { k, i in k == 0 ? 0.3 * Double(i) - 0.5 : (k == 1 ? 0.1 * Double(i) : 0.8 + 0.1 * Double(i)) }
    try check(StudentT.self, c) { k, i in k == 0 ? 0.4 * Double(i) - 1 : (k == 1 ? 3 + Double(i) : 0.5 + 0.1 * Double(i)) }
    try check(Gamma.self, c) { k, i in k == 0 ? 0.5 + 0.3 * Double(i) : 1.5 + 0.2 * Double(i) }
    try check(Poisson.self, c, point: { k, i in k == 0 ? Double(i % 4) : 2 + 0.3 * Double(i) }, differentiateX: false)
    try check(BernoulliLogits.self, c, point: { k, i in k == 0 ? Double(i % 2) : 0.3 * Double(i) - 0.7 }, differentiateX: false)
    try check(HalfCauchy.self, c) { k, i in k == 0 ? 0.2 + 0.5 * Double(i) : 2 + 0.1 * Double(i) }
  }
}

/// The normal likelihood fused with its linear predictor against the same density
/// built op by op (the predictor as an array, then `ElementwiseLogProbOp<Normal>`):
/// values and gradients agree, and the gradient equals finite differences.
@Suite("Normal likelihood fused with a linear predictor")
struct NormalLinearLogProbOpTests {
  struct Case: CustomStringConvertible, Sendable {
    let name: String
    /// Parameter shapes; the last is the scale (a scalar).
    let shapes: [[Int]]
    /// Builds (x, loc) from the parameters (the scale is the last parameter).
    let build: @Sendable (Graph, [NodeID]) throws -> (x: NodeID, loc: NodeID)
    var description: String { name }
  }

  static let groups = [0, 1, 1, 2, 0, 2, 2, 1, 0, 0]
  static let data = (0..<10).map { 0.4 * Double($0) - 1.3 }
  static let observed = (0..<10).map { sin(Double($0)) + 0.2 * Double($0) }

  static let cases: [Case] = [
    Case(name: "a[g] + b[g]·x, observed", shapes: [[3], [3], []]) { g, p in
      let loc = try g.binary(.add, try g.gather(p[0], groups), try g.binary(.multiply, try g.gather(p[1], groups), g.constant(data, shape: [10])))
      return (g.constant(observed, shape: [10]), loc)
    },
    Case(name: "alpha + beta·x with a latent value", shapes: [[10], [], [], []]) { g, p in
      let loc = try g.binary(.add, p[1], try g.binary(.multiply, g.constant(data, shape: [10]), p[2]))
      return (p[0], loc)
    },
    Case(name: "mu + tau·eta − c[g] + 2, three terms and a constant", shapes: [[], [], [10], [3], []]) { g, p in
      let t = try g.binary(.add, p[0], try g.binary(.multiply, p[1], p[2]))
      let loc = try g.binary(.add, try g.binary(.subtract, t, try g.gather(p[3], groups)), g.scalar(2))
      return (g.constant(observed, shape: [10]), loc)
    },
    Case(name: "a scalar value, a dense predictor times a variable vector", shapes: [[], [10], [10], []]) { g, p in
      let loc = try g.unary(.negate, try g.binary(.multiply, p[1], p[2]))
      let shifted = try g.binary(.add, loc, g.constant(data, shape: [10]))
      return (p[0], shifted)
    },
  ]

  @Test("fused and op-by-op agree; gradients equal finite differences", arguments: cases)
  func agrees(_ c: Case) throws {
    var q: [Double] = []
    for (k, s) in c.shapes.enumerated() {
      for i in 0..<s.reduce(1, *) { q.append(k == c.shapes.count - 1 ? 0.7 : 0.3 * sin(Double(7 * k + i))) }
    }
    func tape(fused: Bool) throws -> Tape {
      let g = Graph()
      let p = c.shapes.map { g.parameter(shape: $0) }
      let (x, loc) = try c.build(g, p)
      let scale = p.last!
      let made = LinearPredictorLogProbOp<Normal>.make(g, x: x, parameters: [loc, scale], slot: 0, shape: [10])
      #expect(made != nil, "\(c.name): not fused")
      let y: NodeID
      if fused, let (op, inputs) = made {
        y = try g.custom(op, inputs)
      } else {
        let xb = g.count(x) == 1 ? try g.binary(.add, x, g.constant(Array(repeating: 0, count: 10), shape: [10])) : x
        y = try g.custom(try ElementwiseLogProbOp<Normal>([[10], g.shape(loc), []]), [xb, loc, scale])
      }
      let root = try g.binary(.multiply, y, g.scalar(-1.5))
      return try Tape(graph: g, outputs: [], gradientOf: root)
    }
    let fused = try tape(fused: true), plain = try tape(fused: false)
    let a = fused.valueAndGradient(q), b = plain.valueAndGradient(q)
    #expect(abs(a.value - b.value) <= 1e-12 * abs(b.value), "\(c.name): fused \(a.value) vs op by op \(b.value)")
    let ws = fused.makeWorkspace()
    for i in q.indices {
      #expect(abs(a.gradient[i] - b.gradient[i]) <= 1e-11 * max(1, abs(b.gradient[i])), "\(c.name) ∂[\(i)]: fused \(a.gradient[i]) vs \(b.gradient[i])")
      let h = 1e-6 * max(1, abs(q[i]))
      var up = q, down = q
      up[i] += h
      down[i] -= h
      let fd = (fused.valueAndGradient(up, workspace: ws).value - fused.valueAndGradient(down, workspace: ws).value) / (2 * h)
      #expect(abs(fd - a.gradient[i]) <= 1e-6 * max(1, abs(fd)), "\(c.name) ∂[\(i)]: fused \(a.gradient[i]) vs finite difference \(fd)")
    }
    // Re-evaluation in a reused workspace is identical (the scratch is reset).
    let again = fused.valueAndGradient(q, workspace: ws)
    #expect(again.value == a.value && again.gradient == a.gradient)
  }

  @Test("data sorted by group: u and its partial kept along each run of equal indices")
  func runs() throws {
    // 20 observations in runs of 7, 6 and 7 (and one repeated run later), as data
    // sorted by group are.
    let sorted = Array(repeating: 0, count: 7) + Array(repeating: 1, count: 6) + Array(repeating: 2, count: 4) + Array(repeating: 0, count: 3)
    let x = (0..<20).map { 0.2 * Double($0) - 2 }, y = (0..<20).map { cos(Double($0)) + 0.1 * Double($0) }
    let q = [0.3, -0.2, 0.5, 0.1, 0.4, -0.3, 0.9]
    func tape(fused: Bool) throws -> Tape {
      let g = Graph()
      let a = g.parameter(shape: [3]), b = g.parameter(shape: [3]), s = g.parameter(shape: [])
      let loc = try g.binary(.add, try g.gather(a, sorted), try g.binary(.multiply, try g.gather(b, sorted), g.constant(x, shape: [20])))
      let obs = g.constant(y, shape: [20])
      let node: NodeID
      if fused {
        let made = LinearPredictorLogProbOp<Normal>.make(g, x: obs, parameters: [loc, s], slot: 0, shape: [20])
        #expect(made.map { $0.0.predictor.terms.allSatisfy(\.runs) } == true)
        node = try g.custom(made!.0, made!.1)
      } else {
        node = try g.custom(try ElementwiseLogProbOp<Normal>([[20], [20], []]), [obs, loc, s])
      }
      return try Tape(graph: g, outputs: [], gradientOf: node)
    }
    let r = try tape(fused: true).valueAndGradient(q), e = try tape(fused: false).valueAndGradient(q)
    #expect(abs(r.value - e.value) <= 1e-12 * abs(e.value))
    for i in q.indices { #expect(abs(r.gradient[i] - e.gradient[i]) <= 1e-11 * max(1, abs(e.gradient[i])), "∂[\(i)]: \(r.gradient[i]) vs \(e.gradient[i])") }
  }

  @Test("a predictor it cannot read stays op by op")
  func declines() throws {
    let g = Graph()
    let a = g.parameter(shape: [3]), b = g.parameter(shape: [3]), s = g.parameter(shape: [])
    let y = g.constant(Self.observed, shape: [10])
    // A product of two gathers: no factor is read in place.
    let loc = try g.binary(.multiply, try g.gather(a, Self.groups), try g.gather(b, Self.groups))
    #expect(LinearPredictorLogProbOp<Normal>.make(g, x: y, parameters: [loc, s], slot: 0, shape: [10]) == nil)
    // A plain vector: nothing to fuse.
    let v = g.parameter(shape: [10])
    #expect(LinearPredictorLogProbOp<Normal>.make(g, x: y, parameters: [v, s], slot: 0, shape: [10]) == nil)
    // A vector of scales.
    let loc2 = try g.binary(.add, try g.gather(a, Self.groups), v)
    #expect(LinearPredictorLogProbOp<Normal>.make(g, x: y, parameters: [loc2, v], slot: 0, shape: [10]) == nil)
  }
}

/// The same fusion for the other families of generalized linear models: the predictor
/// in its slot, the other parameters single numbers (variables), against the family's
/// op-by-op log density and finite differences.
@Suite("Other likelihoods fused with a linear predictor")
struct LinearPredictorFamilyTests {
  static let groups = [0, 1, 1, 2, 0, 2, 2, 1, 0, 0]
  static let covariate = (0..<10).map { 0.3 * Double($0) - 1.2 }

  func check<F: ElementwiseFamily>(_: F.Type, slot: Int, others: [Double], x: [Double], sourceLocation: SourceLocation = #_sourceLocation) throws {
    // Parameters: a (3), b (3), then one per other family parameter.
    let q = [0.2, -0.4, 0.5, 0.3, -0.1, 0.25] + others
    func tape(fused: Bool) throws -> Tape {
      let g = Graph()
      let a = g.parameter(shape: [3]), b = g.parameter(shape: [3])
      let rest = others.map { _ in g.parameter(shape: []) }
      let eta = try g.binary(.add, try g.gather(a, Self.groups), try g.binary(.multiply, try g.gather(b, Self.groups), g.constant(Self.covariate, shape: [10])))
      var params = rest
      params.insert(eta, at: slot)
      let xs = g.constant(x, shape: [10])
      let y: NodeID
      if fused {
        let made = LinearPredictorLogProbOp<F>.make(g, x: xs, parameters: params, slot: slot, shape: [10])
        #expect(made != nil, "\(F.name): not fused", sourceLocation: sourceLocation)
        guard let (op, inputs) = made else { throw GraphError("not fused") }
        y = try g.custom(op, inputs)
      } else {
        y = try g.custom(try ElementwiseLogProbOp<F>([[10]] + params.map { g.shape($0) }), [xs] + params)
      }
      return try Tape(graph: g, outputs: [], gradientOf: try g.binary(.multiply, y, g.scalar(0.75)))
    }
    let fused = try tape(fused: true), plain = try tape(fused: false)
    let r = fused.valueAndGradient(q), e = plain.valueAndGradient(q)
    #expect(abs(r.value - e.value) <= 1e-12 * max(1, abs(e.value)), "\(F.name): fused \(r.value) vs \(e.value)", sourceLocation: sourceLocation)
    for i in q.indices {
      #expect(abs(r.gradient[i] - e.gradient[i]) <= 1e-11 * max(1, abs(e.gradient[i])), "\(F.name) ∂[\(i)]: \(r.gradient[i]) vs \(e.gradient[i])",
              sourceLocation: sourceLocation)
      let h = 1e-6 * max(1, abs(q[i]))
      var up = q, down = q
      up[i] += h
      down[i] -= h
      let fd = (fused.valueAndGradient(up).value - fused.valueAndGradient(down).value) / (2 * h)
      #expect(abs(fd - r.gradient[i]) <= 1e-6 * max(1, abs(fd)), "\(F.name) ∂[\(i)]: \(r.gradient[i]) vs finite difference \(fd)",
              sourceLocation: sourceLocation)
    }
  }

  @Test("Student's t, Cauchy, Laplace, logistic and Bernoulli(logits:) likelihoods")
  func families() throws {
    let y = (0..<10).map { sin(Double($0)) }
    try check(StudentT.self, slot: 1, others: [4.5, 0.8], x: y)
    try check(Cauchy.self, slot: 0, others: [0.6], x: y)
    try check(Laplace.self, slot: 0, others: [0.9], x: y)
    try check(Logistic.self, slot: 0, others: [0.7], x: y)
    try check(BernoulliLogits.self, slot: 0, others: [], x: [1, 0, 0, 1, 1, 0, 1, 1, 0, 1])
  }
}
