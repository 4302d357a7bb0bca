import Autodiff
import Foundation
@testable import Probability
import Testing

/// The event families' fused tape operation against their own kernels (value) and
/// central finite differences (gradient), with broadcast batches, shared and per-event
/// matrices, and the pointwise output.
@Suite("Event log-density tape operation")
struct EventLogProbOpTests {
  struct Case: CustomStringConvertible, Sendable {
    let kind: EventFamilyKind
    let shapes: [[Int]]
    let values: [[Double]]
    /// Inputs whose gradient is checked (values on a constrained set are not).
    let differentiate: [Bool]
    let pointwise: Bool
    var description: String { "\(kind.rawValue) \(shapes)\(pointwise ? " pointwise" : "")" }
  }

  static let l2 = [1.2, 0.0, 0.4, 0.9]
  static let sigma2 = [1.5, 0.3, 0.3, 0.8]
  static let precision2 = [0.9, -0.2, -0.2, 1.4]
  static let corr3 = [1.0, 0, 0, 0.6, 0.8, 0, -0.3, 0.4, 0.8660254037844386]

  static let cases: [Case] = [
    Case(kind: .categoricalProbs, shapes: [[3, 2], [2, 3]], values: [[0, 2, 1, 1, 2, 0], [0.2, 0.5, 0.3, 0.6, 0.1, 0.3]],
         differentiate: [false, true], pointwise: false),
    Case(kind: .categoricalLogits, shapes: [[5], [4]], values: [[0, 3, 2, 1, 3], [0.3, -1.2, 2.0, 0.0]],
         differentiate: [false, true], pointwise: true),
    Case(kind: .categoricalLogits, shapes: [[3, 2], [2, 4]], values: [[0, 3, 2, 1, 3, 3], [0.3, -1.2, 2.0, 0.0, 1, 1, -1, 0.5]],
         differentiate: [false, true], pointwise: false),
    Case(kind: .dirichlet, shapes: [[2, 3], [3]], values: [[0.2, 0.3, 0.5, 0.6, 0.3, 0.1], [0.7, 2.5, 1.3]],
         differentiate: [false, true], pointwise: true),
    Case(kind: .multivariateNormalScaleTril, shapes: [[3, 2], [2], [2, 2]], values: [[0.5, -1, 1.5, 0.2, -0.3, 0.8], [0.1, -0.2], l2],
         differentiate: [true, true, true], pointwise: false),
    Case(kind: .multivariateNormalScaleTril, shapes: [[2, 2], [2], [2, 2, 2]],
         values: [[0.5, -1, 1.5, 0.2], [0.1, -0.2], l2 + [0.7, 0, -0.2, 1.1]], differentiate: [true, true, true], pointwise: true),
    Case(kind: .multivariateNormalCovariance, shapes: [[3, 2], [3, 2], [2, 2]],
         values: [[0.5, -1, 1.5, 0.2, -0.3, 0.8], [0.1, -0.2, 0, 0.3, 0.2, 0.2], sigma2], differentiate: [true, true, true], pointwise: false),
    Case(kind: .multivariateNormalCovariance, shapes: [[3, 2, 2], [2], [2, 2, 2]],
         values: [[0.5, -1, 1.5, 0.2, -0.3, 0.8, 0, 0.1, 1, 1, -1, 0.4], [0.1, -0.2], sigma2 + [0.6, -0.1, -0.1, 2.0]],
         differentiate: [true, true, true], pointwise: true),
    Case(kind: .multivariateNormalPrecision, shapes: [[3, 2], [2], [2, 2]], values: [[0.5, -1, 1.5, 0.2, -0.3, 0.8], [0.1, -0.2], precision2],
         differentiate: [true, true, true], pointwise: false),
    Case(kind: .lkjCholesky, shapes: [[3, 3], [2]], values: [corr3, [0.7, 2.0]], differentiate: [false, true], pointwise: true),
  ]

  /// log p of one event by the family's own kernel.
  static func kernel(_ kind: EventFamilyKind, _ e: [[Double]], dimension n: Int) -> Double {
    func b(_ a: [Double], _ body: (UnsafeBufferPointer<Double>) -> Double) -> Double { a.withUnsafeBufferPointer(body) }
    switch kind {
    case .categoricalProbs: return b(e[1]) { Categorical.logProb(e[0][0], probs: $0) }
    case .categoricalLogits: return b(e[1]) { Categorical.logProb(e[0][0], logits: $0) }
    case .dirichlet: return b(e[0]) { x in b(e[1]) { Dirichlet.logProb(x, concentration: $0) } }
    case .multivariateNormalScaleTril:
      return b(e[0]) { x in b(e[1]) { m in b(e[2]) { MultivariateNormal.logProb(x, loc: m, scaleTril: $0) } } }
    case .multivariateNormalCovariance:
      return b(e[0]) { x in b(e[1]) { m in b(e[2]) { MultivariateNormal.logProb(x, loc: m, covarianceMatrix: $0) } } }
    case .multivariateNormalPrecision:
      return b(e[0]) { x in b(e[1]) { m in b(e[2]) { MultivariateNormal.logProb(x, loc: m, precisionMatrix: $0) } } }
    case .lkjCholesky: return b(e[0]) { LKJCholesky.logProb($0, dimension: n, concentration: e[1][0]) }
    }
  }

  @Test(arguments: cases)
  func valueAndGradient(_ c: Case) throws {
    let g = Graph()
    let nodes = c.shapes.map { g.parameter(shape: $0) }
    let op = try EventLogProbOp(c.kind, c.shapes, pointwise: c.pointwise)
    let y = try g.custom(op, nodes)
    let weights = g.constant((0..<g.count(y)).map { 1 + 0.1 * Double($0) }, shape: g.shape(y))
    let root = try g.sum(try g.binary(.multiply, y, weights))
    let tape = try Tape(graph: g, outputs: [], gradientOf: root)
    let q = c.values.flatMap { $0 }
    let (value, grad) = tape.valueAndGradient(q)
    // Direct: each event of the broadcast batch through the family's kernel.
    let ranks = c.kind.inputEventRanks
    let batches = zip(c.shapes, ranks).map { Array($0.dropLast($1)) }
    var batch: [Int] = []
    for s in batches { batch = try Graph.broadcastShape(batch, s) }
    let maps = batches.map { Graph.broadcastMap($0, to: batch) }
    let sizes = zip(c.shapes, ranks).map { $0.suffix($1).reduce(1, *) }
    let n = c.kind == .lkjCholesky ? c.shapes[0].last! : 0
    var direct = 0.0
    for b in 0..<batch.reduce(1, *) {
      let events = c.values.indices.map { k in Array(c.values[k][(maps[k][b] * sizes[k])..<((maps[k][b] + 1) * sizes[k])]) }
      direct += (c.pointwise ? 1 + 0.1 * Double(b) : 1) * Self.kernel(c.kind, events, dimension: n)
    }
    #expect(value.isFinite && abs(value - direct) <= 1e-12 * max(1, abs(direct)), "\(c): tape \(value) vs kernels \(direct)")
    var offset = 0
    for (k, v) in c.values.enumerated() {
      defer { offset += v.count }
      guard c.differentiate[k] else { continue }
      for i in offset..<(offset + v.count) {
        let h = 1e-6 * max(1, abs(q[i]))
        var up = q, down = q
        up[i] += h
        down[i] -= h
        let fd = (tape.valueAndGradient(up).value - tape.valueAndGradient(down).value) / (2 * h)
        #expect(abs(fd - grad[i]) <= 1e-6 * max(1, abs(fd)), "\(c) ∂/∂q[\(i)]: tape \(grad[i]) vs finite difference \(fd)")
      }
    }
  }

  @Test func shapesThatDoNotFitAreGraphErrors() {
    #expect(throws: GraphError.self) { try EventLogProbOp(.dirichlet, [[3], [4]]) }
    #expect(throws: GraphError.self) { try EventLogProbOp(.multivariateNormalScaleTril, [[2], [3], [2, 2]]) }
    #expect(throws: GraphError.self) { try EventLogProbOp(.categoricalProbs, [[3], [2, 3]]) }
    #expect(throws: GraphError.self) { try EventLogProbOp(.lkjCholesky, [[3, 2], []]) }
  }
}
