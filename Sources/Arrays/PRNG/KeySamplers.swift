import Foundation

/// Samplers driven by a `PRNGKey`, in NumPyro's `random.*` spelling.
///
/// Each call draws from a fresh `KeyStream` of its key, so the same key always gives
/// the same numbers; split the key for independent draws. Parameters are validated at
/// the call (throwing `RandomArgumentError` naming the parameter); the loops do not throw.
///
/// References:
/// 1. G. E. P. Box and M. E. Muller, "A note on the generation of random normal
///    deviates", Ann. Math. Stat. 29, 1958.
/// 2. G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables",
///    ACM TOMS 26(3), 2000 (with the U^{1/α} boost for α < 1).
public enum PRNG {
  static func count(_ shape: [Int]) throws -> Int {
    guard let count = ArrayLimits.elementCount(shape) else {
      throw RandomArgumentError(ArrayLimits.message(shape))
    }
    try ArrayLimits.reserve(count)
    return count
  }

  static func fill(_ key: PRNGKey, _ shape: [Int], _ draw: (inout KeyStream) -> Double) throws -> NDArray {
    var stream = KeyStream(key)
    let values = (0..<(try count(shape))).map { _ in draw(&stream) }
    return NDArray(unchecked: .double(values), shape: shape)
  }

  static func positive(_ value: Double, _ name: String) throws {
    guard value > 0, !value.isNaN else { throw RandomArgumentError("\(name) must be positive, got \(value)") }
  }

  /// One standard normal by Box–Muller (two uniforms per draw, no rejection).
  static func standardNormal(_ s: inout KeyStream) -> Double {
    let u1 = s.nextOpenDouble()
    let u2 = s.nextDouble()
    return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
  }

  /// One standard gamma variate (Marsaglia–Tsang; α < 1 via Gamma(α+1)·U^{1/α}).
  static func standardGamma(_ alpha: Double, _ s: inout KeyStream) -> Double {
    if alpha < 1 {
      let boost = Foundation.pow(s.nextOpenDouble(), 1 / alpha)
      return standardGamma(alpha + 1, &s) * boost
    }
    let d = alpha - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x = 0.0
      var v = 0.0
      repeat {
        x = standardNormal(&s)
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = s.nextOpenDouble()
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if Foundation.log(u) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) { return d * v }
    }
  }

  /// Uniform on [minval, maxval).
  public static func uniform(_ key: PRNGKey, shape: [Int] = [], minval: Double = 0, maxval: Double = 1) throws -> NDArray {
    guard maxval >= minval else { throw RandomArgumentError("maxval must be >= minval") }
    return try fill(key, shape) { minval + (maxval - minval) * $0.nextDouble() }
  }

  /// Normal(loc, scale).
  public static func normal(_ key: PRNGKey, shape: [Int] = [], loc: Double = 0, scale: Double = 1) throws -> NDArray {
    try positive(scale, "scale")
    return try fill(key, shape) { loc + scale * standardNormal(&$0) }
  }

  /// Gamma(concentration, rate) (mean concentration/rate), NumPyro's parameterization.
  public static func gamma(_ key: PRNGKey, concentration: Double, rate: Double = 1, shape: [Int] = []) throws -> NDArray {
    try positive(concentration, "concentration")
    try positive(rate, "rate")
    return try fill(key, shape) { standardGamma(concentration, &$0) / rate }
  }

  /// Beta(concentration1, concentration0) as X/(X+Y) of two gammas.
  public static func beta(_ key: PRNGKey, _ concentration1: Double, _ concentration0: Double, shape: [Int] = []) throws -> NDArray {
    try positive(concentration1, "concentration1")
    try positive(concentration0, "concentration0")
    return try fill(key, shape) { s in
      let x = standardGamma(concentration1, &s)
      let y = standardGamma(concentration0, &s)
      return x / (x + y)
    }
  }

  /// Exponential(rate): −log(U)/rate with U in (0, 1].
  public static func exponential(_ key: PRNGKey, rate: Double = 1, shape: [Int] = []) throws -> NDArray {
    try positive(rate, "rate")
    return try fill(key, shape) { -Foundation.log($0.nextOpenDouble()) / rate }
  }

  /// Cauchy(loc, scale): loc + scale·tan(π(U − ½)).
  public static func cauchy(_ key: PRNGKey, loc: Double = 0, scale: Double = 1, shape: [Int] = []) throws -> NDArray {
    try positive(scale, "scale")
    return try fill(key, shape) { s in
      var u = s.nextDouble()
      while u == 0 { u = s.nextDouble() }
      return loc + scale * Foundation.tan(Double.pi * (u - 0.5))
    }
  }

  /// Student-t(df, loc, scale): Z·√(df/χ²_df).
  public static func studentT(_ key: PRNGKey, df: Double, loc: Double = 0, scale: Double = 1, shape: [Int] = []) throws -> NDArray {
    try positive(df, "df")
    try positive(scale, "scale")
    return try fill(key, shape) { s in
      let z = standardNormal(&s)
      let chi2 = 2 * standardGamma(df / 2, &s)
      return loc + scale * z * (df / chi2).squareRoot()
    }
  }
}
