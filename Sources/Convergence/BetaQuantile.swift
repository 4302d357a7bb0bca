import Arrays
import Foundation

/// The Beta(a, b) quantile (`scipy.stats.beta.ppf`): the x with I_x(a, b) = p, by
/// bisection on the regularized incomplete beta function down to adjacent doubles, so
/// the answer is as exact as I_x itself. NaN for p ∉ [0, 1] or a, b ≤ 0 (or NaN).
func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
  if p.isNaN || a.isNaN || b.isNaN || p < 0 || p > 1 || a <= 0 || b <= 0 { return .nan }
  if p == 0 { return 0 }
  if p == 1 { return 1 }
  var lo = 0.0, hi = 1.0
  // Start near the mean to save steps; bisection keeps it safe.
  for _ in 0..<200 {
    let mid = lo + (hi - lo) / 2
    if mid <= lo || mid >= hi { break }
    if Special.regularizedBeta(a, b, mid) < p { lo = mid } else { hi = mid }
  }
  return lo + (hi - lo) / 2
}
