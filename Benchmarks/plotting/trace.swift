// plotTrace of 4 chains × 1000 draws × 10 parameters (NumPy-identical draws: the same
// stream bench.py gives ArviZ). Cell 2's wall time is the benchmark: building the figure
// and rendering its SVG (PlotHost renders when the plot is made).
var r = RandomState(seed: 1)
var big: [String: NDArray] = [:]
for k in 0..<10 { big["p\(k)"] = r.normal(0, 1, size: [4, 1000]) }
// %%
let p = plotTrace(big)
// %%
p.save("/tmp/swiftbayes-plot-bench.svg")
