/// The set of values a distribution puts mass on (NumPyro's `support` constraints).
///
/// Scalar supports answer `contains(_:)`; event supports (simplex, Cholesky factors,
/// vectors, matrices) are checked by the event families themselves. Every continuous
/// support knows its bijector from unconstrained space (NumPyro `biject_to`), see
/// `bijector(lastDimension:)`.
public enum Support: Sendable, Equatable, CustomStringConvertible {
  /// All finite reals (NumPyro `real`).
  case real
  /// x > 0 (NumPyro `positive`).
  case positive
  /// x ≥ 0 (NumPyro `nonnegative`).
  case nonnegative
  /// 0 ≤ x ≤ 1 (NumPyro `unit_interval`).
  case unitInterval
  /// low ≤ x ≤ high (NumPyro `interval`).
  case interval(low: Double, high: Double)
  /// x > low (NumPyro `greater_than`).
  case greaterThan(Double)
  /// 0, 1, 2, … (NumPyro `nonnegative_integer`).
  case nonnegativeInteger
  /// 0 or 1 (NumPyro `boolean`).
  case boolean
  /// low, low + 1, …, high (NumPyro `integer_interval`).
  case integerInterval(low: Int, high: Int)
  /// Vectors with nonnegative entries summing to 1, on the last axis (NumPyro `simplex`).
  case simplex
  /// Strictly increasing vectors on the last axis (NumPyro `ordered_vector`).
  case orderedVector
  /// Lower-triangular matrices with positive diagonal (NumPyro `lower_cholesky`).
  case lowerCholesky
  /// Cholesky factors of correlation matrices: lower triangular, positive diagonal,
  /// rows of unit norm (NumPyro `corr_cholesky`).
  case correlationCholesky
  /// Real vectors on the last axis (NumPyro `real_vector`).
  case realVector
  /// Symmetric positive-definite matrices (NumPyro `positive_definite`).
  case positiveDefinite

  /// Whether the support is a set of integers.
  public var isDiscrete: Bool {
    switch self {
    case .nonnegativeInteger, .boolean, .integerInterval: return true
    default: return false
    }
  }

  /// The number of trailing axes one value occupies: 0 for scalars, 1 for vectors,
  /// 2 for matrices.
  public var eventRank: Int {
    switch self {
    case .simplex, .orderedVector, .realVector: return 1
    case .lowerCholesky, .correlationCholesky, .positiveDefinite: return 2
    default: return 0
    }
  }

  /// Whether a scalar lies in a scalar support (always false for event supports).
  @inlinable
  public func contains(_ x: Double) -> Bool {
    switch self {
    case .real: return x.isFinite
    case .positive: return x > 0 && x < .infinity
    case .nonnegative: return x >= 0 && x < .infinity
    case .unitInterval: return x >= 0 && x <= 1
    case .interval(let low, let high): return x >= low && x <= high
    case .greaterThan(let low): return x > low && x < .infinity
    case .nonnegativeInteger: return x >= 0 && x < .infinity && x == x.rounded()
    case .boolean: return x == 0 || x == 1
    case .integerInterval(let low, let high):
      return x >= Double(low) && x <= Double(high) && x == x.rounded()
    default: return false
    }
  }

  /// The bijector from unconstrained reals onto this support (NumPyro `biject_to`), or
  /// nil for discrete supports and positive-definite matrices. `lastDimension` is the
  /// size of the constrained event's last axis (K for a simplex, n for an n×n factor)
  /// and is ignored for scalar supports.
  public func bijector(lastDimension: Int = 0) -> Bijector? {
    switch self {
    case .real, .realVector: return .identity
    case .positive, .nonnegative: return .exp
    case .unitInterval: return .sigmoid
    case .interval(let low, let high): return .interval(low: low, high: high)
    case .greaterThan(let low): return .greaterThan(low)
    case .simplex: return .stickBreaking(dimension: lastDimension)
    case .orderedVector: return .ordered(dimension: lastDimension)
    case .lowerCholesky: return .lowerCholesky(dimension: lastDimension)
    case .correlationCholesky: return .correlationCholesky(dimension: lastDimension)
    case .nonnegativeInteger, .boolean, .integerInterval, .positiveDefinite: return nil
    }
  }

  public var description: String {
    switch self {
    case .real: return "real"
    case .positive: return "positive"
    case .nonnegative: return "nonnegative"
    case .unitInterval: return "unit interval"
    case .interval(let low, let high): return "interval(\(low), \(high))"
    case .greaterThan(let low): return "greater than \(low)"
    case .nonnegativeInteger: return "nonnegative integer"
    case .boolean: return "boolean"
    case .integerInterval(let low, let high): return "integer interval(\(low), \(high))"
    case .simplex: return "simplex"
    case .orderedVector: return "ordered vector"
    case .lowerCholesky: return "lower Cholesky"
    case .correlationCholesky: return "correlation Cholesky"
    case .realVector: return "real vector"
    case .positiveDefinite: return "positive definite"
    }
  }
}
