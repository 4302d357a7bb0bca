// Appended by scaling.sh to examples/tutorial.swift's cells 1–3 (the data recipe scaled
// to the requested number of groups): the figures the headline table needs.
let s = summary(mcmc, kind: "diagnostics")
let extra = mcmc.getExtraFields()
print("RESULT groups=\(nGroups) obs=\(X.count) min_ess_bulk=\(s.column("ess_bulk").min()) min_ess_tail=\(s.column("ess_tail").min()) max_rhat=\(s.column("r_hat").max()) grads_per_draw=\(extra["numSteps"].mean()) divergences=\(extra["diverging"].sum())")
