import Foundation

/// A point in phase space: position q, momentum p, the potential's gradient g at q,
/// the sharp momentum p♯ = M⁻¹p (Stan's `dtau_dp`), the potential V and kinetic energy K.
/// The buffers are carved from the sampler's arena; nothing here allocates.
final class PhasePoint {
  let q, p, g, pSharp: UnsafeMutablePointer<Double>
  var potential = 0.0
  var kinetic = 0.0
  var hamiltonian: Double { potential + kinetic }

  init(_ arena: inout Arena) {
    q = arena.take()
    p = arena.take()
    g = arena.take()
    pSharp = arena.take()
  }

  /// Copies everything from `other`.
  func assign(_ other: PhasePoint, _ n: Int) {
    q.update(from: other.q, count: n)
    p.update(from: other.p, count: n)
    g.update(from: other.g, count: n)
    pSharp.update(from: other.pSharp, count: n)
    potential = other.potential
    kinetic = other.kinetic
  }
}

/// A state a trajectory may select: position, gradient, potential and total energy
/// (Stan's `z_propose`/`z_sample` without the momentum, which only matters through the
/// energy it contributes to `energy__`).
final class Proposal {
  let q, g: UnsafeMutablePointer<Double>
  var potential = 0.0
  var energy = 0.0

  init(_ arena: inout Arena) {
    q = arena.take()
    g = arena.take()
  }

  /// Records `z` as the proposal.
  @inline(__always) func take(_ z: PhasePoint, _ n: Int) {
    q.update(from: z.q, count: n)
    g.update(from: z.g, count: n)
    potential = z.potential
    energy = z.potential + z.kinetic
  }
}

/// One contiguous allocation handed out in vectors of `dimension` doubles.
struct Arena {
  let base: UnsafeMutablePointer<Double>
  let dimension: Int
  let capacity: Int
  private var used = 0

  init(dimension: Int, vectors: Int) {
    self.dimension = dimension
    capacity = dimension * vectors
    base = .allocate(capacity: max(capacity, 1))
    base.initialize(repeating: 0, count: max(capacity, 1))
  }

  mutating func take() -> UnsafeMutablePointer<Double> {
    precondition(used + dimension <= capacity, "arena exhausted")
    defer { used += dimension }
    return base + used
  }

  func deallocate() { base.deallocate() }
}

/// The Euclidean metric in working form: M⁻¹, and what drawing p ~ N(0, M) needs —
/// 1/√(M⁻¹ᵢᵢ) for a diagonal metric (Stan `diag_e_metric::sample_p`), the lower Cholesky
/// factor L of M⁻¹ for a dense one (p = L⁻ᵀu, Stan `dense_e_metric::sample_p`, which
/// solves with `llt().matrixU()`).
final class EuclideanMetric {
  let dimension: Int
  let dense: Bool
  let inverseMass: UnsafeMutablePointer<Double>  // n or n², row-major
  let momentumFactor: UnsafeMutablePointer<Double>  // diagonal: 1/√M⁻¹ᵢᵢ; dense: L

  init(_ metric: InverseMetric) {
    dimension = metric.dimension
    dense = metric.isDense
    let count = dense ? dimension * dimension : dimension
    inverseMass = .allocate(capacity: max(count, 1))
    momentumFactor = .allocate(capacity: max(count, 1))
    inverseMass.initialize(repeating: 0, count: max(count, 1))
    momentumFactor.initialize(repeating: 0, count: max(count, 1))
    _ = set(metric.values)
  }

  deinit {
    inverseMass.deallocate()
    momentumFactor.deallocate()
  }

  /// Installs new values; false (and nothing changed) if a dense matrix is not positive
  /// definite.
  func set(_ values: [Double]) -> Bool {
    let n = dimension
    if dense {
      guard let l = choleskyLower(values, n) else { return false }
      for i in 0..<(n * n) {
        inverseMass[i] = values[i]
        momentumFactor[i] = l[i]
      }
    } else {
      for i in 0..<n {
        inverseMass[i] = values[i]
        momentumFactor[i] = 1 / values[i].squareRoot()
      }
    }
    return true
  }

  var value: InverseMetric {
    InverseMetric(unchecked: Array(UnsafeBufferPointer(start: inverseMass, count: dense ? dimension * dimension : dimension)),
      dimension: dimension, dense: dense)
  }

  /// out = M⁻¹·p.
  @inline(__always) func sharp(_ p: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>) {
    let n = dimension
    if dense {
      for i in 0..<n {
        let row = inverseMass + i * n
        var s = 0.0
        for j in 0..<n { s += row[j] * p[j] }
        out[i] = s
      }
    } else {
      for i in 0..<n { out[i] = inverseMass[i] * p[i] }
    }
  }

  /// Draws p ~ N(0, M) into `p`.
  func sampleMomentum(_ p: UnsafeMutablePointer<Double>, _ rng: inout ChainRNG) {
    let n = dimension
    if dense {
      // u ~ N(0, I); solve Lᵀp = u (back substitution): Cov(p) = (L Lᵀ)⁻¹ = M.
      for i in 0..<n { p[i] = rng.normal() }
      let l = momentumFactor
      for i in stride(from: n - 1, through: 0, by: -1) {
        var s = p[i]
        for k in (i + 1)..<max(n, i + 1) { s -= l[k * n + i] * p[k] }
        p[i] = s / l[i * n + i]
      }
    } else {
      for i in 0..<n { p[i] = rng.normal() * momentumFactor[i] }
    }
  }
}
