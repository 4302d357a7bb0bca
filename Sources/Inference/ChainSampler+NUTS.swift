import Foundation

/// The No-U-Turn sampler with multinomial sampling, as Stan 2.21+ does it.
///
/// One transition:
/// ```
///   p ~ N(0, M) at q₀; H0 = H(q₀, p); tree = {z₀}
///   repeat until depth = maxTreeDepth:
///     pick a direction (½ each); build a subtree of 2^depth leapfrog steps from that end
///     subtree divergent or internally U-turned  → stop, never sampling from it
///     depth += 1; biased progressive sampling: z_sample ← subtree's proposal with
///       probability min(1, W_subtree / W_tree); W_tree += W_subtree
///     U-turn across the merged tree, or across either subtree boundary → stop
/// ```
/// Inside `buildTree` the two halves merge by uniform progressive sampling, with the same
/// three U-turn checks. Leaves weigh e^{H0 − H}; a leaf whose energy error H − H0
/// exceeds 1000 (or whose energy is NaN) is divergent.
///
/// References:
/// 1. Stan, `src/stan/mcmc/hmc/nuts/base_nuts.hpp` (`transition`, `build_tree`,
///    `compute_criterion`); the checks across subtrees arrived in commit `f2e6464b1`
///    (2019, v2.21.0).
/// 2. M. Betancourt, "A Conceptual Introduction to Hamiltonian Monte Carlo",
///    arXiv:1701.02434, 2017 (multinomial sampling, generalized U-turn criterion, A.4).
/// 3. M. D. Hoffman and A. Gelman, "The No-U-Turn Sampler", JMLR 15, 2014.
extension ChainSampler {
  /// One NUTS transition from the current point; nil if the stop signal was raised
  /// during it (the chain then moves to the sample of the partial trajectory, which the
  /// caller does not record).
  func nutsTransition(maxDepth: Int) -> TransitionStats? {
    let n = dimension
    sampleStepSize()
    // Stan seeds z with the previous sample and recomputes its gradient; the gradient
    // is kept with the sample here, so no evaluation is needed.
    let fwd = forward, bck = backward
    startTrajectory(fwd)
    bck.assign(fwd, n)
    let h0 = fwd.hamiltonian

    // z_sample starts as z₀ (the current point); z_propose is a spare buffer.
    var sample = current
    sample.energy = h0
    var propose = topProposal

    for i in 0..<n {
      let p = fwd.p[i], ps = fwd.pSharp[i]
      pFwdFwd[i] = p; pSharpFwdFwd[i] = ps
      pFwdBck[i] = p; pSharpFwdBck[i] = ps
      pBckFwd[i] = p; pSharpBckFwd[i] = ps
      pBckBck[i] = p; pSharpBckBck[i] = ps
      rho[i] = p
    }

    var logSumWeight = 0.0  // log(exp(H0 − H0))
    nLeapfrog = 0
    sumMetroProb = 0
    divergent = false
    aborted = false
    var depth = 0

    while depth < maxDepth {
      // Stan zeroes ρ_fwd and ρ_bck here; `buildTree` assigns its ρ instead (see there).
      var logSumWeightSubtree = -Double.infinity
      let valid: Bool
      if rng.uniform() > 0.5 {
        // Extend forward (base_nuts.hpp: "Extend the current trajectory forward").
        rhoBck.update(from: rho, count: n)
        pBckFwd.update(from: pFwdFwd, count: n)
        pSharpBckFwd.update(from: pSharpFwdFwd, count: n)
        valid = buildTree(depth, fwd, &propose, pSharpBeg: pSharpFwdBck, pSharpEnd: pSharpFwdFwd, rho: rhoFwd,
          pBeg: pFwdBck, pEnd: pFwdFwd, h0: h0, sign: 1, logSumWeight: &logSumWeightSubtree)
      } else {
        rhoFwd.update(from: rho, count: n)
        pFwdBck.update(from: pBckBck, count: n)
        pSharpFwdBck.update(from: pSharpBckBck, count: n)
        valid = buildTree(depth, bck, &propose, pSharpBeg: pSharpBckFwd, pSharpEnd: pSharpBckBck, rho: rhoBck,
          pBeg: pBckFwd, pEnd: pBckBck, h0: h0, sign: -1, logSumWeight: &logSumWeightSubtree)
      }
      if aborted {
        // Stopping on an outside signal is independent of the states, like a random
        // maximum depth, so the multinomial sample so far is a valid next point.
        current = sample
        topProposal = propose
        return nil
      }
      if !valid { break }  // never sample from an invalid subtree
      depth += 1

      // Biased progressive sampling (base_nuts.hpp "Sample from accepted subtree").
      if logSumWeightSubtree > logSumWeight {
        swap(&sample, &propose)
      } else if rng.uniform() < Foundation.exp(logSumWeightSubtree - logSumWeight) {
        swap(&sample, &propose)
      }
      logSumWeight = ChainSampler.logSumExp(logSumWeight, logSumWeightSubtree)

      // ρ = ρ_bck + ρ_fwd; the U-turn criterion around the merged tree and across the
      // boundary between the old tree and the new subtree (the two extra checks).
      var a1 = 0.0, b1 = 0.0, a2 = 0.0, b2 = 0.0, a3 = 0.0, b3 = 0.0
      for i in 0..<n {
        let rb = rhoBck[i], rf = rhoFwd[i]
        let r = rb + rf
        rho[i] = r
        a1 += pSharpBckBck[i] * r
        b1 += pSharpFwdFwd[i] * r
        let e2 = rb + pFwdBck[i]
        a2 += pSharpBckBck[i] * e2
        b2 += pSharpFwdBck[i] * e2
        let e3 = rf + pBckFwd[i]
        a3 += pSharpBckFwd[i] * e3
        b3 += pSharpFwdFwd[i] * e3
      }
      if !(a1 > 0 && b1 > 0 && a2 > 0 && b2 > 0 && a3 > 0 && b3 > 0) { break }
    }

    current = sample
    topProposal = propose
    // Average acceptance over every leapfrog step, rejected subtrees included.
    var stats = TransitionStats()
    stats.diverging = divergent
    stats.treeDepth = depth
    stats.numSteps = nLeapfrog
    stats.stepSize = epsilon
    stats.energy = sample.energy
    stats.acceptProb = nLeapfrog > 0 ? sumMetroProb / Double(nLeapfrog) : 0
    stats.potentialEnergy = sample.potential
    return stats
  }

  /// Builds a subtree of 2^depth leapfrog steps from `z` in direction `sign`; returns its
  /// validity (not divergent, no U-turn inside). Stan's `build_tree`, with buffers per
  /// depth instead of temporaries.
  /// - Parameters:
  ///   - propose: the subtree's multinomial proposal (written).
  ///   - pSharpBeg, pSharpEnd, pBeg, pEnd: p♯ and p at the subtree's two ends (written).
  ///   - rho: receives the sum of momenta over the subtree's states. Stan passes a zeroed
  ///     vector and accumulates into it; every caller here would pass zeros too, so the sum
  ///     is assigned (0 + x = x exactly) and no vector is zeroed.
  ///   - logSumWeight: accumulates log Σ e^{H0 − H} over the subtree (only if valid).
  func buildTree(_ depth: Int, _ z: PhasePoint, _ propose: inout Proposal,
    pSharpBeg: UnsafeMutablePointer<Double>, pSharpEnd: UnsafeMutablePointer<Double>, rho: UnsafeMutablePointer<Double>,
    pBeg: UnsafeMutablePointer<Double>, pEnd: UnsafeMutablePointer<Double>,
    h0: Double, sign: Double, logSumWeight: inout Double) -> Bool {
    let n = dimension
    if depth == 0 {
      // Base case: one leapfrog step (its two ends are the same state).
      let valid = leaf(z, h0: h0, sign: sign, propose, pSharp: pSharpBeg, p: pBeg, logSumWeight: &logSumWeight)
      if aborted { return false }
      pSharpEnd.update(from: pSharpBeg, count: n)
      pEnd.update(from: pBeg, count: n)
      rho.update(from: pBeg, count: n)
      return valid
    }
    if depth == 1 {
      // Stan's recursion over two leaves, unrolled: the initial subtree's end is its
      // beginning and the final subtree's beginning is its end, so ρ_init = p_beg,
      // ρ_final = p_end and the three criterion checks coincide. Same arithmetic, same
      // random numbers, fewer vectors.
      var logSumWeightInit = -Double.infinity
      if !leaf(z, h0: h0, sign: sign, propose, pSharp: pSharpBeg, p: pBeg, logSumWeight: &logSumWeightInit) { return false }
      let proposeFinal = spareProposals[1]
      var logSumWeightFinal = -Double.infinity
      if !leaf(z, h0: h0, sign: sign, proposeFinal, pSharp: pSharpEnd, p: pEnd, logSumWeight: &logSumWeightFinal) { return false }
      let logSumWeightSubtree = ChainSampler.logSumExp(logSumWeightInit, logSumWeightFinal)
      logSumWeight = ChainSampler.logSumExp(logSumWeight, logSumWeightSubtree)
      if logSumWeightFinal > logSumWeightSubtree
        || rng.uniform() < Foundation.exp(logSumWeightFinal - logSumWeightSubtree) {
        spareProposals[1] = propose
        propose = proposeFinal
      }
      var a = 0.0, b = 0.0
      for i in 0..<n {
        let s = pBeg[i] + pEnd[i]
        rho[i] = s
        a += pSharpBeg[i] * s
        b += pSharpEnd[i] * s
      }
      return a > 0 && b > 0
    }

    // General recursion.
    let level = levels + 6 * depth * n
    let pInitEnd = level, pSharpInitEnd = level + n, rhoInit = level + 2 * n
    let pFinalBeg = level + 3 * n, pSharpFinalBeg = level + 4 * n, rhoFinal = level + 5 * n

    // Build the initial subtree.
    var logSumWeightInit = -Double.infinity
    let validInit = buildTree(depth - 1, z, &propose, pSharpBeg: pSharpBeg, pSharpEnd: pSharpInitEnd, rho: rhoInit,
      pBeg: pBeg, pEnd: pInitEnd, h0: h0, sign: sign, logSumWeight: &logSumWeightInit)
    if !validInit { return false }

    // Build the final subtree.
    var proposeFinal = spareProposals[depth]
    var logSumWeightFinal = -Double.infinity
    let validFinal = buildTree(depth - 1, z, &proposeFinal, pSharpBeg: pSharpFinalBeg, pSharpEnd: pSharpEnd, rho: rhoFinal,
      pBeg: pFinalBeg, pEnd: pEnd, h0: h0, sign: sign, logSumWeight: &logSumWeightFinal)
    if !validFinal {
      spareProposals[depth] = proposeFinal
      return false
    }

    // Uniform progressive sampling between the two halves (base_nuts.hpp "Multinomial
    // sample from right subtree").
    let logSumWeightSubtree = ChainSampler.logSumExp(logSumWeightInit, logSumWeightFinal)
    logSumWeight = ChainSampler.logSumExp(logSumWeight, logSumWeightSubtree)
    var takeFinal = false
    if logSumWeightFinal > logSumWeightSubtree {
      takeFinal = true
    } else if rng.uniform() < Foundation.exp(logSumWeightFinal - logSumWeightSubtree) {
      takeFinal = true
    }
    // The final subtree may have swapped its buffer with a deeper spare: always put back
    // the one not chosen, so every buffer keeps exactly one owner.
    if takeFinal {
      spareProposals[depth] = propose
      propose = proposeFinal
    } else {
      spareProposals[depth] = proposeFinal
    }

    // ρ_subtree = ρ_init + ρ_final; criterion around the merged subtrees, then between
    // them: (p♯_beg, p♯_final_beg, ρ_init + p_final_beg), (p♯_init_end, p♯_end,
    // ρ_final + p_init_end).
    var a1 = 0.0, b1 = 0.0, a2 = 0.0, b2 = 0.0, a3 = 0.0, b3 = 0.0
    for i in 0..<n {
      let ri = rhoInit[i], rf = rhoFinal[i]
      let s = ri + rf
      rho[i] = s
      a1 += pSharpBeg[i] * s
      b1 += pSharpEnd[i] * s
      let e2 = ri + pFinalBeg[i]
      a2 += pSharpBeg[i] * e2
      b2 += pSharpFinalBeg[i] * e2
      let e3 = rf + pInitEnd[i]
      a3 += pSharpInitEnd[i] * e3
      b3 += pSharpEnd[i] * e3
    }
    return a1 > 0 && b1 > 0 && a2 > 0 && b2 > 0 && a3 > 0 && b3 > 0
  }
}
