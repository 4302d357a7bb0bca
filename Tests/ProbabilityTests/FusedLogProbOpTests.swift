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
