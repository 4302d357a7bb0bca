import CellLanguage
import Foundation

/// A Jupyter widget as a cell-language value: a model the front end mirrors over a comm
/// (target `jupyter.widget`). `.value` and the other properties read and write the model's
/// state (writes are validated and sent to the front end); `observe` and `onClick` run
/// cell functions when the state changes or the button is clicked.
final class Widget: HostObject, RichDisplayable {
  /// The model id, which is also the comm id.
  let id: String
  let kind: WidgetKind
  weak var manager: WidgetManager?
  /// The model's state as the front end has it (every key ipywidgets sends).
  var state: [String: JSONValue]
  var layout: Widget?
  var style: Widget?
  var children: [Widget] = []
  /// The values behind a `Dropdown`'s or `ToggleButtons`' labels (the front end sees
  /// only the labels and the selected index, as in ipywidgets).
  var options: [Value] = []
  var observers: [Observer] = []
  var clickHandlers: [Observer] = []
  /// An `Output` widget's outputs.
  let outputs: WidgetOutputBuffer?
  /// Set once the comm is closed (by `close()` or the front end).
  var isClosed = false

  /// A function run on a change or a click, and the `Output` its prints and errors go to
  /// when a front-end message runs it.
  struct Observer {
    enum Action {
      /// A cell-language function or closure taking `arity` arguments (0 or 1).
      case user(Value, arity: Int)
      /// The session's own reaction (`interact` re-rendering its output).
      case native((Value) throws -> Void)
    }
    var names: Set<String>
    var action: Action
    var output: Widget?
  }

  init(id: String, kind: WidgetKind, state: [String: JSONValue], manager: WidgetManager) {
    self.id = id
    self.kind = kind
    self.state = state
    self.manager = manager
    self.outputs = kind == .output ? WidgetOutputBuffer() : nil
  }

  var typeName: String { kind.rawValue }
  var hasReferenceSemantics: Bool { true }

  var description: String {
    var parts: [String] = []
    switch kind {
    case .intSlider, .floatSlider:
      parts = ["value: \(describeJSON(state["value"]))", "min: \(describeJSON(state["min"]))", "max: \(describeJSON(state["max"]))"]
    case .dropdown, .toggleButtons:
      parts = ["value: \(CellLanguage.debugDescription(value))", "options: \(CellLanguage.debugDescription(.array(ArrayValue(options))))"]
    case .checkbox, .text, .label:
      parts = ["value: \(CellLanguage.debugDescription(value))"]
    case .hbox, .vbox:
      parts = ["\(children.count) children"]
    case .output:
      parts = ["\(outputs?.outputs.count ?? 0) outputs"]
    case .button, .layout, .style:
      break
    }
    if let d = state["description"]?.stringValue, !d.isEmpty { parts.append("description: \(quoteString(d))") }
    return "\(kind.rawValue)(\(parts.joined(separator: ", ")))"
  }

  private func describeJSON(_ v: JSONValue?) -> String { v.map { describe(Widget.value(of: $0)) } ?? "nil" }

  var mimeBundle: MimeBundle {
    [
      "text/plain": description,
      "application/vnd.jupyter.widget-view+json": JSONValue.object(["model_id": .string(id), "version_major": 2, "version_minor": 0]).text,
    ]
  }

  var memberNames: [String] {
    var names = ["id", "description", "observe", "close", "layout"]
    switch kind {
    case .intSlider, .floatSlider: names += ["value", "min", "max", "step", "disabled", "continuousUpdate", "orientation", "readout", "readoutFormat"]
    case .dropdown: names += ["value", "options", "index", "disabled"]
    case .toggleButtons: names += ["value", "options", "index", "disabled", "buttonStyle", "tooltips", "icons"]
    case .checkbox: names += ["value", "disabled", "indent"]
    case .text: names += ["value", "placeholder", "disabled", "continuousUpdate"]
    case .label: names += ["value", "placeholder"]
    case .button: names += ["onClick", "click", "disabled", "buttonStyle", "icon", "tooltip"]
    case .hbox, .vbox: names += ["children", "boxStyle"]
    case .output: names += ["clear", "display", "capture", "outputs"]
    case .layout, .style: break
    }
    return names
  }

  // MARK: - Values

  /// The cell-language value of a JSON state value.
  static func value(of json: JSONValue) -> Value {
    switch json {
    case .null: return .nilValue
    case .bool(let b): return .bool(b)
    case .int(let i): return .int(i)
    case .double(let d): return .double(d)
    case .string(let s): return .string(s)
    case .array(let items): return .array(ArrayValue(items.map(value(of:))))
    case .object(let members): return .string(JSONValue.object(members).text)
    }
  }

  /// What `.value` reads.
  var value: Value {
    switch kind {
    case .dropdown, .toggleButtons:
      guard case .int(let i)? = state["index"], options.indices.contains(i) else { return .nilValue }
      return options[i]
    case .intSlider, .floatSlider, .checkbox, .text, .label:
      return Widget.value(of: state["value"] ?? .null)
    default:
      return .void
    }
  }

  /// The state key behind a property name (`continuousUpdate` → `continuous_update`), for
  /// the properties users may read and set.
  static func stateKey(_ name: String) -> String {
    var out = ""
    for ch in name {
      if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
    }
    return out
  }

  /// The property name of a state key (`continuous_update` → `continuousUpdate`).
  static func propertyName(_ key: String) -> String {
    if key == "index" { return "index" }
    let parts = key.split(separator: "_")
    guard let first = parts.first else { return key }
    return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
  }

  func property(_ name: String) throws -> Value? {
    switch name {
    case "id": return .string(id)
    case "value" where kind.hasValue: return value
    case "options" where kind == .dropdown || kind == .toggleButtons: return .array(ArrayValue(options))
    case "children" where kind == .hbox || kind == .vbox: return .array(ArrayValue(children.map { .host($0) }))
    case "layout": return layout.map { .host($0) }
    case "outputs" where kind == .output:
      return .array(ArrayValue((outputs?.outputs ?? []).map { .string(WidgetOutputBuffer.json($0).text) }))
    default:
      let key = Widget.stateKey(name)
      guard !key.hasPrefix("_"), key != "style", key != "value", let v = state[key] else { return nil }
      if kind == .layout { return v == .null ? .nilValue : Widget.value(of: v) }
      return Widget.value(of: v)
    }
  }

  func setProperty(_ name: String, _ newValue: Value) throws -> Bool {
    guard let manager else { throw HostError("this widget's session has been reset", kind: "ValueError") }
    // `s.layout.width = "300px"` sets the layout's property, then hands the same layout back.
    if name == "layout", case .host(let h) = newValue, h === layout { return true }
    let updates = try validatedUpdates(name, newValue)
    try manager.change(self, updates, fromFrontEnd: false)
    return true
  }

  /// The state changes that setting property `name` to `v` makes, after checking it.
  func validatedUpdates(_ name: String, _ v: Value) throws -> [String: JSONValue] {
    let what = "\(kind.rawValue).\(name)"
    switch (kind, name) {
    case (.intSlider, "value"):
      return ["value": .int(clampInt(try Arg.int(v, what)))]
    case (.floatSlider, "value"):
      return ["value": .double(clampDouble(try Arg.double(v, what)))]
    case (.checkbox, "value"):
      return ["value": .bool(try Arg.bool(v, what))]
    case (.text, "value"), (.label, "value"):
      return ["value": .string(try Arg.string(v, what))]
    case (.dropdown, "value"), (.toggleButtons, "value"):
      guard let i = options.firstIndex(where: { valuesEqual($0, v) }) else {
        throw HostError("\(CellLanguage.debugDescription(v)) is not one of \(what.dropLast(6)) options \(CellLanguage.debugDescription(.array(ArrayValue(options))))", kind: "ValueError")
      }
      return ["index": .int(i)]
    case (.dropdown, "index"), (.toggleButtons, "index"):
      let i = try Arg.int(v, what)
      guard options.indices.contains(i) else {
        throw HostError("\(what) \(i) is out of range: there are \(options.count) options", kind: "IndexError")
      }
      return ["index": .int(i)]
    case (.dropdown, "options"), (.toggleButtons, "options"):
      let (values, labels) = try Widget.optionList(v, what)
      let current = value
      options = values
      let index = values.firstIndex { valuesEqual($0, current) } ?? (values.isEmpty ? nil : 0)
      return ["_options_labels": .array(labels.map { .string($0) }), "index": index.map { .int($0) } ?? .null]
    case (.hbox, "children"), (.vbox, "children"):
      children = try Widget.widgetList(v, what)
      return ["children": .array(children.map { .string("IPY_MODEL_" + $0.id) })]
    case (.intSlider, "min"), (.intSlider, "max"), (.intSlider, "step"):
      let n = try Arg.int(v, what)
      return try sliderBounds(name, .int(n))
    case (.floatSlider, "min"), (.floatSlider, "max"), (.floatSlider, "step"):
      let x = try Arg.double(v, what)
      guard x.isFinite else { throw HostError("\(what) must be finite, not \(x)", kind: "ValueError") }
      return try sliderBounds(name, .double(x))
    default:
      break
    }
    let key = Widget.stateKey(name)
    guard !key.hasPrefix("_"), !["value", "index", "options", "children", "layout", "style"].contains(key), let current = state[key] else {
      throw HostError("\(kind.rawValue) has no settable property '\(name)'", kind: "AttributeError")
    }
    let json: JSONValue
    switch (current, v) {
    case (.bool, _): json = .bool(try Arg.bool(v, what))
    case (.int, _): json = .int(try Arg.int(v, what))
    case (.double, _): json = .double(try Arg.double(v, what))
    case (.array, _): json = .array(try Widget.strings(v, what).map { .string($0) })
    case (_, .nilValue): json = .null
    default: json = .string(try Arg.string(v, what))
    }
    if let allowed = Widget.choices[key], case .string(let s) = json, !allowed.contains(s) {
      throw HostError("\(what) must be one of \(allowed.map { quoteString($0) }.joined(separator: ", ")); got \(quoteString(s))", kind: "ValueError")
    }
    return [key: json]
  }

  static let choices: [String: [String]] = [
    "orientation": ["horizontal", "vertical"],
    "button_style": ["primary", "success", "info", "warning", "danger", ""],
    "box_style": ["success", "info", "warning", "danger", ""],
  ]

  private func sliderBounds(_ name: String, _ x: JSONValue) throws -> [String: JSONValue] {
    var next = state
    next[name] = x
    let lo = Widget.number(next["min"]), hi = Widget.number(next["max"]), step = Widget.number(next["step"])
    guard lo <= hi else {
      throw HostError("\(kind.rawValue): min (\(describe(Widget.value(of: next["min"]!)))) must not exceed max (\(describe(Widget.value(of: next["max"]!))))", kind: "ValueError")
    }
    guard step > 0 else { throw HostError("\(kind.rawValue).step must be positive", kind: "ValueError") }
    var updates: [String: JSONValue] = [name: x]
    let v = Widget.number(state["value"])
    if v < lo || v > hi {
      let clamped = min(max(v, lo), hi)
      updates["value"] = kind == .intSlider ? .int(Int(clamped)) : .double(clamped)
    }
    return updates
  }

  static func number(_ v: JSONValue?) -> Double {
    switch v {
    case .int(let i)?: return Double(i)
    case .double(let d)?: return d
    default: return .nan
    }
  }

  func clampInt(_ i: Int) -> Int {
    guard case .int(let lo)? = state["min"], case .int(let hi)? = state["max"] else { return i }
    return min(max(i, lo), hi)
  }

  func clampDouble(_ x: Double) -> Double {
    let lo = Widget.number(state["min"]), hi = Widget.number(state["max"])
    return x.isNaN ? lo : min(max(x, lo), hi)
  }

  /// Options as values and their labels: an array of values (labels are their
  /// descriptions) or of `(label, value)` pairs.
  static func optionList(_ v: Value, _ what: String) throws -> ([Value], [String]) {
    guard case .array(let a) = v else { throw HostError("\(what) must be an array, not \(v.typeName)", kind: "TypeError") }
    var values: [Value] = [], labels: [String] = []
    for item in a.items {
      if case .tuple(let t) = item, t.items.count == 2, case .string(let label) = t.items[0] {
        labels.append(label)
        values.append(t.items[1])
      } else {
        labels.append(describe(item))
        values.append(item)
      }
    }
    return (values, labels)
  }

  static func widgetList(_ v: Value, _ what: String) throws -> [Widget] {
    guard case .array(let a) = v else { throw HostError("\(what) must be an array of widgets, not \(v.typeName)", kind: "TypeError") }
    return try a.items.enumerated().map { i, item in
      guard case .host(let h) = item, let w = h as? Widget, w.kind.isUserFacing else {
        throw HostError("\(what)[\(i)] must be a widget (IntSlider, Dropdown, Output, …), not \(item.typeName)", kind: "TypeError")
      }
      return w
    }
  }

  static func strings(_ v: Value, _ what: String) throws -> [String] {
    guard case .array(let a) = v else { throw HostError("\(what) must be an array of strings, not \(v.typeName)", kind: "TypeError") }
    return try a.items.map { try Arg.string($0, what) }
  }

  // MARK: - Methods

  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    guard let manager else { throw HostError("this widget's session has been reset", kind: "ValueError") }
    switch name {
    case "observe":
      let p = try NamedArguments("\(kind.rawValue).observe", args, positional: ["handler"], labeled: ["names"], required: ["handler"])
      let handler = try Arg.function(p["handler"]!, "observe's handler")
      let names = try p["names"].map { v -> [String] in
        if case .string(let s) = v { return [s] }
        return try Widget.strings(v, "observe's names")
      } ?? ["value"]
      let known = Set(memberNames)
      for n in names where !known.contains(n) {
        throw HostError("\(kind.rawValue) has no property '\(n)' to observe", kind: "ValueError")
      }
      observers.append(Observer(names: Set(names), action: try manager.userAction(handler, "observe"), output: manager.callbackOutput()))
      return .void
    case "onClick" where kind == .button:
      let p = try NamedArguments("Button.onClick", args, positional: ["handler"], required: ["handler"])
      let handler = try Arg.function(p["handler"]!, "onClick's handler")
      clickHandlers.append(Observer(names: [], action: try manager.userAction(handler, "onClick"), output: manager.callbackOutput()))
      return .void
    case "click" where kind == .button:
      guard args.count == 0 else { throw HostError("click() takes no arguments", kind: "TypeError") }
      try manager.fire(clickHandlers, with: .host(self), on: self)
      return .void
    case "close":
      manager.close(self)
      return .void
    case "clear" where kind == .output:
      let wait = try args.labeled("wait").map { try Arg.bool($0, "clear's wait") } ?? false
      outputs?.clear(wait: wait)
      outputs?.flush()
      return .void
    case "display" where kind == .output:
      guard args.count == 1 else { throw HostError("Output.display takes one value to show", kind: "TypeError") }
      outputs?.display(manager.session.mimeBundle(for: args[0]), displayID: nil)
      outputs?.flush()
      return .void
    case "capture" where kind == .output:
      let p = try NamedArguments("Output.capture", args, positional: ["body"], labeled: ["clear"], required: ["body"])
      let body = try Arg.function(p["body"]!, "capture's body")
      if let c = p["clear"], try Arg.bool(c, "capture's clear") { outputs?.clear(wait: true) }
      return try manager.capturing(into: self) { try interpreter.call(body, []) }
    default:
      return nil
    }
  }
}

extension WidgetKind {
  /// Whether `.value` means something for this kind.
  var hasValue: Bool {
    switch self {
    case .intSlider, .floatSlider, .dropdown, .toggleButtons, .checkbox, .text, .label: return true
    default: return false
    }
  }
}
