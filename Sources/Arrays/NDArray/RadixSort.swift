/// Least-significant-digit radix sort of Doubles, used for long lanes.
///
/// Each Double maps to a UInt64 key whose unsigned order is the numeric order (flip
/// the sign bit of non-negatives, all bits of negatives), then eight stable counting
/// passes over its bytes sort the keys; passes whose byte is the same everywhere are
/// skipped. NaNs must be removed first. −0.0 sorts before +0.0.
///
/// References: D. E. Knuth, *The Art of Computer Programming* vol. 3, §5.2.5; M. Herf,
/// "Radix tricks" (2001), for the floating-point key transform.
enum RadixSort {
  /// Below this many elements the standard library's comparison sort is faster.
  static let threshold = 2048

  @inline(__always) static func key(_ x: Double) -> UInt64 {
    let bits = x.bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
  }

  @inline(__always) static func value(_ k: UInt64) -> Double {
    Double(bitPattern: k & (1 << 63) != 0 ? k & ~(1 << 63) : ~k)
  }

  /// Sorts `values` (no NaNs) ascending in place.
  static func sort(_ values: inout [Double]) {
    let n = values.count
    if n < threshold {
      values.sort()
      return
    }
    var keys = values.map(key)
    var scratch = [UInt64](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: 8 * 256)
    keys.withUnsafeBufferPointer { k in
      counts.withUnsafeMutableBufferPointer { c in
        for x in k {
          for byte in 0..<8 { c[byte * 256 + Int((x >> (8 * UInt64(byte))) & 0xFF)] += 1 }
        }
      }
    }
    for byte in 0..<8 {
      let base = byte * 256
      // Skip a pass whose digit is the same for every key.
      if (0..<256).contains(where: { counts[base + $0] == n }) { continue }
      var offset = 0
      for d in 0..<256 {
        let c = counts[base + d]
        counts[base + d] = offset
        offset += c
      }
      keys.withUnsafeBufferPointer { src in
        scratch.withUnsafeMutableBufferPointer { dst in
          counts.withUnsafeMutableBufferPointer { c in
            let shift = 8 * UInt64(byte)
            for x in src {
              let d = base + Int((x >> shift) & 0xFF)
              dst[c[d]] = x
              c[d] += 1
            }
          }
        }
      }
      swap(&keys, &scratch)
    }
    values = keys.map(value)
  }
}
