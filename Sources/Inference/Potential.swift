/// The seam between a model and the samplers: the potential energy U(q) = −log p(q)
/// (up to a constant) of a density on the unconstrained space ℝⁿ, with its gradient.
///
/// One evaluator belongs to one chain: it may keep a private workspace (a tape, scratch
/// buffers) and is called from one thread at a time, but the evaluators of different
/// chains run concurrently on different threads.
///
/// - `q` holds `dimension` coordinates; write ∂U/∂q into `gradient` (same length).
/// - Return U(q). Return `+.infinity` or `.nan` where the density is zero or undefined
///   (out of support, overflow): the sampler treats such a point as divergent — a NUTS
///   trajectory stops there, a static HMC proposal is rejected, an initial point is
///   redrawn. The gradient is not read when the potential is not finite; a non-finite
///   gradient with a finite potential also ends the trajectory (the energy becomes NaN).
/// - Do not throw or trap: the hot loop calls this a few million times per run.
public protocol PotentialEvaluator: AnyObject {
  func potentialAndGradient(_ q: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double
}

/// A model the samplers can run: its unconstrained dimension and a factory of
/// per-chain evaluators.
///
/// `makeEvaluator()` is called on the thread that calls `runChains`, once per chain,
/// before any chain starts; each evaluator is then used by a single worker thread.
public protocol PotentialModel: AnyObject, Sendable {
  /// The number of unconstrained coordinates (n ≥ 1).
  var dimension: Int { get }
  /// A fresh evaluator owning its own workspace.
  func makeEvaluator() -> any PotentialEvaluator
}

/// A model from a closure, for tests and small hand-written potentials: each evaluator
/// calls the same thread-safe closure.
public final class ClosurePotential: PotentialModel, @unchecked Sendable {
  public typealias Function = @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double
  public let dimension: Int
  let function: Function

  /// - Parameters:
  ///   - dimension: the number of unconstrained coordinates.
  ///   - function: returns U(q) and writes ∂U/∂q; must be safe to call concurrently.
  public init(dimension: Int, _ function: @escaping Function) {
    self.dimension = dimension
    self.function = function
  }

  final class Evaluator: PotentialEvaluator {
    let function: Function
    init(_ function: @escaping Function) { self.function = function }
    func potentialAndGradient(_ q: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double {
      function(q, gradient)
    }
  }

  public func makeEvaluator() -> any PotentialEvaluator { Evaluator(function) }
}
