/// Legacy resampling: `shuffle`, `permutation` and `choice`.
///
/// References: R. Durstenfeld, "Algorithm 235: Random permutation", CACM 7(7), 1964
/// (Fisher–Yates, run from the last index down); NumPy `mtrand.pyx` (`shuffle`,
/// `permutation`, `choice`).
extension RandomState {
  /// Shuffles in place as `RandomState.shuffle` does for a 1-d array (or the first
  /// axis of an n-d one): for i from n−1 down to 1, swap i with a uniform j in 0...i.
  public mutating func shuffle<T>(_ elements: inout [T]) {
    let n = elements.count
    guard n > 1 else { return }
    for i in stride(from: n - 1, through: 1, by: -1) {
      let j = Int(interval(UInt64(i)))
      elements.swapAt(i, j)
    }
  }

  /// `permutation(n)`: a shuffled `0..<n`.
  /// - Throws: `RandomArgumentError` when n exceeds `ArrayLimits.maximumElementCount`.
  public mutating func permutation(_ n: Int) throws -> [Int] {
    try Self.checkCount(n)
    var values = Array(0..<max(n, 0))
    shuffle(&values)
    return values
  }

  /// `permutation(x)`: a shuffled copy of `elements`.
  public mutating func permutation<T>(_ elements: [T]) -> [T] {
    var copy = elements
    shuffle(&copy)
    return copy
  }

  /// `choice(populationSize, size=count, replace=..., p=...)`: indices into a population.
  ///
  /// With replacement and no `p`: `randint(0, n)`. With `p`: inverse CDF of the
  /// normalized cumulative sum at `random_sample` draws (`searchsorted(side="right")`).
  /// Without replacement and no `p`: the first `count` of `permutation(n)`. Without
  /// replacement with `p`: repeated draws, zeroing the probability of found items.
  /// - Throws: `RandomArgumentError` with NumPy's messages for a bad population, bad
  ///   probabilities or a sample larger than the population.
  public mutating func choice(
    _ populationSize: Int, count: Int, replace: Bool = true, p: [Double]? = nil
  ) throws -> [Int] {
    let popSize = populationSize
    guard count >= 0 else { throw RandomArgumentError("negative dimensions are not allowed") }
    try Self.checkCount(count)
    if popSize <= 0 && count > 0 {
      throw RandomArgumentError("a must be greater than 0 unless no samples are taken")
    }
    if let p {
      guard p.count == popSize else { throw RandomArgumentError("a and p must have same size") }
      guard p.allSatisfy({ $0 >= 0 }) else {
        throw RandomArgumentError("probabilities are not non-negative")
      }
      var total = 0.0
      var compensation = 0.0
      for value in p {  // Kahan summation, as NumPy's `kahan_sum`
        let y = value - compensation
        let t = total + y
        compensation = (t - total) - y
        total = t
      }
      guard Swift.abs(total - 1.0) <= Double.ulpOfOne.squareRoot() else {
        throw RandomArgumentError("probabilities do not sum to 1")
      }
    }
    if replace {
      if let p {
        let cdf = Self.normalizedCumulativeSum(p)
        return (0..<count).map { _ in Self.searchSortedRight(cdf, randomSample()) }
      }
      return try randint(0, popSize, count: count)
    }
    guard count <= popSize else {
      throw RandomArgumentError("Cannot take a larger sample than population when 'replace=False'")
    }
    guard var weights = p else { return Array(try permutation(popSize).prefix(count)) }
    guard weights.filter({ $0 > 0 }).count >= count else {
      throw RandomArgumentError("Fewer non-zero entries in p than size")
    }
    var found: [Int] = []
    found.reserveCapacity(count)
    while found.count < count {
      let draws = try randomSample(count: count - found.count)
      for index in found { weights[index] = 0 }
      let cdf = Self.normalizedCumulativeSum(weights)
      var seen = Set<Int>()
      for u in draws {
        let index = Self.searchSortedRight(cdf, u)
        if seen.insert(index).inserted { found.append(index) }
      }
    }
    return found
  }

  /// `choice(elements, size=count, ...)`: elements drawn as `choice` draws indices.
  public mutating func choice<T>(
    _ elements: [T], count: Int, replace: Bool = true, p: [Double]? = nil
  ) throws -> [T] {
    try choice(elements.count, count: count, replace: replace, p: p).map { elements[$0] }
  }

  /// `np.cumsum(p)` divided by its last element.
  static func normalizedCumulativeSum(_ p: [Double]) -> [Double] {
    var cdf = p
    for i in cdf.indices.dropFirst() { cdf[i] += cdf[i - 1] }
    if let last = cdf.last {
      for i in cdf.indices { cdf[i] /= last }
    }
    return cdf
  }

  /// The number of elements of the sorted `cdf` that are ≤ `u` (`side="right"`).
  static func searchSortedRight(_ cdf: [Double], _ u: Double) -> Int {
    var low = 0
    var high = cdf.count
    while low < high {
      let mid = (low + high) / 2
      if cdf[mid] <= u { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
