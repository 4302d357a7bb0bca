import Foundation

/// The energy Bayesian fraction of missing information of one chain:
/// mean((Eₜ − Eₜ₋₁)²) / var(E) with the n − 1 variance, as ArviZ's `bfmi` computes it
/// (`arviz/stats/diagnostics.py`; BAYES.md §1.8). NaN with fewer than 3 energies.
///
/// References:
/// 1. M. Betancourt, "Diagnosing Suboptimal Cotangent Disintegrations in Hamiltonian
///    Monte Carlo", arXiv:1604.00695, 2016.
public func energyBFMI(_ energy: [Double]) -> Double {
  let n = energy.count
  guard n >= 3 else { return .nan }
  var num = 0.0
  for t in 1..<n {
    let d = energy[t] - energy[t - 1]
    num += d * d
  }
  num /= Double(n - 1)
  let mean = energy.reduce(0, +) / Double(n)
  var den = 0.0
  for e in energy { den += (e - mean) * (e - mean) }
  den /= Double(n - 1)
  return num / den
}

/// Sampler health after a run, as lines a person reads: divergences (count and share of
/// post-warmup draws), tree-depth saturation, and chains with E-BFMI below the threshold,
/// each with what to do about it; one reassuring line when all is well. An interrupted
/// run also says how many draws each chain kept.
///
/// The remedies are the usual ones (Stan's warnings, cmdstanr#585): divergences call for
/// a larger `targetAcceptProb` (smaller steps) or a non-centred parameterization of
/// hierarchical scales; saturation for a larger `maxTreeDepth` or a better-conditioned
/// model (dense mass, rescaling); low E-BFMI for reparameterization.
public func healthReport(_ results: ChainResults, ebfmiThreshold: Double = 0.3) -> [String] {
  var lines: [String] = []
  let total = results.totalDraws
  func percent(_ k: Int) -> String { total > 0 ? String(format: "%.1f%%", 100 * Double(k) / Double(total)) : "0%" }

  if results.interrupted {
    let kept = results.chains.map { c -> String in
      c.postWarmupState == nil && c.numDraws == 0
        ? "chain \(c.chain): stopped in warmup (\(c.warmupIterations) iterations)"
        : "chain \(c.chain): \(c.numDraws) draws"
    }
    lines.append("Interrupted — " + kept.joined(separator: ", ") + ".")
  }

  let divergences = results.chains.reduce(0) { $0 + $1.divergences }
  if divergences > 0 {
    lines.append("\(divergences) divergent transition\(divergences == 1 ? "" : "s") after warmup (\(percent(divergences)) of \(total) draws): "
      + "raise targetAcceptProb (e.g. 0.95) for smaller steps, or reparameterize (non-centre hierarchical scales).")
  }

  var saturated = 0
  if let depth = results.maxTreeDepth {
    saturated = results.chains.reduce(0) { acc, c in acc + c.stats.treeDepth.reduce(0) { $0 + ($1 >= depth ? 1 : 0) } }
    if saturated > 0 {
      lines.append("\(saturated) transition\(saturated == 1 ? "" : "s") (\(percent(saturated))) hit the maximum tree depth \(depth): "
        + "trajectories were cut short; raise maxTreeDepth, or improve the geometry (denseMass, rescaled parameters).")
    }
  }

  var lowBFMI = 0
  for c in results.chains {
    let b = energyBFMI(c.stats.energy)
    if b < ebfmiThreshold {
      lowBFMI += 1
      lines.append(String(format: "Chain %d: E-BFMI %.2f < %.1f: momentum resampling explores the energy poorly; reparameterize the model (non-centre).", c.chain, b, ebfmiThreshold))
    }
  }

  if divergences == 0 && saturated == 0 && lowBFMI == 0 && total > 0 {
    lines.append("No divergences, no tree-depth saturation, E-BFMI ≥ \(ebfmiThreshold) in every chain.")
  }
  return lines
}
