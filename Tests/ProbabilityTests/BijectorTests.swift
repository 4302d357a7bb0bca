import Arrays
import Foundation
import Probability
import Testing

/// log|det A| by LU with partial pivoting (A row-major n × n).
func logAbsDeterminant(_ a: [Double], _ n: Int) -> Double {
  var m = a
  var result = 0.0
  for col in 0..<n {
    var pivot = col
    for r in col..<n where Swift.abs(m[r * n + col]) > Swift.abs(m[pivot * n + col]) { pivot = r }
    if m[pivot * n + col] == 0 { return -.infinity }
    if pivot != col { for j in 0..<n { m.swapAt(col * n + j, pivot * n + j) } }
    let d = m[col * n + col]
    result += Foundation.log(Swift.abs(d))
    for r in (col + 1)..<Swift.max(n, col + 1) {
      let factor = m[r * n + col] / d
      for j in col..<n { m[r * n + j] -= factor * m[col * n + j] }
    }
  }
  return result
}

struct BijectorCase: CustomStringConvertible, Sendable {
  let bijector: Bijector
  /// Indices of the constrained event that are free coordinates (the Jacobian's rows).
  let free: [Int]
  var description: String { bijector.description }
}

let bijectorCases: [BijectorCase] = {
  func strictLowerThenDiagonal(_ n: Int) -> [Int] {
    var strict: [Int] = []
    for i in 0..<n { for j in 0..<i { strict.append(i * n + j) } }
    return strict + (0..<n).map { $0 * n + $0 }
  }
  func strictLower(_ n: Int) -> [Int] {
    var strict: [Int] = []
    for i in 0..<n { for j in 0..<i { strict.append(i * n + j) } }
    return strict
  }
  return [
    BijectorCase(bijector: .identity, free: [0]),
    BijectorCase(bijector: .exp, free: [0]),
    BijectorCase(bijector: .sigmoid, free: [0]),
    BijectorCase(bijector: .interval(low: -2, high: 3.5), free: [0]),
    BijectorCase(bijector: .greaterThan(1.5), free: [0]),
    BijectorCase(bijector: .stickBreaking(dimension: 2), free: [0]),
    BijectorCase(bijector: .stickBreaking(dimension: 5), free: Array(0..<4)),
    BijectorCase(bijector: .ordered(dimension: 4), free: Array(0..<4)),
    BijectorCase(bijector: .lowerCholesky(dimension: 1), free: [0]),
    BijectorCase(bijector: .lowerCholesky(dimension: 3), free: strictLowerThenDiagonal(3)),
    BijectorCase(bijector: .correlationCholesky(dimension: 2), free: strictLower(2)),
    BijectorCase(bijector: .correlationCholesky(dimension: 4), free: strictLower(4)),
  ]
}()

@Suite("Bijectors")
struct BijectorTests {
  static func randomU(_ b: Bijector, _ s: inout KeyStream, events: Int = 1) -> [Double] {
    (0..<(b.unconstrainedEventSize * events)).map { _ in uniform(&s, -2, 2) }
  }

  @Test(arguments: bijectorCases)
  func roundTrip(_ c: BijectorCase) {
    var s = KeyStream(PRNGKey(11))
    for _ in 0..<20 {
      let u = Self.randomU(c.bijector, &s, events: 3)
      let (x, _) = c.bijector.forward(u)
      #expect(x.count == 3 * c.bijector.constrainedEventSize)
      let back = c.bijector.inverse(x)
      for (a, b) in zip(u, back) { #expect(Swift.abs(a - b) <= 1e-10 * Swift.max(1, Swift.abs(a)), "\(c): \(u) → \(back)") }
    }
  }

  @Test(arguments: bijectorCases)
  func logAbsDetMatchesNumericalJacobian(_ c: BijectorCase) {
    var s = KeyStream(PRNGKey(12))
    let m = c.bijector.unconstrainedEventSize
    for _ in 0..<10 {
      let u = Self.randomU(c.bijector, &s)
      var jacobian = [Double](repeating: 0, count: m * m)
      for j in 0..<m {
        let h = 1e-6 * Swift.max(1, Swift.abs(u[j]))
        var up = u, down = u
        up[j] += h
        down[j] -= h
        let xUp = c.bijector.forward(up).value, xDown = c.bijector.forward(down).value
        for (row, index) in c.free.enumerated() { jacobian[row * m + j] = (xUp[index] - xDown[index]) / (2 * h) }
      }
      let numerical = logAbsDeterminant(jacobian, m)
      let analytic = c.bijector.forward(u).logAbsDetJacobian
      #expect(Swift.abs(numerical - analytic) <= 1e-6 * Swift.max(1, Swift.abs(analytic)), "\(c) at \(u): \(analytic) vs numerical \(numerical)")
    }
  }

  @Test(arguments: bijectorCases)
  func vectorJacobianProductMatchesFiniteDifferences(_ c: BijectorCase) {
    var s = KeyStream(PRNGKey(13))
    for _ in 0..<10 {
      let u = Self.randomU(c.bijector, &s, events: 2)
      let xBar = (0..<(2 * c.bijector.constrainedEventSize)).map { _ in uniform(&s, -1, 1) }
      let lBar = uniform(&s, -1, 1)
      func objective(_ v: [Double]) -> Double {
        let (x, logDet) = c.bijector.forward(v)
        return zip(x, xBar).reduce(0) { $0 + $1.0 * $1.1 } + lBar * logDet
      }
      let gradient = c.bijector.forwardVJP(u, upstreamValue: xBar, upstreamLogDet: lBar)
      for j in u.indices {
        let fd = centralDifference(u[j]) { v in
          var w = u
          w[j] = v
          return objective(w)
        }
        #expect(Swift.abs(gradient[j] - fd) <= 1e-6 * Swift.max(1, Swift.abs(fd)), "\(c) ∂/∂u[\(j)]: \(gradient[j]) vs \(fd)")
      }
      // The VJP accumulates into its output buffer.
      var accumulated = [Double](repeating: 1, count: u.count)
      u.withUnsafeBufferPointer { ub in
        xBar.withUnsafeBufferPointer { xb in
          accumulated.withUnsafeMutableBufferPointer {
            c.bijector.forwardVJP(ub, upstreamValue: xb, upstreamLogDet: lBar, gradient: $0)
          }
        }
      }
      #expect(zip(accumulated, gradient).allSatisfy { $0 == 1 + $1 })
    }
  }

  /// Values and log|det J| equal NumPyro's `biject_to(constraint)` (fixture).
  @Test func matchesNumPyro() throws {
    let rows = try #require(Fixture.json("bijectors.json") as? [[String: Any]])
    #expect(rows.count == 24)
    for row in rows {
      let name = try #require(row["bijector"] as? String)
      let dimension = row["dimension"] as? Int ?? 0
      let bijector: Bijector = switch name {
      case "exp": .exp
      case "sigmoid": .sigmoid
      case "interval": .interval(low: -2, high: 3.5)
      case "greaterThan": .greaterThan(1.5)
      case "stickBreaking": .stickBreaking(dimension: dimension)
      case "ordered": .ordered(dimension: dimension)
      case "lowerCholesky": .lowerCholesky(dimension: dimension)
      default: .correlationCholesky(dimension: dimension)
      }
      let u = Fixture.doubles(row["u"])
      let expected = Fixture.doubles(row["value"])
      let (x, logDet) = bijector.forward(u)
      #expect(x.count == expected.count, "\(name)")
      for (a, b) in zip(x, expected) { #expect(close(a, b, 1e-13), "\(name) value \(a) vs NumPyro \(b)") }
      #expect(close(logDet, Fixture.double(row["logAbsDet"]), 1e-12), "\(name) log|det J| \(logDet)")
    }
  }

  @Test func scalarFunctionsAgreeWithBuffers() {
    for u in [-30.0, -2.5, 0, 0.7, 12, 40] {
      let e = ScalarBijectors.exp(u)
      #expect(e.value == Foundation.exp(u) && e.logAbsDet == u)
      let sg = ScalarBijectors.sigmoid(u)
      #expect(sg.value > 0 && sg.value < 1, "sigmoid(\(u)) clipped inside (0, 1)")
      #expect(Bijector.sigmoid.forward([u]).logAbsDetJacobian == sg.logAbsDet)
      let iv = ScalarBijectors.interval(u, low: -1, high: 4)
      #expect(iv.value >= -1 && iv.value <= 4)
      #expect(Swift.abs(ScalarBijectors.intervalInverse(ScalarBijectors.interval(0.3, low: -1, high: 4).value, low: -1, high: 4) - 0.3) < 1e-14)
    }
    #expect(Support.simplex.bijector(lastDimension: 3) == .stickBreaking(dimension: 3))
    #expect(Support.correlationCholesky.bijector(lastDimension: 3)?.unconstrainedEventSize == 3)
    #expect(Support.lowerCholesky.bijector(lastDimension: 3)?.unconstrainedEventSize == 6)
    #expect(Support.nonnegativeInteger.bijector() == nil)
  }
}
