import Arrays
import Foundation
import Probability

/// Every elementwise family with a generator of random valid points (x, a, b, c) for the
/// finite-difference checks, and parameters for the sampler checks.
struct FamilyCase: CustomStringConvertible, @unchecked Sendable {  // metatypes of stateless enums
  let family: any ElementwiseFamily.Type
  /// A random point in the interior of the support with valid parameters.
  let point: @Sendable (inout KeyStream) -> (Double, Double, Double, Double)
  /// Parameters for sampling checks.
  let sampling: [(Double, Double, Double)]
  /// The CDF for KS tests (continuous families), nil for discrete ones.
  let cdf: (@Sendable (Double, Double, Double, Double) -> Double)?

  var description: String { String(describing: family) }
}

let familyCases: [FamilyCase] = [
  FamilyCase(family: Normal.self, point: { s in
    let loc = uniform(&s, -5, 5), scale = logUniform(&s, 0.05, 20)
    return (loc + scale * uniform(&s, -4, 4), loc, scale, 0)
  }, sampling: [(1.5, 2.0, 0)], cdf: { x, a, b, _ in Special.normalCDF((x - a) / b) }),
  FamilyCase(family: HalfNormal.self, point: { s in
    let scale = logUniform(&s, 0.05, 20)
    return (scale * uniform(&s, 0.01, 4), scale, 0, 0)
  }, sampling: [(2.0, 0, 0)], cdf: { x, a, _, _ in Special.erf(x / (a * 2.0.squareRoot())) }),
  FamilyCase(family: Cauchy.self, point: { s in
    let loc = uniform(&s, -5, 5), scale = logUniform(&s, 0.05, 20)
    return (loc + scale * uniform(&s, -30, 30), loc, scale, 0)
  }, sampling: [(-1.0, 0.5, 0)], cdf: { x, a, b, _ in 0.5 + Foundation.atan((x - a) / b) / Double.pi }),
  FamilyCase(family: HalfCauchy.self, point: { s in
    let scale = logUniform(&s, 0.05, 20)
    return (scale * logUniform(&s, 0.01, 30), scale, 0, 0)
  }, sampling: [(3.0, 0, 0)], cdf: { x, a, _, _ in 2 / Double.pi * Foundation.atan(x / a) }),
  FamilyCase(family: StudentT.self, point: { s in
    let df = logUniform(&s, 0.3, 300), loc = uniform(&s, -5, 5), scale = logUniform(&s, 0.05, 20)
    return (loc + scale * uniform(&s, -10, 10), df, loc, scale)
  }, sampling: [(7.0, 1.0, 2.0), (0.7, 0, 1)],
    cdf: { x, df, loc, scale in Special.studentTCDF((x - loc) / scale, df: df) }),
  FamilyCase(family: LogNormal.self, point: { s in
    let loc = uniform(&s, -3, 3), scale = logUniform(&s, 0.05, 3)
    return (Foundation.exp(loc + scale * uniform(&s, -3, 3)), loc, scale, 0)
  }, sampling: [(0.3, 0.4, 0)], cdf: { x, a, b, _ in Special.normalCDF((Foundation.log(x) - a) / b) }),
  FamilyCase(family: Exponential.self, point: { s in
    let rate = logUniform(&s, 0.05, 20)
    return (logUniform(&s, 0.01, 5) / rate, rate, 0, 0)
  }, sampling: [(2.5, 0, 0)], cdf: { x, a, _, _ in -Foundation.expm1(-a * x) }),
  FamilyCase(family: Gamma.self, point: { s in
    let a = logUniform(&s, 0.2, 200), b = logUniform(&s, 0.05, 20)
    return (a / b * logUniform(&s, 0.3, 3), a, b, 0)
  }, sampling: [(2.5, 1.5, 0), (0.3, 2.0, 0), (40, 4, 0)],
    cdf: { x, a, b, _ in Special.regularizedGammaP(a, b * x) }),
  FamilyCase(family: InverseGamma.self, point: { s in
    let a = logUniform(&s, 0.2, 200), b = logUniform(&s, 0.05, 20)
    return (b / a * logUniform(&s, 0.3, 3), a, b, 0)
  }, sampling: [(5.0, 2.0, 0)], cdf: { x, a, b, _ in Special.regularizedGammaQ(a, b / x) }),
  FamilyCase(family: Beta.self, point: { s in
    let a = logUniform(&s, 0.2, 200), b = logUniform(&s, 0.2, 200)
    let m = a / (a + b)
    return (Swift.min(Swift.max(m + uniform(&s, -0.2, 0.2) * Swift.min(m, 1 - m), 1e-6), 1 - 1e-6), a, b, 0)
  }, sampling: [(2.0, 5.0, 0), (0.2, 0.3, 0)], cdf: { x, a, b, _ in Special.regularizedBeta(a, b, x) }),
  FamilyCase(family: Uniform.self, point: { s in
    let low = uniform(&s, -5, 5), high = low + logUniform(&s, 0.1, 10)
    return (uniform(&s, low, high), low, high, 0)
  }, sampling: [(-1.0, 3.0, 0)], cdf: { x, a, b, _ in Swift.min(Swift.max((x - a) / (b - a), 0), 1) }),
  FamilyCase(family: Laplace.self, point: { s in
    let loc = uniform(&s, -5, 5), scale = logUniform(&s, 0.05, 20)
    var z = uniform(&s, -5, 5)
    if Swift.abs(z) < 0.01 { z = 0.5 }
    return (loc + scale * z, loc, scale, 0)
  }, sampling: [(1.0, 2.0, 0)], cdf: { x, a, b, _ in
    x < a ? 0.5 * Foundation.exp((x - a) / b) : 1 - 0.5 * Foundation.exp(-(x - a) / b)
  }),
  FamilyCase(family: Logistic.self, point: { s in
    let loc = uniform(&s, -5, 5), scale = logUniform(&s, 0.05, 20)
    return (loc + scale * uniform(&s, -20, 20), loc, scale, 0)
  }, sampling: [(1.0, 2.0, 0)], cdf: { x, a, b, _ in Special.sigmoid((x - a) / b) }),
  FamilyCase(family: BernoulliProbs.self, point: { s in
    (s.nextDouble() < 0.5 ? 0 : 1, uniform(&s, 0.01, 0.99), 0, 0)
  }, sampling: [(0.3, 0, 0)], cdf: nil),
  FamilyCase(family: BernoulliLogits.self, point: { s in
    (s.nextDouble() < 0.5 ? 0 : 1, uniform(&s, -30, 30), 0, 0)
  }, sampling: [(-0.7, 0, 0)], cdf: nil),
  FamilyCase(family: BinomialProbs.self, point: { s in
    let n = (logUniform(&s, 1, 1e5)).rounded()
    return ((n * uniform(&s, 0, 1)).rounded(.down), n, uniform(&s, 0.01, 0.99), 0)
  }, sampling: [(20, 0.3, 0), (200, 0.6, 0)], cdf: nil),
  FamilyCase(family: BinomialLogits.self, point: { s in
    let n = (logUniform(&s, 1, 1e5)).rounded()
    return ((n * uniform(&s, 0, 1)).rounded(.down), n, uniform(&s, -5, 5), 0)
  }, sampling: [(15, -0.5, 0)], cdf: nil),
  FamilyCase(family: Poisson.self, point: { s in
    let rate = logUniform(&s, 0.05, 1e5)
    return ((rate * logUniform(&s, 0.3, 3)).rounded(.down), rate, 0, 0)
  }, sampling: [(3.5, 0, 0), (40, 0, 0)], cdf: nil),
  FamilyCase(family: NegativeBinomial2.self, point: { s in
    let mean = logUniform(&s, 0.05, 1e4), concentration = logUniform(&s, 0.05, 1e4)
    return ((mean * logUniform(&s, 0.3, 3)).rounded(.down), mean, concentration, 0)
  }, sampling: [(4.0, 2.5, 0)], cdf: nil),
  FamilyCase(family: GeometricProbs.self, point: { s in
    let p = uniform(&s, 0.01, 0.99)
    return ((logUniform(&s, 1, 10) / p).rounded(.down), p, 0, 0)
  }, sampling: [(0.25, 0, 0)], cdf: nil),
]
