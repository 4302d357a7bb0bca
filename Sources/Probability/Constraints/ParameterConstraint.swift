/// A constraint on one scalar parameter of a distribution, checked once at construction.
///
/// Messages follow "`name` must be `constraint`, got `value`" so that the binding only
/// prefixes the distribution's name (`Normal: scale must be positive, got -1.0`). NaN
/// violates every constraint.
public enum ParameterConstraint: Sendable, Equatable, CustomStringConvertible {
  /// A finite real number (NumPyro `constraints.real`).
  case real
  /// A finite real number or −∞ (logits may put zero mass on a class).
  case realOrNegativeInfinity
  /// x > 0 and finite (NumPyro `constraints.positive`).
  case positive
  /// x ≥ 0 and finite (NumPyro `constraints.nonnegative`).
  case nonnegative
  /// 0 ≤ x ≤ 1 (NumPyro `constraints.unit_interval`).
  case unitInterval
  /// 0 < x < 1 (NumPyro `constraints.open_interval(0, 1)`).
  case openUnitInterval
  /// x ∈ {0, 1, 2, …} (NumPyro `constraints.nonnegative_integer`).
  case nonnegativeInteger
  /// x ∈ {1, 2, …} (NumPyro `constraints.positive_integer`).
  case positiveInteger

  /// Whether `x` satisfies the constraint.
  @inlinable
  public func isSatisfied(by x: Double) -> Bool {
    switch self {
    case .real: return x.isFinite
    case .realOrNegativeInfinity: return x.isFinite || x == -.infinity
    case .positive: return x > 0 && x.isFinite
    case .nonnegative: return x >= 0 && x.isFinite
    case .unitInterval: return x >= 0 && x <= 1
    case .openUnitInterval: return x > 0 && x < 1
    case .nonnegativeInteger: return x >= 0 && x.isFinite && x == x.rounded()
    case .positiveInteger: return x >= 1 && x.isFinite && x == x.rounded()
    }
  }

  /// The constraint as a predicate phrase: "positive", "in [0, 1]".
  public var description: String {
    switch self {
    case .real: return "a finite real number"
    case .realOrNegativeInfinity: return "a finite real number or -inf"
    case .positive: return "positive"
    case .nonnegative: return "nonnegative"
    case .unitInterval: return "in [0, 1]"
    case .openUnitInterval: return "in (0, 1)"
    case .nonnegativeInteger: return "a nonnegative integer"
    case .positiveInteger: return "a positive integer"
    }
  }

  /// "`name` must be `description`, got `value`".
  public func message(parameter name: String, value: Double) -> String {
    "\(name) must be \(description), got \(value)"
  }

  /// The message of the first parameter (in order) that violates its constraint.
  public static func firstViolation(
    _ constraints: [ParameterConstraint], _ names: [String], _ a: Double, _ b: Double, _ c: Double
  ) -> String? {
    let values = [a, b, c]
    for (i, constraint) in constraints.enumerated() where !constraint.isSatisfied(by: values[i]) {
      return constraint.message(parameter: names[i], value: values[i])
    }
    return nil
  }
}
