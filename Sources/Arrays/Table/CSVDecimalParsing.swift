import Foundation

/// Reading decimal numbers from CSV fields, correctly rounded and fast.
extension CSVReader {
  static let exactDoublePowersOfTen: [Double] = (0...22).map { k in
    var v = 1.0
    for _ in 0..<k { v *= 10 }
    return v
  }

  static let exactPowersOfTen: [Float80] = (0...27).map { k in
    var v: Float80 = 1
    for _ in 0..<k { v *= 10 }
    return v
  }

  /// A plain decimal `[-]digits[.digits]` with at most 19 significant digits and 27
  /// decimals is m / 10ᵏ with m and 10ᵏ exact in Float80, so the Float80 quotient is
  /// within half an ulp of the truth (64-bit significand). Rounding it to Double is then
  /// the correctly rounded result unless its 11 extra bits sit next to a Double halfway
  /// point; those rare cases, and every other syntax, go to `strtod`.
  ///
  /// References: W. D. Clinger, "How to read floating point numbers accurately", PLDI
  /// 1990 (the exact fast path and its guard).
  static func parseDouble(_ p: UnsafeBufferPointer<UInt8>, _ f: Field) -> Double? {
    guard f.end > f.start else { return nil }
    var i = f.start
    let negative = p[i] == 45
    if negative || p[i] == 43 { i += 1 }
    var mantissa: UInt64 = 0
    var digits = 0
    var fractionDigits = 0
    var anyDigit = false
    var seenPoint = false
    var simple = i < f.end
    let raw = UnsafeRawPointer(p.baseAddress!)
    while i < f.end {
      if f.end &- i >= 8 {
        // Eight digits at once (SWAR), as fast_float's parse_eight_digits_unrolled.
        let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080 == 0 {
          var v = word &- 0x3030_3030_3030_3030
          v = v &* 10 &+ (v >> 8)
          v = ((v & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064
            &+ ((v >> 16) & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001) >> 32
          let chunk = v & 0xFFFF_FFFF
          if mantissa == 0 {
            var significant = 0
            var rest = chunk
            while rest > 0 {
              significant &+= 1
              rest /= 10
            }
            digits &+= significant
          } else {
            digits &+= 8
          }
          mantissa = mantissa &* 100_000_000 &+ chunk
          fractionDigits &+= seenPoint ? 8 : 0
          anyDigit = true
          i &+= 8
          continue
        }
      }
      let c = p[i]
      let d = c &- 48
      if d <= 9 {
        mantissa = mantissa &* 10 &+ UInt64(d)
        digits &+= mantissa > 0 ? 1 : 0
        fractionDigits &+= seenPoint ? 1 : 0
        anyDigit = true
      } else if c == 46 && !seenPoint {
        seenPoint = true
      } else {
        simple = false
        break
      }
      i &+= 1
    }
    if simple && anyDigit && digits <= 19 && fractionDigits <= 27 {
      if mantissa == 0 { return negative ? -0.0 : 0.0 }
      if digits <= 15 && fractionDigits <= 22 {
        // Both exact in Double: one correctly rounded division (Clinger's fast path).
        let value = Double(mantissa) / exactDoublePowersOfTen[fractionDigits]
        return negative ? -value : value
      }
      let q = Float80(mantissa) / exactPowersOfTen[fractionDigits]
      let extra = q.significandBitPattern & 0x7FF
      if extra < 0x3FF || extra > 0x401 {
        let value = Double(q)
        return negative ? -value : value
      }
    }
    return parseDoubleSlow(p, f)
  }

  static func parseDoubleSlow(_ p: UnsafeBufferPointer<UInt8>, _ f: Field) -> Double? {
    let c = p[f.start]
    // strtod skips leading spaces and reads hex; accept only what pandas reads as numbers.
    guard (c >= 48 && c <= 57) || c == 45 || c == 43 || c == 46 || c == 105 || c == 73 else { return nil }
    return p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { base in
      var end: UnsafeMutablePointer<CChar>? = nil
      let value = strtod(base + f.start, &end)
      guard let end, end == UnsafeMutablePointer(mutating: base + f.end) else { return nil }
      if f.end - f.start > 1, p[f.start + 1] == 120 || p[f.start + 1] == 88 { return nil }  // 0x…
      return value
    }
  }
}
