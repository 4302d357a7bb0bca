import CellLanguage
import Foundation
import SwiftBayes
import Testing

/// Widgets through the session's public entry points (cells, comm messages, the recorded
/// cells reports are made of), with a recording sink standing in for the front end. The
/// protocol itself is tested through the kernel in Tests/jupyter/test_widgets.py.
@Suite("Widgets in the session")
struct WidgetSessionTests {
  let sink = RecordingSink()
  let session: Session

  init() { session = Session(output: sink) }

  func value(_ code: String) -> String? { session.execute(code).result?["text/plain"] }

  var opened: [(id: String, state: JSONValue)] {
    sink.events.compactMap { e in
      if case .commOpen(let id, "jupyter.widget", let data) = e, let json = try? JSONValue.parse(data), let s = json["state"] { return (id, s) }
      return nil
    }
  }

  func model(_ name: String) -> (id: String, state: JSONValue)? {
    opened.last { $0.state["_model_name"]?.stringValue == name }
  }

  var sent: [(id: String, data: JSONValue)] {
    sink.events.compactMap { e in
      if case .commMessage(let id, let data) = e, let json = try? JSONValue.parse(data) { return (id, json) }
      return nil
    }
  }

  @Test func sliderOpensLayoutStyleThenItself() throws {
    #expect(session.execute(#"let s = IntSlider(value: 3, range: 0..<30, description: "group")"#).error == nil)
    let names = opened.map { $0.state["_model_name"]?.stringValue ?? "" }
    #expect(names == ["LayoutModel", "SliderStyleModel", "IntSliderModel"])
    let slider = try #require(model("IntSliderModel"))
    #expect(slider.state["value"] == .int(3) && slider.state["min"] == .int(0) && slider.state["max"] == .int(29))
    #expect(slider.state["layout"]?.stringValue == "IPY_MODEL_" + opened[0].id)
    #expect(value("s.value") == "3")
    _ = session.execute("s.value = 100")
    #expect(value("s.value") == "29", "clamped into the range")
    #expect(sent.last?.data == ["method": "update", "state": ["value": 29], "buffer_paths": []])
    let bad = session.execute(#"s.value = "x""#)
    #expect(bad.error?.name == "TypeError")
    #expect(value("s.value") == "29")
    _ = session.execute(#"s.layout.width = "300px""#)
    #expect(sent.last?.id == opened[0].id && sent.last?.data["state"] == ["width": "300px"])
  }

  @Test func frontEndUpdateRunsObserversIntoTheCellsOutput() throws {
    _ = session.execute("let s = IntSlider(range: 0..<10)\nvar seen: [Int] = []\ns.observe { c in seen.append(c.new as! Int); print(\"got\", c.new) }\ns")
    let slider = try #require(model("IntSliderModel")).id
    let log = try #require(model("OutputModel")).id
    session.commMessage(id: slider, data: #"{"method":"update","state":{"value":4},"buffer_paths":[]}"#)
    #expect(sent.contains { $0.id == slider && $0.data["method"] == "echo_update" })
    let outputs = try #require(sent.last { $0.id == log }?.data["state"]?["outputs"])
    #expect(outputs == [["output_type": "stream", "name": "stdout", "text": "got 4\n"]])
    #expect(value("seen") == "[4]")
    #expect(session.openComms()[slider] == "jupyter.widget")
  }

  @Test func queuedUpdatesCoalesce() {
    let merged = session.coalesceCommMessages(
      #"{"method":"update","state":{"value":1,"a":true},"buffer_paths":[]}"#, #"{"method":"update","state":{"value":2},"buffer_paths":[]}"#)
    #expect(merged.flatMap { try? JSONValue.parse($0) } == ["method": "update", "state": ["value": 2, "a": true], "buffer_paths": []])
    #expect(session.coalesceCommMessages(#"{"method":"update","state":{}}"#, #"{"method":"custom","content":{}}"#) == nil)
  }

  @Test func reportsShowTheLastRenderedOutputAndNotebooksKeepTheState() throws {
    let r = session.execute("interact({ k in \"k is \\(k)\" }, k: 0..<5)")
    #expect(r.error == nil && r.result == nil, "interact shows its widget itself, once")
    let slider = try #require(model("IntSliderModel")).id
    session.commMessage(id: slider, data: #"{"method":"update","state":{"value":3},"buffer_paths":[]}"#)
    let display = try #require(session.recordedCells.last?.outputs.last?.data)
    #expect(display["application/vnd.jupyter.widget-view+json"] != nil)
    let html = try #require(display["text/html"])
    #expect(html.contains("k is 3") && html.contains("type=\"range\"") && html.contains("value=\"3\""))
    let state = try JSONValue.parse(try #require(session.widgetStateJSON()))
    let models = try #require(state["application/vnd.jupyter.widget-state+json"]?["state"]?.objectValue)
    #expect(models[slider]?["state"]?["value"] == .int(3))
    #expect(models[slider]?["model_name"] == "IntSliderModel")
  }

  @Test func badHandlersAndArgumentsAreLocatedErrors() {
    for (code, words) in [
      ("IntSlider().observe { a, b in }", "takes one argument"),
      ("Dropdown(options: [1, 2], value: 3)", "not one of"),
      ("HBox([1])", "must be a widget"),
      ("Output().capture(5)", "must be a function"),
    ] {
      let e = session.execute(code).error
      #expect(e != nil && e!.message.contains(words), "\(code): \(e?.message ?? "no error")")
      #expect(e?.rendered.contains("^") == true, "\(code) has a caret")
    }
  }
}
