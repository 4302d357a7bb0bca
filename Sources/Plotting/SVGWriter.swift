/// Builds SVG text into a byte buffer with deterministic number formatting: the same
/// figure gives the same bytes on every run and machine (no locale, no `%g`, no
/// dictionary order).
struct SVGWriter {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

  var text: String { String(decoding: bytes, as: UTF8.self) }

  mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

  mutating func raw(_ s: StaticString) {
    s.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Text content or an attribute value with `&`, `<`, `>` and `"` escaped.
  mutating func escaped(_ s: String) {
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "&"): raw("&amp;")
      case UInt8(ascii: "<"): raw("&lt;")
      case UInt8(ascii: ">"): raw("&gt;")
      case UInt8(ascii: "\""): raw("&quot;")
      default: bytes.append(b)
      }
    }
  }

  /// A number rounded to 2 decimals, shortest form (`12`, `-0.5`, `3.25`); non-finite
  /// values write `0` (callers drop them before they get here).
  mutating func number(_ x: Double) { fixed(x, decimals: 2, dropLeadingZero: false) }

  /// A number with `decimals` digits after the point at most, trailing zeros removed;
  /// with `dropLeadingZero`, `0.5` is written `.5` (valid in path data).
  mutating func fixed(_ x: Double, decimals: Int, dropLeadingZero: Bool) {
    guard x.isFinite else { bytes.append(UInt8(ascii: "0")); return }
    let scale = decimals == 1 ? 10.0 : decimals == 2 ? 100.0 : 1.0
    // Coordinates come from scales and stay inside the figure; clamp anything else.
    let n = Int((min(1e12, max(-1e12, x)) * scale).rounded())
    integerTenths(n, decimals: decimals, dropLeadingZero: dropLeadingZero)
  }

  /// Writes `n / 10^decimals` (decimals 0, 1 or 2).
  mutating func integerTenths(_ n: Int, decimals: Int, dropLeadingZero: Bool) {
    if n < 0 { bytes.append(UInt8(ascii: "-")) }
    let m = n.magnitude
    let unit: UInt = decimals == 1 ? 10 : decimals == 2 ? 100 : 1
    let whole = m / unit
    var frac = m % unit
    if whole != 0 || !dropLeadingZero || frac == 0 { digits(whole) }
    guard frac != 0 else { return }
    bytes.append(UInt8(ascii: "."))
    if decimals == 2 {
      let tens = frac / 10
      frac %= 10
      bytes.append(UInt8(ascii: "0") + UInt8(tens))
      if frac != 0 { bytes.append(UInt8(ascii: "0") + UInt8(frac)) }
    } else {
      bytes.append(UInt8(ascii: "0") + UInt8(frac))
    }
  }

  private mutating func digits(_ v: UInt) {
    if v < 10 { bytes.append(UInt8(ascii: "0") + UInt8(v)); return }
    var buf: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var v = v
    withUnsafeMutableBytes(of: &buf) { p in
      while v > 0 {
        p[count] = UInt8(ascii: "0") + UInt8(v % 10)
        v /= 10
        count += 1
      }
      for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(p[i]) }
    }
  }

  /// ` name="value"` with a number value.
  mutating func attribute(_ name: StaticString, _ value: Double) {
    raw(" "); raw(name); raw("=\""); number(value); raw("\"")
  }

  /// ` name="value"` with a text value (escaped).
  mutating func attribute(_ name: StaticString, _ value: String) {
    raw(" "); raw(name); raw("=\""); escaped(value); raw("\"")
  }

  /// A polyline as path data: an absolute move, then relative moves in tenths of a
  /// pixel (`l.3-1.2.3 4`), which keeps long traces small. Non-finite points break the
  /// line into separate subpaths. Returns false when nothing was written.
  @discardableResult
  mutating func polylinePath(_ xs: [Double], _ ys: [Double]) -> Bool {
    var prevX = 0, prevY = 0
    var inRun = false
    var wrote = false
    for i in 0..<min(xs.count, ys.count) {
      let x = xs[i], y = ys[i]
      guard x.isFinite, y.isFinite else { inRun = false; continue }
      let tx = Int((min(1e12, max(-1e12, x)) * 10).rounded()), ty = Int((min(1e12, max(-1e12, y)) * 10).rounded())
      if !inRun {
        bytes.append(UInt8(ascii: "M"))
        integerTenths(tx, decimals: 1, dropLeadingZero: true)
        bytes.append(UInt8(ascii: " "))
        integerTenths(ty, decimals: 1, dropLeadingZero: true)
        bytes.append(UInt8(ascii: "l"))
        inRun = true
        wrote = true
        // A lone point still draws with round caps.
        bytes.append(UInt8(ascii: "0")); bytes.append(UInt8(ascii: " ")); bytes.append(UInt8(ascii: "0"))
      } else {
        pair(tx - prevX, ty - prevY)
      }
      prevX = tx
      prevY = ty
    }
    return wrote
  }

  /// Appends a relative pair in tenths, with the shortest separators path data allows.
  private mutating func pair(_ dx: Int, _ dy: Int) {
    if dx >= 0 { bytes.append(UInt8(ascii: " ")) }
    integerTenths(dx, decimals: 1, dropLeadingZero: true)
    // After a number with a fraction, a following ".x" needs no separator, but keep the
    // rule simple: a space unless the next number starts with '-'.
    if dy >= 0 { bytes.append(UInt8(ascii: " ")) }
    integerTenths(dy, decimals: 1, dropLeadingZero: true)
  }
}
