"""MCMC through the real kernel (jupyter_client): live progress displays, interrupts
during sampling, and model errors inside `run`."""
import time

from kernel_helpers import run, plain_result

DATA_AND_MODEL = """
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
"""


def test_mcmc_publishes_updating_progress(kernel):
    _, kc = kernel
    reply, _ = run(kc, DATA_AND_MODEL, timeout=60)
    assert reply["content"]["status"] == "ok", reply["content"]
    reply, outputs = run(kc, """
let mcmc = MCMC(NUTS(hierarchicalRegression), numWarmup: 200, numSamples: 300, numChains: 2)
mcmc.run(PRNGKey(0), X: X, groupIdx: groupIdx, Y: Y)
let posteriorSamples = mcmc.getSamples()
""", timeout=240)
    assert reply["content"]["status"] == "ok", reply["content"]
    displays = [m for m in outputs if m["msg_type"] == "display_data"]
    updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
    assert displays, [m["msg_type"] for m in outputs]
    display_id = displays[0]["content"]["transient"]["display_id"]
    assert updates and all(u["content"]["transient"]["display_id"] == display_id for u in updates)
    final = updates[-1]["content"]["data"]
    assert "chain 1" in final["text/plain"] and "Sampled 2 chains" in final["text/plain"], final["text/plain"]
    assert "<table" in final["text/html"]
    # Updates are throttled (at most about five a second).
    times = [u["header"]["date"].timestamp() for u in updates]
    span = max(times) - min(times) + 1
    assert len(updates) <= 5 * span + 3, (len(updates), span)
    reply, outputs = run(kc, 'posteriorSamples["mu_a"].shape')
    assert plain_result(outputs) == ["[600]"]


def test_interrupt_during_sampling_keeps_the_session_and_the_draws(kernel):
    km, kc = kernel
    reply, _ = run(kc, DATA_AND_MODEL + "\nlet kept = 41", timeout=60)
    assert reply["content"]["status"] == "ok", reply["content"]
    msg_id = kc.execute("""
let long = MCMC(NUTS(hierarchicalRegression), numWarmup: 100, numSamples: 1000000, numChains: 2, progressBar: false)
long.run(PRNGKey(1), X: X, groupIdx: groupIdx, Y: Y)
""")
    time.sleep(3.0)
    start = time.time()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=10)
    elapsed = time.time() - start
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "KeyboardInterrupt", reply["content"]
    assert elapsed < 1.0, f"interrupt took {elapsed:.3f} s"
    reply, outputs = run(kc, "kept + 1")
    assert plain_result(outputs) == ["42"]
    # The run keeps what each chain drew, and says so.
    reply, outputs = run(kc, "long.getSamples(groupByChain: true)[\"mu_a\"].shape[0]")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert plain_result(outputs) == ["2"]


def test_model_error_inside_run_is_a_located_error(kernel):
    _, kc = kernel
    reply, _ = run(kc, """
func broken(y: Double) {
    let m = sample("m", Normal(0, 1))
    sample("y", Normal(m, -1), obs: y)
}
let before = 7
""")
    assert reply["content"]["status"] == "ok"
    reply, _ = run(kc, "MCMC(NUTS(broken), numWarmup: 10, numSamples: 10).run(PRNGKey(0), y: 1.0)")
    content = reply["content"]
    assert content["status"] == "error"
    assert content["ename"] == "ValueError", content
    text = "\n".join(content["traceback"])
    assert "scale must be positive" in text and "4" in text, text
    reply, outputs = run(kc, "before * 6")
    assert plain_result(outputs) == ["42"]
