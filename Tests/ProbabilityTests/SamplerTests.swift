import Arrays
import Foundation
import Probability
import Testing

/// Seeded sampler checks (so they cannot flake): the mean and variance within 5 standard
/// errors of the family's `mean`/`variance`, and a KS test (continuous) or chi-square
/// test (discrete) at the 0.1% level, on 2000 draws per parameter set.
@Suite("Samplers")
struct SamplerTests {
  static let draws = 2000

  static func sample(_ c: FamilyCase, _ p: (Double, Double, Double), seed: Int) -> [Double] {
    var s = KeyStream(PRNGKey(seed))
    return (0..<draws).map { _ in c.family.sample(&s, p.0, p.1, p.2) }
  }

  @Test(arguments: familyCases)
  func momentsMatch(_ c: FamilyCase) {
    for (i, p) in c.sampling.enumerated() {
      let xs = Self.sample(c, p, seed: 1000 + i)
      #expect(xs.allSatisfy { c.family.logProb($0, p.0, p.1, p.2) > -.infinity }, "\(c) drew outside its support")
      let mean = c.family.mean(p.0, p.1, p.2)
      let variance = c.family.variance(p.0, p.1, p.2)
      guard mean.isFinite, variance.isFinite else { continue }
      let n = Double(xs.count)
      let m = xs.reduce(0, +) / n
      let centred = xs.map { $0 - m }
      let s2 = centred.reduce(0) { $0 + $1 * $1 } / (n - 1)
      let m4 = centred.reduce(0) { $0 + $1 * $1 * $1 * $1 } / n
      #expect(Swift.abs(m - mean) <= 5 * (variance / n).squareRoot(), "\(c)\(p): mean \(m) vs \(mean)")
      let varianceError = (Swift.max(m4 - s2 * s2, 0) / n).squareRoot()
      #expect(Swift.abs(s2 - variance) <= 5 * varianceError + 1e-12, "\(c)\(p): variance \(s2) vs \(variance) (se \(varianceError))")
    }
  }

  /// Kolmogorov–Smirnov: D·√n below 1.95 (p ≈ 0.001).
  @Test(arguments: familyCases.filter { $0.cdf != nil })
  func continuousDrawsPassKolmogorovSmirnov(_ c: FamilyCase) throws {
    let cdf = try #require(c.cdf)
    for (i, p) in c.sampling.enumerated() {
      let xs = Self.sample(c, p, seed: 2000 + i).sorted()
      let n = Double(xs.count)
      var d = 0.0
      for (j, x) in xs.enumerated() {
        let f = cdf(x, p.0, p.1, p.2)
        d = Swift.max(d, Swift.abs(f - Double(j) / n), Swift.abs(Double(j + 1) / n - f))
      }
      #expect(d * n.squareRoot() < 1.95, "\(c)\(p): KS D = \(d)")
    }
  }

  /// Pearson chi-square on bins with expected count ≥ 5 (the tail lumped), against the
  /// 0.1% critical value (Wilson–Hilferty).
  @Test(arguments: familyCases.filter { $0.cdf == nil })
  func discreteDrawsPassChiSquare(_ c: FamilyCase) {
    for (i, p) in c.sampling.enumerated() {
      let xs = Self.sample(c, p, seed: 3000 + i)
      let n = Double(xs.count)
      var counts: [Int: Int] = [:]
      for x in xs { counts[Int(x), default: 0] += 1 }
      var bins: [(observed: Double, expected: Double)] = []
      var observed = 0.0, expected = 0.0, cumulative = 0.0
      var k = 0
      while cumulative < 1 - 1e-12 && k < 100_000 {
        let pk = Foundation.exp(c.family.logProb(Double(k), p.0, p.1, p.2))
        cumulative += pk
        observed += Double(counts[k] ?? 0)
        expected += n * pk
        if expected >= 5 && n * (1 - cumulative) >= 5 {
          bins.append((observed, expected))
          observed = 0
          expected = 0
        }
        k += 1
      }
      // The remainder (and anything beyond k) joins the last bin.
      let beyond = xs.filter { Int($0) >= k }.count
      observed += Double(beyond)
      expected += n * Swift.max(1 - cumulative, 0)
      if bins.isEmpty || expected >= 5 { bins.append((observed, expected)) } else {
        bins[bins.count - 1].observed += observed
        bins[bins.count - 1].expected += expected
      }
      let statistic = bins.reduce(0) { $0 + ($1.observed - $1.expected) * ($1.observed - $1.expected) / $1.expected }
      let df = Double(bins.count - 1)
      #expect(df >= 1, "\(c)\(p): too few bins")
      let h = 2 / (9 * df)
      let critical = df * Foundation.pow(1 - h + 3.09 * h.squareRoot(), 3)
      #expect(statistic < critical, "\(c)\(p): chi-square \(statistic) on \(df) df (critical \(critical))")
    }
  }

  @Test func samplesAreReproducibleFromTheKey() {
    var a = KeyStream(PRNGKey(5)), b = KeyStream(PRNGKey(5)), c = KeyStream(PRNGKey(6))
    let x = (0..<5).map { _ in Gamma.sample(&a, 2, 1, 0) }
    #expect(x == (0..<5).map { _ in Gamma.sample(&b, 2, 1, 0) })
    #expect(x != (0..<5).map { _ in Gamma.sample(&c, 2, 1, 0) })
  }

  @Test func tinyConcentrationsStayInTheSupport() {
    var s = KeyStream(PRNGKey(9))
    for _ in 0..<200 {
      let x = Beta.sample(&s, 0.01, 0.02, 0)
      #expect(x >= 0 && x <= 1 && !x.isNaN)
      let t = StudentT.sample(&s, 0.05, 0, 1)
      #expect(!t.isNaN)
    }
  }
}
