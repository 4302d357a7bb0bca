import Arrays
import Foundation

/// The scalar bijectors of `biject_to` as inlinable functions, for fusing into tape loops.
///
/// Each `forward` returns x = f(u), log|f′(u)|, f′(u) and d log|f′(u)|/du, which is all a
/// fused op needs: the VJP is ū·f′(u) + l̄·(d log|f′|/du) for upstream adjoints x̄ of x and
/// l̄ of the log-Jacobian. `inverse` maps a constrained value back to u.
public enum ScalarBijectors {
  /// x = u (NumPyro `IdentityTransform`): log|J| = 0.
  @inlinable
  public static func identity(_ u: Double) -> (value: Double, logAbsDet: Double, dValue: Double, dLogAbsDet: Double) {
    (u, 0, 1, 0)
  }

  /// x = eᵘ onto (0, ∞) (NumPyro `ExpTransform`):
  ///
  ///     log|J| = u      dx/du = eᵘ      d log|J|/du = 1
  @inlinable
  public static func exp(_ u: Double) -> (value: Double, logAbsDet: Double, dValue: Double, dLogAbsDet: Double) {
    let x = Foundation.exp(u)
    return (x, u, x, 1)
  }

  /// u = log x.
  @inlinable public static func expInverse(_ x: Double) -> Double { Foundation.log(x) }

  /// x = low + eᵘ onto (low, ∞) (NumPyro `biject_to(greater_than(low))`):
  ///
  ///     log|J| = u      dx/du = eᵘ      d log|J|/du = 1
  @inlinable
  public static func greaterThan(_ u: Double, low: Double) -> (value: Double, logAbsDet: Double, dValue: Double, dLogAbsDet: Double) {
    let e = Foundation.exp(u)
    return (low + e, u, e, 1)
  }

  /// u = log(x − low).
  @inlinable public static func greaterThanInverse(_ x: Double, low: Double) -> Double { Foundation.log(x - low) }

  /// x = σ(u) = 1/(1 + e⁻ᵘ) onto (0, 1) (NumPyro `SigmoidTransform`), clipped to
  /// [tiny, 1 − ε] as NumPyro's `_clipped_expit` so that x never rounds to 0 or 1:
  ///
  ///     log|J| = log σ(u) + log σ(−u) = −softplus(u) − softplus(−u)
  ///     dx/du = σ(u)σ(−u)      d log|J|/du = σ(−u) − σ(u)
  ///
  /// (The derivatives are the analytic ones, not those of the clipped value.)
  @inlinable
  public static func sigmoid(_ u: Double) -> (value: Double, logAbsDet: Double, dValue: Double, dLogAbsDet: Double) {
    let s = Special.sigmoid(u)
    let sMinus = Special.sigmoid(-u)
    let x = Swift.min(Swift.max(s, Double.leastNormalMagnitude), 1 - Double.ulpOfOne)
    return (x, -Special.softplus(u) - Special.softplus(-u), s * sMinus, sMinus - s)
  }

  /// u = logit(x) = log x − log1p(−x).
  @inlinable public static func sigmoidInverse(_ x: Double) -> Double { Foundation.log(x) - Foundation.log1p(-x) }

  /// x = low + (high − low)σ(u) onto (low, high) (NumPyro `biject_to(interval)`: a sigmoid
  /// then an affine map):
  ///
  ///     log|J| = log(high − low) + log σ(u) + log σ(−u)
  ///     dx/du = (high − low)σ(u)σ(−u)      d log|J|/du = σ(−u) − σ(u)
  @inlinable
  public static func interval(_ u: Double, low: Double, high: Double) -> (value: Double, logAbsDet: Double, dValue: Double, dLogAbsDet: Double) {
    let width = high - low
    let (s, logAbsDet, ds, dLogAbsDet) = sigmoid(u)
    return (low + width * s, Foundation.log(width) + logAbsDet, width * ds, dLogAbsDet)
  }

  /// u = logit((x − low)/(high − low)).
  @inlinable
  public static func intervalInverse(_ x: Double, low: Double, high: Double) -> Double {
    Foundation.log(x - low) - Foundation.log(high - x)
  }
}
