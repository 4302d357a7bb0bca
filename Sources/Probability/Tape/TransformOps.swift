import Autodiff
import Foundation

/// Bijectors on the tape: the constrained value of an unconstrained node and the summed
/// log|det J| of the map (the Jacobian term of the potential).
///
/// Scalar bijectors are written with the tape's own elementwise operations (so they
/// fold, share and differentiate like any other node):
///
///     exp:              x = eᵘ,                 log|J| = Σ u
///     sigmoid:          x = σ(u),               log|J| = Σ log σ(u) + log σ(−u)
///     interval(l, h):   x = l + (h − l) σ(u),   log|J| = Σ log σ(u) + log σ(−u) + log(h − l)
///     greaterThan(l):   x = l + eᵘ,             log|J| = Σ u
///
/// Event bijectors (simplex, ordered, Cholesky factors) run the `Bijector`'s own
/// buffer kernels and VJPs as two custom operations.
public enum TapeTransforms {
  /// - Parameters:
  ///   - u: the unconstrained node, shaped batch + [unconstrainedEventSize] for event
  ///     bijectors (batch + [] for scalar ones).
  ///   - batchShape: the batch shape (the value's shape minus the event shape).
  public static func apply(_ bijector: Bijector, _ u: NodeID, batchShape: [Int], in g: Graph) throws -> (value: NodeID, logDet: NodeID) {
    let n = Double(g.count(u))
    switch bijector {
    case .identity:
      return (u, g.scalar(0))
    case .exp:
      return (g.unary(.exp, u), try g.sum(u))
    case .greaterThan(let low):
      return (try g.binary(.add, g.unary(.exp, u), g.scalar(low)), try g.sum(u))
    case .sigmoid, .interval:
      let (low, high): (Double, Double)
      if case .interval(let l, let h) = bijector { (low, high) = (l, h) } else { (low, high) = (0, 1) }
      let s = g.unary(.sigmoid, u)
      let x = try g.binary(.add, try g.binary(.multiply, s, g.scalar(high - low)), g.scalar(low))
      let terms = try g.binary(.add, g.unary(.logSigmoid, u), g.unary(.logSigmoid, g.unary(.negate, u)))
      let logDet = try g.binary(.add, try g.sum(terms), g.scalar(n * _log(high - low)))
      return (x, logDet)
    default:
      let value = try g.custom(EventBijectorOp(bijector, batchShape: batchShape, output: .value), [u])
      let logDet = try g.custom(EventBijectorOp(bijector, batchShape: batchShape, output: .logDet), [u])
      return (value, logDet)
    }
  }
}

private func _log(_ x: Double) -> Double { x == 1 ? 0 : Foundation.log(x) }

/// One output of an event bijector (the constrained value or Σ log|det J|), with the
/// bijector's VJP as its backward kernel.
final class EventBijectorOp: CustomOperation {
  enum Output { case value, logDet }
  let bijector: Bijector
  let batchShape: [Int]
  let output: Output
  let key: String

  init(_ bijector: Bijector, batchShape: [Int], output: Output) {
    self.bijector = bijector
    self.batchShape = batchShape
    self.output = output
    key = "\(bijector).\(output)\(batchShape)"
  }

  var events: Int { batchShape.reduce(1, *) }

  func outputShape(_ inputShapes: [[Int]]) throws -> [Int] {
    let expected = events * bijector.unconstrainedEventSize
    guard inputShapes.count == 1, inputShapes[0].reduce(1, *) == expected else {
      throw GraphError("\(bijector) expects \(expected) unconstrained values")
    }
    return output == .value ? batchShape + bijector.constrainedEventShape : []
  }

  func forward(_ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Double>, _ outputCount: Int) {
    let u = UnsafeBufferPointer(start: inputs[0], count: counts[0])
    let m = events * bijector.constrainedEventSize
    if output == .value {
      _ = bijector.forward(u, UnsafeMutableBufferPointer(start: out, count: m))
    } else {
      withUnsafeTemporaryAllocation(of: Double.self, capacity: max(m, 1)) { x in
        out[0] = bijector.forward(u, UnsafeMutableBufferPointer(start: x.baseAddress!, count: m))
      }
    }
  }

  func backward(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>,
    _ out: UnsafePointer<Double>, _ outputAdjoint: UnsafePointer<Double>, _ outputCount: Int,
    _ inputAdjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>
  ) {
    guard modes[0] != .none else { return }
    if modes[0] == .assign { inputAdjoints[0].update(repeating: 0, count: counts[0]) }
    let u = UnsafeBufferPointer(start: inputs[0], count: counts[0])
    let gradient = UnsafeMutableBufferPointer(start: inputAdjoints[0], count: counts[0])
    let m = events * bijector.constrainedEventSize
    if output == .value {
      bijector.forwardVJP(u, upstreamValue: UnsafeBufferPointer(start: outputAdjoint, count: m), upstreamLogDet: 0, gradient: gradient)
    } else {
      withUnsafeTemporaryAllocation(of: Double.self, capacity: max(m, 1)) { zeros in
        zeros.initialize(repeating: 0)
        bijector.forwardVJP(u, upstreamValue: UnsafeBufferPointer(start: zeros.baseAddress!, count: m), upstreamLogDet: outputAdjoint[0], gradient: gradient)
      }
    }
  }
}
