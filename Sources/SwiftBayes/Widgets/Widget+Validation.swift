import CellLanguage

/// Checking a property assignment (from a cell, or a constructor's arguments) and turning
/// it into state changes: types, allowed values, slider bounds (the value clamped into
/// them), options and children.
extension Widget {
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

  func sliderBounds(_ name: String, _ x: JSONValue) throws -> [String: JSONValue] {
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
}
