// The seed tutorial (a NumPyro two-level hierarchical regression) as SwiftBayes cells:
// ../shared/TUTORIAL.md cell for cell. Run it headless with
//   .build/release/swiftbayes run examples/tutorial.swift
// %% [markdown]
// Cell 1: synthetic data, identical to NumPy's thanks to RandomState.
// %%
var rng = RandomState(seed: 42)
let nGroups = 30
let obsPerGroup = rng.randint(20, 51, size: nGroups)
let globalIntercept = 2.0
let globalSlope = 0.5
let groupIntercepts = globalIntercept + rng.normal(0, 0.3, size: nGroups)
let groupSlopes = globalSlope + rng.normal(0, 0.3, size: nGroups)

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
print("\(X.count) observations in \(nGroups) groups")
// %% [markdown]
// Cell 2: the model.
// %%
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
// %% [markdown]
// Cell 3: NUTS, four chains in parallel.
// %%
let mcmc = MCMC(NUTS(hierarchicalRegression), numWarmup: 500, numSamples: 1000, numChains: 4)
mcmc.run(PRNGKey(0), X: X, groupIdx: groupIdx, Y: Y)
let posteriorSamples = mcmc.getSamples()
// %% [markdown]
// Cell 4: summary and diagnostics.
// %%
summary(posteriorSamples)
// %% [markdown]
// Cell 5: posterior predictive check.
// %%
let predictive = Predictive(hierarchicalRegression, posteriorSamples: posteriorSamples)
let posteriorPredictive = predictive(PRNGKey(1), X: X, groupIdx: groupIdx)
let predictedMean = posteriorPredictive["obs"].mean(axis: 0)
scatter(Y, predictedMean, alpha: 0.5,
        xlabel: "Observed Y", ylabel: "Predicted Mean Y",
        title: "Posterior Predictive Check", diagonal: true)
// %% [markdown]
// Beyond the seed: trace, forest and predictive plots.
// %%
plotTrace(mcmc, varNames: ["mu_a", "mu_b", "sigma_a", "sigma_b", "sigma_y"])
// %%
plotForest(posteriorSamples, varNames: ["a", "b"])
// %%
plotPPC(posteriorPredictive, observed: Y)
