import Foundation

/// Tick positions and their labels for an axis.
public struct Ticks: Equatable, Sendable {
  public var values: [Double]
  public var labels: [String]
}

/// "Nice" tick values by Wilkinson's extended algorithm, as Talbot, Lin and Hanrahan
/// give it: a search over steps q·10^z (q from Q = 1, 5, 2, 2.5, 4, 3), skips j and tick
/// counts k that maximizes 0.25·simplicity + 0.2·coverage + 0.5·density + 0.05·legibility.
///
/// References:
/// 1. J. Talbot, S. Lin, P. Hanrahan. An Extension of Wilkinson's Algorithm for
///    Positioning Tick Labels on Axes. IEEE InfoVis 2010.
/// 2. The R package `labeling`, function `extended` (the reference implementation).
public enum TickLocator {
  static let q: [Double] = [1, 5, 2, 2.5, 4, 3]
  static let weights = (simplicity: 0.25, coverage: 0.2, density: 0.5, legibility: 0.05)

  /// About `m` ticks covering [lo, hi]; only those inside [lo, hi] are returned, at least
  /// two of them.
  /// A degenerate or non-finite range returns its single finite end (or nothing).
  public static func extended(_ lo: Double, _ hi: Double, m: Int) -> [Double] {
    guard lo.isFinite, hi.isFinite else { return [lo, hi].filter(\.isFinite) }
    let (dmin, dmax) = (min(lo, hi), max(lo, hi))
    let span = dmax - dmin
    if span == 0 || !span.isFinite || span <= 1e-13 * max(abs(dmin), abs(dmax)) { return [dmin] }
    // The search runs on the range scaled so its span is between 1 and 10: the scores do
    // not depend on scale, but floating point does (near 1e300 the pruning fails and near
    // 1e-20 the snapping to decimals does).
    let e = log10(span).rounded(.down)
    guard abs(e) > 3 else { return extendedCore(dmin, dmax, m: m) }
    let scale = pow(10, e)
    // Subnormal spans (below 1e−307) cannot be scaled: show the ends.
    guard scale.isNormal, (dmin / scale).isFinite, (dmax / scale).isFinite else { return [dmin, dmax] }
    return extendedCore(dmin / scale, dmax / scale, m: m).map { $0 * scale }.filter { $0 >= dmin - span * 1e-9 && $0 <= dmax + span * 1e-9 }
  }

  static func extendedCore(_ dmin: Double, _ dmax: Double, m: Int) -> [Double] {
    let span = dmax - dmin
    let m = max(2, m)
    var best: (lmin: Double, lstep: Double, k: Int, z: Int, q: Double, j: Int)?
    var bestScore = -2.0
    let w = weights
    var j = 1
    outer: while j <= 50 {
      for q in q {
        let sm = simplicityMax(q, j)
        if w.simplicity * sm + w.coverage + w.density + w.legibility < bestScore { break outer }
        var k = 2
        while k <= 60 {
          let dm = densityMax(k, m)
          if w.simplicity * sm + w.coverage + w.density * dm + w.legibility < bestScore { break }
          let delta = span / Double(k + 1) / Double(j) / q
          guard delta.isNormal else { break outer }
          var z = Int(log10(delta).rounded(.up))
          while z < 400 {
            let step = Double(j) * q * pow(10, Double(z))
            // Start indices must fit an Int (always true short of 10^15 ticks).
            if max(abs(dmin), abs(dmax)) / step > 1e15 { z += 1; continue }
            let cm = coverageMax(dmin, dmax, step * Double(k - 1))
            if w.simplicity * sm + w.coverage * cm + w.density * dm + w.legibility < bestScore { break }
            let minStart = Int((dmax / step).rounded(.down)) * j - (k - 1) * j
            let maxStart = Int((dmin / step).rounded(.up)) * j
            if minStart <= maxStart {
              for start in minStart...maxStart {
                let lmin = Double(start) * (step / Double(j))
                let lmax = lmin + step * Double(k - 1)
                let s = simplicity(q, j, lmin, lmax, step)
                let c = coverage(dmin, dmax, lmin, lmax)
                let g = density(k, m, dmin, dmax, lmin, lmax)
                let score = w.simplicity * s + w.coverage * c + w.density * g + w.legibility
                if score > bestScore {
                  bestScore = score
                  best = (lmin, step, k, z, q, j)
                }
              }
            }
            z += 1
          }
          k += 1
        }
      }
      j += 1
    }
    guard let b = best else { return [dmin, dmax] }
    // Values as integers times the step, so 0.1 + 0.2 prints as 0.3.
    var out: [Double] = []
    let tolerance = b.lstep * 1e-9
    for i in 0..<b.k {
      var v = b.lmin + Double(i) * b.lstep
      if abs(v) < tolerance { v = 0 }
      v = snap(v, step: b.lstep)
      if v >= dmin - tolerance && v <= dmax + tolerance { out.append(v) }
    }
    // An axis needs two labelled ticks to be read: ask for more when the best labelling
    // overhangs the range so far that one or none falls inside.
    if out.count < 2 && m < 20 { return extendedCore(dmin, dmax, m: m + 1) }
    return out
  }

  /// Rounds away binary noise below the step's precision.
  static func snap(_ v: Double, step: Double) -> Double {
    let digits = max(0, min(15, 2 - Int(log10(step).rounded(.down))))
    let p = pow(10.0, Double(digits))
    let r = (v * p).rounded() / p
    return abs(r - v) <= step * 1e-6 ? r : v
  }

  static func index(_ q: Double) -> Int { Self.q.firstIndex(of: q)! }

  static func simplicity(_ q: Double, _ j: Int, _ lmin: Double, _ lmax: Double, _ step: Double) -> Double {
    let eps = 1e-10
    let n = Double(Self.q.count)
    let i = Double(index(q) + 1)
    let r = lmin.truncatingRemainder(dividingBy: step)
    let rem = r < 0 ? r + step : r
    let v: Double = ((rem < eps || step - rem < eps) && lmin <= 0 && lmax >= 0) ? 1 : 0
    return 1 - (i - 1) / (n - 1) - Double(j) + v
  }

  static func simplicityMax(_ q: Double, _ j: Int) -> Double {
    let n = Double(Self.q.count)
    let i = Double(index(q) + 1)
    return 1 - (i - 1) / (n - 1) - Double(j) + 1
  }

  static func coverage(_ dmin: Double, _ dmax: Double, _ lmin: Double, _ lmax: Double) -> Double {
    let range = dmax - dmin
    return 1 - 0.5 * (pow(dmax - lmax, 2) + pow(dmin - lmin, 2)) / pow(0.1 * range, 2)
  }

  static func coverageMax(_ dmin: Double, _ dmax: Double, _ span: Double) -> Double {
    let range = dmax - dmin
    if span > range {
      let half = (span - range) / 2
      return 1 - 0.5 * (2 * half * half) / pow(0.1 * range, 2)
    }
    return 1
  }

  static func density(_ k: Int, _ m: Int, _ dmin: Double, _ dmax: Double, _ lmin: Double, _ lmax: Double) -> Double {
    let r = Double(k - 1) / (lmax - lmin)
    let rt = Double(m - 1) / (max(lmax, dmax) - min(dmin, lmin))
    return 2 - max(r / rt, rt / r)
  }

  static func densityMax(_ k: Int, _ m: Int) -> Double {
    k >= m ? 2 - Double(k - 1) / Double(m - 1) : 1
  }

  /// Ticks for a log axis on [lo, hi] (both positive): powers of ten when the range
  /// spans a decade or more (every n-th power when there are many), else 1-2-5 steps.
  public static func logarithmic(_ lo: Double, _ hi: Double, m: Int) -> [Double] {
    guard lo > 0, hi > 0, lo.isFinite, hi.isFinite else { return [] }
    let (a, b) = (log10(min(lo, hi)), log10(max(lo, hi)))
    let first = Int(a.rounded(.up)), last = Int(b.rounded(.down))
    if last - first >= 1 {
      let every = max(1, Int((Double(last - first + 1) / Double(max(2, m))).rounded(.up)))
      return stride(from: first, through: last, by: every).map { pow(10, Double($0)) }
    }
    var out: [Double] = []
    for e in (Int(a.rounded(.down)) - 1)...(Int(b.rounded(.up)) + 1) {
      for mant in [1.0, 2, 5] {
        let v = mant * pow(10, Double(e))
        if v >= min(lo, hi) * (1 - 1e-12) && v <= max(lo, hi) * (1 + 1e-12) { out.append(snap(v, step: v)) }
      }
    }
    if out.count < 2 { return extended(lo, hi, m: m) }
    return out
  }
}

/// Tick label text: fixed decimals just enough to tell the ticks apart, scientific
/// notation for very large or very small magnitudes, and a true minus sign.
public enum TickFormat {
  public static func labels(_ values: [Double]) -> [String] {
    guard !values.isEmpty else { return [] }
    let maxAbs = values.map(abs).max()!
    let step = zip(values.dropFirst(), values).map { abs($0 - $1) }.filter { $0 > 0 }.min() ?? maxAbs
    let scientific = maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-4) || (step > 0 && step < 1e-6 * maxAbs && maxAbs < 1e-2)
    if scientific { return values.map { minus(scientificText($0, step: step)) } }
    var decimals = 0
    while decimals < 12 {
      let p = pow(10.0, Double(decimals))
      if values.allSatisfy({ abs(($0 * p).rounded() / p - $0) <= step * 1e-3 }) { break }
      decimals += 1
    }
    return values.map { minus(String(format: "%.\(decimals)f", $0 == 0 ? 0 : $0)) }
  }

  /// Labels for log-axis ticks, each on its own: plain decimals from 0.001 to 99,999,
  /// scientific notation beyond (`1e6`, `1e−5`).
  public static func logLabels(_ values: [Double]) -> [String] {
    values.map { v in
      let a = abs(v)
      if a >= 1e-3 && a < 1e5 { return short(v, significant: 6) }
      return minus(scientificText(v, step: a))
    }
  }

  /// One number as a short label (`0.5`, `1200`, `3e-05` → `3e−5`).
  public static func short(_ x: Double, significant: Int = 3) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
    if x == 0 { return "0" }
    let a = abs(x)
    if a >= 1e6 || a < 1e-3 { return minus(scientificText(x, step: a / 100)) }
    let decimals = max(0, significant - 1 - Int(log10(a).rounded(.down)))
    var s = String(format: "%.\(decimals)f", x)
    if s.contains(".") {
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
    }
    return minus(s)
  }

  static func scientificText(_ v: Double, step: Double) -> String {
    if v == 0 { return "0" }
    let e = Int(log10(abs(v)).rounded(.down))
    let mantissa = v / pow(10, Double(e))
    let stepMantissa = step / pow(10, Double(e))
    var decimals = 0
    // Enough decimals to show the step exactly (a step of 2.5e−7 needs one).
    while decimals < 8 && stepMantissa > 0 {
      let scaled = stepMantissa * pow(10, Double(decimals))
      if scaled >= 0.999 && abs(scaled - scaled.rounded()) < 1e-6 * scaled { break }
      decimals += 1
    }
    var m = String(format: "%.\(decimals)f", mantissa)
    if m.contains(".") {
      while m.hasSuffix("0") { m.removeLast() }
      if m.hasSuffix(".") { m.removeLast() }
    }
    return "\(m)e\(e)"
  }

  static func minus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "\u{2212}") }
}
