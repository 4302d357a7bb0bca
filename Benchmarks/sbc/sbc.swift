// Simulation-based calibration (Talts et al. 2018) of a small hierarchical model with
// SwiftBayes's NUTS: draw parameters from the prior, simulate data, fit, and record the
// rank of the true value among thinned posterior draws. If the sampler is calibrated
// the ranks are uniform; a χ² test on 10 bins (9 degrees of freedom) checks that.
// Run (release): .build/release/swiftbayes run Benchmarks/sbc/sbc.swift
// %%
func model(y: [Double]? = nil) {
    let mu = sample("mu", Normal(0, 1))
    let tau = sample("tau", HalfNormal(1))
    let z = sample("z", Normal(0, 1).expand([4]).toEvent(1))
    let theta = deterministic("theta", mu + tau * z)
    sample("y", Normal(theta, 1), obs: y)
}
let replications = 200
let drawsKept = 99          // ranks 0...99: 100 values, 10 bins of 10
var ranks: [String: [Int]] = ["mu": [], "tau": [], "theta0": []]
var divergences = 0
for r in 0..<replications {
    let prior = trace(seed(model, PRNGKey(10_000 + r))).getTrace()
    let y = prior["y"]["value"]!
    let mcmc = MCMC(NUTS(model), numWarmup: 300, numSamples: drawsKept * 10, numChains: 1, thinning: 10, progressBar: false)
    mcmc.run(PRNGKey(r), y: y)
    let post = mcmc.getSamples()
    divergences += Int(mcmc.getExtraFields()["diverging"].sum())
    let truthMu = prior["mu"]["value"]!
    let truthTau = prior["tau"]["value"]!
    let truthTheta = prior["theta"]["value"]!
    ranks["mu"]!.append(Int(where(post["mu"] < truthMu, 1, 0).sum()))
    ranks["tau"]!.append(Int(where(post["tau"] < truthTau, 1, 0).sum()))
    ranks["theta0"]!.append(Int(where(post["theta"][0..., 0] < truthTheta[0], 1, 0).sum()))
}
// %%
for name in ["mu", "tau", "theta0"] {
    var bins = Array(repeating: 0, count: 10)
    for k in ranks[name]! { bins[min(k / 10, 9)] += 1 }
    let expected = Double(replications) / 10
    var chi2 = 0.0
    for b in bins { chi2 += (Double(b) - expected) * (Double(b) - expected) / expected }
    let p = regularizedGammaQ(4.5, chi2 / 2)   // P(χ²₉ > chi2)
    print("SBC \(name): bins \(bins) chi2 \(chi2) p \(p) \(p > 0.01 ? "pass" : "FAIL")")
}
print("divergences in all replications: \(divergences)")
