"""Jupyter widgets through the kernel protocol (jupyter_client against `swiftbayes kernel`):
the comm_open of every control carries a state that ipywidgets' own Python models accept;
a front end's `update` changes `.value`, is echoed and fires `observe`; values out of range
are clamped and corrected; `interact` re-renders its output; callback errors are shown in
the output and are not fatal; an interrupt stops a slow callback; a dragged slider's
queued updates are merged; the control comm answers `request_states`."""
import json
import time

import pytest

from kernel_helpers import plain_result, run
from samples import KERNEL_UNDER_TEST

pytestmark = pytest.mark.skipif(KERNEL_UNDER_TEST != "session", reason="the toy test host has no widgets")

VIEW = "application/vnd.jupyter.widget-view+json"


def cell(kc, code, timeout=30):
    reply, outputs = run(kc, code, timeout=timeout)
    assert reply["content"]["status"] == "ok", reply["content"]
    return outputs


def opened(outputs):
    """comm_open messages of a request: {comm_id: content}. Each must carry the widget
    protocol version in its message metadata, where front ends look for it."""
    opens = [m for m in outputs if m["msg_type"] == "comm_open"]
    for m in opens:
        if m["content"]["target_name"] == "jupyter.widget":
            assert m["metadata"].get("version") == "2.1.0", m["metadata"]
            assert "metadata" not in m["content"]
    return {m["content"]["comm_id"]: m["content"] for m in opens}


def shown_model(outputs, kind="execute_result"):
    views = [m["content"]["data"][VIEW] for m in outputs if m["msg_type"] == kind and VIEW in m["content"]["data"]]
    assert views, f"no {kind} with a widget view"
    return views[-1]["model_id"]


def comm_send(kc, comm_id, data):
    msg = kc.session.msg("comm_msg", {"comm_id": comm_id, "data": data})
    kc.shell_channel.send(msg)
    return msg["header"]["msg_id"]


def update(kc, comm_id, state):
    return comm_send(kc, comm_id, {"method": "update", "state": state, "buffer_paths": []})


def until_idle(kc, msg_id, timeout=15):
    """iopub messages whose parent is msg_id, up to its idle."""
    got = []
    deadline = time.time() + timeout
    while True:
        m = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        got.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return got


def comm_msgs(msgs, comm_id=None, method=None):
    return [m["content"]["data"] for m in msgs if m["msg_type"] == "comm_msg"
            and (comm_id is None or m["content"]["comm_id"] == comm_id)
            and (method is None or m["content"]["data"].get("method") == method)]


def outputs_of(msgs, comm_id):
    """The last `outputs` state sent for an Output widget."""
    states = [d["state"]["outputs"] for d in comm_msgs(msgs, comm_id, "update") if "outputs" in d["state"]]
    assert states, f"no outputs update for {comm_id}: {[m['msg_type'] for m in msgs]}"
    return states[-1]


CONTROLS = {
    "IntSlider": 'IntSlider(value: 3, range: 0..<30, description: "group")',
    "FloatSlider": 'FloatSlider(value: 0.25, range: 0.0...1.0, description: "p")',
    "Dropdown": 'Dropdown(options: ["mu_a", "mu_b"], value: "mu_b", description: "variable")',
    "Checkbox": 'Checkbox(value: true, description: "log scale")',
    "ToggleButtons": 'ToggleButtons(options: ["trace", "rank"], description: "plot")',
    "Text": 'Text(value: "hello", placeholder: "name")',
    "Button": 'Button(description: "Run", buttonStyle: "primary")',
    "Label": 'Label("a label")',
    "HBox": 'HBox([Label("left"), Label("right")])',
    "VBox": 'VBox([Checkbox()])',
    "Output": 'Output()',
}


@pytest.mark.parametrize("name", sorted(CONTROLS))
def test_comm_open_state_is_valid_for_ipywidgets(kernel, name):
    import ipywidgets
    from traitlets import TraitError

    _, kc = kernel
    outputs = cell(kc, CONTROLS[name])
    comms = opened(outputs)
    model_id = shown_model(outputs)
    assert model_id in comms, "the displayed model was never opened"
    ours = comms[model_id]
    assert ours["target_name"] == "jupyter.widget"
    assert ours["data"]["buffer_paths"] == []
    # Every comm of the request opened before the display that refers to it.
    types = [m["msg_type"] for m in outputs]
    assert types.index("execute_result") > max(i for i, t in enumerate(types) if t == "comm_open")

    state = ours["data"]["state"]
    py = getattr(ipywidgets, name)(**({"options": ["x"]} if name in ("Dropdown", "ToggleButtons") else {}))
    reference = py.get_state()
    assert set(state) == set(reference), f"keys differ: extra {set(state) - set(reference)}, missing {set(reference) - set(state)}"
    for key in reference:
        if key.startswith("_model_") or key.startswith("_view_"):
            assert state[key] == reference[key], key
    # Layout and style are models opened in the same request, of ipywidgets' classes.
    for ref in ("layout", "style"):
        if ref in reference:
            assert state[ref].startswith("IPY_MODEL_")
            sub = comms[state[ref][len("IPY_MODEL_"):]]["data"]["state"]
            sub_ref = getattr(py, ref).get_state()
            assert set(sub) == set(sub_ref), (ref, set(sub) ^ set(sub_ref))
            assert sub["_model_name"] == sub_ref["_model_name"]
    # ipywidgets' traits accept every value (traitlets validates types, ranges, enums).
    if name in ("Dropdown", "ToggleButtons"):
        py = getattr(ipywidgets, name)(options=state["_options_labels"], index=state["index"])
    for key, value in state.items():
        if key.startswith("_") or key in ("layout", "style", "children", "index"):
            continue
        try:
            py.set_trait(key, value)
        except TraitError as e:
            pytest.fail(f"{name}.{key} = {value!r} rejected by ipywidgets: {e}")
    if "children" in state:
        assert state["children"] and all(c[len("IPY_MODEL_"):] in comms for c in state["children"])


def test_update_from_front_end_changes_value_echoes_and_fires_observe(kernel):
    _, kc = kernel
    outputs = cell(kc, '\n'.join([
        'let s = IntSlider(value: 3, range: 0..<30, description: "group")',
        'var seen: [Int] = []',
        's.observe { change in',
        '  seen.append(change.new as! Int)',
        '  print("group", change.old, "->", change.new)',
        '}',
        's',
    ]))
    slider = shown_model(outputs)
    log = shown_model(outputs, "display_data")  # the cell's callback output
    msg_id = update(kc, slider, {"value": 7})
    msgs = until_idle(kc, msg_id)
    assert comm_msgs(msgs, slider, "echo_update") == [{"method": "echo_update", "state": {"value": 7}, "buffer_paths": []}]
    assert outputs_of(msgs, log) == [{"output_type": "stream", "name": "stdout", "text": "group 3 -> 7\n"}]
    assert plain_result(cell(kc, "(s.value, seen)")) == ["(7, [7])"]

    # Out of range: clamped to the slider's max, and the front end is told.
    msg_id = update(kc, slider, {"value": 500})
    msgs = until_idle(kc, msg_id)
    assert {"method": "update", "state": {"value": 29}, "buffer_paths": []} in comm_msgs(msgs, slider)
    # A value of the wrong type is refused and corrected; nothing fires.
    msg_id = update(kc, slider, {"value": "seven"})
    msgs = until_idle(kc, msg_id)
    assert {"method": "update", "state": {"value": 29}, "buffer_paths": []} in comm_msgs(msgs, slider)
    assert plain_result(cell(kc, "(s.value, seen)")) == ["(29, [7, 29])"]

    # A cell's assignment is validated, sent to the front end and fires observers too.
    outputs = cell(kc, "s.value = 12")
    assert {"method": "update", "state": {"value": 12}, "buffer_paths": []} in comm_msgs(outputs, slider)
    assert any(m["msg_type"] == "stream" and "group 29 -> 12" in m["content"]["text"] for m in outputs)
    reply, outputs = run(kc, 's.value = "twelve"')
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "TypeError" and "IntSlider.value" in reply["content"]["evalue"]
    assert any("1:11" in line or "^" in line for line in reply["content"]["traceback"])
    assert plain_result(cell(kc, "s.value")) == ["12"]


def test_dropdown_index_update_sets_value(kernel):
    _, kc = kernel
    outputs = cell(kc, 'let d = Dropdown(options: [("first", 10), ("second", 20)], description: "pick")\nd')
    dropdown = shown_model(outputs)
    assert opened(outputs)[dropdown]["data"]["state"]["_options_labels"] == ["first", "second"]
    until_idle(kc, update(kc, dropdown, {"index": 1}))
    assert plain_result(cell(kc, "d.value")) == ["20"]
    msgs = until_idle(kc, update(kc, dropdown, {"index": 5}))
    assert {"method": "update", "state": {"index": 1}, "buffer_paths": []} in comm_msgs(msgs, dropdown)
    assert plain_result(cell(kc, "d.value")) == ["20"]


def test_interact_rerenders_its_output_for_a_new_value(kernel):
    _, kc = kernel
    outputs = cell(kc, '\n'.join([
        'func show(group: Int, variable: String, scaled: Bool) -> String {',
        '  print("rendering", group)',
        '  return "\\(variable)[\\(group)] scaled=\\(scaled)"',
        '}',
        'interact(show, group: 0..<30, variable: ["mu_a", "mu_b"], scaled: false)',
    ]))
    assert not [m for m in outputs if m["msg_type"] == "execute_result"], "interact's widget was shown twice"
    box_id = shown_model(outputs, "display_data")
    comms = opened(outputs)
    box = comms[box_id]["data"]["state"]
    assert box["_model_name"] == "VBoxModel" and box["_dom_classes"] == ["widget-interact"]
    children = [c[len("IPY_MODEL_"):] for c in box["children"]]
    names = [comms[c]["data"]["state"]["_model_name"] for c in children]
    assert names == ["IntSliderModel", "DropdownModel", "CheckboxModel", "OutputModel"]
    slider, dropdown, checkbox, out = children
    assert comms[slider]["data"]["state"]["description"] == "group"
    assert (comms[slider]["data"]["state"]["min"], comms[slider]["data"]["state"]["max"]) == (0, 29)
    first = outputs_of(outputs, out)  # the first render, in the cell
    assert first == [{"output_type": "stream", "name": "stdout", "text": "rendering 0\n"},
                     {"output_type": "display_data", "data": {"text/plain": '"mu_a[0] scaled=false"'}, "metadata": {}}]

    msgs = until_idle(kc, update(kc, slider, {"value": 17}))
    assert outputs_of(msgs, out) == [{"output_type": "stream", "name": "stdout", "text": "rendering 17\n"},
                                     {"output_type": "display_data", "data": {"text/plain": '"mu_a[17] scaled=false"'}, "metadata": {}}]
    msgs = until_idle(kc, update(kc, dropdown, {"index": 1}))
    assert outputs_of(msgs, out)[-1]["data"]["text/plain"] == '"mu_b[17] scaled=false"'
    msgs = until_idle(kc, update(kc, checkbox, {"value": True}))
    assert outputs_of(msgs, out)[-1]["data"]["text/plain"] == '"mu_b[17] scaled=true"'


def test_interact_with_a_plot_renders_svg(kernel):
    _, kc = kernel
    outputs = cell(kc, '\n'.join([
        'let xs = linspace(0.0, 1.0, 20)',
        'let ui = interact({ k in scatter(xs, xs * Double(k), title: "k = \\(k)") }, k: 1...5)',
    ]))
    box = opened(outputs)[shown_model(outputs, "display_data")]["data"]["state"]
    slider, out = [c[len("IPY_MODEL_"):] for c in box["children"]]
    msgs = until_idle(kc, update(kc, slider, {"value": 4}))
    data = outputs_of(msgs, out)[-1]["data"]
    assert "<svg" in data["image/svg+xml"] and "k = 4" in data["image/svg+xml"]


def test_interact_rejects_bad_arguments_with_located_errors(kernel):
    _, kc = kernel
    cell(kc, 'func f(group: Int) -> Int { group }')
    for code, words in [
        ('interact(f, grp: 0..<3)', "has no parameter 'grp'"),
        ('interact(f, group: 3.5)', "makes no control from a Double"),
        ('interact(f, group: [String]())', "empty array"),
        ('interact({ a, b in a }, group: 0..<3)', "takes 2 arguments"),
        ('IntSlider(range: 5..<5)', "not empty"),
        ('IntSlider(min: 10, max: 2)', "must not exceed max"),
        ('Dropdown(options: ["a"], value: "b")', "not one of"),
        ('Button(buttonStyle: "loud")', "must be one of"),
    ]:
        reply, _ = run(kc, code)
        assert reply["content"]["status"] == "error", code
        assert words in reply["content"]["evalue"], (code, reply["content"]["evalue"])
        assert any("^" in line for line in reply["content"]["traceback"]), code
    assert plain_result(cell(kc, "f(group: 2)")) == ["2"]


def test_callback_error_is_shown_in_its_output_and_not_fatal(kernel):
    _, kc = kernel
    outputs = cell(kc, '\n'.join([
        'let s = IntSlider(range: 0..<10)',
        'var calls = 0',
        's.observe { change in',
        '  calls += 1',
        '  let xs = [1, 2, 3]',
        '  print(xs[change.new as! Int])',
        '}',
        's',
    ]))
    slider, log = shown_model(outputs), shown_model(outputs, "display_data")
    msgs = until_idle(kc, update(kc, slider, {"value": 8}))
    errors = [o for o in outputs_of(msgs, log) if o["output_type"] == "error"]
    assert len(errors) == 1 and errors[0]["ename"] == "IndexError", outputs_of(msgs, log)
    assert any("xs[change.new as! Int]" in line for line in errors[0]["traceback"]), "the error shows the callback's source line"
    assert not [m for m in msgs if m["msg_type"] == "error"], "a callback error is not a cell error"
    msgs = until_idle(kc, update(kc, slider, {"value": 1}))
    assert outputs_of(msgs, log)[-1] == {"output_type": "stream", "name": "stdout", "text": "2\n"}
    assert plain_result(cell(kc, "(calls, s.value)")) == ["(2, 1)"]


def test_interrupt_stops_a_slow_callback(kernel):
    km, kc = kernel
    outputs = cell(kc, '\n'.join([
        'let b = Button(description: "spin")',
        'b.onClick { var n = 0; while true { n += 1 } }',
        'b',
    ]))
    button, log = shown_model(outputs), shown_model(outputs, "display_data")
    msg_id = comm_send(kc, button, {"method": "custom", "content": {"event": "click"}})
    time.sleep(0.5)
    start = time.time()
    km.interrupt_kernel()
    msgs = until_idle(kc, msg_id, timeout=5)
    elapsed = time.time() - start
    assert elapsed < 1.0, f"the interrupt took {elapsed:.2f} s"
    errors = [o for o in outputs_of(msgs, log) if o["output_type"] == "error"]
    assert errors and errors[0]["ename"] == "KeyboardInterrupt"
    assert plain_result(cell(kc, "1 + 1")) == ["2"]


def test_button_click_runs_onclick_handlers(kernel):
    _, kc = kernel
    outputs = cell(kc, 'var clicks = 0\nlet b = Button(description: "count")\nb.onClick { b in clicks += 1; print("clicked", b.description) }\nb')
    button, log = shown_model(outputs), shown_model(outputs, "display_data")
    for _ in range(2):
        msgs = until_idle(kc, comm_send(kc, button, {"method": "custom", "content": {"event": "click"}}))
    assert outputs_of(msgs, log) == [{"output_type": "stream", "name": "stdout", "text": "clicked count\nclicked count\n"}]
    assert plain_result(cell(kc, "b.click(); clicks")) == ["3"]


def test_queued_updates_to_one_slider_are_merged(kernel):
    _, kc = kernel
    outputs = cell(kc, '\n'.join([
        'var renders: [Int] = []',
        'func slow(k: Int) -> Int { var n = 0; while n < 300_000 { n += 1 }; renders.append(k); return k }',
        'interact(slow, k: 0..<100)',
    ]))
    box = opened(outputs)[shown_model(outputs, "display_data")]["data"]["state"]
    slider = box["children"][0][len("IPY_MODEL_"):]
    ids = [update(kc, slider, {"value": v}) for v in range(1, 41)]
    for msg_id in ids:
        until_idle(kc, msg_id)  # every request still gets its busy/idle
    renders = json.loads(plain_result(cell(kc, "renders"))[0])
    assert renders[0] == 0 and renders[-1] == 40, renders
    assert len(renders) < 41, f"every queued update rendered: {renders}"


def test_request_state_and_control_comm(kernel):
    _, kc = kernel
    outputs = cell(kc, 'let s = FloatSlider(value: 0.5, range: 0.0...2.0)\ns')
    slider = shown_model(outputs)
    msgs = until_idle(kc, comm_send(kc, slider, {"method": "request_state"}))
    full = comm_msgs(msgs, slider, "update")[-1]["state"]
    assert full["value"] == 0.5 and full["max"] == 2.0 and full["_model_name"] == "FloatSliderModel"

    info = kc.comm_info(target_name="jupyter.widget", reply=True)["content"]
    assert slider in info["comms"] and info["comms"][slider]["target_name"] == "jupyter.widget"

    control = "control-comm-1"
    msg = kc.session.msg("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}, "metadata": {"version": "1.0.0"}})
    kc.shell_channel.send(msg)
    opened_msgs = until_idle(kc, msg["header"]["msg_id"])
    assert not [m for m in opened_msgs if m["msg_type"] == "comm_close"], "the control comm was refused"
    msgs = until_idle(kc, comm_send(kc, control, {"method": "request_states"}))
    states = comm_msgs(msgs, control, "update_states")[-1]["states"]
    assert states[slider]["model_name"] == "FloatSliderModel"
    assert states[slider]["model_module"] == "@jupyter-widgets/controls"
    assert states[slider]["state"]["value"] == 0.5
    layout = states[slider]["state"]["layout"][len("IPY_MODEL_"):]
    assert states[layout]["model_name"] == "LayoutModel"

    # Unknown targets are still closed, and messages to unknown comms are ignored.
    msg = kc.session.msg("comm_open", {"comm_id": "nope", "target_name": "no.such.target", "data": {}})
    kc.shell_channel.send(msg)
    assert [m for m in until_idle(kc, msg["header"]["msg_id"]) if m["msg_type"] == "comm_close"]
    until_idle(kc, update(kc, "no-such-comm", {"value": 1}))
    assert plain_result(cell(kc, "s.value")) == ["0.5"]


def test_output_capture_and_close(kernel):
    _, kc = kernel
    outputs = cell(kc, 'let out = Output()\nout.capture { print("inside"); display(HTML("<b>bold</b>")) }\nout')
    out = shown_model(outputs)
    sent = outputs_of(outputs, out)
    assert sent == [{"output_type": "stream", "name": "stdout", "text": "inside\n"},
                    {"output_type": "display_data", "data": {"text/html": "<b>bold</b>", "text/plain": "<HTML: 11 characters>"}, "metadata": {}}]
    assert not [m for m in outputs if m["msg_type"] == "stream"], "captured output leaked into the cell"
    outputs = cell(kc, "out.clear()\nout.close()")
    assert [m for m in outputs if m["msg_type"] == "comm_close" and m["content"]["comm_id"] == out]
    info = kc.comm_info(reply=True)["content"]["comms"]
    assert out not in info


def test_swiftbayes_run_saves_widget_state_and_the_report_shows_the_last_output(tmp_path):
    """`swiftbayes run NB.ipynb --output --report`: the notebook's metadata holds every
    widget's state (as JupyterLab saves it), each widget display carries a static HTML
    rendering, and the report shows an interact's controls and last rendered plot."""
    import os
    import subprocess

    import nbformat
    from conftest import ROOT

    binary = os.path.abspath(os.environ.get("SWIFTBAYES_BIN", os.path.join(ROOT, ".build", "debug", "swiftbayes")))
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Widgets saved"),
        nbformat.v4.new_code_cell('let xs = linspace(0.0, 1.0, 10)\ninteract({ k in scatter(xs, xs * Double(k), title: "slope \\(k)") }, k: 2...5)'),
        nbformat.v4.new_code_cell('let d = Dropdown(options: ["mu_a", "mu_b"], value: "mu_b", description: "site")\nd'),
    ]
    path, out, report = tmp_path / "w.ipynb", tmp_path / "out.ipynb", tmp_path / "out.html"
    nbformat.write(nb, str(path))
    r = subprocess.run([binary, "run", str(path), "--output", str(out), "--report", str(report)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    done = nbformat.read(str(out), as_version=4)
    nbformat.validate(done)
    saved = done.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]
    assert (saved["version_major"], saved["version_minor"]) == (2, 0)
    views = [o["data"][VIEW]["model_id"] for c in done.cells if c.cell_type == "code" for o in c.outputs if VIEW in o.get("data", {})]
    assert len(views) == 2 and all(v in saved["state"] for v in views)
    models = {m["model_name"] for m in saved["state"].values()}
    assert {"VBoxModel", "IntSliderModel", "OutputModel", "DropdownModel", "LayoutModel"} <= models
    dropdown = saved["state"][views[1]]["state"]
    assert dropdown["index"] == 1 and dropdown["_options_labels"] == ["mu_a", "mu_b"]
    output = next(m["state"] for m in saved["state"].values() if m["model_name"] == "OutputModel")
    assert "slope 2" in json.dumps(output["outputs"])
    interact_html = done.cells[1].outputs[0]["data"]["text/html"]
    assert 'type="range"' in interact_html and "slope 2" in interact_html and "<svg" in interact_html
    html = report.read_text()
    assert "slope 2" in html and 'type="range"' in html and "<option selected>mu_b</option>" in html
    assert "<script" not in html


def test_float_slider_takes_integral_numbers_without_a_correction(kernel):
    """JavaScript sends 1 for 1.0: accepted as is, with no update sent back."""
    _, kc = kernel
    outputs = cell(kc, 'let f = FloatSlider(value: 0.5, range: 0.0...2.0)\nf')
    slider = shown_model(outputs)
    msgs = until_idle(kc, update(kc, slider, {"value": 1}))
    assert comm_msgs(msgs, slider, "update") == []
    assert plain_result(cell(kc, "f.value")) == ["1.0"]
    msgs = until_idle(kc, update(kc, slider, {"value": 7.5}))
    assert comm_msgs(msgs, slider, "update") == [{"method": "update", "state": {"value": 2.0}, "buffer_paths": []}]
