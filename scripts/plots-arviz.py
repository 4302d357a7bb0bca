"""Renders ArviZ's versions of the gallery plots from the same draws as the golden SVGs
(Tests/PlottingTests/Golden/draws.json) into docs/plots/arviz/, and with --bench times
plotTrace of 4 chains x 1000 draws x 10 parameters (the Benchmarks/plotting draws).

usage: .build-plot/venv/bin/python scripts/plots-arviz.py          (ArviZ 0.23 + matplotlib)
"""
import json, os, sys
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import arviz as az

root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
out = os.path.join(root, "docs", "plots", "arviz")
os.makedirs(out, exist_ok=True)
d = json.load(open(os.path.join(root, "Tests", "PlottingTests", "Golden", "draws.json")))
idata = az.from_dict(
    posterior={"mu": np.array(d["mu"]), "tau": np.array(d["tau"]), "theta": np.array(d["theta"])},
    sample_stats={"diverging": np.array(d["diverging"]), "energy": np.array(d["energy"])},
    posterior_predictive={"y": np.array(d["y_rep"]).reshape(d["chains"], d["draws"], 8)},
    observed_data={"y": np.array(d["y"])},
)


def save(name):
    plt.gcf().savefig(os.path.join(out, name + ".png"), dpi=72)
    plt.close("all")


y = np.array(d["y"])
pred = np.array(d["y_rep"])[:1000].mean(axis=0)
fig, ax = plt.subplots(figsize=(6.4, 4.8))
ax.scatter(y, pred, alpha=0.5)
lo, hi = min(y.min(), pred.min()), max(y.max(), pred.max())
ax.plot([lo, hi], [lo, hi], "r--")
ax.set_xlabel("Observed Y"); ax.set_ylabel("Predicted Mean Y"); ax.set_title("Posterior Predictive Check")
save("scatter")
az.plot_trace(idata, var_names=["mu", "tau", "theta"]); save("plotTrace")
az.plot_rank(idata, var_names=["mu", "tau"]); save("plotRank")
az.plot_posterior(idata, var_names=["mu", "tau"]); save("plotPosterior")
az.plot_forest(idata, var_names=["mu", "tau", "theta"], combined=True, r_hat=True); save("plotForest")
az.plot_pair(idata, var_names=["mu", "tau"], divergences=True, marginals=True); save("plotPair")
az.plot_ppc(idata, num_pp_samples=100); save("plotPPC")
az.plot_autocorr(idata, var_names=["mu", "tau"], combined=False); save("plotAutocorr")
az.plot_energy(idata); save("plotEnergy")
print("wrote", out)
