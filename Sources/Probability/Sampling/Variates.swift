import Arrays
import Foundation

/// Standard variates drawn from a `KeyStream`, the building blocks of every family's
/// `sample` (Arrays keeps its own copies internal, so these are written out here).
///
/// Each function consumes a variable number of stream words (rejection loops), but the
/// sequence is a pure function of the key, so seeded draws are reproducible.
///
/// References:
/// 1. G. E. P. Box and M. E. Muller, "A note on the generation of random normal
///    deviates", Ann. Math. Stat. 29, 1958.
/// 2. G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables",
///    ACM TOMS 26(3), 2000 (§6: Gamma(α) = Gamma(α + 1)·U^{1/α} for α < 1).
/// 3. L. Devroye, *Non-Uniform Random Variate Generation*, Springer 1986 (inversion,
///    §II.2; the ratio-of-gammas beta, §IX.4; Dirichlet from gammas, §XI.4).
public enum Variates {
  /// A uniform double in (0, 1): never 0, never 1 (53-bit grid, the 0 cell redrawn).
  @inlinable
  public static func openUniform(_ s: inout KeyStream) -> Double {
    while true {
      let u = s.nextDouble()
      if u > 0 { return u }
    }
  }

  /// A standard normal by Box–Muller (two uniforms per draw, no rejection).
  @inlinable
  public static func standardNormal(_ s: inout KeyStream) -> Double {
    let u1 = s.nextOpenDouble()
    let u2 = s.nextDouble()
    return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
  }

  /// A standard exponential by inversion, −log U with U in (0, 1].
  @inlinable
  public static func standardExponential(_ s: inout KeyStream) -> Double {
    -Foundation.log(s.nextOpenDouble())
  }

  /// Gamma(α, 1) by Marsaglia–Tsang squeeze and rejection; α < 1 boosts Gamma(α + 1).
  /// May underflow to 0 for α ≲ 0.01; use `logStandardGamma` where that matters.
  public static func standardGamma(_ alpha: Double, _ s: inout KeyStream) -> Double {
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

  /// log of a Gamma(α, 1) variate, finite even when the variate underflows (small α):
  /// log Gamma(α + 1) + log(U)/α for α < 1.
  public static func logStandardGamma(_ alpha: Double, _ s: inout KeyStream) -> Double {
    if alpha < 1 {
      let logBoost = Foundation.log(s.nextOpenDouble()) / alpha
      return Foundation.log(standardGamma(alpha + 1, &s)) + logBoost
    }
    return Foundation.log(standardGamma(alpha, &s))
  }

  /// Beta(a, b) as X/(X + Y) of gammas, in log space so tiny a, b do not give 0/0.
  public static func beta(_ a: Double, _ b: Double, _ s: inout KeyStream) -> Double {
    let logX = logStandardGamma(a, &s)
    let logY = logStandardGamma(b, &s)
    // X/(X+Y) = σ(log X − log Y)
    return Special.sigmoid(logX - logY)
  }

  /// Poisson(λ): multiplication of uniforms for λ < 10, Hörmann's PTRS above (the
  /// constants of NumPy's `random_poisson_ptrs`).
  ///
  /// Reference: W. Hörmann, "The transformed rejection method for generating Poisson
  /// random variables", Insurance: Mathematics and Economics 12, 1993.
  public static func poisson(_ lam: Double, _ s: inout KeyStream) -> Double {
    if lam <= 0 { return 0 }
    if lam < 10 {
      let limit = Foundation.exp(-lam)
      var k = 0.0
      var product = s.nextDouble()
      while product > limit {
        k += 1
        product *= s.nextDouble()
      }
      return k
    }
    let slam = lam.squareRoot()
    let logLam = Foundation.log(lam)
    let b = 0.931 + 2.53 * slam
    let a = -0.059 + 0.02483 * b
    let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
    let vr = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = s.nextDouble() - 0.5
      let v = s.nextDouble()
      let us = 0.5 - Swift.abs(u)
      let k = ((2 * a / us + b) * u + lam + 0.43).rounded(.down)
      if us >= 0.07 && v <= vr { return k }
      if k < 0 || (us < 0.013 && v > us) { continue }
      if Foundation.log(v) + Foundation.log(invAlpha) - Foundation.log(a / (us * us) + b)
        <= -lam + k * logLam - Foundation.lgamma(k + 1)
      {
        return k
      }
    }
  }

  /// Binomial(n, p): inversion by sequential search when n·min(p, 1 − p) ≤ 30,
  /// otherwise recursive splitting on the median order statistic of n + 1 uniforms
  /// (a Beta(i, n + 1 − i) variate; Devroye §X.4), O(log n) levels.
  public static func binomial(_ n: Int, _ p: Double, _ s: inout KeyStream) -> Double {
    if n <= 0 || p <= 0 { return 0 }
    if p >= 1 { return Double(n) }
    if p > 0.5 { return Double(n) - binomial(n, 1 - p, &s) }
    if Double(n) * p <= 30 {
      let odds = p / (1 - p)
      var u = s.nextDouble()
      var k = 0
      var pk = Foundation.exp(Double(n) * Foundation.log1p(-p))
      while u > pk && k < n {
        u -= pk
        pk *= (Double(n - k) / Double(k + 1)) * odds
        k += 1
      }
      return Double(k)
    }
    let i = (n + 1) / 2
    let split = beta(Double(i), Double(n + 1 - i), &s)
    if split >= p { return binomial(i - 1, p / split, &s) }
    return Double(i) + binomial(n - i, (p - split) / (1 - split), &s)
  }
}
