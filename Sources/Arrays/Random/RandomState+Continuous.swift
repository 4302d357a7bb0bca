import Foundation

/// Legacy continuous distributions: exponential, gamma, beta.
///
/// References:
/// 1. G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables",
///    ACM TOMS 26(3), 2000 (shape ≥ 1).
/// 2. M. D. Jöhnk, "Erzeugung von betaverteilten und gammaverteilten Zufallszahlen",
///    Metrika 8, 1964 (beta with both parameters ≤ 1).
/// 3. NumPy, `numpy/random/src/legacy/legacy-distributions.c`.
extension RandomState {
  /// A standard exponential, `-log(1 - U)` (`legacy_standard_exponential`).
  @inline(__always)
  public mutating func standardExponential() -> Double {
    -Foundation.log(1.0 - generator.nextDouble())
  }

  /// `exponential(scale)`.
  /// - Throws: `RandomArgumentError("scale < 0")`.
  public mutating func exponential(_ scale: Double = 1) throws -> Double {
    guard scale >= 0 else { throw RandomArgumentError("scale < 0") }
    return scale * standardExponential()
  }

  /// `exponential(scale, size=count)`.
  public mutating func exponential(_ scale: Double, count: Int) throws -> [Double] {
    try Self.checkCount(count)
    guard scale >= 0 else { throw RandomArgumentError("scale < 0") }
    return (0..<max(count, 0)).map { _ in scale * standardExponential() }
  }

  /// A standard gamma variate with the given shape (`legacy_standard_gamma`).
  ///
  /// Shape 1 is an exponential; shape < 1 uses the rejection method of NumPy's
  /// randomkit; shape > 1 uses Marsaglia–Tsang with legacy Gaussians.
  public mutating func standardGamma(_ shape: Double) -> Double {
    if shape == 1.0 { return standardExponential() }
    if shape == 0.0 { return 0.0 }
    if shape < 1.0 {
      while true {
        let u = generator.nextDouble()
        let v = standardExponential()
        if u <= 1.0 - shape {
          let x = Foundation.pow(u, 1.0 / shape)
          if x <= v { return x }
        } else {
          let y = -Foundation.log((1 - u) / shape)
          let x = Foundation.pow(1.0 - shape + shape * y, 1.0 / shape)
          if x <= v + y { return x }
        }
      }
    }
    let b = shape - 1.0 / 3.0
    let c = 1.0 / (9 * b).squareRoot()
    while true {
      var x = 0.0
      var v = 0.0
      repeat {
        x = standardNormal()
        v = 1.0 + c * x
      } while v <= 0.0
      v = v * v * v
      let u = generator.nextDouble()
      if u < 1.0 - 0.0331 * (x * x) * (x * x) { return b * v }
      if Foundation.log(u) < 0.5 * x * x + b * (1.0 - v + Foundation.log(v)) { return b * v }
    }
  }

  /// `gamma(shape, scale)`.
  /// - Throws: `RandomArgumentError` for a negative shape or scale.
  public mutating func gamma(_ shape: Double, _ scale: Double = 1) throws -> Double {
    try Self.checkGamma(shape, scale)
    return scale * standardGamma(shape)
  }

  /// `gamma(shape, scale, size=count)`.
  public mutating func gamma(_ shape: Double, _ scale: Double, count: Int) throws -> [Double] {
    try Self.checkCount(count)
    try Self.checkGamma(shape, scale)
    return (0..<max(count, 0)).map { _ in scale * standardGamma(shape) }
  }

  static func checkGamma(_ shape: Double, _ scale: Double) throws {
    guard shape >= 0 else { throw RandomArgumentError("shape < 0") }
    guard scale >= 0 else { throw RandomArgumentError("scale < 0") }
  }

  /// One beta variate (`legacy_beta`): Jöhnk's algorithm when a, b ≤ 1, else a gamma ratio.
  mutating func betaVariate(_ a: Double, _ b: Double) -> Double {
    if a <= 1.0 && b <= 1.0 {
      while true {
        let u = generator.nextDouble()
        let v = generator.nextDouble()
        let x = Foundation.pow(u, 1.0 / a)
        let y = Foundation.pow(v, 1.0 / b)
        if x + y <= 1.0 {
          if x + y > 0 { return x / (x + y) }
          var logX = Foundation.log(u) / a
          var logY = Foundation.log(v) / b
          let logM = logX > logY ? logX : logY
          logX -= logM
          logY -= logM
          return Foundation.exp(logX - Foundation.log(Foundation.exp(logX) + Foundation.exp(logY)))
        }
      }
    }
    let ga = standardGamma(a)
    let gb = standardGamma(b)
    return ga / (ga + gb)
  }

  /// `beta(a, b)`.
  /// - Throws: `RandomArgumentError("a <= 0")` or `("b <= 0")`.
  public mutating func beta(_ a: Double, _ b: Double) throws -> Double {
    try Self.checkBeta(a, b)
    return betaVariate(a, b)
  }

  /// `beta(a, b, size=count)`.
  public mutating func beta(_ a: Double, _ b: Double, count: Int) throws -> [Double] {
    try Self.checkCount(count)
    try Self.checkBeta(a, b)
    return (0..<max(count, 0)).map { _ in betaVariate(a, b) }
  }

  static func checkBeta(_ a: Double, _ b: Double) throws {
    guard a > 0 else { throw RandomArgumentError("a <= 0") }
    guard b > 0 else { throw RandomArgumentError("b <= 0") }
  }
}
