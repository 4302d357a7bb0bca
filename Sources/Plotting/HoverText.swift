import Foundation

/// The text of the `<title>` each mark carries, which browsers show as a tooltip when the
/// pointer rests on it (no script, so reports stay static): a dot's index and values, a
/// bar's bin and height, a line's series and extent. Numbers get 4 significant digits,
/// written the same on every machine.
enum HoverText {
  static func number(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    let magnitude = abs(x)
    let exponent = Int(floor(log10(magnitude)))
    if exponent >= -4 && exponent < 15 {
      let digits = max(0, 3 - exponent)
      let scale = pow(10, Double(digits))
      let r = (x * scale).rounded() / scale
      if r == r.rounded() { return String(Int(r)) }
      return "\(r)"
    }
    let mantissa = ((x / pow(10, Double(exponent))) * 1000).rounded() / 1000
    return "\(mantissa)e\(exponent)"
  }

  /// `lo – hi` over the finite values, or nil when there are none.
  static func extent(_ v: [Double]) -> String? {
    var lo = Double.infinity, hi = -Double.infinity
    for x in v where x.isFinite {
      lo = min(lo, x)
      hi = max(hi, x)
    }
    guard lo <= hi else { return nil }
    return lo == hi ? number(lo) : "\(number(lo)) – \(number(hi))"
  }

  /// A curve: its series, how many points, and where it runs; a density (a panel whose y
  /// axis has no numbers) says where it peaks instead of its heights.
  static func curve(_ label: String?, _ x: [Double], _ y: [Double], xName: String, yName: String, isDensity: Bool) -> String {
    var parts: [String] = []
    if let xr = extent(x) { parts.append("\(xName) \(xr)") }
    if isDensity {
      var best = -1
      for i in 0..<min(x.count, y.count) where y[i].isFinite && x[i].isFinite && (best < 0 || y[i] > y[best]) { best = i }
      if best >= 0 { parts.append("peak at \(xName) = \(number(x[best]))") }
    } else if let yr = extent(y) {
      parts.append("\(yName) \(yr)")
    }
    let head = label ?? (isDensity ? "density" : yName)
    return "\(head): " + parts.joined(separator: "; ")
  }
}
