import Arrays
import Foundation
import Probability
import Testing

/// Runs `body` with buffer views of the arrays (the event families' calling convention).
func withBuffers<R>(_ a: [Double], _ b: [Double], _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> R) -> R {
  a.withUnsafeBufferPointer { ab in b.withUnsafeBufferPointer { bb in body(ab, bb) } }
}

func withBuffers<R>(
  _ a: [Double], _ b: [Double], _ c: [Double],
  _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> R
) -> R {
  a.withUnsafeBufferPointer { ab in b.withUnsafeBufferPointer { bb in c.withUnsafeBufferPointer { cb in body(ab, bb, cb) } } }
}

/// Checks `gradient` against central differences of f over every coordinate of `point`.
func expectGradient(
  _ label: String, _ point: [Double], _ gradient: [Double], tolerance: Double = 1e-6,
  sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Double]) -> Double
) {
  for j in point.indices {
    let fd = centralDifference(point[j]) { v in
      var w = point
      w[j] = v
      return f(w)
    }
    #expect(Swift.abs(gradient[j] - fd) <= tolerance * Swift.max(1, Swift.abs(fd)),
            "\(label)[\(j)]: \(gradient[j]) vs finite difference \(fd)", sourceLocation: sourceLocation)
  }
}

func randomCorrelationCholesky(_ n: Int, _ s: inout KeyStream) -> [Double] {
  let u = (0..<(n * (n - 1) / 2)).map { _ in uniform(&s, -1.5, 1.5) }
  return Bijector.correlationCholesky(dimension: n).forward(u).value
}

func randomLowerCholesky(_ n: Int, _ s: inout KeyStream) -> [Double] {
  let u = (0..<(n * (n + 1) / 2)).map { _ in uniform(&s, -1, 1) }
  return Bijector.lowerCholesky(dimension: n).forward(u).value
}

func product(_ l: [Double], _ n: Int) -> [Double] {  // L·Lᵀ
  var a = [Double](repeating: 0, count: n * n)
  for i in 0..<n { for j in 0..<n { for k in 0..<n { a[i * n + j] += l[i * n + k] * l[j * n + k] } } }
  return a
}

@Suite("Event families")
struct EventFamilyTests {
  static func events() throws -> [String: Any] { try #require(Fixture.json("events.json") as? [String: Any]) }

  @Test func categoricalMatchesLogSoftmax() throws {
    let rows = try #require(Self.events()["categorical"] as? [[String: Any]])
    #expect(rows.count == 3)
    for row in rows {
      let logits = Fixture.doubles(row["logits"])
      let expected = Fixture.doubles(row["logProbs"])
      let probs = expected.map { Foundation.exp($0) }
      for k in logits.indices {
        let got = logits.withUnsafeBufferPointer { Categorical.logProb(Double(k), logits: $0) }
        #expect(close(got, expected[k], 1e-12), "logits \(logits) class \(k): \(got) vs \(expected[k])")
        if probs[k] > 0 {
          let viaProbs = probs.withUnsafeBufferPointer { Categorical.logProb(Double(k), probs: $0) }
          #expect(close(viaProbs, expected[k], 1e-12))
        }
      }
      for bad in [-1.0, Double(logits.count), 0.5] {
        #expect(logits.withUnsafeBufferPointer { Categorical.logProb(bad, logits: $0) } == -.infinity)
      }
    }
  }

  @Test func categoricalGradients() {
    var s = KeyStream(PRNGKey(21))
    for _ in 0..<10 {
      let logits = (0..<4).map { _ in uniform(&s, -3, 3) }
      let k = Double(Int(uniform(&s, 0, 4)))
      var g = [Double](repeating: 0, count: 4)
      logits.withUnsafeBufferPointer { lb in
        g.withUnsafeMutableBufferPointer { _ = Categorical.logProbVJP(k, logits: lb, upstream: 1, gradLogits: $0) }
      }
      expectGradient("∂/∂logits", logits, g) { l in l.withUnsafeBufferPointer { Categorical.logProb(k, logits: $0) } }
      var probs = logits.map { Foundation.exp($0) }
      let total = probs.reduce(0, +)
      probs = probs.map { $0 / total }
      var gp = [Double](repeating: 0, count: 4)
      probs.withUnsafeBufferPointer { pb in
        gp.withUnsafeMutableBufferPointer { _ = Categorical.logProbVJP(k, probs: pb, upstream: 2, gradProbs: $0) }
      }
      expectGradient("∂/∂probs", probs, gp) { p in 2 * p.withUnsafeBufferPointer { Categorical.logProb(k, probs: $0) } }
    }
  }

  @Test func categoricalSamplerPassesChiSquare() {
    let logits = [0.2, -1.0, 1.3, 0.0]
    var s = KeyStream(PRNGKey(22))
    var counts = [Double](repeating: 0, count: 4)
    let n = 2000
    for _ in 0..<n { counts[Int(logits.withUnsafeBufferPointer { Categorical.sample(&s, logits: $0) })] += 1 }
    let normalizer = Foundation.log(logits.map { Foundation.exp($0) }.reduce(0, +))
    let chi2 = (0..<4).reduce(0.0) { acc, k in
      let e = Double(n) * Foundation.exp(logits[k] - normalizer)
      return acc + (counts[k] - e) * (counts[k] - e) / e
    }
    #expect(chi2 < 16.27, "chi-square \(chi2) on 3 df")  // 0.1% critical value
    let probs = [0.0, 0.25, 0.0, 0.75]
    for _ in 0..<50 { #expect([1.0, 3.0].contains(probs.withUnsafeBufferPointer { Categorical.sample(&s, probs: $0) })) }
  }

  @Test func categoricalValidation() {
    #expect([0.5, 0.6].withUnsafeBufferPointer { Categorical.validate(probs: $0) } == "probs must sum to 1 (a simplex), got sum 1.1")
    #expect([Double.nan].withUnsafeBufferPointer { Categorical.validate(logits: $0) } == "logits must be finite real numbers or -inf, got nan")
    #expect([0, -.infinity].withUnsafeBufferPointer { Categorical.validate(logits: $0) } == nil)
    #expect(Categorical.support(classes: 3) == .integerInterval(low: 0, high: 2))
  }

  @Test func dirichletMatchesSciPy() throws {
    let rows = try #require(Self.events()["dirichlet"] as? [[String: Any]])
    #expect(rows.count == 12)
    for row in rows {
      let alpha = Fixture.doubles(row["alpha"]), x = Fixture.doubles(row["x"])
      let got = withBuffers(x, alpha) { Dirichlet.logProb($0, concentration: $1) }
      #expect(close(got, Fixture.double(row["logProb"]), 1e-12), "Dirichlet(\(alpha)) at \(x): \(got)")
    }
    #expect(withBuffers([0.5, 0.6], [1, 1]) { Dirichlet.logProb($0, concentration: $1) } == -.infinity)
    #expect(withBuffers([-0.1, 1.1], [1, 1]) { Dirichlet.logProb($0, concentration: $1) } == -.infinity)
    #expect([1.0, 0].withUnsafeBufferPointer { Dirichlet.validate(concentration: $0) } == "concentration must be positive, got 0.0 at index 1")
  }

  @Test func dirichletGradients() {
    var s = KeyStream(PRNGKey(23))
    for _ in 0..<10 {
      let alpha = (0..<4).map { _ in logUniform(&s, 0.2, 20) }
      let x = alpha.withUnsafeBufferPointer { a in
        var v = [Double](repeating: 0, count: 4)
        v.withUnsafeMutableBufferPointer { Dirichlet.sample(&s, concentration: a, into: $0) }
        return v
      }
      var gx = [Double](repeating: 0, count: 4), ga = [Double](repeating: 0, count: 4)
      withBuffers(x, alpha) { xb, ab in
        gx.withUnsafeMutableBufferPointer { gxb in
          ga.withUnsafeMutableBufferPointer { gab in
            _ = Dirichlet.logProbVJP(xb, concentration: ab, upstream: 1, gradValue: gxb, gradConcentration: gab)
          }
        }
      }
      expectGradient("Dirichlet ∂/∂α", alpha, ga) { a in withBuffers(x, a) { Dirichlet.logProb($0, concentration: $1) } }
      // ∂/∂x is an ambient gradient; pulled back through stick breaking it must be the
      // gradient of u ↦ log p(simplex(u)).
      let bijector = Bijector.stickBreaking(dimension: 4)
      let u = bijector.inverse(x)
      let gu = bijector.forwardVJP(u, upstreamValue: gx, upstreamLogDet: 0)
      expectGradient("Dirichlet ∂/∂x through stick breaking", u, gu) { v in
        withBuffers(bijector.forward(v).value, alpha) { Dirichlet.logProb($0, concentration: $1) }
      }
    }
  }

  @Test func dirichletSamplerMoments() {
    let alpha = [0.5, 2.0, 3.5]
    var s = KeyStream(PRNGKey(24))
    let n = 2000
    var sums = [Double](repeating: 0, count: 3)
    alpha.withUnsafeBufferPointer { a in
      var v = [Double](repeating: 0, count: 3)
      for _ in 0..<n {
        v.withUnsafeMutableBufferPointer { Dirichlet.sample(&s, concentration: a, into: $0) }
        #expect(Swift.abs(v.reduce(0, +) - 1) < 1e-12)
        for i in 0..<3 { sums[i] += v[i] }
      }
    }
    let mean = Dirichlet.mean(concentration: alpha), variance = Dirichlet.variance(concentration: alpha)
    for i in 0..<3 {
      #expect(Swift.abs(sums[i] / Double(n) - mean[i]) <= 5 * (variance[i] / Double(n)).squareRoot(), "component \(i)")
    }
  }

  @Test func multivariateNormalMatchesSciPy() throws {
    let rows = try #require(Self.events()["multivariateNormal"] as? [[String: Any]])
    #expect(rows.count == 12)
    for row in rows {
      let loc = Fixture.doubles(row["loc"]), x = Fixture.doubles(row["x"])
      let cov = Fixture.doubles(row["covariance"]), tril = Fixture.doubles(row["scaleTril"])
      let precision = Fixture.doubles(row["precision"])
      let expected = Fixture.double(row["logProb"])
      let viaCovariance = withBuffers(x, loc, cov) { MultivariateNormal.logProb($0, loc: $1, covarianceMatrix: $2) }
      let viaTril = withBuffers(x, loc, tril) { MultivariateNormal.logProb($0, loc: $1, scaleTril: $2) }
      // The stored precision is NumPy's inverse of the covariance, exact only to cond·ε.
      let viaPrecision = withBuffers(x, loc, precision) { MultivariateNormal.logProb($0, loc: $1, precisionMatrix: $2) }
      #expect(close(viaCovariance, expected, 1e-12), "covariance: \(viaCovariance) vs \(expected)")
      #expect(close(viaTril, expected, 1e-12), "scaleTril: \(viaTril) vs \(expected)")
      #expect(close(viaPrecision, expected, 1e-10), "precision: \(viaPrecision) vs \(expected)")
    }
  }

  @Test func multivariateNormalGradients() {
    var s = KeyStream(PRNGKey(25))
    for n in [1, 2, 4] {
      let l = randomLowerCholesky(n, &s)
      let cov = product(l, n)
      var precision = [Double](repeating: 0, count: n * n)
      let pl = randomLowerCholesky(n, &s)
      precision = product(pl, n)
      let loc = (0..<n).map { _ in uniform(&s, -2, 2) }
      let x = (0..<n).map { _ in uniform(&s, -3, 3) }
      var gx = [Double](repeating: 0, count: n), gm = [Double](repeating: 0, count: n)
      var gl = [Double](repeating: 0, count: n * n)
      withBuffers(x, loc, l) { xb, mb, lb in
        gx.withUnsafeMutableBufferPointer { a in gm.withUnsafeMutableBufferPointer { b in gl.withUnsafeMutableBufferPointer { c in
          _ = MultivariateNormal.logProbVJP(xb, loc: mb, scaleTril: lb, upstream: 1, gradValue: a, gradLoc: b, gradScaleTril: c)
        } } }
      }
      expectGradient("MVN(scaleTril) ∂/∂x", x, gx) { v in withBuffers(v, loc, l) { MultivariateNormal.logProb($0, loc: $1, scaleTril: $2) } }
      expectGradient("MVN(scaleTril) ∂/∂loc", loc, gm) { v in withBuffers(x, v, l) { MultivariateNormal.logProb($0, loc: $1, scaleTril: $2) } }
      expectGradient("MVN ∂/∂scaleTril", l, gl) { v in withBuffers(x, loc, v) { MultivariateNormal.logProb($0, loc: $1, scaleTril: $2) } }
      for i in 0..<n { for j in (i + 1)..<Swift.max(n, i + 1) { #expect(gl[i * n + j] == 0) } }

      // Covariance and precision: gradients of f(sym(A)), checked by perturbing A[i, j] alone.
      for (name, matrix) in [("covarianceMatrix", cov), ("precisionMatrix", precision)] {
        func f(_ x: [Double], _ m: [Double], _ a: [Double]) -> Double {
          withBuffers(x, m, a) { name == "covarianceMatrix"
            ? MultivariateNormal.logProb($0, loc: $1, covarianceMatrix: $2)
            : MultivariateNormal.logProb($0, loc: $1, precisionMatrix: $2) }
        }
        var ga = [Double](repeating: 0, count: n * n)
        var gx2 = [Double](repeating: 0, count: n), gm2 = [Double](repeating: 0, count: n)
        withBuffers(x, loc, matrix) { xb, mb, ab in
          gx2.withUnsafeMutableBufferPointer { a in gm2.withUnsafeMutableBufferPointer { b in ga.withUnsafeMutableBufferPointer { c in
            if name == "covarianceMatrix" {
              _ = MultivariateNormal.logProbVJP(xb, loc: mb, covarianceMatrix: ab, upstream: 1, gradValue: a, gradLoc: b, gradCovarianceMatrix: c)
            } else {
              _ = MultivariateNormal.logProbVJP(xb, loc: mb, precisionMatrix: ab, upstream: 1, gradValue: a, gradLoc: b, gradPrecisionMatrix: c)
            }
          } } }
        }
        expectGradient("MVN(\(name)) ∂/∂x", x, gx2) { f($0, loc, matrix) }
        expectGradient("MVN(\(name)) ∂/∂loc", loc, gm2) { f(x, $0, matrix) }
        expectGradient("MVN ∂/∂\(name)", matrix, ga) { a in
          var sym = a
          for i in 0..<n { for j in 0..<n { sym[i * n + j] = 0.5 * (a[i * n + j] + a[j * n + i]) } }
          return f(x, loc, sym)
        }
      }
    }
  }

  /// Factor once, scaleTril VJP, pull L̄ back: the same gradient as the covariance form.
  @Test func choleskyVJPComposesToTheCovarianceGradient() {
    var s = KeyStream(PRNGKey(29))
    for n in [1, 2, 3, 5] {
      let cov = product(randomLowerCholesky(n, &s), n)
      let loc = (0..<n).map { _ in uniform(&s, -1, 1) }
      let x = (0..<n).map { _ in uniform(&s, -3, 3) }
      var l = [Double](repeating: 0, count: n * n)
      cov.withUnsafeBufferPointer { c in l.withUnsafeMutableBufferPointer { _ = MultivariateNormal.cholesky(c, n: n, into: $0) } }
      var gl = [Double](repeating: 0, count: n * n), direct = [Double](repeating: 0, count: n * n)
      withBuffers(x, loc, l) { xb, mb, lb in
        gl.withUnsafeMutableBufferPointer {
          _ = MultivariateNormal.logProbVJP(xb, loc: mb, scaleTril: lb, upstream: 1, gradValue: nil, gradLoc: nil, gradScaleTril: $0)
        }
      }
      withBuffers(x, loc, cov) { xb, mb, cb in
        direct.withUnsafeMutableBufferPointer {
          _ = MultivariateNormal.logProbVJP(xb, loc: mb, covarianceMatrix: cb, upstream: 1, gradValue: nil, gradLoc: nil, gradCovarianceMatrix: $0)
        }
      }
      var composed = [Double](repeating: 0, count: n * n)
      withBuffers(l, gl) { lb, gb in
        composed.withUnsafeMutableBufferPointer { MultivariateNormal.choleskyVJP(lb, gradFactor: gb, n: n, into: $0) }
      }
      for (a, b) in zip(composed, direct) { #expect(Swift.abs(a - b) <= 1e-10 * Swift.max(1, Swift.abs(b)), "n = \(n): \(a) vs \(b)") }
    }
  }

  @Test func multivariateNormalSamplerMoments() {
    let n = 2
    let l = [1.5, 0, -0.8, 0.6]
    let loc = [1.0, -2.0]
    let cov = product(l, n)
    var s = KeyStream(PRNGKey(26))
    let draws = 2000
    var sum = [0.0, 0.0], cross = [0.0, 0.0, 0.0, 0.0]
    var v = [0.0, 0.0]
    withBuffers(loc, l) { mb, lb in
      for _ in 0..<draws {
        v.withUnsafeMutableBufferPointer { MultivariateNormal.sample(&s, loc: mb, scaleTril: lb, into: $0) }
        for i in 0..<n { sum[i] += v[i]; for j in 0..<n { cross[i * n + j] += (v[i] - loc[i]) * (v[j] - loc[j]) } }
      }
    }
    for i in 0..<n {
      #expect(Swift.abs(sum[i] / Double(draws) - loc[i]) <= 5 * (cov[i * n + i] / Double(draws)).squareRoot())
      for j in 0..<n {
        let se = ((cov[i * n + i] * cov[j * n + j] + cov[i * n + j] * cov[i * n + j]) / Double(draws)).squareRoot()
        #expect(Swift.abs(cross[i * n + j] / Double(draws) - cov[i * n + j]) <= 5 * se, "covariance[\(i), \(j)]")
      }
    }
  }

  @Test func multivariateNormalValidation() {
    #expect([1.0, 0.5, 0, 1].withUnsafeBufferPointer { MultivariateNormal.validate(scaleTril: $0, dimension: 2) }
            == "scaleTril must be lower triangular, got 0.5 at [0, 1]")
    #expect([1.0, 0, 0.3, -1].withUnsafeBufferPointer { MultivariateNormal.validate(scaleTril: $0, dimension: 2) }
            == "scaleTril must have a positive diagonal, got -1.0 at [1, 1]")
    #expect([1.0, 2, 2, 1].withUnsafeBufferPointer { MultivariateNormal.validate(positiveDefinite: $0, dimension: 2) }
            == "covarianceMatrix must be positive definite")
    #expect([1.0, 0.2, 0.3, 1].withUnsafeBufferPointer { MultivariateNormal.validate(positiveDefinite: $0, dimension: 2, name: "precisionMatrix") }
            == "precisionMatrix must be symmetric, got 0.3 at [1, 0] and 0.2 at [0, 1]")
    #expect([2.0, 0.2, 0.2, 1].withUnsafeBufferPointer { MultivariateNormal.validate(positiveDefinite: $0, dimension: 2) } == nil)
    #expect(withBuffers([Double.infinity, 0], [0, 0], [1, 0, 0, 1]) { MultivariateNormal.logProb($0, loc: $1, scaleTril: $2) } == -.infinity)
  }

  @Test func lkjCholeskyMatchesNumPyro() throws {
    let rows = try #require(Self.events()["lkjCholesky"] as? [[String: Any]])
    #expect(rows.count == 16)
    for row in rows {
      let n = try #require(row["dimension"] as? Int)
      let eta = Fixture.double(row["concentration"])
      let value = Fixture.doubles(row["value"])
      let got = value.withUnsafeBufferPointer { LKJCholesky.logProb($0, dimension: n, concentration: eta) }
      #expect(close(got, Fixture.double(row["logProb"]), 1e-12), "LKJCholesky(\(n), \(eta)): \(got)")
    }
  }

  @Test func lkjCholeskyGradientsAndSupport() {
    var s = KeyStream(PRNGKey(27))
    for n in [2, 3, 5] {
      let eta = logUniform(&s, 0.3, 10)
      let l = randomCorrelationCholesky(n, &s)
      var gl = [Double](repeating: 0, count: n * n)
      var gEta = 0.0
      l.withUnsafeBufferPointer { lb in
        gl.withUnsafeMutableBufferPointer {
          _ = LKJCholesky.logProbVJP(lb, dimension: n, concentration: eta, upstream: 1, gradValue: $0, gradConcentration: &gEta)
        }
      }
      let fdEta = centralDifference(eta) { e in l.withUnsafeBufferPointer { LKJCholesky.logProb($0, dimension: n, concentration: e) } }
      #expect(Swift.abs(gEta - fdEta) <= 1e-6 * Swift.max(1, Swift.abs(fdEta)), "∂/∂η \(gEta) vs \(fdEta)")
      // ∂/∂L pulled back through the correlation-Cholesky bijector must be the gradient
      // of u ↦ log p(L(u)).
      let bijector = Bijector.correlationCholesky(dimension: n)
      let u = bijector.inverse(l)
      let gu = bijector.forwardVJP(u, upstreamValue: gl, upstreamLogDet: 0)
      expectGradient("LKJCholesky ∂/∂L through the bijector", u, gu) { v in
        bijector.forward(v).value.withUnsafeBufferPointer { LKJCholesky.logProb($0, dimension: n, concentration: eta) }
      }
      for i in 0..<n { for j in 0..<n where j != i { #expect(gl[i * n + j] == 0) } }
      var notUnit = l
      notUnit[n * n - 1] *= 1.01
      #expect(notUnit.withUnsafeBufferPointer { LKJCholesky.logProb($0, dimension: n, concentration: eta) } == -.infinity)
    }
    // The uniform case in two dimensions: L₁₀ is uniform on (−1, 1), density ½.
    let l2 = [1.0, 0, 0.3, (1 - 0.09).squareRoot()]
    #expect(Swift.abs(l2.withUnsafeBufferPointer { LKJCholesky.logProb($0, dimension: 2, concentration: 1) } + Foundation.log(2.0)) < 1e-15)
    #expect(LKJCholesky.validate(dimension: 1, concentration: 1) == "dimension must be at least 2, got 1")
    #expect(LKJCholesky.validate(dimension: 3, concentration: -1) == "concentration must be positive, got -1.0")
  }

  /// Onion draws are correlation Cholesky factors whose off-diagonal correlations have
  /// the LKJ marginal (C₁₀ + 1)/2 ~ Beta(η + (n − 2)/2, η + (n − 2)/2): KS test.
  @Test func lkjCholeskySamplerMarginal() {
    let n = 4, eta = 1.7
    var s = KeyStream(PRNGKey(28))
    var value = [Double](repeating: 0, count: n * n)
    var marginal: [Double] = []
    var lastRow: [Double] = []
    for _ in 0..<2000 {
      value.withUnsafeMutableBufferPointer { LKJCholesky.sample(&s, dimension: n, concentration: eta, into: $0) }
      #expect(value.withUnsafeBufferPointer { LKJCholesky.logProb($0, dimension: n, concentration: eta) }.isFinite)
      marginal.append((value[1 * n + 0] + 1) / 2)
      // C₃₂ = row 3 · row 2
      lastRow.append(((0..<n).reduce(0) { $0 + value[3 * n + $1] * value[2 * n + $1] } + 1) / 2)
    }
    let b = eta + 0.5 * Double(n - 2)
    for sample in [marginal, lastRow] {
      let sorted = sample.sorted()
      let count = Double(sorted.count)
      var d = 0.0
      for (j, x) in sorted.enumerated() {
        let f = Special.regularizedBeta(b, b, x)
        d = Swift.max(d, Swift.abs(f - Double(j) / count), Swift.abs(Double(j + 1) / count - f))
      }
      #expect(d * count.squareRoot() < 1.95, "KS D = \(d)")
    }
  }
}
