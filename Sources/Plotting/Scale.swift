import Foundation

/// How data values map to positions along an axis.
public enum ScaleKind: Equatable, Sendable {
  case linear
  /// Base-10 logarithmic; values ≤ 0 are not drawn.
  case log
}

/// A mapping from a data interval to a pixel interval.
struct Scale {
  var kind: ScaleKind
  var domain: (Double, Double)
  var range: (Double, Double)

  func transform(_ v: Double) -> Double {
    switch kind {
    case .linear: return v
    case .log: return v > 0 ? Foundation.log10(v) : .nan
    }
  }

  /// The pixel position of `v` (NaN when `v` cannot be shown).
  func callAsFunction(_ v: Double) -> Double {
    let (d0, d1) = (transform(domain.0), transform(domain.1))
    let t = transform(v)
    guard d1 != d0 else { return (range.0 + range.1) / 2 }
    return range.0 + (t - d0) / (d1 - d0) * (range.1 - range.0)
  }

  /// Maps many values at once (the hot path for traces).
  func map(_ vs: [Double]) -> [Double] {
    let (d0, d1) = (transform(domain.0), transform(domain.1))
    guard d1 != d0 else { return vs.map { _ in (range.0 + range.1) / 2 } }
    let k = (range.1 - range.0) / (d1 - d0)
    let r0 = range.0
    switch kind {
    case .linear: return vs.map { r0 + ($0 - d0) * k }
    case .log: return vs.map { $0 > 0 ? r0 + (Foundation.log10($0) - d0) * k : .nan }
    }
  }
}

/// The data interval an axis shows: the data's finite extent (positive extent on a log
/// axis), widened by a margin; a single value gets a symmetric interval around it.
func paddedDomain(_ lo: Double, _ hi: Double, kind: ScaleKind, margin: Double, includesZero: Bool) -> (Double, Double) {
  switch kind {
  case .linear:
    guard lo.isFinite, hi.isFinite else { return (0, 1) }
    var (a, b) = (lo, hi)
    if includesZero { a = min(a, 0); b = max(b, 0) }
    if b - a <= 1e-300 || b - a <= abs(b) * 1e-14 {
      let d = a == 0 ? 1 : abs(a) * 0.05
      return (a - d, b + d)
    }
    let pad = (b - a) * margin
    let lower = includesZero && a == 0 ? 0 : a - pad
    let upper = includesZero && b == 0 ? 0 : b + pad
    return (lower, upper)
  case .log:
    guard lo > 0, hi > 0, lo.isFinite, hi.isFinite else { return (1, 10) }
    let (a, b) = (Foundation.log10(lo), Foundation.log10(hi))
    if b - a <= 1e-12 { return (lo / 2, hi * 2) }
    let pad = (b - a) * margin
    return (pow(10, a - pad), pow(10, b + pad))
  }
}
