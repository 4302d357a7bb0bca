import CellLanguage

/// The widget constructors cells call: `IntSlider(value: 0, range: 0..<30, description:
/// "group")`, `Dropdown(options: ["mu_a", "mu_b"])`, `Button(description: "Run")`,
/// `HBox([a, b])`, `Output()`, … and `interact` (WidgetBindings+Interact.swift).
extension Session {
  func registerWidgetBindings() {
    let b = interpreter.builtins
    let common = "description: String = \"\", disabled: Bool = false"
    widgetConstructor(b, .intSlider,
      "IntSlider(value: Int? = nil, range: Range<Int> | ClosedRange<Int>? = nil, min: Int = 0, max: Int = 100, step: Int = 1, \(common), continuousUpdate: Bool = true, orientation: String = \"horizontal\", readout: Bool = true) -> IntSlider",
      "A slider over integers (`0..<30` gives 0 through 29). Its value starts at `value:`, else at the lower end; values set from a cell or the front end are clamped into the range. `.observe { change in … }` runs when the value changes.",
      labels: ["value", "range", "min", "max", "step", "description", "disabled", "continuousUpdate", "orientation", "readout", "readoutFormat"])
    widgetConstructor(b, .floatSlider,
      "FloatSlider(value: Double? = nil, range: ClosedRange<Double>? = nil, min: Double = 0, max: Double = 100, step: Double? = nil, \(common), continuousUpdate: Bool = true, orientation: String = \"horizontal\", readout: Bool = true, readoutFormat: String = \".2f\") -> FloatSlider",
      "A slider over real numbers; with `range:` and no `step:`, 100 steps span the range. Values are clamped into the range.",
      labels: ["value", "range", "min", "max", "step", "description", "disabled", "continuousUpdate", "orientation", "readout", "readoutFormat"])
    widgetConstructor(b, .dropdown,
      "Dropdown(options: [Any], value: Any? = nil, \(common)) -> Dropdown",
      "A drop-down list. Options are any values (shown by their description) or `(label, value)` pairs; `.value` is the selected value (the first unless `value:` is given).",
      labels: ["options", "value", "index", "description", "disabled"])
    widgetConstructor(b, .toggleButtons,
      "ToggleButtons(options: [Any], value: Any? = nil, \(common), buttonStyle: String = \"\", tooltips: [String] = []) -> ToggleButtons",
      "A row of buttons of which one is selected; options as for `Dropdown`.",
      labels: ["options", "value", "index", "description", "disabled", "buttonStyle", "tooltips", "icons"])
    widgetConstructor(b, .checkbox,
      "Checkbox(value: Bool = false, \(common), indent: Bool = true) -> Checkbox",
      "A check box; `.value` is a Bool.",
      labels: ["value", "description", "disabled", "indent"])
    widgetConstructor(b, .text,
      "Text(value: String = \"\", placeholder: String = \"\", \(common), continuousUpdate: Bool = true) -> Text",
      "A one-line text field; `.value` is its text.",
      labels: ["value", "placeholder", "description", "disabled", "continuousUpdate"])
    widgetConstructor(b, .button,
      "Button(description: String = \"\", buttonStyle: String = \"\", icon: String = \"\", tooltip: String? = nil, disabled: Bool = false) -> Button",
      "A button. `button.onClick { … }` (or `{ b in … }`) runs when it is clicked; `button.click()` clicks it from a cell. `buttonStyle`: \"primary\", \"success\", \"info\", \"warning\", \"danger\" or \"\".",
      labels: ["description", "buttonStyle", "icon", "tooltip", "disabled"])
    widgetConstructor(b, .label,
      "Label(_ value: String = \"\", description: String = \"\") -> Label",
      "A line of text; set `.value` to change it.",
      labels: ["value", "description", "placeholder"], positional: "value")
    widgetConstructor(b, .hbox, "HBox(_ children: [Widget] = [], boxStyle: String = \"\") -> HBox",
      "Lays widgets out in a row.", labels: ["children", "boxStyle"], positional: "children")
    widgetConstructor(b, .vbox, "VBox(_ children: [Widget] = [], boxStyle: String = \"\") -> VBox",
      "Lays widgets out in a column.", labels: ["children", "boxStyle"], positional: "children")
    widgetConstructor(b, .output, "Output() -> Output",
      "An area that shows outputs: `out.capture { … }` sends what the closure prints and displays into it, `out.display(x)` shows a value, `out.clear()` empties it. Callbacks write into the output they were registered in.",
      labels: [])
    registerInteract()
  }

  /// Registers the constructor of `kind`: labeled arguments set the properties of the same
  /// name (checked as a cell's assignment would be), in an order that makes them valid
  /// (options and bounds before the value), before the comm opens.
  private func widgetConstructor(
    _ b: BuiltinRegistry, _ kind: WidgetKind, _ signature: String, _ doc: String, labels: [String], positional: String? = nil
  ) {
    let name = kind.rawValue
    b.function(name, signature, doc) { [unowned self] args, _ in
      let p = try NamedArguments(name, args, positional: positional.map { [$0] } ?? [], labeled: labels.filter { $0 != positional })
      let w = try self.widgets.make(kind) { w in
        let order = ["options", "range", "min", "max", "step"]
        let given = labels.filter { p[$0] != nil }
        for label in order.filter(given.contains) + given.filter({ !order.contains($0) }) {
          let v = p[label]!
          if label == "range" {
            try Session.applyRange(v, to: w, explicitStep: p["step"] != nil)
            continue
          }
          if ["min", "max", "step"].contains(label) {
            // Bounds are checked together below (min: 200, max: 300 is fine).
            w.state[label] = kind == .intSlider ? .int(try Arg.int(v, "\(name)'s \(label)")) : .double(try Arg.double(v, "\(name)'s \(label)"))
            continue
          }
          for (k, json) in try w.validatedUpdates(label, v) { w.state[k] = json }
        }
        if kind == .intSlider || kind == .floatSlider {
          for (k, json) in try w.validatedUpdates("step", Widget.value(of: w.state["step"]!)) { w.state[k] = json }
        }
        if kind == .intSlider || kind == .floatSlider, p["value"] == nil {
          w.state["value"] = w.state["min"]  // start at the lower end
        }
        if (kind == .dropdown || kind == .toggleButtons), p["options"] == nil {
          throw HostError("\(name) needs options: \(name)(options: [\"a\", \"b\"])", kind: "TypeError")
        }
      }
      return .host(w)
    }
  }

  /// `range:` of a slider: `0..<30` (0 through 29) or `0...30` for integers, `0.0...1.0`
  /// for reals (with 100 steps unless `step:` is given).
  static func applyRange(_ v: Value, to w: Widget, explicitStep: Bool) throws {
    switch (w.kind, v) {
    case (.intSlider, .range(let r)):
      guard let lo = r.lower, let hi = r.halfOpenUpper, hi > lo else {
        throw HostError("IntSlider's range must be bounded and not empty, like 0..<30; got \(describe(v))", kind: "ValueError")
      }
      w.state["min"] = .int(lo)
      w.state["max"] = .int(hi - 1)
    case (.floatSlider, .doubleRange), (.floatSlider, .range):
      var bounds = (Double.nan, Double.nan)
      if case .doubleRange(let a, let b, _) = v { bounds = (a, b) }
      if case .range(let r) = v, let a = r.lower, let b = r.upper { bounds = (Double(a), Double(b)) }
      guard bounds.0.isFinite, bounds.1.isFinite, bounds.1 > bounds.0 else {
        throw HostError("FloatSlider's range must be bounded, finite and not empty, like 0.0...1.0; got \(describe(v))", kind: "ValueError")
      }
      w.state["min"] = .double(bounds.0)
      w.state["max"] = .double(bounds.1)
      if !explicitStep { w.state["step"] = .double((bounds.1 - bounds.0) / 100) }
    default:
      let want = w.kind == .intSlider ? "a Range<Int> such as 0..<30" : "a ClosedRange<Double> such as 0.0...1.0"
      throw HostError("\(w.kind.rawValue)'s range must be \(want), not \(v.typeName)", kind: "TypeError")
    }
  }
}
