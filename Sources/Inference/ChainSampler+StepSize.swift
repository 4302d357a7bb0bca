import Foundation

extension ChainSampler {
  /// Stan's step-size heuristic (`base_hmc.hpp` `init_stepsize`): from the current point,
  /// with fresh momentum each time, take one leapfrog step; if the acceptance e^{H0−h}
  /// beats 0.8, double ε until it no longer does, else halve ε until it does.
  /// - Throws: `improperPosterior` past ε = 1e7, `noAcceptableStepSize` at ε = 0.
  func initStepSize(chain: Int) throws {
    // Skip extreme step sizes, as Stan does.
    if stepSize == 0 || stepSize > 1e7 || stepSize.isNaN { return }
    let logTarget = Foundation.log(0.8)
    let z = scratch

    func deltaH() -> Double {
      startTrajectory(z)
      let h0 = z.hamiltonian
      leapfrog(z, stepSize)
      var h = z.hamiltonian
      if h.isNaN { h = .infinity }
      return h0 - h
    }

    let direction = deltaH() > logTarget ? 1 : -1
    while true {
      if stop.isRaised { return }
      let d = deltaH()
      if direction == 1 && !(d > logTarget) { break }
      if direction == -1 && !(d < logTarget) { break }
      stepSize = direction == 1 ? 2 * stepSize : 0.5 * stepSize
      if stepSize > 1e7 { throw InferenceError.improperPosterior(chain: chain) }
      if stepSize == 0 { throw InferenceError.noAcceptableStepSize(chain: chain) }
    }
  }
}
