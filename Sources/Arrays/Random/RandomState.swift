import Foundation

/// An error raised when a random-stream call gets an argument NumPy would reject.
public struct RandomArgumentError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The message, worded like NumPy's `ValueError` (e.g. "high <= low").
  public let description: String
  /// An error with NumPy's message.
  public init(_ description: String) { self.description = description }
}

/// NumPy's legacy `numpy.random.RandomState`, reproduced bit for bit.
///
/// Every method consumes the Mersenne Twister stream exactly as NumPy 1.17+ (and 2.x)
/// does for the same call, so `RandomState(seed: 42)` followed by the calls of a Python
/// tutorial yields the same numbers. Includes the cached second value of the polar
/// Box–Muller method (`has_gauss`), which carries over between `normal` calls.
///
/// Validation happens at the call; the sampling loops never throw.
///
/// References:
/// 1. NumPy, `numpy/random/mtrand.pyx`, `numpy/random/_bounded_integers.pyx.in`,
///    `numpy/random/src/distributions/distributions.c`,
///    `numpy/random/src/legacy/legacy-distributions.c`.
public struct RandomState: Sendable, Equatable {
  /// The bit generator.
  public var generator: MT19937
  /// Whether a cached standard normal is waiting (`has_gauss`).
  public private(set) var hasGauss = false
  /// The cached standard normal (`gauss`).
  public private(set) var gauss = 0.0

  /// `np.random.RandomState(seed)` for an integer seed in 0...2³²−1.
  public init(seed: UInt32) {
    generator = MT19937(seed: seed)
  }

  /// `np.random.RandomState(seed)` for a non-negative integer seed.
  /// - Throws: `RandomArgumentError` when the seed is outside 0...2³²−1, as NumPy does.
  public init(seed: Int) throws {
    guard seed >= 0, seed <= Int(UInt32.max) else {
      throw RandomArgumentError("Seed must be between 0 and 2**32 - 1")
    }
    generator = MT19937(seed: UInt32(seed))
  }

  /// `np.random.RandomState([w0, w1, ...])`: seeding by `init_by_array`.
  public init(seedArray words: [UInt32]) {
    generator = MT19937(seedArray: words)
  }

  // MARK: Raw draws

  /// A double in [0, 1) (`random_sample()`).
  @inline(__always)
  public mutating func randomSample() -> Double { generator.nextDouble() }

  /// `count` doubles in [0, 1) (`random_sample(size)`).
  public mutating func randomSample(count: Int) throws -> [Double] {
    try Self.checkCount(count)
    return (0..<max(count, 0)).map { _ in generator.nextDouble() }
  }

  /// `uniform(low, high)`: `low + (high - low) * U`, U in [0, 1).
  @inline(__always)
  public mutating func uniform(_ low: Double = 0, _ high: Double = 1) -> Double {
    low + (high - low) * generator.nextDouble()
  }

  /// `count` draws of `uniform(low, high)`.
  public mutating func uniform(_ low: Double, _ high: Double, count: Int) throws -> [Double] {
    try Self.checkCount(count)
    let range = high - low
    return (0..<max(count, 0)).map { _ in low + range * generator.nextDouble() }
  }

  // MARK: Integers

  /// The smallest all-ones mask covering `max` (`gen_mask`).
  @inline(__always)
  static func mask(covering max: UInt64) -> UInt64 {
    var m = max
    m |= m >> 1
    m |= m >> 2
    m |= m >> 4
    m |= m >> 8
    m |= m >> 16
    m |= m >> 32
    return m
  }

  /// A uniform integer in 0...range by masked rejection, 32-bit draws when the range
  /// fits (`random_bounded_uint64_fill` with `use_masked`, as `RandomState.randint`).
  @inline(__always)
  mutating func boundedMasked(_ range: UInt64) -> UInt64 {
    if range == 0 { return 0 }
    if range <= 0xffff_ffff {
      if range == 0xffff_ffff { return UInt64(generator.next32()) }
      let mask = UInt32(truncatingIfNeeded: Self.mask(covering: range))
      let r = UInt32(range)
      while true {
        let v = generator.next32() & mask
        if v <= r { return UInt64(v) }
      }
    }
    if range == UInt64.max { return generator.next64() }
    let mask = Self.mask(covering: range)
    while true {
      let v = generator.next64() & mask
      if v <= range { return v }
    }
  }

  /// A uniform integer in 0...max (`random_interval`, used by `shuffle`).
  @inline(__always)
  mutating func interval(_ max: UInt64) -> UInt64 {
    if max == 0 { return 0 }
    let mask = Self.mask(covering: max)
    if max <= 0xffff_ffff {
      while true {
        let v = UInt64(generator.next32()) & mask
        if v <= max { return v }
      }
    }
    while true {
      let v = generator.next64() & mask
      if v <= max { return v }
    }
  }

  /// `randint(low, high)`: an integer in [low, high), default dtype int64.
  /// - Throws: `RandomArgumentError("high <= low")` when the range is empty.
  public mutating func randint(_ low: Int, _ high: Int) throws -> Int {
    guard high > low else { throw RandomArgumentError("high <= low") }
    let range = UInt64(bitPattern: Int64(high &- 1) &- Int64(low))
    return low &+ Int(truncatingIfNeeded: boundedMasked(range))
  }

  /// `randint(low, high, size=count)`.
  public mutating func randint(_ low: Int, _ high: Int, count: Int) throws -> [Int] {
    try Self.checkCount(count)
    guard high > low else { throw RandomArgumentError("high <= low") }
    let range = UInt64(bitPattern: Int64(high &- 1) &- Int64(low))
    return (0..<max(count, 0)).map { _ in low &+ Int(truncatingIfNeeded: boundedMasked(range)) }
  }

  // MARK: Normal

  /// A standard normal by the polar method, caching the second value (`legacy_gauss`).
  ///
  /// References: G. Marsaglia and T. A. Bray, "A convenient method for generating
  /// normal variables", SIAM Review 6(3), 1964.
  public mutating func standardNormal() -> Double {
    if hasGauss {
      hasGauss = false
      let cached = gauss
      gauss = 0
      return cached
    }
    var x1 = 0.0
    var x2 = 0.0
    var r2 = 0.0
    repeat {
      x1 = 2.0 * generator.nextDouble() - 1.0
      x2 = 2.0 * generator.nextDouble() - 1.0
      r2 = x1 * x1 + x2 * x2
    } while r2 >= 1.0 || r2 == 0.0
    let f = (-2.0 * Foundation.log(r2) / r2).squareRoot()
    gauss = f * x1
    hasGauss = true
    return f * x2
  }

  /// `count` standard normals.
  public mutating func standardNormal(count: Int) throws -> [Double] {
    try Self.checkCount(count)
    return (0..<max(count, 0)).map { _ in standardNormal() }
  }

  /// `normal(loc, scale)`: `loc + scale * gauss`.
  /// - Throws: `RandomArgumentError("scale < 0")` for a negative scale, as NumPy.
  public mutating func normal(_ loc: Double = 0, _ scale: Double = 1) throws -> Double {
    guard scale >= 0 else { throw RandomArgumentError("scale < 0") }
    return loc + scale * standardNormal()
  }

  /// `normal(loc, scale, size=count)`.
  /// - Throws: `RandomArgumentError("scale < 0")` for a negative scale, as NumPy.
  public mutating func normal(_ loc: Double, _ scale: Double, count: Int) throws -> [Double] {
    try Self.checkCount(count)
    guard scale >= 0 else { throw RandomArgumentError("scale < 0") }
    return (0..<max(count, 0)).map { _ in loc + scale * standardNormal() }
  }
}
