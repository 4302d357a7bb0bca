/// The 32-bit Mersenne Twister, exactly as NumPy's `MT19937` bit generator runs it.
///
/// State is 624 words plus a position; `next32()` refills the block every 624 draws.
/// Seeding follows NumPy's legacy `RandomState.seed`: an integer seed uses
/// `init_genrand` (Knuth's multiplier 1812433253), an array seed uses `init_by_array`.
///
/// References:
/// 1. M. Matsumoto and T. Nishimura, "Mersenne Twister: a 623-dimensionally
///    equidistributed uniform pseudo-random number generator", ACM TOMACS 8(1), 1998.
/// 2. NumPy, `numpy/random/src/mt19937/mt19937.c` and `randomkit`'s `rk_seed`.
public struct MT19937: Sendable, Equatable {
  static let n = 624
  static let m = 397
  static let matrixA: UInt32 = 0x9908_b0df
  static let upperMask: UInt32 = 0x8000_0000
  static let lowerMask: UInt32 = 0x7fff_ffff

  /// The 624-word key, as `RandomState.get_state()[1]` shows it.
  public private(set) var key: [UInt32]
  /// Position in the key; 624 means "regenerate before the next draw".
  public private(set) var position: Int

  /// Seeds with `init_genrand(seed)`, what `np.random.seed(s)` does for an integer `s`.
  public init(seed: UInt32) {
    var key = [UInt32](repeating: 0, count: Self.n)
    var s = seed
    for i in 0..<Self.n {
      key[i] = s
      s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(i + 1)
    }
    self.key = key
    self.position = Self.n
  }

  /// Seeds with `init_by_array(words)`, what NumPy does for an array seed.
  public init(seedArray words: [UInt32]) {
    self.init(seed: 19_650_218)
    let n = Self.n
    var i = 1
    var j = 0
    let length = max(words.count, 1)
    let wordsOrZero = words.isEmpty ? [0] : words
    for _ in 0..<max(n, length) {
      key[i] = (key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) &* 1_664_525)) &+ wordsOrZero[j]
        &+ UInt32(j)
      i += 1
      j += 1
      if i >= n {
        key[0] = key[n - 1]
        i = 1
      }
      if j >= length { j = 0 }
    }
    for _ in 0..<(n - 1) {
      key[i] = (key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
      i += 1
      if i >= n {
        key[0] = key[n - 1]
        i = 1
      }
    }
    key[0] = 0x8000_0000
    position = n
  }

  /// Regenerates the whole block of 624 words (`mt19937_gen`).
  mutating func regenerate() {
    let n = Self.n
    let m = Self.m
    key.withUnsafeMutableBufferPointer { k in
      @inline(__always) func twist(_ i: Int, _ next: Int, _ far: Int) {
        let y = (k[i] & Self.upperMask) | (k[next] & Self.lowerMask)
        k[i] = k[far] ^ (y >> 1) ^ ((0 &- (y & 1)) & Self.matrixA)
      }
      for i in 0..<(n - m) { twist(i, i + 1, i + m) }
      for i in (n - m)..<(n - 1) { twist(i, i + 1, i + m - n) }
      twist(n - 1, 0, m - 1)
    }
    position = 0
  }

  /// The next tempered 32-bit word.
  @inline(__always)
  public mutating func next32() -> UInt32 {
    if position >= Self.n { regenerate() }
    var y = key[position]
    position += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9d2c_5680
    y ^= (y << 15) & 0xefc6_0000
    y ^= y >> 18
    return y
  }

  /// Two words as one 64-bit value, high word first (`mt19937_next64`).
  @inline(__always)
  public mutating func next64() -> UInt64 {
    let high = UInt64(next32())
    return (high << 32) | UInt64(next32())
  }

  /// A double in [0, 1) with 53 random bits (`mt19937_next_double`).
  @inline(__always)
  public mutating func nextDouble() -> Double {
    let a = Double(next32() >> 5)
    let b = Double(next32() >> 6)
    return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
  }
}
