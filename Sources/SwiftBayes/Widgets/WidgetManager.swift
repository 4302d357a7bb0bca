import CellLanguage
import Foundation
import Reports

/// The session's side of the Jupyter widgets protocol (version 2.1): every widget model
/// made in a cell, its comm, the front end's messages, and the callbacks they run.
///
/// ```
///  cell: IntSlider(…) ─▶ comm_open {state, buffer_paths} (layout, style, then the widget)
///        s.value = 3  ─▶ comm_msg {method: update, state: {value: 3}} ─▶ observers
///  front end: comm_msg update {value: 7} ─▶ echo_update ─▶ validate (clamp) ─▶ observers
///             comm_msg request_state      ─▶ update with the full state
///             comm_msg custom {event: click} ─▶ onClick handlers
///             control comm request_states ─▶ update_states (every model)
/// ```
///
/// Callbacks a front-end message runs are top level, between cells: they start with no
/// pending interrupt (an interrupt stops them), and their prints, plots and errors go to
/// the `Output` they were registered for: the one being captured into, else the cell's
/// callback output, shown at the end of the cell that registered them. Callbacks a cell
/// runs (setting `.value`, `click()`) write to the cell, and their errors are the cell's.
final class WidgetManager {
  unowned let session: Session
  var widgets: [String: Widget] = [:]
  var controlComms: Set<String> = []
  /// > 0 while a front end's comm message is handled.
  var frontEndDepth = 0
  /// > 0 while a callback runs.
  private var callbackDepth = 0
  /// The `Output` widgets being captured into, innermost last.
  private var captures: [Widget] = []
  /// The output for callbacks registered by the running cell, made on first use.
  private var cellLog: Widget?
  private var displayedInCell: Set<String> = []

  init(session: Session) { self.session = session }

  var sink: OutputSink { session.output }

  static func newID() -> String { UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }

  static func log(_ line: String) {
    FileHandle.standardError.write(Data("[SwiftBayes widgets] \(line)\n".utf8))
  }

  // MARK: - Making widgets

  /// A widget of `kind` with `configure` applied to its state before its comm opens (its
  /// layout and style models open first, as ipywidgets does).
  func make(_ kind: WidgetKind, _ configure: (Widget) throws -> Void = { _ in }) throws -> Widget {
    let w = Widget(id: Self.newID(), kind: kind, state: kind.defaultState, manager: self)
    try configure(w)
    if kind != .layout && kind != .style {
      let layout = Widget(id: Self.newID(), kind: .layout, state: WidgetKind.layout.defaultState, manager: self)
      open(layout)
      w.layout = layout
      w.state["layout"] = .string("IPY_MODEL_" + layout.id)
      if let styleName = kind.styleModelName {
        let style = Widget(id: Self.newID(), kind: .style, state: WidgetKind.styleState(styleName), manager: self)
        open(style)
        w.style = style
        w.state["style"] = .string("IPY_MODEL_" + style.id)
      }
    }
    if let buffer = w.outputs {
      let id = w.id, sink = self.sink
      buffer.send = { outputs in
        sink.commMessage(id: id, data: JSONValue.object(["method": "update", "state": ["outputs": outputs], "buffer_paths": []]).text)
      }
    }
    open(w)
    return w
  }

  private func open(_ w: Widget) {
    widgets[w.id] = w
    let data: JSONValue = ["state": .object(fullState(w)), "buffer_paths": []]
    sink.commOpen(id: w.id, target: "jupyter.widget", data: data.text, metadata: JSONValue.object(["version": .string(WidgetKind.protocolVersion)]).text)
  }

  /// The state with an `Output`'s current outputs.
  func fullState(_ w: Widget) -> [String: JSONValue] {
    var s = w.state
    if let buffer = w.outputs { s["outputs"] = buffer.json }
    return s
  }

  func close(_ w: Widget) {
    guard !w.isClosed else { return }
    w.isClosed = true
    widgets[w.id] = nil
    sink.commClose(id: w.id)
  }

  func send(_ w: Widget, _ updates: [String: JSONValue], method: String = "update") {
    guard !w.isClosed, !updates.isEmpty else { return }
    sink.commMessage(id: w.id, data: JSONValue.object(["method": .string(method), "state": .object(updates), "buffer_paths": []]).text)
  }

  // MARK: - State changes

  /// Applies checked `updates` to a widget's state, sends them to the front end (unless
  /// they came from it) and runs the observers of every property whose value changed.
  func change(_ w: Widget, _ updates: [String: JSONValue], fromFrontEnd: Bool) throws {
    let names = Set(updates.keys.flatMap { key -> [String] in
      key == "index" ? ["index", "value"] : key == "_options_labels" ? ["options"] : [Widget.propertyName(key)]
    })
    var old: [String: Value] = [:]
    for n in names { old[n] = n == "options" ? .nilValue : (try? w.property(n)) ?? .nilValue }
    for (k, v) in updates { w.state[k] = v }
    if !fromFrontEnd { send(w, updates) }
    for n in names.sorted() {
      let new = (try? w.property(n)) ?? .nilValue
      guard let before = old[n], !valuesEqual(before, new) || n == "options" else { continue }
      let watching = w.observers.filter { $0.names.contains(n) }
      guard !watching.isEmpty else { continue }
      let change = Value.tuple(TupleValue([.string(n), before, new, .host(w)], labels: ["name", "old", "new", "owner"]))
      try fire(watching, with: change, on: w)
    }
  }

  /// Runs callbacks. From a front-end message they run top level: each in its own
  /// output, an error shown there and the next callback still run (an interrupt stops
  /// them all). Otherwise they run inside the cell or callback that caused them.
  func fire(_ list: [Widget.Observer], with change: Value, on w: Widget) throws {
    for o in list {
      switch o.action {
      case .native(let f):
        try f(change)
      case .user(let fn, let arity):
        let args = arity == 0 ? [] : [change]
        if isTopLevel {
          if !runTopLevel(fn, args, output: o.output) { return }
        } else {
          callbackDepth += 1
          defer { callbackDepth -= 1 }
          _ = try session.interpreter.callValue(fn, Arguments(args))
        }
      }
    }
  }

  /// Whether a callback run now is top level (a front end's message, no callback running).
  var isTopLevel: Bool { frontEndDepth > 0 && callbackDepth == 0 }

  /// Runs a callback between cells; false when it was interrupted.
  private func runTopLevel(_ fn: Value, _ args: [Value], output: Widget?) -> Bool {
    callbackDepth += 1
    defer { callbackDepth -= 1 }
    let run = { self.session.runCallback(fn, Arguments(args)) }
    let outcome = output.map { out in capturing(into: out, run) } ?? run()
    if let e = outcome.error {
      show(e, in: output)
      return e.name != "KeyboardInterrupt"
    }
    return true
  }

  /// Shows a callback's error in its output (as an error output, traceback and all), or
  /// on stderr when it has none.
  func show(_ e: CellError, in output: Widget?) {
    if let buffer = output?.outputs {
      buffer.error(ename: e.name, evalue: e.message, traceback: e.traceback)
      buffer.flush()
    } else {
      sink.stream(e.render(ansi: true) + "\n", to: .stderr)
    }
  }

  /// The action for a cell-language handler: a closure may take the change (or the
  /// button) or nothing; a function takes one argument.
  func userAction(_ handler: Value, _ what: String) throws -> Widget.Observer.Action {
    var arity = 1
    if case .function(let f) = handler {
      if let n = f.closureParameterCount { arity = n } else if let labels = f.parameterLabels { arity = labels.count }
    }
    guard arity <= 1 else {
      throw HostError("\(what)'s handler takes one argument (the change) or none; this one takes \(arity)", kind: "TypeError")
    }
    return .user(handler, arity: arity)
  }

  /// Where a callback registered now writes when a front end runs it: the output being
  /// captured into, else the running cell's callback output.
  func callbackOutput() -> Widget? {
    if let c = captures.last { return c }
    if frontEndDepth > 0 { return nil }
    if cellLog == nil { cellLog = try? make(.output) }
    return cellLog
  }

  /// Runs `body` with the session's output going into the `Output` widget `out`; its
  /// outputs are sent to the front end when it ends (and every 50 ms while it runs).
  func capturing<T>(into out: Widget, _ body: () throws -> T) rethrows -> T {
    guard let buffer = out.outputs else { return try body() }
    captures.append(out)
    session.router.push(buffer)
    defer {
      session.router.pop()
      captures.removeLast()
      buffer.flush()
    }
    return try body()
  }

  // MARK: - Cells

  func beginCell() {
    displayedInCell = []
    cellLog = nil
  }

  /// Shows the cell's callback output, if a callback was registered in it.
  func endCell() {
    if let log = cellLog {
      // Empty until a callback writes: nothing for a terminal to print.
      var bundle = log.mimeBundle
      bundle["text/plain"] = ""
      session.output.display(bundle, displayID: nil)
      cellLog = nil
    }
  }

  func noteDisplayed(_ w: Widget) { displayedInCell.insert(w.id) }

  func wasDisplayedInCell(_ w: Widget) -> Bool { displayedInCell.contains(w.id) }
}
