import Foundation

/// Legacy discrete distributions: Poisson and binomial.
///
/// References:
/// 1. W. Hörmann, "The transformed rejection method for generating Poisson random
///    variables", Insurance: Mathematics and Economics 12, 1993 (PTRS, λ ≥ 10).
/// 2. V. Kachitvichyanukul and B. W. Schmeiser, "Binomial random variate generation",
///    CACM 31(2), 1988 (BTPE).
/// 3. NumPy, `numpy/random/src/distributions/distributions.c` (`random_poisson`,
///    `random_binomial_btpe`, `random_binomial_inversion`, `random_loggam`).
extension RandomState {
  /// log Γ(x) as NumPy's samplers compute it (Zhang & Jin's series), so that the
  /// acceptance tests decide exactly as NumPy's do.
  static func samplerLogGamma(_ x: Double) -> Double {
    let a: [Double] = [
      8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04,
      -5.952380952380952e-04, 8.417508417508418e-04, -1.917526917526918e-03,
      6.410256410256410e-03, -2.955065359477124e-02, 1.796443723688307e-01,
      -1.39243221690590e+00,
    ]
    if x == 1.0 || x == 2.0 { return 0.0 }
    var x0 = x
    var n = 0
    if x <= 7.0 {
      n = Int(7 - x)
      x0 = x + Double(n)
    }
    let x2 = 1.0 / (x0 * x0)
    var gl0 = a[9]
    for k in stride(from: 8, through: 0, by: -1) {
      gl0 *= x2
      gl0 += a[k]
    }
    var gl = gl0 / x0 + 0.5 * Foundation.log(2 * Double.pi) + (x0 - 0.5) * Foundation.log(x0) - x0
    if x <= 7.0 {
      for _ in 0..<n {
        gl -= Foundation.log(x0 - 1.0)
        x0 -= 1.0
      }
    }
    return gl
  }

  // MARK: Poisson

  /// One Poisson variate (`random_poisson`): PTRS for λ ≥ 10, multiplication below.
  mutating func poissonVariate(_ lam: Double) -> Int {
    if lam >= 10 { return poissonPTRS(lam) }
    if lam == 0 { return 0 }
    let enlam = Foundation.exp(-lam)
    var x = 0
    var prod = 1.0
    while true {
      prod *= generator.nextDouble()
      if prod > enlam { x += 1 } else { return x }
    }
  }

  mutating func poissonPTRS(_ lam: Double) -> Int {
    PoissonPTRS.sample(lam, &generator, logGamma: Self.samplerLogGamma)
  }

  static let poissonLamMax = Double(Int64.max) - Double(Int64.max).squareRoot() * 10

  static func checkPoisson(_ lam: Double) throws {
    guard lam >= 0 else { throw RandomArgumentError("lam < 0") }
    guard lam <= poissonLamMax else { throw RandomArgumentError("lam value too large") }
  }

  /// `poisson(lam)`.
  /// - Throws: `RandomArgumentError` for λ < 0, NaN or too large, as NumPy.
  public mutating func poisson(_ lam: Double = 1) throws -> Int {
    try Self.checkPoisson(lam)
    return poissonVariate(lam)
  }

  /// `poisson(lam, size=count)`.
  public mutating func poisson(_ lam: Double, count: Int) throws -> [Int] {
    try Self.checkCount(count)
    try Self.checkPoisson(lam)
    return (0..<max(count, 0)).map { _ in poissonVariate(lam) }
  }

  // MARK: Binomial

  /// One binomial variate (`legacy_random_binomial`). Unlike NumPy's `Generator`, the
  /// legacy path has no shortcut for n = 0 or p ∈ {0, 1}: it still draws one double.
  mutating func binomialVariate(_ n: Int, _ p: Double) -> Int {
    if p <= 0.5 {
      return p * Double(n) <= 30.0 ? binomialInversion(n, p) : binomialBTPE(n, p)
    }
    let q = 1.0 - p
    return n - (q * Double(n) <= 30.0 ? binomialInversion(n, q) : binomialBTPE(n, q))
  }

  mutating func binomialInversion(_ n: Int, _ p: Double) -> Int {
    let q = 1.0 - p
    let qn = Foundation.exp(Double(n) * Foundation.log(q))
    let np = Double(n) * p
    let bound = Int(Swift.min(Double(n), np + 10.0 * (np * q + 1).squareRoot()))
    var x = 0
    var px = qn
    var u = generator.nextDouble()
    while u > px {
      x += 1
      if x > bound {
        x = 0
        px = qn
        u = generator.nextDouble()
      } else {
        u -= px
        px = (Double(n - x + 1) * p * px) / (Double(x) * q)
      }
    }
    return x
  }
}
