import Arrays
import Foundation

/// The per-chain random stream: xoshiro256++ seeded from the chain's `PRNGKey`.
///
/// A chain draws a few hundred numbers per transition (its momentum, the direction of
/// each doubling, the multinomial choices); Threefry through `KeyStream` costs ~20 ns a
/// word, xoshiro under 1 ns. The seed is the first 256 bits of `KeyStream(key)`, so the
/// stream is a function of the key alone and chains are reproducible whatever the number
/// of threads. The state is a value: it is saved in `ChainState` and a resumed run
/// continues the same stream.
///
/// References:
/// 1. D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators",
///    ACM TOMS 47(4), 2021 (xoshiro256++).
/// 2. G. Marsaglia and T. A. Bray, "A convenient method for generating normal
///    variables", SIAM Review 6(3), 1964 (the polar method: no sine or cosine).
public struct ChainRNG: Sendable, Hashable {
  var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
  /// Box–Muller makes normals in pairs; the second waits here.
  var spareNormal: Double = 0
  var hasSpareNormal = false

  /// The stream of `key`.
  public init(key: PRNGKey) {
    var stream = KeyStream(key)
    func word(_ s: inout KeyStream) -> UInt64 { UInt64(s.next32()) << 32 | UInt64(s.next32()) }
    s0 = word(&stream)
    s1 = word(&stream)
    s2 = word(&stream)
    s3 = word(&stream)
    if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }  // the all-zero state is a fixed point
  }

  @inline(__always) static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// The next 64 random bits (xoshiro256++).
  @inline(__always) public mutating func next() -> UInt64 {
    let result = ChainRNG.rotl(s0 &+ s3, 23) &+ s0
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = ChainRNG.rotl(s3, 45)
    return result
  }

  /// A double uniform on [0, 1) with 53 random bits.
  @inline(__always) public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal (Marsaglia's polar method; both values of each pair are used).
  @inline(__always) public mutating func normal() -> Double {
    if hasSpareNormal {
      hasSpareNormal = false
      return spareNormal
    }
    var u = 0.0, v = 0.0, s = 0.0
    repeat {
      u = 2 * uniform() - 1
      v = 2 * uniform() - 1
      s = u * u + v * v
    } while s >= 1 || s == 0
    let f = (-2 * Foundation.log(s) / s).squareRoot()
    spareNormal = v * f
    hasSpareNormal = true
    return u * f
  }
}
