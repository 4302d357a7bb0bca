import Foundation

/// Nesterov dual averaging of log ε toward a target mean acceptance statistic δ.
///
/// After each warmup transition with acceptance statistic a (clipped to 1):
///   t ← t + 1,  η = 1/(t + t0),  s̄ ← (1 − η)·s̄ + η·(δ − a),
///   x = μ − s̄·√t/γ,  x̄ ← (1 − t^−κ)·x̄ + t^−κ·x,  ε = eˣ;
/// when warmup ends ε = exp(x̄). μ = log(10·ε₀) is reset, with the averages, whenever the
/// metric changes.
///
/// References:
/// 1. Stan, `src/stan/mcmc/stepsize_adaptation.hpp` (`learn_stepsize`,
///    `complete_adaptation`, `restart`); defaults γ 0.05, κ 0.75, t0 10 from the same
///    file and cmdstan `arguments/arg_adapt.hpp`; μ = log(10ε) from
///    `services/sample/hmc_nuts_diag_e_adapt.hpp`.
/// 2. M. D. Hoffman and A. Gelman, "The No-U-Turn Sampler", JMLR 15, 2014, §3.2.1.
/// 3. NumPyro, `numpyro/infer/hmc_util.py` `dual_averaging` (same constants).
struct DualAveraging {
  var mu = 0.5  // Stan's constructor value, replaced by log(10ε) before use
  var delta: Double
  var gamma = 0.05  // from Stan
  var kappa = 0.75  // from Stan
  var t0 = 10.0  // from Stan
  private(set) var counter = 0.0
  private(set) var sBar = 0.0
  private(set) var xBar = 0.0

  init(targetAcceptProb: Double) { delta = targetAcceptProb }

  mutating func restart() {
    counter = 0
    sBar = 0
    xBar = 0
  }

  /// One update; returns the next step size.
  mutating func learn(acceptStat: Double) -> Double {
    counter += 1
    let a = acceptStat > 1 ? 1 : acceptStat
    let eta = 1 / (counter + t0)
    sBar = (1 - eta) * sBar + eta * (delta - a)
    let x = mu - sBar * counter.squareRoot() / gamma
    let xEta = Foundation.pow(counter, -kappa)
    xBar = (1 - xEta) * xBar + xEta * x
    return Foundation.exp(x)
  }

  /// The final step size, exp(x̄).
  var finalStepSize: Double { Foundation.exp(xBar) }
}
