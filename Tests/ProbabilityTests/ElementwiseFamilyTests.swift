import Arrays
import Foundation
import Probability
import Testing

@Suite("Elementwise families")
struct ElementwiseFamilyTests {
  /// Every family's logProb equals SciPy's (or mpmath's, where SciPy is off; see
  /// scripts/fixtures/make_probability_fixtures.py) to 1e-12 relative, absolute below 1.
  @Test(arguments: familyCases)
  func logProbMatchesReference(_ c: FamilyCase) throws {
    let table = try #require(Fixture.json("elementwise.json") as? [String: Any])
    let rows = try #require(table[c.description] as? [[String: Any]], "no fixture for \(c)")
    #expect(rows.count >= 10)
    for row in rows {
      let x = Fixture.double(row["x"]), a = Fixture.double(row["a"])
      let b = Fixture.double(row["b"]), cc = Fixture.double(row["c"])
      let expected = Fixture.double(row["logProb"])
      let got = c.family.logProb(x, a, b, cc)
      #expect(close(got, expected, 1e-12), "\(c)(x: \(x), \(a), \(b), \(cc)) = \(got), reference \(expected)")
      let fused = c.family.logProbAndPartials(x, a, b, cc).logProb
      #expect(close(fused, expected, 1e-12), "\(c) logProbAndPartials(x: \(x), \(a), \(b), \(cc)) = \(fused)")
      let terms = c.family.parameterTerms(a, b, cc)
      let hoisted = c.family.logProb(x, a, b, cc, terms)
      let hoistedFused = c.family.logProbAndPartials(x, a, b, cc, terms).logProb
      #expect(close(hoisted, expected, 1e-12) && close(hoistedFused, expected, 1e-12),
              "\(c) with parameterTerms at (x: \(x), \(a), \(b), \(cc)): \(hoisted), \(hoistedFused)")
    }
  }

  /// Every partial equals a central finite difference at random interior points.
  @Test(arguments: familyCases)
  func partialsMatchFiniteDifferences(_ c: FamilyCase) {
    var s = KeyStream(PRNGKey(101))
    let f = c.family
    for _ in 0..<40 {
      let (x, a, b, cc) = c.point(&s)
      #expect(f.validate(a, b, cc) == nil, "\(c): invalid generated parameters \(a), \(b), \(cc)")
      let r = f.logProbAndPartials(x, a, b, cc)
      #expect(r.logProb.isFinite, "\(c)(x: \(x), \(a), \(b), \(cc)) not finite")
      let expected: [Double?] = [
        f.isDiscrete ? nil : centralDifference(x) { f.logProb($0, a, b, cc) },
        f.parameterNames.count > 0 ? centralDifference(a) { f.logProb(x, $0, b, cc) } : nil,
        f.parameterNames.count > 1 ? centralDifference(b) { f.logProb(x, a, $0, cc) } : nil,
        f.parameterNames.count > 2 ? centralDifference(cc) { f.logProb(x, a, b, $0) } : nil,
      ]
      let got = [r.dx, r.da, r.db, r.dc]
      let names = ["x"] + f.parameterNames + Array(repeating: "unused", count: 3 - f.parameterNames.count)
      for i in 0..<4 {
        let differentiable = i == 0 ? !f.isDiscrete : (i - 1 < f.parameterNames.count && f.differentiableParameters[i - 1])
        if differentiable, let fd = expected[i] {
          #expect(Swift.abs(got[i] - fd) <= 1e-6 * Swift.max(1, Swift.abs(fd)),
                  "\(c) ∂/∂\(names[i]) at (x: \(x), \(a), \(b), \(cc)): \(got[i]) vs finite difference \(fd)")
        } else {
          #expect(got[i] == 0, "\(c) ∂/∂\(names[i]) should be 0, got \(got[i])")
        }
      }
    }
  }

  /// The forms taking hoisted `parameterTerms` equal the plain ones exactly.
  @Test(arguments: familyCases)
  func parameterTermsGiveIdenticalResults(_ c: FamilyCase) {
    var s = KeyStream(PRNGKey(202))
    let f = c.family
    for _ in 0..<40 {
      let (x, a, b, cc) = c.point(&s)
      let terms = f.parameterTerms(a, b, cc)
      #expect(f.logProb(x, a, b, cc, terms) == f.logProb(x, a, b, cc), "\(c) logProb at (x: \(x), \(a), \(b), \(cc))")
      let plain = f.logProbAndPartials(x, a, b, cc), hoisted = f.logProbAndPartials(x, a, b, cc, terms)
      #expect(plain.logProb == hoisted.logProb && plain.dx == hoisted.dx && plain.da == hoisted.da
              && plain.db == hoisted.db && plain.dc == hoisted.dc, "\(c) partials at (x: \(x), \(a), \(b), \(cc))")
    }
  }

  /// Outside the support: −∞ with zero partials.
  @Test(arguments: familyCases)
  func outsideSupportIsNegativeInfinity(_ c: FamilyCase) {
    var s = KeyStream(PRNGKey(7))
    let (_, a, b, cc) = c.point(&s)
    let support = c.family.support(a, b, cc)
    var outside: [Double] = [-.infinity]
    switch support {
    case .positive, .nonnegative, .nonnegativeInteger: outside += [-1, -1e-300]
    case .unitInterval: outside += [-0.5, 1.5]
    case .interval(let low, let high): outside += [low - 1, high + 1]
    case .boolean: outside += [0.5, 2, -1]
    case .integerInterval(let low, let high): outside += [Double(low) - 1, Double(high) + 1, Double(low) + 0.5]
    default: break
    }
    if support.isDiscrete { outside.append(1.5) }
    for x in outside {
      #expect(c.family.logProb(x, a, b, cc) == -.infinity, "\(c) at \(x) (support \(support))")
      let r = c.family.logProbAndPartials(x, a, b, cc)
      #expect(r.logProb == -.infinity && r.dx == 0 && r.da == 0 && r.db == 0 && r.dc == 0, "\(c) partials at \(x)")
    }
    #expect(c.family.logProb(.nan, a, b, cc).isNaN, "\(c) at NaN")
  }

  @Test func metadataIsConsistent() {
    for c in familyCases {
      let f = c.family
      #expect(f.parameterNames.count == f.differentiableParameters.count, "\(c)")
      #expect(f.parameterNames.count == f.parameterConstraints.count, "\(c)")
      #expect(f.support(1, 1, 1).isDiscrete == f.isDiscrete, "\(c)")
      #expect(!f.name.isEmpty)
    }
  }

  @Test func validationNamesTheParameterAndConstraint() {
    #expect(Normal.validate(0, -1, 0) == "scale must be positive, got -1.0")
    #expect(Normal.validate(.nan, 1, 0) == "loc must be a finite real number, got nan")
    #expect(Normal.validate(0, 1, 0) == nil)
    #expect(StudentT.validate(0, 0, 1) == "df must be positive, got 0.0")
    #expect(StudentT.validate(1, 0, 0) == "scale must be positive, got 0.0")
    #expect(Gamma.validate(2, -3, 0) == "rate must be positive, got -3.0")
    #expect(Beta.validate(0, 1, 0) == "concentration1 must be positive, got 0.0")
    #expect(Uniform.validate(2, 1, 0) == "high must be greater than low, got low = 2.0, high = 1.0")
    #expect(BernoulliProbs.validate(1.2, 0, 0) == "probs must be in [0, 1], got 1.2")
    #expect(BernoulliLogits.validate(.infinity, 0, 0) == "logits must be a finite real number, got inf")
    #expect(BinomialProbs.validate(2.5, 0.5, 0) == "totalCount must be a nonnegative integer, got 2.5")
    #expect(BinomialProbs.validate(10, 0.5, 0) == nil)
    #expect(BinomialLogits.validate(1e17, 0.5, 0) == "totalCount must be at most 2^53, got 1e+17")
    #expect(Poisson.validate(-1, 0, 0) == "rate must be positive, got -1.0")
    #expect(NegativeBinomial2.validate(1, -2, 0) == "concentration must be positive, got -2.0")
    #expect(GeometricProbs.validate(0, 0, 0) == "probs must be in (0, 1], got 0.0")
  }

  @Test func supportsAndMoments() {
    #expect(Normal.support(0, 1, 0) == .real)
    #expect(HalfCauchy.support(1, 0, 0) == .positive)
    #expect(Uniform.support(-1, 2, 0) == .interval(low: -1, high: 2))
    #expect(BinomialProbs.support(7, 0.2, 0) == .integerInterval(low: 0, high: 7))
    #expect(Beta.support(1, 1, 0).bijector() == .sigmoid)
    #expect(Cauchy.mean(0, 1, 0).isNaN && Cauchy.variance(0, 1, 0) == .infinity)
    #expect(HalfCauchy.mean(1, 0, 0) == .infinity)
    #expect(StudentT.mean(1, 0, 1).isNaN && StudentT.variance(1.5, 0, 1) == .infinity)
    #expect(StudentT.variance(4, 0, 2) == 8)
    #expect(InverseGamma.mean(1, 2, 0) == .infinity && InverseGamma.mean(3, 2, 0) == 1)
    #expect(NegativeBinomial2.variance(4, 2, 0) == 12)
  }
}
