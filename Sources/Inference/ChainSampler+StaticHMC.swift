import Foundation

extension ChainSampler {
  /// One static HMC transition of `steps` leapfrog steps with a Metropolis correction
  /// (Stan `base_static_hmc.hpp` `transition`): accept with probability min(1, e^{H0−h}).
  /// The integration stops early once the energy is infinite or NaN (the proposal is
  /// rejected either way). Divergent when h − H0 exceeds the threshold (NumPyro `HMC`).
  /// Returns nil if the stop signal was raised (the chain stays where it was).
  func staticTransition(steps: Int) -> TransitionStats? {
    sampleStepSize()
    let z = forward
    startTrajectory(z)
    let h0 = z.hamiltonian
    var taken = 0
    var h = h0
    while taken < steps {
      if stop.isRaised { return nil }
      leapfrog(z, epsilon)
      taken += 1
      h = z.hamiltonian
      if !h.isFinite { break }
    }
    if h.isNaN { h = .infinity }
    let acceptProb = Foundation.exp(h0 - h)
    var stats = TransitionStats()
    stats.numSteps = taken
    stats.stepSize = epsilon
    stats.diverging = h - h0 > maxDeltaEnergy
    if acceptProb < 1 && rng.uniform() > acceptProb {
      stats.energy = h0
    } else {
      current.take(z, dimension)
      stats.energy = h
    }
    stats.potentialEnergy = current.potential
    stats.acceptProb = min(1, acceptProb)
    return stats
  }
}
