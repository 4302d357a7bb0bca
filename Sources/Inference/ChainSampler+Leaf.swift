import Foundation

extension ChainSampler {
  /// One leapfrog step as a tree leaf (`build_tree`'s base case): energy, divergence,
  /// weight log Σ e^{H0−H}, acceptance sum, z_propose = z, and the leaf's p♯ and p. With a
  /// diagonal metric the second half kick, M⁻¹p, the kinetic energy and the copies are one
  /// pass (`z.pSharp` is not written: nothing reads it between diagonal steps).
  /// Returns the leaf's validity; false with `aborted` set when the stop signal is up.
  @inline(__always) func leaf(_ z: PhasePoint, h0: Double, sign: Double, _ propose: Proposal,
    pSharp pSharpOut: UnsafeMutablePointer<Double>, p pOut: UnsafeMutablePointer<Double>, logSumWeight: inout Double) -> Bool {
    if stop.isRaised {
      aborted = true
      return false
    }
    let n = dimension
    let eps = sign * epsilon
    if metric.dense {
      leapfrog(z, eps)
      propose.take(z, n)
      pSharpOut.update(from: z.pSharp, count: n)
      pOut.update(from: z.p, count: n)
    } else {
      let half = 0.5 * eps
      let q = z.q, p = z.p, g = z.g, inverseMass = metric.inverseMass
      for i in 0..<n {
        let pi = p[i] - half * g[i]
        p[i] = pi
        q[i] += eps * inverseMass[i] * pi
      }
      z.potential = potential(at: q, gradient: g)
      let pq = propose.q, pg = propose.g
      // Four partial sums for pᵀM⁻¹p, in `dotProduct`'s order: one running sum would
      // make every step wait on the previous addition.
      @inline(__always) func step(_ i: Int) -> Double {
        let gi = g[i]
        let pi = p[i] - half * gi
        let ps = inverseMass[i] * pi
        p[i] = pi
        pSharpOut[i] = ps
        pOut[i] = pi
        pq[i] = q[i]
        pg[i] = gi
        return pi * ps
      }
      var k0 = 0.0, k1 = 0.0, k2 = 0.0, k3 = 0.0
      var i = 0
      while i + 4 <= n {
        k0 += step(i)
        k1 += step(i + 1)
        k2 += step(i + 2)
        k3 += step(i + 3)
        i += 4
      }
      while i < n {
        k0 += step(i)
        i += 1
      }
      let k = (k0 + k1) + (k2 + k3)
      z.kinetic = 0.5 * k
      propose.potential = z.potential
      propose.energy = z.potential + z.kinetic
    }
    nLeapfrog += 1
    var h = z.hamiltonian
    if h.isNaN { h = .infinity }
    if h - h0 > maxDeltaEnergy { divergent = true }
    logSumWeight = ChainSampler.logSumExp(logSumWeight, h0 - h)
    sumMetroProb += h0 - h > 0 ? 1 : Foundation.exp(h0 - h)
    return !divergent
  }
}
