import Foundation

/// Regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x).
///
/// The power series for P when x < a + 1 (or x < 1), Legendre's continued fraction for
/// Q otherwise (Cephes `igam`/`igamc`). The common factor xᵃe⁻ˣ/Γ(a) is formed for
/// a ≥ 10 as exp(a·log1pmx((x−a)/a)) · √(a/2π) · e^{−stirling(a)}, so it keeps its
/// relative accuracy for large a near x ≈ a.
///
/// References:
/// 1. Abramowitz & Stegun 6.5.29 (series) and 6.5.31 (continued fraction).
/// 2. S. L. Moshier, Cephes Math Library, `igam.c`.
/// 3. N. M. Temme, "Special Functions", Wiley 1996, §11.2 (the scaled prefactor).
extension Special {
  /// log(1 + t) − t, accurate for small |t|.
  public static func log1pmx(_ t: Double) -> Double {
    if Swift.abs(t) < 0.5 {
      // −t²/2 + t³/3 − t⁴/4 + …
      var term = t
      var sum = 0.0
      var k = 2.0
      while k < 500 {
        term *= -t
        let next = term / k
        sum += next
        if Swift.abs(next) < 1e-17 * Swift.abs(sum) { break }
        k += 1
      }
      return sum
    }
    return Foundation.log1p(t) - t
  }

  /// lgamma(a) − [(a − ½)log a − a + ½ log 2π], the Stirling remainder, for a ≥ 10.
  static func stirlingRemainder(_ a: Double) -> Double {
    let inv = 1 / a
    let inv2 = inv * inv
    // B_{2k} / (2k(2k−1) a^{2k−1}): 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360
    return inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680
      - inv2 * (1.0 / 1188 - inv2 * (691.0 / 360_360 - inv2 / 156))))))
  }

  /// xᵃ e⁻ˣ / Γ(a).
  static func incompleteGammaFactor(_ a: Double, _ x: Double) -> Double {
    if a >= 10 {
      // a·log(x/a) + a − x, formed without cancellation near x = a.
      let core =
        Swift.abs(x - a) < 0.4 * a ? a * log1pmx((x - a) / a) : a * Foundation.log(x / a) + (a - x)
      return Foundation.exp(core + 0.5 * Foundation.log(a / (2 * Double.pi)) - stirlingRemainder(a))
    }
    return Foundation.exp(a * Foundation.log(x) - x - Foundation.lgamma(a))
  }

  /// P(a, x) = γ(a, x)/Γ(a) (`scipy.special.gammainc`), for a > 0, x ≥ 0.
  /// NaN for a ≤ 0 or x < 0 or NaN; 1 at x = +∞.
  public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    if a.isNaN || x.isNaN || a <= 0 || x < 0 { return .nan }
    if x == 0 { return 0 }
    if x == .infinity { return 1 }
    if x > 1 && x > a { return 1 - regularizedGammaQ(a, x) }
    return gammaSeries(a, x)
  }

  /// Q(a, x) = Γ(a, x)/Γ(a) (`scipy.special.gammaincc`), for a > 0, x ≥ 0.
  public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
    if a.isNaN || x.isNaN || a <= 0 || x < 0 { return .nan }
    if x == 0 { return 1 }
    if x == .infinity { return 0 }
    if x < 1 || x < a { return 1 - gammaSeries(a, x) }
    return gammaContinuedFraction(a, x)
  }

  static func gammaSeries(_ a: Double, _ x: Double) -> Double {
    let factor = incompleteGammaFactor(a, x)
    if factor == 0 { return 0 }
    var r = a
    var c = 1.0
    var sum = 1.0
    var iterations = 0
    repeat {
      r += 1
      c *= x / r
      sum += c
      iterations += 1
    } while c / sum > 1e-17 && iterations < 1_000_000
    return sum * factor / a
  }

  static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
    let factor = incompleteGammaFactor(a, x)
    if factor == 0 { return 0 }
    let big = 4.503599627370496e15
    let bigInverse = 2.22044604925031308085e-16
    var y = 1 - a
    var z = x + y + 1
    var c = 0.0
    var pkm2 = 1.0
    var qkm2 = x
    var pkm1 = x + 1
    var qkm1 = z * x
    var answer = pkm1 / qkm1
    var t = 1.0
    var iterations = 0
    repeat {
      c += 1
      y += 1
      z += 2
      let yc = y * c
      let pk = pkm1 * z - pkm2 * yc
      let qk = qkm1 * z - qkm2 * yc
      if qk != 0 {
        let r = pk / qk
        t = Swift.abs((answer - r) / r)
        answer = r
      } else {
        t = 1
      }
      pkm2 = pkm1
      pkm1 = pk
      qkm2 = qkm1
      qkm1 = qk
      if Swift.abs(pk) > big {
        pkm2 *= bigInverse
        pkm1 *= bigInverse
        qkm2 *= bigInverse
        qkm1 *= bigInverse
      }
      iterations += 1
    } while t > 1.1e-16 && iterations < 10_000
    return answer * factor
  }
}
