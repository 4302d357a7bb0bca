/// A bijection from unconstrained reals onto a support (NumPyro `biject_to`), applied to
/// flat buffers of consecutive events.
///
/// Scalar bijectors act elementwise on buffers of any length. Event bijectors map each
/// event of `unconstrainedEventSize` reals to one constrained event of
/// `constrainedEventSize` reals (row-major for matrices); a buffer of m events is m
/// consecutive blocks. Layouts follow NumPyro, so flat unconstrained vectors agree with
/// NumPyro's `potential_energy` inputs:
///
///     stickBreaking(K)        K − 1      →  K          simplex
///     ordered(K)              K          →  K          increasing vector
///     lowerCholesky(n)        n(n+1)/2   →  n × n      strict lower part (row-major), then log-diagonal
///     correlationCholesky(n)  n(n−1)/2   →  n × n      strict lower part (row-major), tanh'ed
///
/// `forward` returns Σ log|det J| over all events; `forwardVJP` is what the tape's
/// reverse sweep calls: given adjoints x̄ of the constrained output and l̄ of the summed
/// log|det J|, it ADDS ūᵀ = x̄ᵀ ∂x/∂u + l̄ ∂(log|det J|)/∂u into `gradient`.
///
/// For bijectors whose constrained event has more entries than the unconstrained one
/// (simplex, Cholesky factors), log|det J| is that of u ↦ the free coordinates of x, as
/// NumPyro (the last simplex entry; the strict lower part of a correlation factor).
public enum Bijector: Sendable, Equatable, CustomStringConvertible {
  case identity
  case exp
  case sigmoid
  case interval(low: Double, high: Double)
  case greaterThan(Double)
  case stickBreaking(dimension: Int)
  case ordered(dimension: Int)
  case lowerCholesky(dimension: Int)
  case correlationCholesky(dimension: Int)

  /// Whether the bijector acts on each scalar separately.
  public var isElementwise: Bool {
    switch self {
    case .identity, .exp, .sigmoid, .interval, .greaterThan: return true
    default: return false
    }
  }

  /// Reals per unconstrained event (1 for scalar bijectors).
  public var unconstrainedEventSize: Int {
    switch self {
    case .identity, .exp, .sigmoid, .interval, .greaterThan: return 1
    case .stickBreaking(let k): return k - 1
    case .ordered(let k): return k
    case .lowerCholesky(let n): return n * (n + 1) / 2
    case .correlationCholesky(let n): return n * (n - 1) / 2
    }
  }

  /// Reals per constrained event (1 for scalar bijectors).
  public var constrainedEventSize: Int {
    switch self {
    case .identity, .exp, .sigmoid, .interval, .greaterThan: return 1
    case .stickBreaking(let k), .ordered(let k): return k
    case .lowerCholesky(let n), .correlationCholesky(let n): return n * n
    }
  }

  /// The constrained event shape: [] for scalars, [K] for vectors, [n, n] for matrices.
  public var constrainedEventShape: [Int] {
    switch self {
    case .identity, .exp, .sigmoid, .interval, .greaterThan: return []
    case .stickBreaking(let k), .ordered(let k): return [k]
    case .lowerCholesky(let n), .correlationCholesky(let n): return [n, n]
    }
  }

  public var description: String {
    switch self {
    case .identity: return "IdentityTransform"
    case .exp: return "ExpTransform"
    case .sigmoid: return "SigmoidTransform"
    case .interval(let low, let high): return "IntervalTransform(\(low), \(high))"
    case .greaterThan(let low): return "GreaterThanTransform(\(low))"
    case .stickBreaking(let k): return "StickBreakingTransform(\(k))"
    case .ordered(let k): return "OrderedTransform(\(k))"
    case .lowerCholesky(let n): return "LowerCholeskyTransform(\(n))"
    case .correlationCholesky(let n): return "CorrCholeskyTransform(\(n))"
    }
  }

  /// x = f(u) for every event; returns Σ log|det J|. `x.count` must be
  /// events × `constrainedEventSize`.
  public func forward(_ u: UnsafeBufferPointer<Double>, _ x: UnsafeMutableBufferPointer<Double>) -> Double {
    let m = u.count / Swift.max(unconstrainedEventSize, 1)
    precondition(x.count == m * constrainedEventSize && u.count == m * unconstrainedEventSize,
                 "\(self): \(u.count) unconstrained and \(x.count) constrained values do not match")
    guard let up = u.baseAddress, let xp = x.baseAddress else { return 0 }
    var logDet = 0.0
    switch self {
    case .identity:
      for i in 0..<u.count { xp[i] = up[i] }
    case .exp:
      for i in 0..<u.count {
        let r = ScalarBijectors.exp(up[i])
        xp[i] = r.value
        logDet += r.logAbsDet
      }
    case .sigmoid:
      for i in 0..<u.count {
        let r = ScalarBijectors.sigmoid(up[i])
        xp[i] = r.value
        logDet += r.logAbsDet
      }
    case .interval(let low, let high):
      for i in 0..<u.count {
        let r = ScalarBijectors.interval(up[i], low: low, high: high)
        xp[i] = r.value
        logDet += r.logAbsDet
      }
    case .greaterThan(let low):
      for i in 0..<u.count {
        let r = ScalarBijectors.greaterThan(up[i], low: low)
        xp[i] = r.value
        logDet += r.logAbsDet
      }
    case .stickBreaking(let k):
      for e in 0..<m { logDet += StickBreaking.forward(up + e * (k - 1), xp + e * k, k) }
    case .ordered(let k):
      for e in 0..<m { logDet += OrderedVector.forward(up + e * k, xp + e * k, k) }
    case .lowerCholesky(let n):
      for e in 0..<m { logDet += LowerCholesky.forward(up + e * (n * (n + 1) / 2), xp + e * n * n, n) }
    case .correlationCholesky(let n):
      for e in 0..<m { logDet += CorrelationCholesky.forward(up + e * (n * (n - 1) / 2), xp + e * n * n, n) }
    }
    return logDet
  }

  /// u = f⁻¹(x) for every event. Values on the boundary of the support map to ±∞.
  public func inverse(_ x: UnsafeBufferPointer<Double>, _ u: UnsafeMutableBufferPointer<Double>) {
    let m = x.count / Swift.max(constrainedEventSize, 1)
    precondition(x.count == m * constrainedEventSize && u.count == m * unconstrainedEventSize,
                 "\(self): \(x.count) constrained and \(u.count) unconstrained values do not match")
    guard let up = u.baseAddress, let xp = x.baseAddress else { return }
    switch self {
    case .identity:
      for i in 0..<x.count { up[i] = xp[i] }
    case .exp:
      for i in 0..<x.count { up[i] = ScalarBijectors.expInverse(xp[i]) }
    case .sigmoid:
      for i in 0..<x.count { up[i] = ScalarBijectors.sigmoidInverse(xp[i]) }
    case .interval(let low, let high):
      for i in 0..<x.count { up[i] = ScalarBijectors.intervalInverse(xp[i], low: low, high: high) }
    case .greaterThan(let low):
      for i in 0..<x.count { up[i] = ScalarBijectors.greaterThanInverse(xp[i], low: low) }
    case .stickBreaking(let k):
      for e in 0..<m { StickBreaking.inverse(xp + e * k, up + e * (k - 1), k) }
    case .ordered(let k):
      for e in 0..<m { OrderedVector.inverse(xp + e * k, up + e * k, k) }
    case .lowerCholesky(let n):
      for e in 0..<m { LowerCholesky.inverse(xp + e * n * n, up + e * (n * (n + 1) / 2), n) }
    case .correlationCholesky(let n):
      for e in 0..<m { CorrelationCholesky.inverse(xp + e * n * n, up + e * (n * (n - 1) / 2), n) }
    }
  }

  /// Adds x̄ᵀ ∂f(u)/∂u + l̄ ∂(Σ log|det J|)/∂u into `gradient` (same length as `u`).
  public func forwardVJP(
    _ u: UnsafeBufferPointer<Double>, upstreamValue: UnsafeBufferPointer<Double>, upstreamLogDet: Double,
    gradient: UnsafeMutableBufferPointer<Double>
  ) {
    let m = u.count / Swift.max(unconstrainedEventSize, 1)
    precondition(upstreamValue.count == m * constrainedEventSize && gradient.count == u.count
                 && u.count == m * unconstrainedEventSize,
                 "\(self): buffer sizes do not match in forwardVJP")
    guard let up = u.baseAddress, let xb = upstreamValue.baseAddress, let gp = gradient.baseAddress else { return }
    let lb = upstreamLogDet
    switch self {
    case .identity:
      for i in 0..<u.count { gp[i] += xb[i] }
    case .exp:
      for i in 0..<u.count {
        let r = ScalarBijectors.exp(up[i])
        gp[i] += xb[i] * r.dValue + lb * r.dLogAbsDet
      }
    case .sigmoid:
      for i in 0..<u.count {
        let r = ScalarBijectors.sigmoid(up[i])
        gp[i] += xb[i] * r.dValue + lb * r.dLogAbsDet
      }
    case .interval(let low, let high):
      for i in 0..<u.count {
        let r = ScalarBijectors.interval(up[i], low: low, high: high)
        gp[i] += xb[i] * r.dValue + lb * r.dLogAbsDet
      }
    case .greaterThan(let low):
      for i in 0..<u.count {
        let r = ScalarBijectors.greaterThan(up[i], low: low)
        gp[i] += xb[i] * r.dValue + lb * r.dLogAbsDet
      }
    case .stickBreaking(let k):
      for e in 0..<m { StickBreaking.vjp(up + e * (k - 1), xb + e * k, lb, gp + e * (k - 1), k) }
    case .ordered(let k):
      for e in 0..<m { OrderedVector.vjp(up + e * k, xb + e * k, lb, gp + e * k, k) }
    case .lowerCholesky(let n):
      let size = n * (n + 1) / 2
      for e in 0..<m { LowerCholesky.vjp(up + e * size, xb + e * n * n, lb, gp + e * size, n) }
    case .correlationCholesky(let n):
      let size = n * (n - 1) / 2
      for e in 0..<m { CorrelationCholesky.vjp(up + e * size, xb + e * n * n, lb, gp + e * size, n) }
    }
  }

  // MARK: Array conveniences (tests, cells, initialization)

  /// f(u) and Σ log|det J| on arrays.
  public func forward(_ u: [Double]) -> (value: [Double], logAbsDetJacobian: Double) {
    let m = u.count / Swift.max(unconstrainedEventSize, 1)
    var x = [Double](repeating: 0, count: m * constrainedEventSize)
    let logDet = u.withUnsafeBufferPointer { ub in x.withUnsafeMutableBufferPointer { forward(ub, $0) } }
    return (x, logDet)
  }

  /// f⁻¹(x) on arrays.
  public func inverse(_ x: [Double]) -> [Double] {
    let m = x.count / Swift.max(constrainedEventSize, 1)
    var u = [Double](repeating: 0, count: m * unconstrainedEventSize)
    x.withUnsafeBufferPointer { xb in u.withUnsafeMutableBufferPointer { inverse(xb, $0) } }
    return u
  }

  /// x̄ᵀ ∂f/∂u + l̄ ∂(Σ log|det J|)/∂u on arrays.
  public func forwardVJP(_ u: [Double], upstreamValue: [Double], upstreamLogDet: Double) -> [Double] {
    var g = [Double](repeating: 0, count: u.count)
    u.withUnsafeBufferPointer { ub in
      upstreamValue.withUnsafeBufferPointer { xb in
        g.withUnsafeMutableBufferPointer { forwardVJP(ub, upstreamValue: xb, upstreamLogDet: upstreamLogDet, gradient: $0) }
      }
    }
    return g
  }
}
