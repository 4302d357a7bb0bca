#!/usr/bin/env python3
"""Writes the tutorial notebooks (notebooks/01-… to 06-…) from the cells below, without
outputs; `scripts/run-notebooks.sh --save` then executes them with `swiftbayes run` and
saves them with their outputs. Standard library only.

Usage: python3 scripts/make-notebooks.py
"""
import json
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
METADATA = {
    "kernelspec": {"display_name": "Swift (SwiftBayes)", "language": "swift", "name": "swiftbayes"},
    # Exactly the kernel's kernel_info language_info, so JupyterLab does not mark an opened
    # notebook modified when the kernel connects.
    "language_info": {
        "codemirror_mode": "swift", "file_extension": ".swift", "mimetype": "text/x-swift", "name": "swift",
        "nbconvert_exporter": "script", "pygments_lexer": "swift", "version": "6.3",
    },
}


def md(text):
    return ("markdown", text.strip("\n"), [])


def code(text, *tags):
    return ("code", text.strip("\n"), list(tags))


def write(name, cells):
    out = []
    for i, (kind, source, tags) in enumerate(cells):
        cell = {"cell_type": kind, "id": f"{name.split('-')[0]}-{i:02d}", "metadata": {}, "source": source.splitlines(True)}
        if tags:
            cell["metadata"]["tags"] = tags
        if kind == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
        out.append(cell)
    nb = {"cells": out, "metadata": METADATA, "nbformat": 4, "nbformat_minor": 5}
    with open(os.path.join(ROOT, "notebooks", name + ".ipynb"), "w") as f:
        json.dump(nb, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


TUTORIAL = [
    md("""
# Hierarchical Bayesian regression

Hierarchical regression captures both global trends and group-specific nuances in data that
are naturally clustered. Instead of one intercept and slope for everyone, each group gets its
own, drawn from a shared population distribution, so groups *borrow strength* from each other
while keeping their local idiosyncrasies.

This notebook is the NumPyro tutorial on two-level regression, cell for cell, in Swift syntax:
generate data, write the generative story as a model, run NUTS, read the diagnostics, and
check the posterior predictive distribution. Seeds are fixed throughout, so every run gives the
same numbers.
"""),
    md("""
## Generating synthetic data

We simulate 30 groups with between 20 and 50 observations each. The global intercept and slope
are 2.0 and 0.5; each group's intercept and slope are perturbed by normal noise with standard
deviation 0.3, and the outcome gets noise with standard deviation 0.2. `RandomState(seed: 42)`
reproduces NumPy's legacy random stream bit for bit, so `X`, `Y` and `groupIdx` are exactly the
arrays the Python tutorial makes.
"""),
    code("""
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
print("\\(X.count) observations in \\(nGroups) groups")
"""),
    md("""
## Defining the probabilistic model

A model is a function that declares random variables with `sample`. Hyperpriors describe the
population of intercepts and slopes; `expand([nGroups]).toEvent(1)` makes a vector of group
parameters drawn independently from it; `groupIdx` maps each observation to its group. Passing
`Y` as `obs:` conditions the model on the data; leaving it `nil` makes the model generate it.
"""),
    code("""
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
"""),
    md("""
## Setting up NUTS inference

`MCMC` with a `NUTS` kernel traces the model once into a compiled autodiff tape and runs four
chains in parallel, each on its own random stream split from the key. While it runs, one
progress bar per chain shows the phase, the draws, divergences and the step size; afterwards
it reports the wall time and the sampler's health.
"""),
    code("""
let mcmc = MCMC(NUTS(hierarchicalRegression), numWarmup: 500, numSamples: 1000, numChains: 4)
mcmc.run(PRNGKey(0), X: X, groupIdx: groupIdx, Y: Y)
let posteriorSamples = mcmc.getSamples()
"""),
    md("""
## Posterior analysis and diagnostics

Before reading the estimates, check that the sampler converged. `summary` gives, for every
scalar of every site, the mean, standard deviation, a 94% highest-density interval, Monte Carlo
standard errors, bulk and tail effective sample sizes and the rank-normalized split R-hat
(Vehtari et al. 2021), computed as ArviZ does. R-hat above 1.01 or an ESS below 400 would be
flagged; so would divergences, tree-depth saturation or a low E-BFMI, listed under the table.
"""),
    code("summary(posteriorSamples)"),
    md("""
## Posterior predictive checks

Finally, compare data simulated from the posterior predictive distribution with the data we
observed. `Predictive` runs the model once per posterior draw with `Y` left out; the mean
prediction for each observation should sit close to the dashed diagonal.
"""),
    code("""
let predictive = Predictive(hierarchicalRegression, posteriorSamples: posteriorSamples)
let posteriorPredictive = predictive(PRNGKey(1), X: X, groupIdx: groupIdx)
let predictedMean = posteriorPredictive["obs"].mean(axis: 0)
scatter(Y, predictedMean, alpha: 0.5,
        xlabel: "Observed Y", ylabel: "Predicted Mean Y",
        title: "Posterior Predictive Check", diagonal: true)
"""),
    md("""
## Beyond the seed

Trace plots show each chain's density and its draws in order: well-mixed chains overlap and
look like noise around a stable level.
"""),
    code('plotTrace(mcmc, varNames: ["mu_a", "mu_b", "sigma_a", "sigma_b", "sigma_y"])'),
    md("""
A forest plot puts every group's intercept and slope side by side, with 94% HDIs, R-hat and
ESS; the spread of the groups is what `sigma_a` and `sigma_b` estimate.
"""),
    code('plotForest(posteriorSamples, varNames: ["a", "b"])'),
    md("""
The predictive check as densities: the observed data's density (dark) against those of 100
posterior predictive data sets.
"""),
    code("plotPPC(posteriorPredictive, observed: Y)"),
    md("""
## Exporting draws and a report

`writeCSV` writes the draws in CmdStan's format, one file per chain (`draws_1.csv`, …), which
ArviZ (`from_cmdstan`) and `cmdstanpy.from_csv` read; `readCmdStanCSV` reads them, or Stan's
own, back. `exportReport` writes this session as one standalone HTML file.
"""),
    code("""
mcmc.writeCSV("../out/hierarchical-regression/draws.csv")
let fromStan = readCmdStanCSV("../out/hierarchical-regression/draws.csv")
summary(fromStan, varNames: ["mu_a", "mu_b", "sigma_y"])
"""),
    code('exportReport("../out/hierarchical-regression/report.html", title: "Hierarchical Bayesian regression")'),
    md("""
## Where to go next

The same workflow carries over to models with more structure: the next notebooks show
divergences and how reparameterizing fixes them (eight schools), varying intercepts and slopes
on real data (radon), count data with a log link, and comparing models with LOO.
"""),
]

EIGHT_SCHOOLS = [
    md("""
# Eight schools: divergences and reparameterization

Eight schools ran a coaching program for the SAT; each reported an estimated effect `y` and its
standard error `sigma` (Rubin 1981; Gelman et al., *Bayesian Data Analysis*, 5.5). A
hierarchical model treats the schools' true effects `theta` as draws from a population with
mean `mu` and spread `tau`. With so little data, the posterior of `tau` reaches towards zero,
where `theta` is squeezed into a narrow *funnel* that NUTS cannot explore with one step size:
it reports **divergent transitions**, and its estimates are biased.
"""),
    code("""
let J = 8
let y = [28.0, 8, -3, 7, -1, 1, 18, 12]
let sigma = [15.0, 10, 16, 11, 9, 11, 10, 18]
"""),
    md("""
## The centred model

The direct translation of the story: `theta` is sampled from `Normal(mu, tau)`.
"""),
    code("""
func centered(J: Int, sigma: [Double], y: [Double]? = nil) {
    let mu = sample("mu", Normal(0, 5))
    let tau = sample("tau", HalfCauchy(5))
    let theta = sample("theta", Normal(mu, tau).expand([J]).toEvent(1))
    sample("obs", Normal(theta, sigma), obs: y)
}

let centeredRun = MCMC(NUTS(centered), numWarmup: 500, numSamples: 500, numChains: 4)
centeredRun.run(PRNGKey(0), J: J, sigma: sigma, y: y)
"""),
    md("""
The health report under the progress bars already counts the divergences. The summary flags
them too, and the effective sample size of `tau` is small: do not trust these numbers.
"""),
    code('summary(centeredRun, varNames: ["mu", "tau"])', "diagnostics-expected-to-fail"),
    md("""
Where do the divergences happen? In a pair plot the divergent transitions (red) pile up at
small `tau`, the neck of the funnel the sampler cannot enter.
"""),
    code('plotPair(centeredRun, varNames: ["mu", "tau"], title: "Centred: divergences (red) at small tau")'),
    md("""
## The non-centred model

The same model, written differently: sample standardized effects `theta_tilde` from
`Normal(0, 1)` and compute `theta = mu + tau * theta_tilde` as a deterministic site. The
posterior of `(mu, tau, theta_tilde)` has no funnel, so NUTS explores it with one step size.
"""),
    code("""
func nonCentered(J: Int, sigma: [Double], y: [Double]? = nil) {
    let mu = sample("mu", Normal(0, 5))
    let tau = sample("tau", HalfCauchy(5))
    let thetaTilde = sample("theta_tilde", Normal(0, 1).expand([J]).toEvent(1))
    let theta = deterministic("theta", mu + tau * thetaTilde)
    sample("obs", Normal(theta, sigma), obs: y)
}

let nonCenteredRun = MCMC(NUTS(nonCentered, targetAcceptProb: 0.9), numWarmup: 500, numSamples: 1000, numChains: 4)
nonCenteredRun.run(PRNGKey(0), J: J, sigma: sigma, y: y)
"""),
    code('summary(nonCenteredRun, varNames: ["mu", "tau", "theta"])'),
    code("""
let centeredDivergences = centeredRun.getExtraFields()["diverging"].sum()
let nonCenteredDivergences = nonCenteredRun.getExtraFields()["diverging"].sum()
print("divergent transitions: centred \\(centeredDivergences), non-centred \\(nonCenteredDivergences)")
"""),
    md("""
The pair plot now covers small values of `tau` as well, with no divergences.
"""),
    code('plotPair(nonCenteredRun, varNames: ["mu", "tau"], title: "Non-centred: no divergences")'),
    code('plotForest(nonCenteredRun, varNames: ["theta"])'),
]

RADON = [
    md("""
# Radon: varying intercepts and slopes

Radon is a radioactive gas that enters homes through the ground. The EPA measured it in 919
Minnesota homes in 85 counties (Gelman & Hill 2007, ch. 12–13). Measurements in the basement
(`floor` 0) are higher than on the first floor, and counties differ: some have many homes in the
survey, some only one or two. A multilevel model gives every county its own intercept *and*
floor effect, and partially pools them: counties with little data are pulled towards the state
average, counties with much data keep their own estimate.
"""),
    code("""
let radon = readCSV("../data/radon.csv")
let (county, counties) = radon.groupIndex("county")
let floor = radon["floor"]
let logRadon = radon["log_radon"]
let nCounties = counties.count
print(radon.rowCount, "homes in", nCounties, "counties")
"""),
    md("""
## The model

`a[j]` is county `j`'s mean log radon in a basement and `b[j]` its floor effect; both come from
normal populations. They are written non-centred (`a = muA + sigmaA * zA`), which samples
without divergences when a population's spread is small.
"""),
    code("""
func varyingSlopes(county: [Int], floor: [Int], nCounties: Int, y: [Double]? = nil) {
    let muA = sample("mu_a", Normal(0, 10))
    let sigmaA = sample("sigma_a", HalfNormal(1))
    let muB = sample("mu_b", Normal(0, 10))
    let sigmaB = sample("sigma_b", HalfNormal(1))
    let zA = sample("z_a", Normal(0, 1).expand([nCounties]).toEvent(1))
    let zB = sample("z_b", Normal(0, 1).expand([nCounties]).toEvent(1))
    let a = deterministic("a", muA + sigmaA * zA)
    let b = deterministic("b", muB + sigmaB * zB)
    let sigmaY = sample("sigma_y", HalfNormal(1))
    sample("obs", Normal(a[county] + b[county] * floor, sigmaY), obs: y)
}

let radonRun = MCMC(NUTS(varyingSlopes, targetAcceptProb: 0.9), numWarmup: 500, numSamples: 1000, numChains: 4)
radonRun.run(PRNGKey(2), county: county, floor: floor, nCounties: nCounties, y: logRadon)
"""),
    code('summary(radonRun, varNames: ["mu_a", "sigma_a", "mu_b", "sigma_b", "sigma_y"])'),
    md("""
## Partial pooling

For each county, compare the *no-pooling* estimate (the mean log radon of its own basement
measurements) with the multilevel estimate of `a[j]`. Points on the dashed diagonal would mean
no pooling at all; the multilevel estimates are pulled towards the state mean, most strongly
for counties with few homes.
"""),
    code("""
var sums = Array(repeating: 0.0, count: nCounties)
var counts = Array(repeating: 0, count: nCounties)
for i in 0..<radon.rowCount where floor[i] == 0 {
    sums[county[i]] += logRadon[i]
    counts[county[i]] += 1
}
let withBasement = (0..<nCounties).filter { counts[$0] > 0 }
let noPooling = withBasement.map { sums[$0] / Double(counts[$0]) }
let aMean = radonRun.getSamples()["a"].mean(axis: 0)
let partialPooling = withBasement.map { aMean[$0] }
scatter(noPooling, partialPooling, alpha: 0.7, xlabel: "no pooling: county mean of basement log radon",
        ylabel: "partial pooling: posterior mean of a[county]",
        title: "Partial pooling shrinks county estimates towards the state mean", diagonal: true)
"""),
    code("""
let fewHomes = withBasement.filter { counts[$0] <= 2 }
let manyHomes = withBasement.filter { counts[$0] >= 20 }
func meanShift(_ js: [Int]) -> Double {
    js.map { abs(sums[$0] / Double(counts[$0]) - aMean[$0]) }.reduce(0, +) / Double(js.count)
}
print("mean |no pooling − partial pooling|: counties with ≤ 2 basement homes \\(meanShift(fewHomes)), with ≥ 20: \\(meanShift(manyHomes))")
"""),
    code('plotForest(radonRun, varNames: ["b"], title: "Floor effect by county")'),
]

COUNTS = [
    md("""
# Counts with a log link: Poisson and negative binomial

Counts — visits, failures, insurance claims — are non-negative integers whose spread grows with
their mean. A generalized linear model with a log link keeps the mean positive:
`log(mean) = alpha + beta * x`. The Poisson distribution ties the variance to the mean; real
counts are often *overdispersed* (variance larger than the mean), which the negative binomial
allows through its concentration `phi`: variance = mean + mean² / phi.

Here, 200 weeks of daily help-desk tickets against the number of users online (in thousands),
simulated with extra week-to-week variation, as in real data.
"""),
    code("""
var rng = RandomState(seed: 7)
let n = 200
let users = rng.uniform(1, 10, size: n)
let weekEffect = rng.normal(0, 0.5, size: n)
let tickets = rng.poisson(exp(0.5 + 0.25 * users + weekEffect))
print("mean", tickets.mean(), "variance", tickets.std() * tickets.std())
"""),
    code("""
func poissonModel(users: [Double], tickets: [Int]? = nil) {
    let alpha = sample("alpha", Normal(0, 2))
    let beta = sample("beta", Normal(0, 1))
    sample("obs", Poisson(exp(alpha + beta * users)), obs: tickets)
}

func negativeBinomialModel(users: [Double], tickets: [Int]? = nil) {
    let alpha = sample("alpha", Normal(0, 2))
    let beta = sample("beta", Normal(0, 1))
    let phi = sample("phi", Exponential(0.1))
    sample("obs", NegativeBinomial(exp(alpha + beta * users), phi), obs: tickets)
}

let poissonRun = MCMC(NUTS(poissonModel), numWarmup: 500, numSamples: 500, numChains: 4)
poissonRun.run(PRNGKey(0), users: users, tickets: tickets)
let nbRun = MCMC(NUTS(negativeBinomialModel), numWarmup: 500, numSamples: 1000, numChains: 4)
nbRun.run(PRNGKey(0), users: users, tickets: tickets)
"""),
    code("summary(nbRun)"),
    md("""
## Posterior predictive checks

Both models fit the mean trend, but only the negative binomial reproduces the spread of the
observed counts: the Poisson model's predictive densities are too narrow.
"""),
    code("""
let poissonPredictive = Predictive(poissonModel, posteriorSamples: poissonRun.getSamples())(PRNGKey(1), users: users)
plotPPC(poissonPredictive, observed: tickets, title: "Poisson: too little spread")
"""),
    code("""
let nbPredictive = Predictive(negativeBinomialModel, posteriorSamples: nbRun.getSamples())(PRNGKey(1), users: users)
plotPPC(nbPredictive, observed: tickets, title: "Negative binomial")
"""),
    code("""
let observedVariance = tickets.std() * tickets.std()
let poissonVariance = poissonPredictive["obs"].std(axis: 1).mean() * poissonPredictive["obs"].std(axis: 1).mean()
let nbVariance = nbPredictive["obs"].std(axis: 1).mean() * nbPredictive["obs"].std(axis: 1).mean()
print("variance of the counts: observed \\(observedVariance), Poisson replicas ≈ \\(poissonVariance), negative binomial replicas ≈ \\(nbVariance)")
"""),
    code('plotPosterior(nbRun, varNames: ["alpha", "beta", "phi"])'),
]

COMPARISON = [
    md("""
# Model comparison with LOO

Which of several models predicts new data best? Leave-one-out cross-validation answers it
without refitting: Pareto-smoothed importance sampling (PSIS-LOO, Vehtari, Gelman & Gabry 2017)
estimates each observation's out-of-sample log predictive density from the posterior draws, and
its Pareto k̂ diagnostics say when the estimate cannot be trusted.

We compare three models of the radon data: complete pooling (one mean for the state), no
county structure but a floor effect, and varying county intercepts with a floor effect.
"""),
    code("""
let radon = readCSV("../data/radon.csv")
let (county, counties) = radon.groupIndex("county")
let floor = radon["floor"]
let logRadon = radon["log_radon"]
let nCounties = counties.count

func pooled(floor: [Int], y: [Double]? = nil) {
    let alpha = sample("alpha", Normal(0, 10))
    let sigmaY = sample("sigma_y", HalfNormal(1))
    sample("obs", Normal(alpha + 0.0 * floor, sigmaY), obs: y)
}

func floorOnly(floor: [Int], y: [Double]? = nil) {
    let alpha = sample("alpha", Normal(0, 10))
    let beta = sample("beta", Normal(0, 10))
    let sigmaY = sample("sigma_y", HalfNormal(1))
    sample("obs", Normal(alpha + beta * floor, sigmaY), obs: y)
}

func varyingIntercepts(county: [Int], floor: [Int], nCounties: Int, y: [Double]? = nil) {
    let muA = sample("mu_a", Normal(0, 10))
    let sigmaA = sample("sigma_a", HalfNormal(1))
    let zA = sample("z_a", Normal(0, 1).expand([nCounties]).toEvent(1))
    let a = deterministic("a", muA + sigmaA * zA)
    let beta = sample("beta", Normal(0, 10))
    let sigmaY = sample("sigma_y", HalfNormal(1))
    sample("obs", Normal(a[county] + beta * floor, sigmaY), obs: y)
}
"""),
    code("""
let pooledRun = MCMC(NUTS(pooled), numWarmup: 500, numSamples: 1000, numChains: 4)
pooledRun.run(PRNGKey(0), floor: floor, y: logRadon)
let floorRun = MCMC(NUTS(floorOnly), numWarmup: 500, numSamples: 1000, numChains: 4)
floorRun.run(PRNGKey(0), floor: floor, y: logRadon)
let countyRun = MCMC(NUTS(varyingIntercepts), numWarmup: 500, numSamples: 1000, numChains: 4)
countyRun.run(PRNGKey(0), county: county, floor: floor, nCounties: nCounties, y: logRadon)
"""),
    code('summary(countyRun, varNames: ["mu_a", "sigma_a", "beta", "sigma_y"])'),
    md("""
`mcmc.logLikelihood()["obs"]` holds each observation's log-likelihood for each draw, grouped by chain:
what `loo` reads.
"""),
    code("""
let countyLOO = loo(countyRun.logLikelihood()["obs"], posterior: countyRun)
countyLOO
"""),
    md("""
`compare` ranks the models by expected log predictive density (higher is better), with the
difference to the best, its standard error, and stacking weights.
"""),
    code("""
compare(["pooled": loo(pooledRun.logLikelihood()["obs"]), "floor": loo(floorRun.logLikelihood()["obs"]),
         "county intercepts": countyLOO])
"""),
    md("""
The county intercepts the winning model estimates, with their 94% intervals:
"""),
    code('plotForest(countyRun, varNames: ["a"], title: "County intercepts (varying-intercepts model)")'),
    md("""
The county model wins by many standard errors: knowing which county a home is in helps predict
its radon level, even after the floor.
"""),
]


EXPLORE = [
    md("""
# Exploring posteriors interactively

A fitted hierarchical model has thirty groups, each with its own intercept and slope. Instead of
printing thirty summaries, *explore* them: `interact` turns a function's labeled arguments into
controls (a slider for a range, a drop-down for an array of names, a check box for a Bool) and
shows the function's result under them, re-rendered whenever a control moves. The controls are
Jupyter widgets, so JupyterLab, Notebook 7 and VS Code draw them with the widget front ends
they already ship; reports written by `swiftbayes run` show each widget's last rendered output.
"""),
    md("""
## The model, fitted

The data and the two-level regression of the tutorial (`01-hierarchical-regression`), fitted
with NUTS: 30 groups, intercepts `a` and slopes `b` drawn from population distributions.
"""),
    code("""
var rng = RandomState(seed: 42)
let nGroups = 30
let obsPerGroup = rng.randint(20, 51, size: nGroups)
let groupIntercepts = 2.0 + rng.normal(0, 0.3, size: nGroups)
let groupSlopes = 0.5 + rng.normal(0, 0.3, size: nGroups)

var X: [Double] = []
var Y: [Double] = []
var groupIdx: [Int] = []
for (i, n) in obsPerGroup.enumerated() {
    let x = linspace(0, 10, n)
    let y = groupIntercepts[i] + groupSlopes[i] * x + rng.normal(0, 0.2, size: n)
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
    sample("obs", Normal(a[groupIdx] + b[groupIdx] * X, sigmaY), obs: Y)
}

let mcmc = MCMC(NUTS(hierarchicalRegression), numWarmup: 500, numSamples: 1000, numChains: 4)
mcmc.run(PRNGKey(0), X: X, groupIdx: groupIdx, Y: Y)
let byChain = mcmc.getSamples(groupByChain: true)
summary(mcmc, varNames: ["mu_a", "mu_b", "sigma_a", "sigma_b", "sigma_y"])
"""),
    md("""
## One group at a time

`showGroup` draws the posterior of one group's intercept or slope, with the value the data were
simulated from in the title. `interact` makes a slider for `group: 0..<nGroups` and a drop-down
for `parameter:`; move the slider to walk through the groups. Updates that arrive while a plot
is being drawn are merged, so dragging the slider stays smooth.
"""),
    code("""
func showGroup(group: Int, parameter: String) -> Plot {
    let site = parameter == "intercept" ? "a" : "b"
    let truth = parameter == "intercept" ? groupIntercepts[group] : groupSlopes[group]
    return plotPosterior(["\\(site)[\\(group)]": byChain[site][0..., 0..., group]],
                         title: "Group \\(group): \\(parameter) (simulated from \\((truth * 1000).rounded() / 1000))")
}
interact(showGroup, group: 0..<nGroups, parameter: ["intercept", "slope"])
"""),
    md("""
## Predictions for a group, point by point

The posterior predictive mean of every observation, against the observed value. Hover a point
(in JupyterLab, or in the HTML report): its title says which observation it is and its values,
and the point is highlighted. `pointLabels:` names each point; here, by its index in the data.
"""),
    code("""
let predictive = Predictive(hierarchicalRegression, posteriorSamples: mcmc.getSamples())
let predictedMean = predictive(PRNGKey(1), X: X, groupIdx: groupIdx)["obs"].mean(axis: 0)

func groupCheck(group: Int) -> Plot {
    let rows = groupIdx.indices.filter { groupIdx[$0] == group }
    return scatter(rows.map { Y[$0] }, rows.map { predictedMean[$0] }, diagonal: true,
                   pointLabels: rows.map { "observation \\($0)" },
                   xlabel: "observed Y", ylabel: "predicted mean Y", title: "Group \\(group)")
}
interact(groupCheck, group: 0..<nGroups)
"""),
    md("""
## Controls of your own

Widgets can also be made and wired by hand: `.value` reads and sets a control, `.observe` runs a
closure when it changes, `onClick` when a button is pressed. What a callback prints goes under
the cell that registered it.
"""),
    code("""
let chooser = Dropdown(options: ["mu_a", "mu_b", "sigma_y"], description: "site")
let show = Button(description: "Summarize", buttonStyle: "primary")
let result = Output()
show.onClick {
    result.clear()
    result.display(summary(mcmc, varNames: [chooser.value as! String]))
}
show.click()
VBox([HBox([chooser, show]), result])
"""),
    md("""
The pair plot of the population parameters: each dot is one draw; hover it to see which.
"""),
    code('plotPair(mcmc, varNames: ["mu_a", "sigma_a"])'),
]

if __name__ == "__main__":
    write("01-hierarchical-regression", TUTORIAL)
    write("02-eight-schools", EIGHT_SCHOOLS)
    write("04-radon", RADON)
    write("05-counts", COUNTS)
    write("06-model-comparison", COMPARISON)
    write("07-explore-posteriors", EXPLORE)
    print("wrote notebooks/01-hierarchical-regression, 02-eight-schools, 04-radon, 05-counts, 06-model-comparison, 07-explore-posteriors")
