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
