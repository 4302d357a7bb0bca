/// A counter-based, splittable random key, as JAX's `PRNGKey`: two 32-bit words fed to
/// the Threefry-2x32 block cipher.
///
/// Keys are values; drawing never mutates a key. `split(key, n)` derives n new keys the
/// way JAX's `threefry_split` does (encrypting the counters 0..<2n), so parallel chains
/// given keys split from one seed are reproducible whatever the number of threads.
///
/// References:
/// 1. J. K. Salmon, M. A. Moraes, R. O. Dror and D. E. Shaw, "Parallel random numbers:
///    as easy as 1, 2, 3", SC11, 2011 (Threefry; Random123 known-answer tests).
/// 2. JAX, `jax/_src/prng.py` (`threefry2x32`, `threefry_split`).
public struct PRNGKey: Sendable, Hashable, CustomStringConvertible {
  /// The two key words, as JAX shows `key_data(key)`.
  public let high: UInt32
  public let low: UInt32

  /// `PRNGKey(seed)`: high word = seed >> 32, low word = seed & 0xFFFFFFFF, as JAX.
  public init(_ seed: Int) {
    let bits = UInt64(bitPattern: Int64(seed))
    high = UInt32(truncatingIfNeeded: bits >> 32)
    low = UInt32(truncatingIfNeeded: bits)
  }

  /// A key from its two words.
  public init(high: UInt32, low: UInt32) {
    self.high = high
    self.low = low
  }

  public var description: String { "PRNGKey([\(high), \(low)])" }

  /// Threefry-2x32 with 20 rounds: encrypts the counter pair (x0, x1) under this key.
  public func threefry(_ x0: UInt32, _ x1: UInt32) -> (UInt32, UInt32) {
    @inline(__always) func rotl(_ v: UInt32, _ d: UInt32) -> UInt32 { (v << d) | (v >> (32 - d)) }
    let ks0 = high
    let ks1 = low
    let ks2 = high ^ low ^ 0x1BD1_1BDA
    var a = x0 &+ ks0
    var b = x1 &+ ks1
    // Four rounds with rotations (13, 15, 26, 6) or (17, 29, 16, 24), then a key
    // injection; five times (written out: no arrays, so no allocation per call).
    @inline(__always) func mix(_ r: UInt32) {
      a = a &+ b
      b = rotl(b, r)
      b ^= a
    }
    @inline(__always) func roundsA() { mix(13); mix(15); mix(26); mix(6) }
    @inline(__always) func roundsB() { mix(17); mix(29); mix(16); mix(24) }
    roundsA(); a = a &+ ks1; b = b &+ (ks2 &+ 1)
    roundsB(); a = a &+ ks2; b = b &+ (ks0 &+ 2)
    roundsA(); a = a &+ ks0; b = b &+ (ks1 &+ 3)
    roundsB(); a = a &+ ks1; b = b &+ (ks2 &+ 4)
    roundsA(); a = a &+ ks2; b = b &+ (ks0 &+ 5)
    return (a, b)
  }

  /// `n` new keys (`jax.random.split(key, n)`).
  public func split(_ n: Int = 2) -> [PRNGKey] {
    let count = Swift.max(n, 0)
    // threefry_2x32(key, iota(2n)): the first half of the counters pairs with the second.
    var words = [UInt32](repeating: 0, count: 2 * count)
    for i in 0..<count {
      let (a, b) = threefry(UInt32(truncatingIfNeeded: i), UInt32(truncatingIfNeeded: i + count))
      words[i] = a
      words[i + count] = b
    }
    return (0..<count).map { PRNGKey(high: words[2 * $0], low: words[2 * $0 + 1]) }
  }

  /// A key derived from this one and `data` (`jax.random.fold_in`).
  public func foldIn(_ data: UInt32) -> PRNGKey {
    let (a, b) = threefry(0, data)
    return PRNGKey(high: a, low: b)
  }
}

/// `split(key, n)`, NumPyro's spelling.
public func split(_ key: PRNGKey, _ n: Int = 2) -> [PRNGKey] { key.split(n) }

/// A sequential stream of bits from one key: word pairs are Threefry(key, (i, 0)) for
/// i = 0, 1, 2, …, so the stream depends only on the key.
public struct KeyStream: Sendable {
  /// The key the stream encrypts its counters under.
  public let key: PRNGKey
  var counter: UInt32 = 0
  var buffered: UInt32 = 0
  var hasBuffered = false
  var counterHigh: UInt32 = 0

  /// A stream starting at counter 0.
  public init(_ key: PRNGKey) { self.key = key }

  /// The next 32 random bits.
  public mutating func next32() -> UInt32 {
    if hasBuffered {
      hasBuffered = false
      return buffered
    }
    let (a, b) = key.threefry(counter, counterHigh)
    counter &+= 1
    if counter == 0 { counterHigh &+= 1 }
    buffered = b
    hasBuffered = true
    return a
  }

  /// A double in [0, 1) with 53 random bits.
  public mutating func nextDouble() -> Double {
    let a = Double(next32() >> 5)
    let b = Double(next32() >> 6)
    return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
  }

  /// A double in (0, 1], safe for logarithms.
  public mutating func nextOpenDouble() -> Double { 1.0 - nextDouble() }
}
