import Foundation

/// Discrete and multivariate samplers driven by a `PRNGKey`.
///
/// References:
/// 1. W. Hörmann, "The transformed rejection method for generating Poisson random
///    variables", Insurance: Mathematics and Economics 12, 1993 (PTRS, λ ≥ 10).
/// 2. L. Devroye, *Non-Uniform Random Variate Generation*, Springer 1986, §X.4
///    (binomial by recursive beta splitting) and §XI.4 (Dirichlet from gammas).
extension PRNG {
  /// One Poisson variate: multiplication for λ < 10, PTRS above.
  static func poissonVariate(_ lam: Double, _ s: inout KeyStream) -> Int {
    if lam == 0 { return 0 }
    if lam < 10 {
      let limit = Foundation.exp(-lam)
      var k = 0
      var product = s.nextDouble()
      while product > limit {
        k += 1
        product *= s.nextDouble()
      }
      return k
    }
    return PoissonPTRS.sample(lam, &s, logGamma: Foundation.lgamma)
  }

  /// One binomial variate: inversion when n·min(p, 1−p) ≤ 30, else beta splitting.
  static func binomialVariate(_ n: Int, _ p: Double, _ s: inout KeyStream) -> Int {
    if n == 0 || p == 0 { return 0 }
    if p == 1 { return n }
    if p > 0.5 { return n - binomialVariate(n, 1 - p, &s) }
    if Double(n) * p <= 30 {
      // Sequential search from 0 on the CDF.
      let q = 1 - p
      var u = s.nextDouble()
      var k = 0
      var pk = Foundation.exp(Double(n) * Foundation.log1p(-p))
      while u > pk && k < n {
        u -= pk
        pk *= (Double(n - k) / Double(k + 1)) * (p / q)
        k += 1
      }
      return k
    }
    // The i-th order statistic of n+1... : X ~ Beta(i, n+1−i) splits the trials.
    let i = (n + 1) / 2
    let x = standardGamma(Double(i), &s)
    let y = standardGamma(Double(n + 1 - i), &s)
    let split = x / (x + y)
    if split >= p { return binomialVariate(i - 1, p / split, &s) }
    return i + binomialVariate(n - i, (p - split) / (1 - split), &s)
  }

  /// Poisson(rate).
  public static func poisson(_ key: PRNGKey, rate: Double, shape: [Int] = []) throws -> NDArray {
    guard rate >= 0, rate < 1e15 else { throw RandomArgumentError("rate must be in [0, 1e15), got \(rate)") }
    var stream = KeyStream(key)
    let values = (0..<(try count(shape))).map { _ in poissonVariate(rate, &stream) }
    return NDArray(unchecked: .int(values), shape: shape)
  }

  /// Binomial(totalCount, probs).
  public static func binomial(_ key: PRNGKey, totalCount: Int, probs: Double, shape: [Int] = []) throws -> NDArray {
    guard totalCount >= 0 else { throw RandomArgumentError("totalCount must be >= 0, got \(totalCount)") }
    guard probs >= 0, probs <= 1 else { throw RandomArgumentError("probs must be in [0, 1], got \(probs)") }
    var stream = KeyStream(key)
    let values = (0..<(try count(shape))).map { _ in binomialVariate(totalCount, probs, &stream) }
    return NDArray(unchecked: .int(values), shape: shape)
  }

  /// Categorical over `logits.count` classes (unnormalized log-probabilities), by
  /// inverting the CDF of softmax(logits).
  public static func categorical(_ key: PRNGKey, logits: [Double], shape: [Int] = []) throws -> NDArray {
    guard !logits.isEmpty, logits.allSatisfy({ !$0.isNaN && $0 != .infinity }),
      logits.contains(where: { $0 > -.infinity })
    else { throw RandomArgumentError("logits must be a non-empty array with a finite maximum") }
    let normalizer = Special.logSumExp(logits)
    var cdf = logits.map { Foundation.exp($0 - normalizer) }
    for i in cdf.indices.dropFirst() { cdf[i] += cdf[i - 1] }
    let total = cdf[cdf.count - 1]
    var stream = KeyStream(key)
    let values = (0..<(try count(shape))).map { _ in
      Swift.min(RandomState.searchSortedRight(cdf, stream.nextDouble() * total), logits.count - 1)
    }
    return NDArray(unchecked: .int(values), shape: shape)
  }

  /// Dirichlet(concentration): normalized independent gammas; shape `shape + [k]`.
  public static func dirichlet(_ key: PRNGKey, concentration: [Double], shape: [Int] = []) throws -> NDArray {
    guard !concentration.isEmpty else { throw RandomArgumentError("concentration must be non-empty") }
    for c in concentration { try positive(c, "concentration") }
    var stream = KeyStream(key)
    var values: [Double] = []
    for _ in 0..<(try count(shape)) {
      let g = concentration.map { standardGamma($0, &stream) }
      let total = g.reduce(0, +)
      values += g.map { $0 / total }
    }
    return NDArray(unchecked: .double(values), shape: shape + [concentration.count])
  }

  /// The lower Cholesky factor L of a symmetric positive-definite matrix (L·Lᵀ = A).
  /// - Throws: `RandomArgumentError` if `matrix` is not square or not positive definite.
  public static func cholesky(_ matrix: NDArray) throws -> NDArray {
    guard matrix.ndim == 2, matrix.shape[0] == matrix.shape[1] else {
      throw RandomArgumentError("covariance must be a square matrix, got shape \(shapeDescription(matrix.shape))")
    }
    let n = matrix.shape[0]
    let a = matrix.doubles
    var l = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
      var d = a[j * n + j]
      for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
      guard d > 0 else { throw RandomArgumentError("covariance is not positive definite (pivot \(j))") }
      let ljj = d.squareRoot()
      l[j * n + j] = ljj
      for i in (j + 1)..<Swift.max(n, j + 1) {
        var s = a[i * n + j]
        for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
        l[i * n + j] = s / ljj
      }
    }
    return NDArray(unchecked: .double(l), shape: [n, n])
  }

  /// MultivariateNormal(mean, covariance): mean + L·z with L the Cholesky factor;
  /// shape `shape + [k]`.
  public static func multivariateNormal(_ key: PRNGKey, mean: [Double], covariance: NDArray, shape: [Int] = []) throws -> NDArray {
    let l = try cholesky(covariance)
    let k = mean.count
    guard l.shape[0] == k else {
      throw RandomArgumentError("mean has \(k) entries but covariance is \(l.shape[0])×\(l.shape[0])")
    }
    let lv = l.doubles
    var stream = KeyStream(key)
    var values: [Double] = []
    for _ in 0..<(try count(shape)) {
      let z = (0..<k).map { _ in standardNormal(&stream) }
      for i in 0..<k {
        var v = mean[i]
        for j in 0...i { v += lv[i * k + j] * z[j] }
        values.append(v)
      }
    }
    return NDArray(unchecked: .double(values), shape: shape + [k])
  }
}
