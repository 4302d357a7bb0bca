// The tutorial's MCMC cell (TUTORIAL.md cells 1–3) with the data recipe scaled to
// N_GROUPS groups, then the figures the headline table needs. Run by scaling.sh, which
// substitutes N_GROUPS; the sampling wall time is on the progress line ("Sampled …").
var rng = RandomState(seed: 42)
let nGroups = N_GROUPS
let obsPerGroup = rng.randint(20, 51, size: nGroups)
let groupIntercepts = 2.0 + rng.normal(0, 0.3, size: nGroups)
let groupSlopes = 0.5 + rng.normal(0, 0.3, size: nGroups)
var X: [Double] = []
var Y: [Double] = []
var groupIdx: [Int] = []
for (i, n) in obsPerGroup.enumerated() {
    let x = linspace(0, 10, n)
    let noise = rng.normal(0, 0.2, size: n)
    let y = groupIntercepts[i] + groupSlopes[i] * x + noise
    X.append(contentsOf: x)
    Y.append(contentsOf: y)
    groupIdx.append(contentsOf: repeatElement(i, count: n))
}
func hierarchicalRegression(X: [Double], groupIdx: [Int], Y: [Double]? = nil) {
    let muA = sample("mu_a", Normal(0, 5))
    let sigmaA = sample("sigma_a", HalfCauchy(5))
    let muB = sample("mu_b", Normal(0, 5))
    let sigmaB = sample("sigma_b", HalfCauchy(5))
    let a = sample("a", Normal(muA, sigmaA).expand([nGroups]).toEvent(1))
    let b = sample("b", Normal(muB, sigmaB).expand([nGroups]).toEvent(1))
    let sigmaY = sample("sigma_y", HalfCauchy(5))
    let mu = a[groupIdx] + b[groupIdx] * X
    sample("obs", Normal(mu, sigmaY), obs: Y)
}
let mcmc = MCMC(NUTS(hierarchicalRegression), numWarmup: 500, numSamples: 1000, numChains: 4)
mcmc.run(PRNGKey(0), X: X, groupIdx: groupIdx, Y: Y)
let s = summary(mcmc, kind: "diagnostics")
let extra = mcmc.getExtraFields()
print("RESULT groups=\(nGroups) obs=\(X.count) min_ess_bulk=\(s.column("ess_bulk").min()) min_ess_tail=\(s.column("ess_tail").min()) max_rhat=\(s.column("r_hat").max()) grads_per_draw=\(extra["numSteps"].mean()) divergences=\(extra["diverging"].sum())")
