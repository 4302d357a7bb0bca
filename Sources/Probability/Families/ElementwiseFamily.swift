import Arrays

/// A distribution family whose log density factors over elements: log p(x | a, b, c) for
/// one value and up to three parameters (NumPyro's, in NumPyro's positional order;
/// unused parameters are passed as 0 and ignored).
///
/// The tape runs these inside one fused loop per `sample` site: a family's functions are
/// `@inlinable` statics so that the generic loop is specialized for each family and the
/// compiler can hoist work on loop-invariant (scalar, broadcast) parameters.
///
/// Conventions (as NumPyro): a value outside the support gives −∞ and zero partials;
/// parameters are validated once at construction (`validate`), never in the loop.
public protocol ElementwiseFamily {
  /// The family's name as users write it (`Normal`).
  static var name: String { get }
  /// NumPyro's parameter names in positional order (`["loc", "scale"]`).
  static var parameterNames: [String] { get }
  /// Whether each parameter can be differentiated (false for counts such as
  /// Binomial's `totalCount`).
  static var differentiableParameters: [Bool] { get }
  /// log p(x | a, b, c).
  static func logProb(_ x: Double, _ a: Double, _ b: Double, _ c: Double) -> Double
  /// log p and its partial derivatives with respect to x, a, b and c (0 for unused
  /// parameters and for non-differentiable ones).
  static func logProbAndPartials(_ x: Double, _ a: Double, _ b: Double, _ c: Double)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)

  /// The constraint on each parameter, in positional order (`[.real, .positive]`).
  static var parameterConstraints: [ParameterConstraint] { get }
  /// nil when the parameters are valid; otherwise the first violated constraint as a
  /// message naming the parameter (`"scale must be positive, got -1.0"`). A default
  /// checks `parameterConstraints`; families with joint constraints (Uniform) add theirs.
  static func validate(_ a: Double, _ b: Double, _ c: Double) -> String?
  /// Whether values are counts (partials with respect to x are then 0).
  static var isDiscrete: Bool { get }
  /// The support for these parameters (`.interval(low, high)` for Uniform).
  static func support(_ a: Double, _ b: Double, _ c: Double) -> Support
  /// The mean, NaN or ∞ where undefined, as NumPyro's `mean`.
  static func mean(_ a: Double, _ b: Double, _ c: Double) -> Double
  /// The variance, NaN or ∞ where undefined, as NumPyro's `variance`.
  static func variance(_ a: Double, _ b: Double, _ c: Double) -> Double
  /// One draw for valid parameters (counts are returned as integral Doubles).
  static func sample(_ stream: inout KeyStream, _ a: Double, _ b: Double, _ c: Double) -> Double

  /// The parameter-only work of the log density (log σ, lgamma(α), ψ(α), …), computed
  /// once so that a loop over values with broadcast (scalar) parameters can hoist it:
  /// libm calls are opaque to the optimizer, and log σ per element costs ~10× the rest
  /// of a Normal. The default holds nothing.
  static func parameterTerms(_ a: Double, _ b: Double, _ c: Double) -> ParameterTerms
  /// `logProb(x, a, b, c)` given `parameterTerms(a, b, c)` of the same parameters
  /// (bit-identical: the plain form calls this one).
  static func logProb(_ x: Double, _ a: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms) -> Double
  /// `logProbAndPartials(x, a, b, c)` given `parameterTerms(a, b, c)` (bit-identical).
  static func logProbAndPartials(_ x: Double, _ a: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
}

/// Up to four parameter-only quantities a family precomputes (see
/// `ElementwiseFamily.parameterTerms`); their meaning is private to the family.
@frozen
public struct ParameterTerms: Sendable {
  public var t0: Double
  public var t1: Double
  public var t2: Double
  public var t3: Double

  @inlinable
  public init(_ t0: Double = 0, _ t1: Double = 0, _ t2: Double = 0, _ t3: Double = 0) {
    self.t0 = t0
    self.t1 = t1
    self.t2 = t2
    self.t3 = t3
  }
}

extension ElementwiseFamily {
  public static var isDiscrete: Bool { false }

  @inlinable
  public static func parameterTerms(_ a: Double, _ b: Double, _ c: Double) -> ParameterTerms { ParameterTerms() }

  @inlinable
  public static func logProb(_ x: Double, _ a: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms) -> Double {
    logProb(x, a, b, c)
  }

  @inlinable
  public static func logProbAndPartials(_ x: Double, _ a: Double, _ b: Double, _ c: Double, _ terms: ParameterTerms)
    -> (logProb: Double, dx: Double, da: Double, db: Double, dc: Double)
  {
    logProbAndPartials(x, a, b, c)
  }

  public static func validate(_ a: Double, _ b: Double, _ c: Double) -> String? {
    ParameterConstraint.firstViolation(parameterConstraints, parameterNames, a, b, c)
  }
}
