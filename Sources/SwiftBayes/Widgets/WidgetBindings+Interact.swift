import CellLanguage

/// `interact(f, group: 0..<30, variable: ["mu_a", "mu_b"])`: one control per labeled
/// argument and an `Output` showing `f`'s result, re-rendered whenever a control changes.
extension Session {
  func registerInteract() {
    interpreter.builtins.function("interact",
      "interact(_ f: (…) -> Any, label: Range | [String] | [Any] | Bool | String | Widget, …) -> VBox",
      """
      Explores a function with controls: one per labeled argument, named by the label and passed to `f` under it. \
      A `Range<Int>` (`0..<30`) makes an `IntSlider`, a `ClosedRange<Double>` (`0.0...1.0`) a `FloatSlider` \
      (both start at the lower end), an array a `Dropdown` (starting at its first element), a `Bool` a `Checkbox`, \
      a `String` a `Text`; a widget (`IntSlider(value: 5, range: 0..<30)`) is used as it is. The controls and \
      an `Output` with `f`'s result (a plot, a table, text, and whatever `f` prints) show at once, in a `VBox` \
      that `interact` returns; the output is re-rendered when a control changes, and updates that arrive while \
      `f` runs are merged so that a dragged slider renders only its latest value. An error in `f` shows in \
      the output and leaves the controls working.
      """
    ) { [unowned self] args, _ in
      guard args.count >= 1, args.labels[0] == nil else {
        throw HostError("interact needs the function first: interact(show, group: 0..<30)", kind: "TypeError")
      }
      let f = try Arg.function(args[0], "interact's first argument")
      var controls: [(label: String, widget: Widget)] = []
      for i in 1..<args.count {
        guard let label = args.labels[i] else {
          throw HostError("interact's controls are labeled with the parameter they set: interact(f, group: 0..<30); argument \(i + 1) has no label", kind: "TypeError")
        }
        guard !controls.contains(where: { $0.label == label }) else {
          throw HostError("interact got two controls for '\(label)'", kind: "TypeError")
        }
        controls.append((label, try self.interactControl(label, args[i])))
      }
      if case .function(let fn) = f {
        if let labels = fn.parameterLabels {
          for c in controls where !labels.contains(c.label) {
            let declared = "(" + labels.map { ($0 ?? "_") + ":" }.joined() + ")"
            throw HostError("interact: '\(fn.name)' has no parameter '\(c.label)'; it is declared \(fn.name)\(declared)", kind: "TypeError")
          }
        } else if let n = fn.closureParameterCount, n != controls.count {
          throw HostError("interact: the closure takes \(n) argument\(n == 1 ? "" : "s") but \(controls.count) control\(controls.count == 1 ? " was" : "s were") given", kind: "TypeError")
        }
      }
      let out = try self.widgets.make(.output)
      let box = try self.widgets.make(.vbox) { box in
        box.children = controls.map(\.widget) + [out]
        box.state["children"] = .array(box.children.map { .string("IPY_MODEL_" + $0.id) })
        box.state["_dom_classes"] = ["widget-interact"]
      }
      let render: () throws -> Void = { [unowned self] in
        let call = Arguments(controls.map { $0.widget.value }, labels: controls.map { $0.label })
        try self.widgets.render(f, call, into: out)
      }
      for c in controls {
        c.widget.observers.append(Widget.Observer(names: ["value"], action: .native { _ in try render() }, output: out))
      }
      try render()
      self.output.display(self.mimeBundle(for: .host(box)), displayID: nil)
      return .host(box)
    }
  }

  /// The control `interact` makes for one labeled argument.
  func interactControl(_ label: String, _ v: Value) throws -> Widget {
    let what = "interact's '\(label)'"
    func labeled(_ kind: WidgetKind, _ configure: @escaping (Widget) throws -> Void) throws -> Widget {
      try widgets.make(kind) { w in
        w.state["description"] = .string(label)
        try configure(w)
      }
    }
    switch v {
    case .host(let h as Widget):
      guard h.kind.hasValue else {
        throw HostError("\(what) is a \(h.kind.rawValue), which has no value to pass; use a slider, Dropdown, Checkbox or Text", kind: "TypeError")
      }
      return h
    case .range, .doubleRange:
      let isInt: Bool
      if case .range = v { isInt = true } else { isInt = false }
      return try labeled(isInt ? .intSlider : .floatSlider) { w in
        try Session.applyRange(v, to: w, explicitStep: false)
        w.state["value"] = w.state["min"]
      }
    case .array(let a):
      guard !a.items.isEmpty else { throw HostError("\(what) is an empty array: a Dropdown needs options", kind: "ValueError") }
      return try labeled(.dropdown) { w in
        for (k, json) in try w.validatedUpdates("options", v) { w.state[k] = json }
      }
    case .bool(let b):
      return try labeled(.checkbox) { w in w.state["value"] = .bool(b) }
    case .string(let s):
      return try labeled(.text) { w in w.state["value"] = .string(s) }
    default:
      throw HostError("\(what) makes no control from a \(v.typeName): give a Range (0..<30 or 0.0...1.0), an array, a Bool, a String or a widget", kind: "TypeError")
    }
  }
}

extension WidgetManager {
  /// Runs `f(call)` with its output going into `out`, which then shows what it printed and
  /// displayed and its result (or its error). From a front-end message this is a top-level
  /// callback; from a cell, an error still shows in the output (the cell goes on) but an
  /// interrupt stops the cell.
  func render(_ f: Value, _ call: Arguments, into out: Widget) throws {
    out.outputs?.clear(wait: true)
    let nested = !isTopLevel
    let outcome = capturing(into: out) { () -> CellOutcome in
      let r = nested ? session.interpreter.runCallback(f, call, nested: true) : session.runCallback(f, call)
      if let v = r.value { session.output.display(session.mimeBundle(for: v, isResult: true), displayID: nil) }
      return r
    }
    out.outputs?.settle()
    if let e = outcome.error {
      show(e, in: out)
      if nested && e.name == "KeyboardInterrupt" { throw HostError("execution interrupted", kind: "KeyboardInterrupt") }
    }
    out.outputs?.flush()
  }
}
