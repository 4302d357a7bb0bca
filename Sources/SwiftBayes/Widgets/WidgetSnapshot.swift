import CellLanguage
import Foundation
import Reports

/// Static HTML renderings of widgets (no script, nothing fetched): what a report or a
/// notebook viewer without a widget manager shows for a widget display. Controls appear
/// disabled at their current values; an `Output` shows its outputs (plots inline).
extension WidgetManager {
  /// The output with a `text/html` rendering of the widget it displays, if it displays one
  /// this session knows.
  func withSnapshot(_ output: NotebookOutput) -> NotebookOutput {
    func add(_ data: [String: String]) -> [String: String] {
      guard let view = data["application/vnd.jupyter.widget-view+json"],
        let id = (try? JSONValue.parse(view))?["model_id"]?.stringValue, let w = widgets[id]
      else { return data }
      var d = data
      d["text/html"] = snapshotHTML(w)
      return d
    }
    switch output {
    case .display(let data, let id): return .display(data: add(data), displayID: id)
    case .result(let data, let n): return .result(data: add(data), executionCount: n)
    default: return output
    }
  }

  func snapshotHTML(_ w: Widget, depth: Int = 0) -> String {
    guard depth < 32 else { return "" }
    let label = w.state["description"]?.stringValue.flatMap { $0.isEmpty ? nil : "<label style=\"min-width:6em;display:inline-block\">\(escapeHTML($0))</label> " } ?? ""
    let row = "display:flex;align-items:center;gap:6px;margin:2px 0"
    func number(_ key: String) -> String { w.state[key].map { describe(Widget.value(of: $0)) } ?? "" }
    let inner: String
    switch w.kind {
    case .intSlider, .floatSlider:
      inner = "<div style=\"\(row)\">\(label)<input type=\"range\" disabled min=\"\(number("min"))\" max=\"\(number("max"))\" step=\"\(number("step"))\" value=\"\(number("value"))\"> <output>\(escapeHTML(number("value")))</output></div>"
    case .dropdown:
      let selected = (w.state["index"].flatMap { if case .int(let i) = $0 { return i } else { return nil } })
      let options = (w.state["_options_labels"]?.arrayValue ?? []).enumerated().map { i, l in
        "<option\(i == selected ? " selected" : "")>\(escapeHTML(l.stringValue ?? ""))</option>"
      }.joined()
      inner = "<div style=\"\(row)\">\(label)<select disabled>\(options)</select></div>"
    case .toggleButtons:
      let selected = (w.state["index"].flatMap { if case .int(let i) = $0 { return i } else { return nil } })
      let buttons = (w.state["_options_labels"]?.arrayValue ?? []).enumerated().map { i, l in
        "<button disabled\(i == selected ? " style=\"font-weight:bold\"" : "")>\(escapeHTML(l.stringValue ?? ""))</button>"
      }.joined()
      inner = "<div style=\"\(row)\">\(label)\(buttons)</div>"
    case .checkbox:
      let checked = w.state["value"] == .bool(true) ? " checked" : ""
      inner = "<div style=\"\(row)\"><label><input type=\"checkbox\" disabled\(checked)> \(escapeHTML(w.state["description"]?.stringValue ?? ""))</label></div>"
    case .text:
      inner = "<div style=\"\(row)\">\(label)<input type=\"text\" disabled value=\"\(escapeHTML(w.state["value"]?.stringValue ?? ""))\"></div>"
    case .label:
      inner = "<div style=\"\(row)\">\(label)<span>\(escapeHTML(w.state["value"]?.stringValue ?? ""))</span></div>"
    case .button:
      inner = "<button disabled>\(escapeHTML(w.state["description"]?.stringValue ?? ""))</button>"
    case .hbox, .vbox:
      let direction = w.kind == .hbox ? "row" : "column"
      inner = "<div style=\"display:flex;flex-direction:\(direction);gap:4px\">" + w.children.map { snapshotHTML($0, depth: depth + 1) }.joined() + "</div>"
    case .output:
      inner = (w.outputs?.outputs ?? []).map(Self.outputHTML).joined()
    case .layout, .style:
      inner = ""
    }
    return "<div class=\"swiftbayes-widget\" data-widget=\"\(w.kind.rawValue)\">\(inner)</div>"
  }

  /// One output of an `Output` widget as HTML: SVG inline, HTML as is, text preformatted.
  static func outputHTML(_ o: NotebookOutput) -> String {
    switch o {
    case .stream(_, let text): return "<pre>\(escapeHTML(text))</pre>"
    case .error(let ename, let evalue, let traceback):
      let body = traceback.isEmpty ? "\(ename): \(evalue)" : stripANSI(traceback.joined(separator: "\n"))
      return "<pre style=\"color:#b00\">\(escapeHTML(body))</pre>"
    case .display(let data, _), .result(let data, _):
      // Hidden from a sanitizer (an untrusted notebook in JupyterLab), shown elsewhere.
      if let svg = data["image/svg+xml"] { return PlotHost.inlineHTML(svg) }
      if let html = data["text/html"] { return "<div>\(html)</div>" }
      return "<pre>\(escapeHTML(stripANSI(data["text/plain"] ?? "")))</pre>"
    }
  }
}
