/// `RandomState` calls with a NumPy `size` shape, returning arrays.
///
/// Each draws exactly the stream the `count:` form draws for the product of the shape,
/// in row-major order, as NumPy fills its output.
extension RandomState {
  static func count(_ size: [Int]) throws -> Int {
    guard let count = ArrayLimits.elementCount(size) else {
      throw RandomArgumentError(ArrayLimits.message(size))
    }
    try ArrayLimits.reserve(count)
    return count
  }

  /// Validates a `count:` argument (negative counts draw nothing, as before).
  static func checkCount(_ count: Int) throws {
    guard count <= ArrayLimits.maximumElementCount else {
      throw RandomArgumentError("\(count) draws is too large (the limit is \(ArrayLimits.maximumElementCount))")
    }
    try ArrayLimits.reserve(count)
  }

  /// `random_sample(size)`.
  public mutating func randomSample(size: [Int]) throws -> NDArray {
    try NDArray(randomSample(count: Self.count(size)), shape: size)
  }

  /// `uniform(low, high, size)`.
  public mutating func uniform(_ low: Double, _ high: Double, size: [Int]) throws -> NDArray {
    try NDArray(uniform(low, high, count: Self.count(size)), shape: size)
  }

  /// `randint(low, high, size)` (int64).
  public mutating func randint(_ low: Int, _ high: Int, size: [Int]) throws -> NDArray {
    try NDArray(randint(low, high, count: Self.count(size)), shape: size)
  }

  /// `randint(low, high, size=n)`, the tutorial's form.
  public mutating func randint(_ low: Int, _ high: Int, size: Int) throws -> NDArray {
    try randint(low, high, size: [size])
  }

  /// `standard_normal(size)`.
  public mutating func standardNormal(size: [Int]) throws -> NDArray {
    try NDArray(standardNormal(count: Self.count(size)), shape: size)
  }

  /// `normal(loc, scale, size)`.
  public mutating func normal(_ loc: Double, _ scale: Double, size: [Int]) throws -> NDArray {
    try NDArray(normal(loc, scale, count: Self.count(size)), shape: size)
  }

  /// `normal(loc, scale, size=n)`, the tutorial's form.
  public mutating func normal(_ loc: Double, _ scale: Double, size: Int) throws -> NDArray {
    try normal(loc, scale, size: [size])
  }

  /// `poisson(lam, size)`.
  public mutating func poisson(_ lam: Double, size: [Int]) throws -> NDArray {
    try NDArray(poisson(lam, count: Self.count(size)), shape: size)
  }

  /// `binomial(n, p, size)`.
  public mutating func binomial(_ n: Int, _ p: Double, size: [Int]) throws -> NDArray {
    try NDArray(binomial(n, p, count: Self.count(size)), shape: size)
  }

  /// `exponential(scale, size)`.
  public mutating func exponential(_ scale: Double, size: [Int]) throws -> NDArray {
    try NDArray(exponential(scale, count: Self.count(size)), shape: size)
  }

  /// `gamma(shape, scale, size)`.
  public mutating func gamma(_ shape: Double, _ scale: Double, size: [Int]) throws -> NDArray {
    try NDArray(gamma(shape, scale, count: Self.count(size)), shape: size)
  }

  /// `beta(a, b, size)`.
  public mutating func beta(_ a: Double, _ b: Double, size: [Int]) throws -> NDArray {
    try NDArray(beta(a, b, count: Self.count(size)), shape: size)
  }

  /// `choice(a, size, replace, p)` for a population of `populationSize` indices.
  public mutating func choice(_ populationSize: Int, size: [Int], replace: Bool = true, p: [Double]? = nil) throws -> NDArray {
    try NDArray(choice(populationSize, count: Self.count(size), replace: replace, p: p), shape: size)
  }

  /// `shuffle(x)` for an array: shuffles along axis 0 (rows move as a whole).
  public mutating func shuffle(_ array: inout NDArray) {
    guard array.ndim > 0 else { return }
    var rows = Array(0..<array.shape[0])
    shuffle(&rows)
    let rowSize = array.size / Swift.max(array.shape[0], 1)
    let offsets = rows.flatMap { r in (r * rowSize)..<((r + 1) * rowSize) }
    array = array.gathering(offsets, shape: array.shape)
  }

  /// `permutation(x)` for an array: a copy shuffled along axis 0.
  public mutating func permutation(_ array: NDArray) -> NDArray {
    var copy = array
    shuffle(&copy)
    return copy
  }
}
