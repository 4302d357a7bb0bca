import Foundation
import Testing

@testable import Arrays

/// Threefry known answers, JAX's split, and distribution checks for every key sampler:
/// moments and a Kolmogorov–Smirnov statistic against the exact CDF for continuous
/// samplers, a chi-square test against the exact pmf for discrete ones.
@Suite("PRNGKey and samplers")
struct PRNGKeyTests {
  @Test func threefryKnownAnswers() {
    // Random123 kat_vectors, threefry2x32_20.
    let zero = PRNGKey(high: 0, low: 0).threefry(0, 0)
    #expect(zero.0 == 0x6b20_0159 && zero.1 == 0x99ba_4efe)
    let ones = PRNGKey(high: .max, low: .max).threefry(.max, .max)
    #expect(ones.0 == 0x1cb9_96fc && ones.1 == 0xbb00_2be7)
    let pi = PRNGKey(high: 0x1319_8a2e, low: 0x0370_7344).threefry(0x243f_6a88, 0x85a3_08d3)
    #expect(pi.0 == 0xc492_3a9c && pi.1 == 0x483d_f7a0)
  }

  @Test func splitMatchesJAX() {
    // jax.random.split(jax.random.PRNGKey(0)) (JAX's documented example).
    let keys = split(PRNGKey(0))
    #expect(keys == [PRNGKey(high: 4_146_024_105, low: 967_050_713), PRNGKey(high: 2_718_843_009, low: 1_272_950_319)])
    #expect(Set(split(PRNGKey(0), 8)).count == 8)
  }

  @Test func sameKeySameDrawsDifferentKeysDiffer() throws {
    let a = try PRNG.normal(PRNGKey(3), shape: [5])
    #expect(a == (try PRNG.normal(PRNGKey(3), shape: [5])))
    #expect(a != (try PRNG.normal(PRNGKey(4), shape: [5])))
    #expect(try PRNG.uniform(PRNGKey(1), shape: [2, 3]).shape == [2, 3])
  }

  /// The KS statistic sup|F_n − F| of `sample` against `cdf`.
  static func ksStatistic(_ sample: [Double], _ cdf: (Double) -> Double) -> Double {
    let sorted = sample.sorted()
    let n = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
      let f = cdf(x)
      d = Swift.max(d, Swift.abs(Double(i + 1) / n - f), Swift.abs(f - Double(i) / n))
    }
    return d
  }

  /// Samples per check: enough for KS to see a 10% scale error, small enough for a
  /// debug build to run in seconds.
  static let n = 10_000
  /// KS critical value at α = 0.001: 1.95/√n.
  static let ksCritical = 1.95 / Double(n).squareRoot()

  struct Continuous: CustomTestStringConvertible, Sendable {
    let name: String
    let draw: @Sendable (PRNGKey) throws -> NDArray
    let cdf: @Sendable (Double) -> Double
    let mean: Double?
    let variance: Double?
    var testDescription: String { name }
  }

  static let continuous: [Continuous] = [
    Continuous(name: "normal(1, 2)", draw: { try PRNG.normal($0, shape: [n], loc: 1, scale: 2) },
               cdf: { Special.normalCDF(($0 - 1) / 2) }, mean: 1, variance: 4),
    Continuous(name: "uniform(-1, 3)", draw: { try PRNG.uniform($0, shape: [n], minval: -1, maxval: 3) },
               cdf: { Swift.min(Swift.max(($0 + 1) / 4, 0), 1) }, mean: 1, variance: 16.0 / 12),
    Continuous(name: "gamma(0.4, 2)", draw: { try PRNG.gamma($0, concentration: 0.4, rate: 2, shape: [n]) },
               cdf: { Special.regularizedGammaP(0.4, 2 * $0) }, mean: 0.2, variance: 0.1),
    Continuous(name: "gamma(5, 0.5)", draw: { try PRNG.gamma($0, concentration: 5, rate: 0.5, shape: [n]) },
               cdf: { Special.regularizedGammaP(5, 0.5 * $0) }, mean: 10, variance: 20),
    Continuous(name: "beta(2, 5)", draw: { try PRNG.beta($0, 2, 5, shape: [n]) },
               cdf: { Special.regularizedBeta(2, 5, Swift.min(Swift.max($0, 0), 1)) }, mean: 2.0 / 7, variance: 10.0 / (49 * 8)),
    Continuous(name: "beta(0.5, 0.5)", draw: { try PRNG.beta($0, 0.5, 0.5, shape: [n]) },
               cdf: { Special.regularizedBeta(0.5, 0.5, Swift.min(Swift.max($0, 0), 1)) }, mean: 0.5, variance: 0.125),
    Continuous(name: "exponential(3)", draw: { try PRNG.exponential($0, rate: 3, shape: [n]) },
               cdf: { -Foundation.expm1(-3 * $0) }, mean: 1.0 / 3, variance: 1.0 / 9),
    Continuous(name: "cauchy(0, 1.5)", draw: { try PRNG.cauchy($0, loc: 0, scale: 1.5, shape: [n]) },
               cdf: { 0.5 + Foundation.atan($0 / 1.5) / Double.pi }, mean: nil, variance: nil),
    Continuous(name: "studentT(4)", draw: { try PRNG.studentT($0, df: 4, shape: [n]) },
               cdf: { Special.studentTCDF($0, df: 4) }, mean: 0, variance: 2),
  ]

  @Test(arguments: continuous)
  func continuousSamplerMatchesItsDistribution(_ c: Continuous) throws {
    let sample = try c.draw(PRNGKey(2024)).doubles
    #expect(sample.count == Self.n)
    let d = Self.ksStatistic(sample, c.cdf)
    #expect(d < Self.ksCritical, "KS statistic \(d) ≥ \(Self.ksCritical)")
    // A sampler off by 10% in scale must fail the same test.
    // (Cauchy's heavy tails hide small scale errors from KS; it gets a 25% error.)
    let factor = c.name.hasPrefix("cauchy") ? 1.25 : 1.1
    let wrong = Self.ksStatistic(sample.map { $0 * factor + 0.01 }, c.cdf)
    #expect(wrong > Self.ksCritical, "the test cannot tell a scale error of \(factor): \(wrong)")
    if let mean = c.mean, let variance = c.variance {
      let m = sample.reduce(0, +) / Double(sample.count)
      #expect(Swift.abs(m - mean) < 5 * (variance / Double(Self.n)).squareRoot())
      let v = sample.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(sample.count - 1)
      #expect(Swift.abs(v / variance - 1) < 0.1)
    }
  }

  /// Chi-square p-value of observed counts against expected probabilities (tail bins
  /// with expected count below 5 merged into their neighbour).
  static func chiSquarePValue(_ observed: [Int], _ probabilities: [Double]) -> Double {
    let total = Double(observed.reduce(0, +))
    var bins: [(o: Double, e: Double)] = []
    for (o, p) in zip(observed, probabilities) {
      if let last = bins.last, last.e < 5 {
        bins[bins.count - 1] = (last.o + Double(o), last.e + p * total)
      } else {
        bins.append((Double(o), p * total))
      }
    }
    if bins.count > 1, let last = bins.last, last.e < 5 {
      bins.removeLast()
      bins[bins.count - 1].o += last.o
      bins[bins.count - 1].e += last.e
    }
    let chi2 = bins.map { ($0.o - $0.e) * ($0.o - $0.e) / $0.e }.reduce(0, +)
    return Special.regularizedGammaQ(Double(bins.count - 1) / 2, chi2 / 2)
  }

  static func histogram(_ values: [Int], _ k: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: k)
    for v in values where v >= 0 && v < k { counts[v] += 1 }
    counts[k - 1] += values.filter { $0 >= k }.count
    return counts
  }

  static func poissonPMF(_ lam: Double, _ k: Int) -> [Double] {
    var p = (0..<k).map { Foundation.exp(Double($0) * Foundation.log(lam) - lam - Foundation.lgamma(Double($0) + 1)) }
    p[k - 1] += 1 - p.reduce(0, +)
    return p
  }

  static func binomialPMF(_ n: Int, _ q: Double) -> [Double] {
    (0...n).map { k in
      Foundation.exp(Foundation.lgamma(Double(n + 1)) - Foundation.lgamma(Double(k + 1)) - Foundation.lgamma(Double(n - k + 1))
        + Double(k) * Foundation.log(q) + Double(n - k) * Foundation.log1p(-q))
    }
  }

  @Test(arguments: [0.7, 3.5, 12.0, 80.0])
  func poissonMatchesPMF(_ lam: Double) throws {
    let k = Int(lam + 8 * lam.squareRoot() + 10)
    let draws = try PRNG.poisson(PRNGKey(7), rate: lam, shape: [Self.n]).ints
    let p = Self.chiSquarePValue(Self.histogram(draws, k), Self.poissonPMF(lam, k))
    #expect(p > 1e-4, "chi-square p-value \(p)")
    let shifted = Self.chiSquarePValue(Self.histogram(draws.map { $0 + 1 }, k), Self.poissonPMF(lam, k))
    #expect(shifted < 1e-4, "the test cannot tell an off-by-one sampler")
  }

  @Test(arguments: [(20, 0.3), (1000, 0.4), (500, 0.97), (7, 0.5)])
  func binomialMatchesPMF(_ n: Int, _ q: Double) throws {
    let draws = try PRNG.binomial(PRNGKey(8), totalCount: n, probs: q, shape: [Self.n]).ints
    let pmf = Self.binomialPMF(n, q)
    #expect(Self.chiSquarePValue(Self.histogram(draws, n + 1), pmf) > 1e-4)
    // A sampler shifted by a fifth of a standard deviation (at least 1) must fail.
    let shift = Swift.max(1, Int((Double(n) * q * (1 - q)).squareRoot() / 5))
    #expect(Self.chiSquarePValue(Self.histogram(draws.map { Swift.min($0 + shift, n) }, n + 1), pmf) < 1e-4)
  }

  @Test func categoricalMatchesSoftmax() throws {
    let logits = [0.0, 1.0, -1.0, 2.0, -.infinity]
    let draws = try PRNG.categorical(PRNGKey(9), logits: logits, shape: [Self.n]).ints
    let z = Special.logSumExp(logits)
    let probs = logits.map { Foundation.exp($0 - z) }
    let counts = Self.histogram(draws, logits.count)
    #expect(counts[4] == 0)
    #expect(Self.chiSquarePValue(Array(counts.prefix(4)), Array(probs.prefix(4))) > 1e-4)
    #expect(Self.chiSquarePValue(Array(counts.prefix(4)), [0.25, 0.25, 0.25, 0.25]) < 1e-4)
  }

  @Test func dirichletMomentsAndMarginals() throws {
    let alpha = [1.0, 2.0, 3.5]
    let x = try PRNG.dirichlet(PRNGKey(10), concentration: alpha, shape: [Self.n])
    #expect(x.shape == [Self.n, 3])
    let sums = try x.sum(axis: 1).doubles
    #expect(sums.allSatisfy { Swift.abs($0 - 1) < 1e-12 })
    // The first marginal is Beta(α₁, α₀ − α₁).
    let first = try x.get([.all, .at(0)]).doubles
    #expect(Self.ksStatistic(first) { Special.regularizedBeta(1, 5.5, Swift.min(Swift.max($0, 0), 1)) } < Self.ksCritical)
  }

  @Test func multivariateNormalCovarianceAndMarginals() throws {
    let cov = try NDArray([4.0, 1.2, 1.2, 1.0], shape: [2, 2])
    let x = try PRNG.multivariateNormal(PRNGKey(11), mean: [1, -2], covariance: cov, shape: [Self.n])
    let a = try x.get([.all, .at(0)]).doubles
    let b = try x.get([.all, .at(1)]).doubles
    #expect(Self.ksStatistic(a) { Special.normalCDF(($0 - 1) / 2) } < Self.ksCritical)
    #expect(Self.ksStatistic(b) { Special.normalCDF($0 + 2) } < Self.ksCritical)
    let ma = a.reduce(0, +) / Double(a.count)
    let mb = b.reduce(0, +) / Double(b.count)
    let covariance = zip(a, b).map { ($0 - ma) * ($1 - mb) }.reduce(0, +) / Double(a.count - 1)
    #expect(Swift.abs(covariance - 1.2) < 0.1)
    #expect(throws: RandomArgumentError.self) {
      try PRNG.multivariateNormal(PRNGKey(0), mean: [0, 0], covariance: try NDArray([1.0, 2.0, 2.0, 1.0], shape: [2, 2]))
    }
  }

  @Test func invalidParametersAreNamed() {
    #expect(throws: RandomArgumentError("scale must be positive, got -1.0")) { try PRNG.normal(PRNGKey(0), scale: -1) }
    #expect(throws: RandomArgumentError("concentration must be positive, got 0.0")) { try PRNG.gamma(PRNGKey(0), concentration: 0) }
    #expect(throws: RandomArgumentError.self) { try PRNG.binomial(PRNGKey(0), totalCount: 3, probs: 1.5) }
  }
}
