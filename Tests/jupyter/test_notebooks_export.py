"""Draws written by `mcmc.writeCSV` (CmdStan's CSV, one file per chain) read by ArviZ
(`from_cmdstan`) and `cmdstanpy.from_csv` give the same means as SwiftBayes and as
`writeJSON`; a CmdStan-written fixture reads back through `readCmdStanCSV` as cmdstanpy
reads it."""
import glob
import json
import os
import subprocess

import numpy as np
import pytest

from conftest import ROOT
from samples import KERNEL_UNDER_TEST

pytestmark = pytest.mark.skipif(KERNEL_UNDER_TEST != "session", reason="the toy test host runs no models")

BIN = os.path.abspath(os.environ.get("SWIFTBAYES_RELEASE_BIN") or os.environ.get("SWIFTBAYES_BIN", os.path.join(ROOT, ".build", "debug", "swiftbayes")))
FIXTURES = os.path.join(ROOT, "Tests", "SwiftBayesTests", "Fixtures", "cmdstan")

SCRIPT = """
var rng = RandomState(seed: 1)
let x = rng.normal(0, 1, size: 40)
let y = 1.5 + 0.7 * x + rng.normal(0, 0.5, size: 40)
func regression(x: [Double], y: [Double]? = nil) {
    let alpha = sample("alpha", Normal(0, 5))
    let beta = sample("beta", Normal(0, 5).expand([2, 3]).toEvent(2))
    let sigma = sample("sigma", HalfNormal(2))
    sample("obs", Normal(alpha + beta[0, 0] * x, sigma), obs: y)
}
let mcmc = MCMC(NUTS(regression), numWarmup: 200, numSamples: 150, numChains: 3, progressBar: false)
mcmc.run(PRNGKey(4), x: x, y: y)
// %%
mcmc.writeCSV("{dir}/draws.csv")
mcmc.writeJSON("{dir}/draws.json")
let s = mcmc.getSamples()
print("MEANS", s["alpha"].mean(), s["sigma"].mean())
print("BETA", s["beta"].mean(axis: 0))
"""


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    d = tmp_path_factory.mktemp("draws")
    script = d / "export.swift"
    script.write_text(SCRIPT.replace("{dir}", str(d)))
    r = subprocess.run([BIN, "run", str(script)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return d, r.stdout


def test_one_file_per_chain_in_cmdstan_layout(written):
    d, _ = written
    files = sorted(glob.glob(str(d / "draws_*.csv")))
    assert [os.path.basename(f) for f in files] == ["draws_1.csv", "draws_2.csv", "draws_3.csv"]
    header = next(l for l in open(files[0]) if not l.startswith("#")).strip().split(",")
    assert header[:7] == ["lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__"]
    assert header[7:] == ["alpha", "beta.1.1", "beta.2.1", "beta.1.2", "beta.2.2", "beta.1.3", "beta.2.3", "sigma"]


def test_cmdstanpy_and_arviz_read_the_same_means(written):
    import arviz as az
    import cmdstanpy

    d, stdout = written
    files = sorted(glob.glob(str(d / "draws_*.csv")))
    fit = cmdstanpy.from_csv(files)
    assert fit.chains == 3 and fit.num_draws_sampling == 150
    alpha = fit.stan_variable("alpha")
    beta = fit.stan_variable("beta")
    assert alpha.shape == (450,) and beta.shape == (450, 2, 3)

    idata = az.from_cmdstan(posterior=files)  # ArviZ 0.x; 1.x re-exports arviz_base's
    post = idata.posterior
    a_az = np.asarray(post["alpha"])
    b_az = np.asarray(post["beta"])
    assert a_az.shape == (3, 150) and b_az.shape == (3, 150, 2, 3)

    with open(d / "draws.json") as f:
        doc = json.load(f)
    a_json = np.asarray(doc["posterior"]["alpha"])
    b_json = np.asarray(doc["posterior"]["beta"])

    np.testing.assert_allclose(a_az.mean(), alpha.mean(), rtol=1e-12)
    np.testing.assert_allclose(a_json.mean(), alpha.mean(), rtol=1e-12)
    np.testing.assert_allclose(b_az.mean(axis=(0, 1)), beta.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(b_json.mean(axis=(0, 1)), beta.mean(axis=0), rtol=1e-12)
    # And the means SwiftBayes printed.
    line = next(l for l in stdout.splitlines() if l.startswith("MEANS"))
    m_alpha, m_sigma = map(float, line.split()[1:])
    np.testing.assert_allclose(alpha.mean(), m_alpha, rtol=1e-9)
    np.testing.assert_allclose(fit.stan_variable("sigma").mean(), m_sigma, rtol=1e-9)
    # Sampler statistics: divergences and tree depth as cmdstanpy reads them.
    assert set(np.unique(fit.method_variables()["divergent__"])) <= {0.0, 1.0}
    np.testing.assert_allclose(-fit.method_variables()["lp__"].ravel(order="F"), np.asarray(doc["sample_stats"]["lp"]).ravel() * -1, rtol=1e-12)


def test_stan_written_fixture_reads_back_as_cmdstanpy_reads_it(tmp_path):
    import cmdstanpy

    fixture = os.path.join(FIXTURES, "multidim_vars.csv")
    script = tmp_path / "read.swift"
    script.write_text(f"""
let s = readCmdStanCSV("{fixture}")
print("YREP", s["y_rep"].reshape([-1]))
print("BETA", s["beta"].reshape([-1]))
summary(s, varNames: ["beta"])
""")
    r = subprocess.run([BIN, "run", str(script)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    def numbers(tag):
        line = next(l for l in r.stdout.split("\n") if l.startswith(tag))
        return np.asarray(json.loads(line[len(tag):].strip()))
    fit = cmdstanpy.from_csv(fixture)
    np.testing.assert_allclose(numbers("YREP"), fit.stan_variable("y_rep").ravel())
    np.testing.assert_allclose(numbers("BETA"), fit.stan_variable("beta").ravel())
    assert "beta[0]" in r.stdout and "beta[1]" in r.stdout
