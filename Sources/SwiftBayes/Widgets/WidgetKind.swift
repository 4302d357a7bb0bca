/// The Jupyter widget models SwiftBayes creates, with the model and view names, modules
/// and default states of ipywidgets 8 (`@jupyter-widgets/controls` 2.0.0, `base` 2.0.0,
/// `output` 1.0.0, widget protocol 2.1.0), so JupyterLab, Notebook 7 and VS Code render
/// them with the widget frontends they ship. `Tests/jupyter/test_widgets.py` checks every
/// state against ipywidgets' own Python models.
enum WidgetKind: String, CaseIterable, Sendable {
  case intSlider = "IntSlider", floatSlider = "FloatSlider", dropdown = "Dropdown", checkbox = "Checkbox"
  case toggleButtons = "ToggleButtons", text = "Text", button = "Button", label = "Label"
  case hbox = "HBox", vbox = "VBox", output = "Output"
  /// The `LayoutModel` every DOM widget refers to.
  case layout = "Layout"
  /// A `…StyleModel` (which one is in `styleModelName` of the widget it belongs to).
  case style = "Style"

  static let protocolVersion = "2.1.0"
  static let controls = "@jupyter-widgets/controls", base = "@jupyter-widgets/base", outputModule = "@jupyter-widgets/output"

  var modelName: String {
    switch self {
    case .layout: return "LayoutModel"
    case .style: return "StyleModel"
    case .hbox: return "HBoxModel"
    case .vbox: return "VBoxModel"
    default: return rawValue + "Model"
    }
  }

  var viewName: String {
    switch self {
    case .layout: return "LayoutView"
    case .style: return "StyleView"
    default: return rawValue + "View"
    }
  }

  var modelModule: String {
    switch self {
    case .layout: return Self.base
    case .output: return Self.outputModule
    default: return Self.controls
    }
  }

  var viewModule: String {
    switch self {
    case .layout, .style: return Self.base
    case .output: return Self.outputModule
    default: return Self.controls
    }
  }

  var modelModuleVersion: String { self == .output ? "1.0.0" : "2.0.0" }
  var viewModuleVersion: String { self == .output ? "1.0.0" : "2.0.0" }

  /// The style model a control refers to; nil for boxes and `Output`, which have none.
  var styleModelName: String? {
    switch self {
    case .intSlider, .floatSlider: return "SliderStyleModel"
    case .dropdown: return "DescriptionStyleModel"
    case .checkbox: return "CheckboxStyleModel"
    case .toggleButtons: return "ToggleButtonsStyleModel"
    case .text: return "TextStyleModel"
    case .button: return "ButtonStyleModel"
    case .label: return "LabelStyleModel"
    case .hbox, .vbox, .output, .layout, .style: return nil
    }
  }

  /// Whether the widget is a control users make in cells (not a layout or style).
  var isUserFacing: Bool { self != .layout && self != .style }

  /// The `_model_*` and `_view_*` keys every model's state starts with.
  func identityState(modelName: String? = nil) -> [String: JSONValue] {
    [
      "_model_module": .string(modelModule), "_model_module_version": .string(modelModuleVersion),
      "_model_name": .string(modelName ?? self.modelName), "_view_count": .null,
      "_view_module": .string(viewModule), "_view_module_version": .string(viewModuleVersion),
      "_view_name": .string(viewName),
    ]
  }

  /// The full default state of a widget of this kind, without `layout` and `style` (the
  /// references to its layout and style models, which the manager fills in).
  var defaultState: [String: JSONValue] {
    var s = identityState()
    if self == .layout {
      for key in Self.layoutKeys { s[key] = .null }
      return s
    }
    s["_dom_classes"] = []
    s["tabbable"] = .null
    s["tooltip"] = .null
    let described: [String: JSONValue] = ["description": "", "description_allow_html": false]
    switch self {
    case .intSlider, .floatSlider:
      let float = self == .floatSlider
      s.merge(described) { $1 }
      s.merge([
        "behavior": "drag-tap", "continuous_update": true, "disabled": false,
        "max": float ? .double(100) : .int(100), "min": float ? .double(0) : .int(0),
        "orientation": "horizontal", "readout": true, "readout_format": float ? ".2f" : "d",
        "step": float ? .double(0.1) : .int(1), "value": float ? .double(0) : .int(0),
      ]) { $1 }
    case .dropdown:
      s.merge(described) { $1 }
      s.merge(["_options_labels": [], "disabled": false, "index": .null]) { $1 }
    case .toggleButtons:
      s.merge(described) { $1 }
      s.merge(["_options_labels": [], "button_style": "", "disabled": false, "icons": [], "index": .null, "tooltips": []]) { $1 }
    case .checkbox:
      s.merge(described) { $1 }
      s.merge(["disabled": false, "indent": true, "value": false]) { $1 }
    case .text:
      s.merge(described) { $1 }
      s.merge(["continuous_update": true, "disabled": false, "placeholder": "\u{200B}", "value": ""]) { $1 }
    case .label:
      s.merge(described) { $1 }
      s.merge(["placeholder": "\u{200B}", "value": ""]) { $1 }
    case .button:
      s.merge(["button_style": "", "description": "", "disabled": false, "icon": ""]) { $1 }
    case .hbox, .vbox:
      s.merge(["box_style": "", "children": []]) { $1 }
    case .output:
      s.merge(["msg_id": "", "outputs": []]) { $1 }
    case .layout, .style:
      break
    }
    return s
  }

  /// The state of the style model `name` (one of the `styleModelName`s).
  static func styleState(_ name: String) -> [String: JSONValue] {
    var s = WidgetKind.style.identityState(modelName: name)
    s["description_width"] = ""
    let fonts = ["font_family", "font_size", "font_style", "font_variant", "font_weight", "text_color", "text_decoration"]
    switch name {
    case "SliderStyleModel": s["handle_color"] = .null
    case "CheckboxStyleModel": s["background"] = .null
    case "ToggleButtonsStyleModel":
      s["button_width"] = ""
      s["font_weight"] = ""
    case "TextStyleModel":
      for k in ["background", "font_size", "text_color"] { s[k] = .null }
    case "ButtonStyleModel":
      s["description_width"] = nil
      s["button_color"] = .null
      for k in fonts { s[k] = .null }
    case "LabelStyleModel":
      s["background"] = .null
      for k in fonts { s[k] = .null }
    default: break
    }
    return s
  }

  /// The CSS properties of `LayoutModel`, all unset by default.
  static let layoutKeys = [
    "align_content", "align_items", "align_self", "border_bottom", "border_left", "border_right", "border_top",
    "bottom", "display", "flex", "flex_flow", "grid_area", "grid_auto_columns", "grid_auto_flow", "grid_auto_rows",
    "grid_column", "grid_gap", "grid_row", "grid_template_areas", "grid_template_columns", "grid_template_rows",
    "height", "justify_content", "justify_items", "left", "margin", "max_height", "max_width", "min_height",
    "min_width", "object_fit", "object_position", "order", "overflow", "padding", "right", "top", "visibility", "width",
  ]
}
