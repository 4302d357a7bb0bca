import Foundation

/// The regularized incomplete beta function and the Student-t CDF built on it.
///
/// I_x(a, b) by the continued fraction of A&S 26.5.8, evaluated with the modified Lentz
/// method, on whichever side of the mean converges fastest, using
/// I_x(a, b) = 1 − I_{1−x}(b, a) for the other side. log x and log(1 − x) are formed
/// from x itself (with `log1p`) so that 1 − x is never rounded before the logarithm.
///
/// References:
/// 1. Abramowitz & Stegun 26.5.8 (continued fraction) and 26.7.1 (Student t).
/// 2. W. J. Lentz, "Generating Bessel functions in Mie scattering calculations using
///    continued fractions", Applied Optics 15(3), 1976; Thompson & Barnett's modification.
/// 3. W. H. Press et al., *Numerical Recipes*, 3rd ed., §6.4 (`betacf`).
extension Special {
  /// log B(a, b) = lgamma(a) + lgamma(b) − lgamma(a + b).
  public static func logBeta(_ a: Double, _ b: Double) -> Double {
    Foundation.lgamma(a) + Foundation.lgamma(b) - Foundation.lgamma(a + b)
  }

  /// I_x(a, b) (`scipy.special.betainc`) for a, b > 0 and 0 ≤ x ≤ 1; NaN otherwise.
  public static func regularizedBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
    if a.isNaN || b.isNaN || x.isNaN || a <= 0 || b <= 0 || x < 0 || x > 1 { return .nan }
    if x == 0 { return 0 }
    if x == 1 { return 1 }
    let logX = Foundation.log(x)
    let logY = Foundation.log1p(-x)
    if x > (a + 1) / (a + b + 2) {
      return 1 - betaFraction(b, a, logX: logY, logY: logX, x: 1 - x)
    }
    return betaFraction(a, b, logX: logX, logY: logY, x: x)
  }

  /// xᵃ(1−x)ᵇ / (a B(a, b)) times the continued fraction, for x below the mean.
  static func betaFraction(_ a: Double, _ b: Double, logX: Double, logY: Double, x: Double)
    -> Double
  {
    let front = Foundation.exp(a * logX + b * logY - logBeta(a, b)) / a
    if front == 0 { return 0 }
    let tiny = 1e-300
    let qab = a + b
    let qap = a + 1
    let qam = a - 1
    var c = 1.0
    var d = 1 - qab * x / qap
    if Swift.abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...10_000 {
      let dm = Double(m)
      let m2 = 2 * dm
      var aa = dm * (b - dm) * x / ((qam + m2) * (a + m2))
      d = 1 + aa * d
      if Swift.abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if Swift.abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2))
      d = 1 + aa * d
      if Swift.abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if Swift.abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if Swift.abs(delta - 1) < 2e-16 { break }
    }
    return front * h
  }

  /// The Student-t CDF with `df` degrees of freedom (`scipy.special.stdtr`).
  ///
  /// NaN for df ≤ 0 or NaN input; 0 and 1 at ∓∞. Near the centre uses
  /// ½ ± ½·I_{t²/(df+t²)}(½, df/2) (while that I ≤ ½); in the tails
  /// ½·I_{df/(df+t²)}(df/2, ½), so small tail probabilities keep their relative accuracy.
  public static func studentTCDF(_ t: Double, df: Double) -> Double {
    if t.isNaN || df.isNaN || df <= 0 { return .nan }
    if t == .infinity { return 1 }
    if t == -.infinity { return 0 }
    if df == .infinity { return normalCDF(t) }
    let t2 = t * t
    let central = regularizedBeta(0.5, 0.5 * df, t2 / (df + t2))
    if central <= 0.5 {
      return t < 0 ? 0.5 - 0.5 * central : 0.5 + 0.5 * central
    }
    let tail = 0.5 * regularizedBeta(0.5 * df, 0.5, df / (df + t2))
    return t < 0 ? tail : 1 - tail
  }
}
