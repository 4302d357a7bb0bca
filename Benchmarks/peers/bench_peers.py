#!/usr/bin/env python3
"""Side-by-side peers for the headline benchmarks (issues 7, 8 and 9): NumPyro, nutpie
(PyMC model) and JAX on the seed tutorial's hierarchical regression at 30, 300 and 3000
groups.

    python3 Benchmarks/peers/bench_peers.py                 # everything, twice (~15-25 min)
    python3 Benchmarks/peers/bench_peers.py --groups 30 --reps 1 --only numpyro2,jaxad

Run it with any python3: it re-executes itself under python3.11 in the virtual environment
.build-peers/venv (git-ignored; created if missing) with numpyro, jax, arviz 0.23, numpy,
scipy, nutpie and pymc from pip. Every measurement runs in a FRESH worker process (this
script with --worker), so "first run" numbers include JAX's / numba's compilation exactly
as a user's first cell would. Results go to Benchmarks/peers/results.json and a markdown
table is printed.

Data: the seed notebook's recipe (np.random.seed(42); group sizes randint(20, 51); intercepts
2.0 + N(0, 0.3); slopes 0.5 + N(0, 0.3); x = linspace(0, 10, n); noise N(0, 0.2)) with
n_groups = 30 (the tutorial's data, 1059 observations), 300 and 3000.

Peers (4 chains x (500 warmup + 1000 draws), as the tutorial's MCMC cell):
  swiftbayes the release binary on examples/tutorial.swift's cells 1-3 at the same group
            count (Benchmarks/mcmc/scaling.sh), so the side by side is one run.
  numpyro2  numpyro.set_host_device_count(2), chain_method="parallel" (the setting the
            issue names). NumPyro needs one device per chain for "parallel"; with 4 chains
            on 2 devices it warns and FALLS BACK TO "sequential" (numpyro/infer/mcmc.py).
            The effective method is recorded.
  numpyro4  numpyro.set_host_device_count(4), chain_method="parallel": 4 chains really in
            parallel (pmap over 4 virtual CPU devices sharing the 2 cores).
  nutpie    the same model in PyMC, nutpie.compile_pymc_model (numba backend) and
            nutpie.sample(chains=4, cores=2).
  For each: wall of the first run in a fresh process INCLUDING compile (NumPyro: the first
  mcmc.run; nutpie: pm.Model construction + compile_pymc_model + first sample), then the
  sampling-only wall of a second run in the same process (NumPyro: a second mcmc.run with
  another key, which reuses the compiled sampler; nutpie: a second nutpie.sample of the
  compiled model); min ESS_bulk and ESS_tail over all scalars (ArviZ 0.23), ESS_bulk/s with
  and without compile, gradients per draw (mean leapfrog steps per post-warmup draw:
  NumPyro's num_steps extra field, nutpie's n_steps stat), post-warmup divergences.
  NumPyro runs in its default float32 (as the tutorial runs it); PyMC/nutpie in float64.
  Progress bars off.

AD (issue 7) and potential (issue 8), worker "jaxad", float64 (jax_enable_x64):
  hand      jax.jit(jax.value_and_grad(f)) for the tutorial's potential written by hand in
            jax.numpy over the flat vector [mu_a, log sigma_a, mu_b, log sigma_b, a[G], b[G],
            log sigma_y] (Normal(0,5) on mu_a, mu_b; HalfCauchy(5) on the scales plus the
            log-transform Jacobian; Normal hierarchies on a, b; Normal likelihood). It is
            checked against NumPyro's potential_energy at a random point.
  numpyro   jax.jit(jax.value_and_grad(...)) of numpyro.infer.util.potential_energy of the
            NumPyro model over the same flat vector.
  Reported: median microseconds per call (value and gradient, block_until_ready) over many
  calls after warmup, and the first call's time (trace + compile + run) in the fresh
  process. Also the float32 median of the hand-written function, for reference.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VENV = os.path.join(ROOT, ".build-peers", "venv")
HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGES = ["numpyro", "jax", "arviz==0.23.*", "numpy", "scipy", "nutpie", "pymc"]
T_START = time.perf_counter()


def ensure_venv():
    python = os.path.join(VENV, "bin", "python")
    if os.path.abspath(sys.prefix) == os.path.abspath(VENV):
        return
    if not os.path.exists(python):
        subprocess.check_call(["python3.11", "-m", "venv", VENV])
    subprocess.check_call([python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
                          + PACKAGES)
    os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])


WARMUP, DRAWS, CHAINS = 500, 1000, 4


def make_data(n_groups, seed=42):
    """The seed notebook's recipe, statement for statement (legacy global RNG)."""
    import numpy as np
    np.random.seed(seed)
    obs_per_group = np.random.randint(20, 51, size=n_groups)
    group_intercepts = 2.0 + np.random.normal(0, 0.3, size=n_groups)
    group_slopes = 0.5 + np.random.normal(0, 0.3, size=n_groups)
    X, Y, group_idx = [], [], []
    for i, n in enumerate(obs_per_group):
        x = np.linspace(0, 10, n)
        noise = np.random.normal(0, 0.2, size=n)
        X.append(x)
        Y.append(group_intercepts[i] + group_slopes[i] * x + noise)
        group_idx.extend([i] * n)
    return np.concatenate(X), np.concatenate(Y), np.array(group_idx)


def ess_summary(posterior):
    """posterior: {name: array (chains, draws, ...)} -> min ESS_bulk / ESS_tail over scalars."""
    import logging
    import warnings
    warnings.simplefilter("ignore")
    logging.getLogger("arviz").setLevel(logging.ERROR)
    import arviz as az
    import numpy as np
    assert az.__version__.startswith("0.23"), az.__version__
    idata = az.from_dict(posterior={k: np.asarray(v, dtype=float) for k, v in posterior.items()})
    bulk = az.ess(idata, method="bulk")
    tail = az.ess(idata, method="tail")
    rhat = az.rhat(idata)
    mins = {}
    for name, ds in (("min_ess_bulk", bulk), ("min_ess_tail", tail)):
        vals = np.concatenate([np.ravel(ds[k].values) for k in posterior])
        mins[name] = float(np.min(vals))
    mins["max_r_hat"] = float(np.max(np.concatenate([np.ravel(rhat[k].values) for k in posterior])))
    mins["n_scalars"] = int(sum(np.prod(np.shape(v)[2:], dtype=int) for v in posterior.values()))
    mins["arviz"] = az.__version__
    return mins


def run_stats(posterior, steps, diverging, wall_first, wall_second):
    import numpy as np
    out = ess_summary(posterior)
    out["grads_per_draw"] = float(np.mean(steps))
    out["divergences"] = int(np.sum(diverging))
    out["wall_incl_compile_s"] = wall_first
    out["wall_sampling_s"] = wall_second
    out["ess_bulk_per_s_incl_compile"] = out["min_ess_bulk"] / wall_first
    out["ess_bulk_per_s_sampling"] = out["min_ess_bulk"] / wall_second
    return out


# ---------------------------------------------------------------------------- workers
def worker_numpyro(n_groups, devices):
    import warnings
    t_import0 = time.perf_counter()
    import numpyro
    numpyro.set_host_device_count(devices)
    import jax
    import numpyro.distributions as dist
    from numpyro.infer import MCMC, NUTS
    t_import = time.perf_counter() - t_import0
    X, Y, group_idx = make_data(n_groups)

    def hierarchical_regression(X, group_idx, Y=None):
        sample = numpyro.sample
        mu_a = sample("mu_a", dist.Normal(0, 5))
        sigma_a = sample("sigma_a", dist.HalfCauchy(5))
        mu_b = sample("mu_b", dist.Normal(0, 5))
        sigma_b = sample("sigma_b", dist.HalfCauchy(5))
        a = sample("a", dist.Normal(mu_a, sigma_a).expand([n_groups]).to_event(1))
        b = sample("b", dist.Normal(mu_b, sigma_b).expand([n_groups]).to_event(1))
        sigma_y = sample("sigma_y", dist.HalfCauchy(5))
        mu = a[group_idx] + b[group_idx] * X
        sample("obs", dist.Normal(mu, sigma_y), obs=Y)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mcmc = MCMC(NUTS(hierarchical_regression), num_warmup=WARMUP, num_samples=DRAWS,
                    num_chains=CHAINS, chain_method="parallel", progress_bar=False)
    fallback = [str(w.message)[:120] for w in caught if "devices" in str(w.message)]
    results = []
    cpu = []
    for run, seed in enumerate((0, 1)):
        t0, c0 = time.perf_counter(), time.process_time()
        mcmc.run(jax.random.PRNGKey(seed), X=X, group_idx=group_idx, Y=Y,
                 extra_fields=("num_steps", "diverging"))
        samples = mcmc.get_samples(group_by_chain=True)
        jax.block_until_ready(samples)
        cpu.append(time.process_time() - c0)
        results.append((time.perf_counter() - t0, samples, mcmc.get_extra_fields(group_by_chain=True)))
    (w1, _, _), (w2, samples, extra) = results
    # Diagnostics of the first run's draws too (what a user's first cell gets).
    first = ess_summary({k: v for k, v in results[0][1].items()})
    out = run_stats(samples, extra["num_steps"], extra["diverging"], w1, w2)
    out.update({
        "peer": f"numpyro{devices}",
        "devices": jax.local_device_count(),
        "chain_method_requested": "parallel",
        "chain_method_effective": mcmc.chain_method,
        "fallback_warning": fallback,
        "cpu_incl_compile_s": cpu[0],
        "cpu_sampling_s": cpu[1],
        "dtype": str(samples["a"].dtype),
        "first_run": {"min_ess_bulk": first["min_ess_bulk"], "min_ess_tail": first["min_ess_tail"],
                      "grads_per_draw": float(results[0][2]["num_steps"].mean()),
                      "divergences": int(results[0][2]["diverging"].sum())},
        "import_s": t_import,
        "versions": {"numpyro": numpyro.__version__, "jax": jax.__version__},
        "note": "diagnostics are of the second (sampling-only) run; first_run has the first's",
    })
    return out


def worker_nutpie(n_groups):
    t_import0 = time.perf_counter()
    import numpy as np
    import nutpie
    import pymc as pm
    t_import = time.perf_counter() - t_import0
    X, Y, group_idx = make_data(n_groups)

    t0, c0 = time.perf_counter(), time.process_time()
    with pm.Model() as model:
        mu_a = pm.Normal("mu_a", 0, 5)
        sigma_a = pm.HalfCauchy("sigma_a", 5)
        mu_b = pm.Normal("mu_b", 0, 5)
        sigma_b = pm.HalfCauchy("sigma_b", 5)
        a = pm.Normal("a", mu_a, sigma_a, shape=n_groups)
        b = pm.Normal("b", mu_b, sigma_b, shape=n_groups)
        sigma_y = pm.HalfCauchy("sigma_y", 5)
        pm.Normal("obs", a[group_idx] + b[group_idx] * X, sigma_y, observed=Y)
    compiled = nutpie.compile_pymc_model(model)
    t_compiled = time.perf_counter() - t0
    cpu_compiled = time.process_time() - c0
    runs, cpu = [], []
    for seed in (0, 1):
        t1, c1 = time.perf_counter(), time.process_time()
        trace = nutpie.sample(compiled, draws=DRAWS, tune=WARMUP, chains=CHAINS, cores=2,
                              seed=seed, progress_bar=False, save_warmup=False)
        runs.append((time.perf_counter() - t1, trace))
        cpu.append(time.process_time() - c1)
    w1 = t_compiled + runs[0][0]
    w2, trace = runs[1]
    names = ["mu_a", "sigma_a", "mu_b", "sigma_b", "a", "b", "sigma_y"]
    post = {k: trace.posterior[k].values for k in names}
    st = trace.sample_stats
    step_key = "n_steps" if "n_steps" in st else "tree_size"
    out = run_stats(post, st[step_key].values, st["diverging"].values, w1, w2)
    t0p = {k: runs[0][1].posterior[k].values for k in names}
    first = ess_summary(t0p)
    out.update({
        "peer": "nutpie",
        "compile_s": t_compiled,
        "cpu_incl_compile_s": cpu_compiled + cpu[0],
        "cpu_sampling_s": cpu[1],
        "first_sample_s": runs[0][0],
        "steps_stat": step_key,
        "sample_stats": sorted(st.data_vars),
        "first_run": {"min_ess_bulk": first["min_ess_bulk"], "min_ess_tail": first["min_ess_tail"],
                      "grads_per_draw": float(runs[0][1].sample_stats[step_key].values.mean()),
                      "divergences": int(runs[0][1].sample_stats["diverging"].values.sum())},
        "import_s": t_import,
        "dtype": str(post["a"].dtype),
        "versions": {"nutpie": nutpie.__version__, "pymc": pm.__version__},
        "note": "diagnostics are of the second (sampling-only) run; first_run has the first's",
    })
    return out


def time_calls(f, x, budget_s=3.0, min_calls=200, max_calls=20000):
    import jax
    for _ in range(20):
        jax.block_until_ready(f(x))
    times = []
    c0 = time.process_time()
    t_end = time.perf_counter() + budget_s
    while (len(times) < min_calls or time.perf_counter() < t_end) and len(times) < max_calls:
        t0 = time.perf_counter()
        jax.block_until_ready(f(x))
        times.append(time.perf_counter() - t0)
    return {"median_us": statistics.median(times) * 1e6,
            "cpu_us_per_call": (time.process_time() - c0) / len(times) * 1e6,
            "p10_us": sorted(times)[len(times) // 10] * 1e6,
            "calls": len(times)}


def worker_jaxad(n_groups):
    import numpyro
    numpyro.set_host_device_count(1)
    numpyro.enable_x64()
    import jax
    import jax.numpy as jnp
    import numpy as np
    X, Y, group_idx = make_data(n_groups)
    G = n_groups
    Xj, Yj, gj = jnp.asarray(X), jnp.asarray(Y), jnp.asarray(group_idx)
    LOG_SQRT_2PI = 0.5 * np.log(2 * np.pi)

    def make_potential(X, Y, g):
        def normal_lp(x, loc, log_scale):
            z = (x - loc) * jnp.exp(-log_scale)
            return -0.5 * z * z - log_scale - LOG_SQRT_2PI

        def half_cauchy_lp_unc(u, scale=5.0):
            # log HalfCauchy(scale) density at exp(u) plus the log Jacobian u.
            x = jnp.exp(u)
            return jnp.log(2.0 / (jnp.pi * scale)) - jnp.log1p((x / scale) ** 2) + u

        def potential(v):
            mu_a, ls_a, mu_b, ls_b = v[0], v[1], v[2], v[3]
            a, b, ls_y = v[4:4 + G], v[4 + G:4 + 2 * G], v[4 + 2 * G]
            lp = normal_lp(mu_a, 0.0, jnp.log(5.0)) + normal_lp(mu_b, 0.0, jnp.log(5.0))
            lp += half_cauchy_lp_unc(ls_a) + half_cauchy_lp_unc(ls_b) + half_cauchy_lp_unc(ls_y)
            lp += jnp.sum(normal_lp(a, mu_a, ls_a)) + jnp.sum(normal_lp(b, mu_b, ls_b))
            mu = a[g] + b[g] * X
            lp += jnp.sum(normal_lp(Y, mu, ls_y))
            return -lp
        return potential

    rng = np.random.default_rng(7)
    x64 = jnp.asarray(rng.uniform(-2, 2, size=2 * G + 5))
    out = {"peer": "jaxad", "n_groups": G, "n_obs": int(len(X)), "n_params": 2 * G + 5,
           "versions": {"jax": jax.__version__, "numpyro": numpyro.__version__}}

    f = jax.jit(jax.value_and_grad(make_potential(Xj, Yj, gj)))
    t0, c0 = time.perf_counter(), time.process_time()
    jax.block_until_ready(f(x64))
    out["hand_f64_first_call_ms"] = (time.perf_counter() - t0) * 1e3
    out["hand_f64_first_call_cpu_ms"] = (time.process_time() - c0) * 1e3
    out["hand_f64"] = time_calls(f, x64)

    X32, Y32 = jnp.asarray(X, dtype=jnp.float32), jnp.asarray(Y, dtype=jnp.float32)
    f32 = jax.jit(jax.value_and_grad(make_potential(X32, Y32, gj)))
    x32 = jnp.asarray(x64, dtype=jnp.float32)
    t0 = time.perf_counter()
    jax.block_until_ready(f32(x32))
    out["hand_f32_first_call_ms"] = (time.perf_counter() - t0) * 1e3
    out["hand_f32"] = time_calls(f32, x32)

    # NumPyro's potential_energy of the model itself, over the same flat vector.
    import numpyro.distributions as dist
    from numpyro.infer.util import potential_energy

    def model(X, group_idx, Y=None):
        sample = numpyro.sample
        mu_a = sample("mu_a", dist.Normal(0, 5))
        sigma_a = sample("sigma_a", dist.HalfCauchy(5))
        mu_b = sample("mu_b", dist.Normal(0, 5))
        sigma_b = sample("sigma_b", dist.HalfCauchy(5))
        a = sample("a", dist.Normal(mu_a, sigma_a).expand([G]).to_event(1))
        b = sample("b", dist.Normal(mu_b, sigma_b).expand([G]).to_event(1))
        sigma_y = sample("sigma_y", dist.HalfCauchy(5))
        sample("obs", dist.Normal(a[group_idx] + b[group_idx] * X, sigma_y), obs=Y)

    kwargs = {"X": Xj, "group_idx": gj, "Y": Yj}

    def pe(v):
        params = {"mu_a": v[0], "sigma_a": v[1], "mu_b": v[2], "sigma_b": v[3],
                  "a": v[4:4 + G], "b": v[4 + G:4 + 2 * G], "sigma_y": v[4 + 2 * G]}
        return potential_energy(model, (), kwargs, params)

    fn = jax.jit(jax.value_and_grad(pe))
    t0 = time.perf_counter()
    jax.block_until_ready(fn(x64))
    out["numpyro_pe_f64_first_call_ms"] = (time.perf_counter() - t0) * 1e3
    out["numpyro_pe_f64"] = time_calls(fn, x64)

    (v1, g1), (v2, g2) = f(x64), fn(x64)
    out["check_hand_vs_numpyro"] = {
        "potential_rel_diff": float(abs(v1 - v2) / abs(v2)),
        "gradient_max_abs_diff": float(jnp.max(jnp.abs(g1 - g2))),
        "gradient_max_abs": float(jnp.max(jnp.abs(g2))),
    }
    assert out["check_hand_vs_numpyro"]["potential_rel_diff"] < 1e-10, out
    return out


def worker_swiftbayes(groups):
    """SwiftBayes in the same sitting: examples/tutorial.swift's MCMC cell at `groups`
    groups through Benchmarks/mcmc/scaling.sh (release binary). Wall incl. compile is the
    cell's sampling wall plus its trace+compile time (both printed by the run); CPU is
    the whole process's (data, compile, sampling, summary)."""
    import re
    proc = subprocess.run([os.path.join(ROOT, "Benchmarks", "mcmc", "scaling.sh"), str(groups)],
                          capture_output=True, text=True, check=True)
    text = proc.stdout
    sampled = re.search(r"in ([0-9.]+) s \(compiled in ([0-9.]+) ms\)", text)
    result = dict(kv.split("=") for kv in re.search(r"RESULT (.*)", text).group(1).split())
    times = dict(kv.split("=") for kv in re.search(r"TIME (.*)", text).group(1).split())
    sampling, compile_s = float(sampled.group(1)), float(sampled.group(2)) / 1e3
    ess = float(result["min_ess_bulk"])
    return {"peer": "swiftbayes", "wall_incl_compile_s": sampling + compile_s, "wall_sampling_s": sampling,
            "cpu_incl_compile_s": float(times["user"]) + float(times["sys"]),
            "min_ess_bulk": ess, "min_ess_tail": float(result["min_ess_tail"]),
            "ess_bulk_per_s_incl_compile": ess / (sampling + compile_s), "ess_bulk_per_s_sampling": ess / sampling,
            "grads_per_draw": float(result["grads_per_draw"]), "divergences": int(float(result["divergences"])),
            "max_rhat": float(result["max_rhat"]), "maxrss_kb": int(times["maxrss_kb"]),
            "chain_method_effective": "2 threads"}


WORKERS = {
    "swiftbayes": worker_swiftbayes,
    "numpyro2": lambda g: worker_numpyro(g, 2),
    "numpyro4": lambda g: worker_numpyro(g, 4),
    "nutpie": worker_nutpie,
    "jaxad": worker_jaxad,
}


# ------------------------------------------------------------------------- orchestration
def run_worker(name, groups):
    env = dict(os.environ)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--worker", name,
                           "--groups", str(groups)], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    if proc.returncode != 0 or not line:
        sys.stderr.write(proc.stderr[-3000:])
        return {"peer": name, "error": proc.stderr[-600:], "process_wall_s": wall}
    out = json.loads(line[-1][len("RESULT "):])
    out["process_wall_s"] = wall
    out["load_avg_after"] = os.getloadavg()
    return out


def fmt(x, digits=3):
    if x is None:
        return "—"
    if isinstance(x, float):
        if x >= 100:
            return f"{x:.0f}"
        return f"{x:.{digits}g}"
    return str(x)


def table(results):
    lines = ["### MCMC: 4 chains x (500 warmup + 1000 draws)", "",
             "| groups | peer | rep | wall incl. compile (s) | sampling only (s) "
             "| CPU incl. compile (s) | CPU sampling (s) | min ESS_bulk "
             "| min ESS_tail | ESS_bulk/s incl. compile | ESS_bulk/s sampling | grads/draw "
             "| divergences | chain method | load (1 min) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        if r.get("peer", "").startswith(("numpyro", "nutpie", "swiftbayes")) and not ({"error", "unfinished"} & set(r)):
            lines.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                r["n_groups"], r["peer"], r["rep"], fmt(r["wall_incl_compile_s"]),
                fmt(r["wall_sampling_s"]), fmt(r.get("cpu_incl_compile_s")),
                fmt(r.get("cpu_sampling_s")), fmt(r["min_ess_bulk"]), fmt(r["min_ess_tail"]),
                fmt(r["ess_bulk_per_s_incl_compile"]), fmt(r["ess_bulk_per_s_sampling"]),
                fmt(r["grads_per_draw"]), r["divergences"],
                r.get("chain_method_effective", "cores=2"),
                fmt(r.get("load_avg_after", [None])[0])))
        elif "unfinished" in r:
            lines.append(f"| {r['n_groups']} | {r['peer']} | {r['rep']} | > {r['elapsed_s']:.0f} "
                         f"(worker unfinished, stopped) | — | > {r['cpu_s']:.0f} | — | — | — "
                         f"| — | — | — | — | {r.get('chain_method_effective', '')} "
                         f"| {fmt(r.get('load_avg_after', [None])[0])} |")
        elif "error" in r and r.get("peer") != "jaxad":
            lines.append(f"| {r.get('n_groups')} | {r['peer']} | {r.get('rep')} | error | | | | | | | | | | | |")
    lines += ["", "### Gradient of the potential (value and gradient, float64, CPU)", "",
              "| groups | params | obs | rep | JAX hand-written µs/call | first call (ms) "
              "| NumPyro potential_energy µs/call | first call (ms) | hand-written float32 µs/call "
              "| load (1 min) |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        if r.get("peer") == "jaxad" and "error" not in r:
            lines.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                r["n_groups"], r["n_params"], r["n_obs"], r["rep"],
                fmt(r["hand_f64"]["median_us"]), fmt(r["hand_f64_first_call_ms"]),
                fmt(r["numpyro_pe_f64"]["median_us"]), fmt(r["numpyro_pe_f64_first_call_ms"]),
                fmt(r["hand_f32"]["median_us"]), fmt(r.get("load_avg_after", [None])[0])))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--worker")
    ap.add_argument("--groups", default="30,300,3000")
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--only", default="swiftbayes,jaxad,numpyro2,nutpie,numpyro4",
                    help="peers; numpyro4 runs at 30 groups only unless named alone")
    ap.add_argument("--append", action="store_true", help="add to an existing --out file")
    ap.add_argument("--out", default=os.path.join(HERE, "results.json"))
    ap.add_argument("--merge", nargs="+", help="merge these result files into --out, print")
    args = ap.parse_args()
    if args.merge:
        docs = [json.load(open(m)) for m in args.merge]
        doc = docs[0]
        doc["started_utc"] = min(d["started_utc"] for d in docs)
        doc["finished_utc"] = max(d["finished_utc"] for d in docs)
        doc["machine"]["uptime_samples"] = [u for d in docs for u in d["machine"]["uptime_samples"]]
        seen = {}
        for d in docs:  # number repetitions per (peer, groups) in the order of the files
            for r in sorted(d["results"], key=lambda r: r.get("rep", 0)):
                key = (r.get("peer"), r.get("n_groups"))
                seen[key] = seen.get(key, 0) + 1
                r["rep"] = seen[key]
        doc["results"] = sorted((r for d in docs for r in d["results"]),
                                key=lambda r: (r.get("n_groups", 0), r.get("peer", ""), r.get("rep", 0)))
        with open(args.out, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        print(table(doc["results"]))
        return
    if args.worker:
        g = int(args.groups)
        out = WORKERS[args.worker](g)
        out["n_groups"] = g
        print("RESULT " + json.dumps(out), flush=True)
        return
    groups = [int(g) for g in args.groups.split(",")]
    peers = args.only.split(",")
    results, uptimes, started = [], [], time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    first_rep = 1
    if args.append and os.path.exists(args.out):
        old = json.load(open(args.out))
        results, uptimes, started = old["results"], old["machine"]["uptime_samples"], old["started_utc"]
        first_rep = 1 + max((r.get("rep", 0) for r in results), default=0)
    uptimes.append(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())

    def save():
        doc = {
            "about": "Peers for the headline benchmarks (issues 7, 8, 9); see README.md and "
                     "the docstring of bench_peers.py for what each number is.",
            "started_utc": started,
            "finished_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "machine": {"nproc": os.cpu_count(), "platform": platform.platform(),
                        "python": platform.python_version(),
                        "shared": "2 cores shared with other engineers' builds while measuring",
                        "uptime_samples": uptimes},
            "settings": {"chains": CHAINS, "warmup": WARMUP, "draws": DRAWS},
            "results": results,
        }
        with open(args.out, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")

    for rep in range(first_rep, first_rep + args.reps):
        for g in groups:
            for peer in peers:
                if peer == "numpyro4" and g != 30 and peers != ["numpyro4"]:
                    continue
                print(f"[{time.strftime('%H:%M:%S')}] rep {rep} groups {g} {peer} "
                      f"(load {os.getloadavg()[0]:.1f})", flush=True)
                r = run_worker(peer, g)
                r.setdefault("n_groups", g)
                r["rep"] = rep
                results.append(r)
                brief = {k: r.get(k) for k in ("wall_incl_compile_s", "wall_sampling_s",
                                                "min_ess_bulk", "grads_per_draw", "divergences")}
                if peer == "jaxad" and "hand_f64" in r:
                    brief = {"hand_us": r["hand_f64"]["median_us"],
                             "first_ms": r["hand_f64_first_call_ms"],
                             "numpyro_pe_us": r["numpyro_pe_f64"]["median_us"]}
                print("    ", "error" if "error" in r else brief, flush=True)
                uptimes.append(subprocess.run(["uptime"], capture_output=True,
                                              text=True).stdout.strip())
                save()
    print()
    print(table(results))
    print()
    print("uptime:", *uptimes, sep="\n  ")


if __name__ == "__main__":
    ensure_venv()
    main()
