import CellLanguage
import Foundation

/// The front end's side of the widgets protocol: comms it opens (the control comm), the
/// messages it sends on a widget's comm, and the states a notebook saves.
extension WidgetManager {
  func commOpen(id: String, target: String, data: String) -> Bool {
    switch target {
    case "jupyter.widget.control":
      controlComms.insert(id)
      return true
    default:
      // Models made by the front end are not supported; the kernel closes the comm.
      return false
    }
  }

  func commClose(id: String) {
    controlComms.remove(id)
    if let w = widgets[id] {
      w.isClosed = true
      widgets[id] = nil
    }
  }

  func openComms() -> [String: String] {
    var comms: [String: String] = [:]
    for id in widgets.keys { comms[id] = "jupyter.widget" }
    for id in controlComms { comms[id] = "jupyter.widget.control" }
    return comms
  }

  func commMessage(id: String, data: String) {
    let message: JSONValue
    do {
      message = try JSONValue.parse(data)
    } catch {
      Self.log("dropped a comm_msg on \(id): \(error)")
      return
    }
    if controlComms.contains(id) {
      handleControl(id, message)
      return
    }
    guard let w = widgets[id] else {
      Self.log("dropped a comm_msg for unknown widget \(id)")
      return
    }
    frontEndDepth += 1
    defer { frontEndDepth -= 1 }
    switch message["method"]?.stringValue {
    case "update":
      guard let state = message["state"]?.objectValue else {
        Self.log("dropped an update without a state for \(id)")
        return
      }
      let echo = state.filter { w.state[$0.key] != nil }
      if !echo.isEmpty { send(w, echo, method: "echo_update") }
      applyFromFrontEnd(w, state)
    case "request_state":
      send(w, fullState(w))
    case "custom":
      if w.kind == .button, message["content"]?["event"]?.stringValue == "click" {
        try? fire(w.clickHandlers, with: .host(w), on: w)
      } else {
        Self.log("ignored a custom message for \(w.kind.rawValue) \(id)")
      }
    default:
      Self.log("ignored a comm_msg with method \(message["method"]?.text ?? "none") for \(id)")
    }
  }

  /// A state update from the front end: each value checked as a cell's would be (a
  /// slider's clamped into its range); what the front end must correct is sent back.
  func applyFromFrontEnd(_ w: Widget, _ state: [String: JSONValue]) {
    var updates: [String: JSONValue] = [:]
    var corrections: [String: JSONValue] = [:]
    for (key, v) in state {
      guard let current = w.state[key] else {
        Self.log("ignored unknown state key '\(key)' for \(w.kind.rawValue)")
        continue
      }
      var accepted: JSONValue?
      switch (w.kind, key) {
      case (.intSlider, "value"):
        if case .int(let i) = v { accepted = .int(w.clampInt(i)) }
        if case .double(let d) = v, d.isFinite, d.rounded() == d, abs(d) < 9e15 { accepted = .int(w.clampInt(Int(d))) }
      case (.floatSlider, "value"):
        let x = Widget.number(v)
        if x.isFinite { accepted = .double(w.clampDouble(x)) }
      case (.dropdown, "index"), (.toggleButtons, "index"):
        if case .int(let i) = v, w.options.indices.contains(i) { accepted = v }
      default:
        switch (current, v) {
        case (.bool, .bool), (.int, .int), (.double, .double), (.double, .int), (.string, .string), (.array, .array), (.null, _), (_, .null):
          accepted = v
        default: break
        }
      }
      if let a = accepted {
        updates[key] = a
        // JavaScript sends 3 for 3.0: only a changed number is sent back.
        let same = a == v || (Widget.number(a) == Widget.number(v) && !Widget.number(a).isNaN)
        if !same { corrections[key] = a }
      } else {
        Self.log("rejected \(key) = \(v.text) for \(w.kind.rawValue) \(w.id)")
        corrections[key] = current
      }
    }
    if !corrections.isEmpty { send(w, corrections) }
    do {
      try change(w, updates, fromFrontEnd: true)
    } catch {
      Self.log("observer failed: \(error)")
    }
  }

  func handleControl(_ id: String, _ message: JSONValue) {
    guard message["method"]?.stringValue == "request_states" else {
      Self.log("ignored a control message with method \(message["method"]?.text ?? "none")")
      return
    }
    sink.commMessage(id: id, data: JSONValue.object(["method": "update_states", "states": statesJSON, "buffer_paths": []]).text)
  }

  /// Two queued updates to the same widget as one (the later values win).
  static func coalesce(_ earlier: String, _ later: String) -> String? {
    guard let a = try? JSONValue.parse(earlier), let b = try? JSONValue.parse(later),
      a["method"]?.stringValue == "update", b["method"]?.stringValue == "update",
      var state = a["state"]?.objectValue, let next = b["state"]?.objectValue,
      (a["buffer_paths"]?.arrayValue ?? []).isEmpty, (b["buffer_paths"]?.arrayValue ?? []).isEmpty
    else { return nil }
    state.merge(next) { $1 }
    return JSONValue.object(["method": "update", "state": .object(state), "buffer_paths": []]).text
  }

  // MARK: - Saved state

  /// Every open model as `{model_id: {model_name, model_module, model_module_version, state}}`.
  var statesJSON: JSONValue {
    var states: [String: JSONValue] = [:]
    for (id, w) in widgets {
      let s = fullState(w)
      states[id] = [
        "model_name": s["_model_name"] ?? .null, "model_module": s["_model_module"] ?? .null,
        "model_module_version": s["_model_module_version"] ?? .null, "state": .object(s),
      ]
    }
    return .object(states)
  }

  /// The notebook metadata entry `widgets` (`application/vnd.jupyter.widget-state+json`),
  /// or nil when the session made no widgets.
  var notebookState: JSONValue? {
    guard !widgets.isEmpty else { return nil }
    return ["application/vnd.jupyter.widget-state+json": ["version_major": 2, "version_minor": 0, "state": statesJSON]]
  }
}
