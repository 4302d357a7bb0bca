import Foundation

/// Effective sample size and Monte Carlo standard errors for the sampler's own tests and
/// benchmarks (the product's diagnostics live in the Convergence target).
///
/// ESS follows the multi-chain estimator of Vehtari et al. (2021) without splitting or
/// rank normalization: per-chain autocovariances, ρ̂ₜ = 1 − (W − mean acovₜ)/var⁺,
/// Geyer's initial positive then monotone sequence. Lags are computed lazily (direct sums)
/// until the sequence stops, so a well-mixing chain costs a few passes.
///
/// References:
/// 1. A. Vehtari, A. Gelman, D. Simpson, B. Carpenter, P.-C. Bürkner, "Rank-normalization,
///    folding, and localization: an improved R̂", Bayesian Analysis 16(2), 2021.
/// 2. C. J. Geyer, "Practical Markov chain Monte Carlo", Statistical Science 7, 1992.
@_spi(Testing) public enum MonteCarloCheck {
  /// ESS of a scalar over chains of equal length (≥ 4 draws each).
  public static func effectiveSampleSize(_ chains: [[Double]]) -> Double {
    let m = chains.count
    let n = chains[0].count
    guard n >= 5 else { return Double(m * n) }
    let means = chains.map { $0.reduce(0, +) / Double(n) }
    func acov(_ lag: Int) -> Double {
      var total = 0.0
      for c in 0..<m {
        let x = chains[c], mu = means[c]
        var s = 0.0
        for t in 0..<(n - lag) { s += (x[t] - mu) * (x[t + lag] - mu) }
        total += s / Double(n)
      }
      return total / Double(m)
    }
    let acov0 = acov(0)
    let meanVar = acov0 * Double(n) / Double(n - 1)
    var varPlus = meanVar * Double(n - 1) / Double(n)
    if m > 1 {
      let grand = means.reduce(0, +) / Double(m)
      varPlus += means.reduce(0) { $0 + ($1 - grand) * ($1 - grand) } / Double(m - 1)
    }
    guard varPlus > 0 else { return Double(m * n) }
    func rho(_ t: Int) -> Double { 1 - (meanVar - acov(t)) / varPlus }
    var rhos = [Double](repeating: 0, count: n)
    rhos[0] = 1
    rhos[1] = rho(1)
    var t = 1
    var rhoEven = 1.0, rhoOdd = rhos[1]
    while t < n - 3 && rhoEven + rhoOdd > 0 {
      rhoEven = rho(t + 1)
      rhoOdd = rho(t + 2)
      if rhoEven + rhoOdd >= 0 {
        rhos[t + 1] = rhoEven
        rhos[t + 2] = rhoOdd
      }
      t += 2
    }
    let maxT = t - 2
    if rhoEven > 0 { rhos[maxT + 1] = rhoEven }
    // Initial monotone sequence.
    var k = 1
    while k <= maxT - 2 {
      if rhos[k + 1] + rhos[k + 2] > rhos[k - 1] + rhos[k] {
        let avg = (rhos[k - 1] + rhos[k]) / 2
        rhos[k + 1] = avg
        rhos[k + 2] = avg
      }
      k += 2
    }
    var tau = -1.0
    for i in 0...maxT { tau += 2 * rhos[i] }
    tau += rhos[maxT + 1]
    let total = Double(m * n)
    tau = max(tau, 1 / log10(total))
    return total / tau
  }

  /// Mean, standard deviation and their Monte Carlo standard errors of a scalar.
  public struct Estimate: Sendable {
    public var mean, sd, mcseMean, mcseSD, ess: Double
  }

  /// mcse_mean = sd/√ESS(x); mcse_sd = √(Var[s]/ESS(s))/(2·sd) with s = (x − x̄)²
  /// (the delta method; the posterior-R variant of BAYES.md §1.7).
  public static func estimate(_ chains: [[Double]]) -> Estimate {
    let all = chains.flatMap { $0 }
    let n = Double(all.count)
    let mean = all.reduce(0, +) / n
    let variance = all.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    let ess = effectiveSampleSize(chains)
    let squares = chains.map { $0.map { ($0 - mean) * ($0 - mean) } }
    let s = squares.flatMap { $0 }
    let eVar = s.reduce(0, +) / n
    let varVar = s.reduce(0) { $0 + ($1 - eVar) * ($1 - eVar) } / n
    let essS = effectiveSampleSize(squares)
    let sd = variance.squareRoot()
    return Estimate(mean: mean, sd: sd, mcseMean: sd / ess.squareRoot(), mcseSD: (varVar / essS).squareRoot() / (2 * sd), ess: ess)
  }

  /// Coordinate `index` of every kept draw, one array per chain.
  public static func coordinate(_ results: ChainResults, _ index: Int) -> [[Double]] {
    results.chains.map { c in (0..<c.numDraws).map { c.draws[$0 * c.dimension + index] } }
  }
}
