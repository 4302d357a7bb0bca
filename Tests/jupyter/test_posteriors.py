"""Posterior correctness against NumPyro references, run headless by the RELEASE binary
(`swiftbayes run` on percent-format scripts): sampling-heavy checks are too slow for a
debug build. References: Tests/SwiftBayesTests/Fixtures/numpyro_*.json, made once by
scripts/fixtures/make_model_fixtures.py (NumPyro, 4 × 10,000 draws).

Each posterior mean must lie within 4 Monte Carlo standard errors of the reference,
with the two MCSEs combined: |m − m_ref| < 4·√(mcse² + mcse_ref²). Runs are seeded, so
they cannot flake."""
import json
import math
import os
import subprocess
import tempfile

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "SwiftBayesTests", "Fixtures")
BIN = os.environ.get("SWIFTBAYES_RELEASE_BIN", os.path.join(ROOT, ".build", "release", "swiftbayes"))

pytestmark = pytest.mark.skipif(not os.path.exists(BIN), reason=f"no release binary at {BIN} (scripts/test.sh builds it)")


def run_script(text, timeout=600):
    with tempfile.NamedTemporaryFile("w", suffix=".swift", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        p = subprocess.run([BIN, "run", path], capture_output=True, text=True, timeout=timeout)
    finally:
        os.unlink(path)
    assert p.returncode == 0, p.stderr + p.stdout
    return p.stdout


def rows(stdout):
    """Lines `ROW name mean mcse_mean r_hat` printed by the scripts."""
    out = {}
    for line in stdout.splitlines():
        if line.startswith("ROW "):
            _, name, mean, mcse, rhat = line.split()
            out[name] = (float(mean), float(mcse), float(rhat))
    return out


PRINT_ROWS = """
// %%
let table = summary(SAMPLES, roundTo: "none")
let rowNames: [String] = NAMES
for name in rowNames {
    print("ROW \\(name) \\(table[name, "mean"]) \\(table[name, "mcse_mean"]) \\(table[name, "r_hat"])")
}
print("DIVERGENCES \\(MCMCNAME.getExtraFields()["diverging"].sum())")
"""


def check_against(reference_sites, got, require_rhat=1.01):
    checked = 0
    for site in reference_sites:
        shape = site["shape"]
        names = [site["name"]] if not shape else [f"{site['name']}[{i}]" for i in range(shape[0])]
        for i, name in enumerate(names):
            mean, mcse, rhat = got[name]
            ref, ref_mcse = float(site["mean"][i]), float(site["mcse_mean"][i])
            tolerance = 4 * math.hypot(mcse, ref_mcse)
            assert abs(mean - ref) < tolerance, f"{name}: {mean} vs NumPyro {ref} (4 MCSE = {tolerance})"
            assert rhat < require_rhat, f"{name}: r_hat {rhat}"
            checked += 1
    return checked


def test_tutorial_posterior_matches_numpyro():
    with open(os.path.join(FIXTURES, "numpyro_tutorial_posterior.json")) as f:
        ref = json.load(f)
    script = open(os.path.join(ROOT, "examples", "tutorial.swift")).read()
    names = '["mu_a", "sigma_a", "mu_b", "sigma_b", "sigma_y"] + (0..<30).map { "a[\\($0)]" } + (0..<30).map { "b[\\($0)]" }'
    out = run_script(script + PRINT_ROWS.replace("SAMPLES", "posteriorSamples").replace("NAMES", names).replace("MCMCNAME", "mcmc"))
    got = rows(out)
    assert check_against(ref["sites"], got) == 65
    divergences = [l for l in out.splitlines() if l.startswith("DIVERGENCES")][0]
    assert divergences.split()[1] in ("0", "0.0"), divergences


EIGHT_SCHOOLS = """
let y = [28.0, 8.0, -3.0, 7.0, -1.0, 1.0, 18.0, 12.0]
let sigma = [15.0, 10.0, 16.0, 11.0, 9.0, 11.0, 10.0, 18.0]
func nonCentered(y: [Double]? = nil) {
    let mu = sample("mu", Normal(0, 5))
    let tau = sample("tau", HalfCauchy(5))
    let thetaTilde = sample("theta_tilde", Normal(0, 1).expand([8]).toEvent(1))
    let theta = deterministic("theta", mu + tau * thetaTilde)
    sample("obs", Normal(theta, sigma), obs: y)
}
func centered(y: [Double]? = nil) {
    let mu = sample("mu", Normal(0, 5))
    let tau = sample("tau", HalfCauchy(5))
    let theta = sample("theta", Normal(mu, tau).expand([8]).toEvent(1))
    sample("obs", Normal(theta, sigma), obs: y)
}
// %%
let nc = MCMC(NUTS(nonCentered), numWarmup: 1000, numSamples: 2500, numChains: 4, progressBar: false)
nc.run(PRNGKey(2), y: y)
let ncSamples = nc.getSamples()
// %%
let c = MCMC(NUTS(centered), numWarmup: 1000, numSamples: 1000, numChains: 4, progressBar: false)
c.run(PRNGKey(3), y: y)
print("CENTERED \\(c.getExtraFields()["diverging"].sum())")
"""


def test_eight_schools_centred_diverges_non_centred_matches_numpyro():
    with open(os.path.join(FIXTURES, "numpyro_eight_schools.json")) as f:
        ref = json.load(f)
    names = '["mu", "tau"] + (0..<8).map { "theta[\\($0)]" }'
    out = run_script(EIGHT_SCHOOLS + PRINT_ROWS.replace("SAMPLES", "ncSamples").replace("NAMES", names).replace("MCMCNAME", "nc"))
    got = rows(out)
    sites = [s for s in ref["nonCentered"]["sites"] if s["name"] in ("mu", "tau", "theta")]
    assert check_against(sites, got) == 10
    centred = int(float([l for l in out.splitlines() if l.startswith("CENTERED")][0].split()[1]))
    # The centred parameterization has a funnel: divergences are reported, as Stan and
    # NumPyro report them; the health line names the remedy.
    assert centred > 0, out
    assert "divergent transition" in out and "non-centre" in out, out
    non_centred = [l for l in out.splitlines() if l.startswith("DIVERGENCES")][0]
    assert float(non_centred.split()[1]) <= 4, non_centred
