import Foundation

/// Log-gamma and digamma.
///
/// References:
/// 1. Abramowitz & Stegun, *Handbook of Mathematical Functions*, 6.1.41 (Stirling series)
///    and 6.3.18 (asymptotic ψ), 6.3.5–6.3.7 (recurrence and reflection).
/// 2. NIST DLMF 25.11 (Hurwitz zeta, for the Taylor series of ψ at its positive root).
public enum Special {
  /// log|Γ(x)|; +∞ at 0 and the negative integers, NaN for NaN (C `lgamma`).
  @inlinable
  public static func lgamma(_ x: Double) -> Double { Foundation.lgamma(x) }

  /// The positive root of ψ, x₀ = 1.461632144968362341262659542325721325…
  static let digammaRoot = 1.4616321449683622
  static let digammaRootLow = 9.549995429965697e-17

  /// ζ(s, x₀) for s = 2…41, the Taylor coefficients of ψ at its root (computed once).
  static let rootZeta: [Double] = (2...41).map { hurwitzZeta(Double($0), digammaRoot) }

  /// The digamma function ψ(x) = Γ′(x)/Γ(x).
  ///
  /// NaN at x = 0 and the negative integers (poles, as SciPy's `psi`), NaN for NaN,
  /// +∞ at +∞. Near its root x₀ ≈ 1.4616 a Taylor series in (x − x₀) keeps the relative
  /// error small; elsewhere recurrence up to x ≥ 10 and the asymptotic series.
  public static func digamma(_ x: Double) -> Double {
    if x.isNaN || x == -.infinity { return .nan }
    if x == .infinity { return .infinity }
    if x <= 0 {
      if x == x.rounded(.down) { return x == 0 ? (x.sign == .minus ? .infinity : -.infinity) : .nan }
      // Reflection: ψ(1 − x) − ψ(x) = π cot(πx).
      return digamma(1 - x) - Double.pi / tanPi(x)
    }
    let h = (x - digammaRoot) - digammaRootLow
    if Swift.abs(h) < 0.25 {
      // ψ(x₀ + h) = Σ_{n≥1} (−1)^{n+1} ζ(n+1, x₀) hⁿ
      var sum = 0.0
      var power = h
      for (n, z) in rootZeta.enumerated() {
        let term = (n % 2 == 0 ? 1.0 : -1.0) * z * power
        sum += term
        if Swift.abs(term) < 1e-18 * Swift.abs(sum) { break }
        power *= h
      }
      return sum
    }
    var value = 0.0
    var y = x
    while y < 10 {
      value -= 1 / y
      y += 1
    }
    let inv2 = 1 / (y * y)
    // Bernoulli terms B_{2k}/(2k): 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760, 1/12
    let series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
      - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 / 12))))))
    return value + Foundation.log(y) - 0.5 / y - series
  }

  /// tan(πx) with the argument reduced exactly first (x − round(x) is exact).
  static func tanPi(_ x: Double) -> Double {
    let r = x - x.rounded()  // in [−½, ½]
    if Swift.abs(r) == 0.5 { return .infinity }
    return Foundation.tan(Double.pi * r)
  }

  /// Hurwitz zeta ζ(s, q) = Σ_{k≥0} (k + q)^{−s} for s > 1, q > 0, by Euler–Maclaurin
  /// summation (the method of Cephes `zeta`).
  public static func hurwitzZeta(_ s: Double, _ q: Double) -> Double {
    guard s > 1, q > 0 else { return .nan }
    // Bernoulli-based coefficients (2k)! / B_{2k} as in Cephes.
    let a: [Double] = [
      12.0, -720.0, 30240.0, -1_209_600.0, 47_900_160.0, -1.8924375803183791606e9,
      7.47242496e10, -2.950130727918164224e12, 1.1646782814350067249e14,
      -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18,
    ]
    var sum = Foundation.pow(q, -s)
    var a0 = q
    var b = 0.0
    var i = 0
    while i < 9 || a0 <= 9 {
      i += 1
      a0 += 1
      b = Foundation.pow(a0, -s)
      sum += b
      if Swift.abs(b / sum) < 1e-17 { return sum }
    }
    let w = a0
    sum += b * w / (s - 1)
    sum -= 0.5 * b
    var factor = 1.0
    var k = 0.0
    for coefficient in a {
      factor *= s + k
      b /= w
      let t = factor * b / coefficient
      sum += t
      if Swift.abs(t / sum) < 1e-17 { break }
      k += 1
      factor *= s + k
      b /= w
      k += 1
    }
    return sum
  }
}
