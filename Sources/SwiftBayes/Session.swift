import Arrays
import CellLanguage
import Foundation

/// The result of executing a cell in a session.
public struct ExecutionResult {
  /// The cell's value as a MIME bundle, unless the cell ended in a statement or Void.
  public var result: MimeBundle?
  public var error: CellError?
  /// Pager payloads (`help(x)`), shown by Jupyter in its pager.
  public var pages: [MimeBundle] = []
}


/// The persistent session a notebook runs against: one interpreter with the domain
/// bound into it, writing to an output sink.
///
/// Cells run on a dedicated thread with a large stack; `interrupt()` may be called from
/// any thread.
public final class Session: @unchecked Sendable {
  public private(set) var interpreter: Interpreter
  /// Where the session writes: the sink given to `init`, behind a recorder that keeps each
  /// cell's outputs for `exportReport` (and `swiftbayes run NB.ipynb`).
  public let output: OutputSink
  let recorder: CellRecorder
  /// `output` itself: sends the session's output into an `Output` widget while a widget
  /// callback or `Output.capture` runs.
  let router: OutputRouter
  /// The Jupyter widgets made in this session and their comms.
  private(set) var widgets: WidgetManager!
  /// The sink given to `init` (what `output` forwards to).
  public var sink: OutputSink { recorder.inner }
  /// The effect-handler stack and plates of model runs (`sample`, `seed`, MCMC).
  let modelRuntime = ModelRuntime()
  let worker: Worker
  private var pendingPages: [MimeBundle] = []
  private var displayCounter = 0
  /// Reads a line of input for `readLine()`; nil when the client does not allow input.
  public var readInput: ((String, Bool) throws -> String)? {
    didSet { interpreter.readInput = readInput }
  }

  /// - Parameters:
  ///   - output: where prints and displays go.
  ///   - runsOnCallingThread: run cells on the thread that calls `execute` instead of on
  ///     the session's own thread. The caller then promises one thread at a time, with a
  ///     large stack (512 MB, for deep user recursion): the kernel's shell thread does this.
  public init(output: OutputSink, runsOnCallingThread: Bool = false) {
    self.recorder = CellRecorder(output)
    self.router = OutputRouter(recorder)
    self.output = router
    self.worker = Worker(inline: runsOnCallingThread)
    self.interpreter = Interpreter()
    configure()
  }

  private func configure() {
    let sink = output
    interpreter.write = { text, stream in sink.stream(text, to: stream) }
    interpreter.readInput = readInput
    interpreter.checkMemory = { bytes in try arrays { try MemoryBudget.check(bytes: bytes) } }
    widgets = WidgetManager(session: self)
    registerDisplayBuiltins()
    registerWidgetBindings()
    registerArrayBindings()
    registerHelperBindings()
    registerConvergenceBindings()
    registerPlotBindings()
    registerModelBindings()
    registerMCMCBindings()
    registerPredictiveBindings()
    registerExportBindings()
    // Last: wraps the math builtins registered above so they also accept traced values.
    registerTracingBindings()
  }

  /// Forgets every binding (kernel restart).
  public func reset() {
    worker.run {
      self.interpreter = Interpreter()
      self.recorder.reset()
      self.configure()
    }
  }

  /// Runs one cell.
  public func execute(_ code: String) -> ExecutionResult {
    worker.run {
      self.pendingPages = []
      let started = DispatchTime.now().uptimeNanoseconds
      self.recorder.begin(code)
      self.widgets.beginCell()
      let interpreter = self.interpreter
      let watch = MemoryWatchdog.shared.begin { interpreter.stop(with: $0) }
      let outcome = interpreter.run(code)
      MemoryWatchdog.shared.end(watch)
      if outcome.error?.name == "MemoryError" { MemoryWatchdog.releaseFreedMemory() }
      self.widgets.endCell()
      var r = ExecutionResult(result: nil, error: outcome.error, pages: self.pendingPages)
      if let v = outcome.value {
        // A widget the cell already showed (`interact`, `display(slider)`) is not shown twice.
        if case .host(let h) = v, let w = h as? Widget, self.widgets.wasDisplayedInCell(w) {} else {
          r.result = self.mimeBundle(for: v, isResult: true)
        }
      }
      self.recorder.end(r, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
      return r
    }
  }

  /// Asks the running cell (or widget callback) to stop (from any thread).
  public func interrupt() { interpreter.interrupt() }

  // MARK: - Comms (Jupyter widgets)

  /// A front end opened a comm; false when the session serves no such target.
  public func commOpen(id: String, target: String, data: String) -> Bool {
    worker.run { self.widgets.commOpen(id: id, target: target, data: data) }
  }

  /// A front end's message on an open comm (a widget's state update, a click): runs the
  /// callbacks it causes, between cells.
  public func commMessage(id: String, data: String) {
    worker.run { self.widgets.commMessage(id: id, data: data) }
  }

  /// The front end closed a comm.
  public func commClose(id: String) {
    worker.run { self.widgets.commClose(id: id) }
  }

  /// The open comms: id → target name.
  public func openComms() -> [String: String] {
    worker.run { self.widgets.openComms() }
  }

  /// Two queued comm messages as one when the later supersedes the earlier (widget state
  /// updates: the later values win); nil otherwise.
  public func coalesceCommMessages(_ earlier: String, _ later: String) -> String? {
    WidgetManager.coalesce(earlier, later)
  }

  /// The notebook metadata `widgets` entry (every open widget's state, as JupyterLab
  /// saves it) as JSON text; nil when the session made no widget.
  public func widgetStateJSON() -> String? {
    worker.run { self.widgets.notebookState?.text }
  }

  /// Runs a widget callback between cells, as a cell runs (memory watchdog, interrupt).
  func runCallback(_ fn: Value, _ args: Arguments) -> CellOutcome {
    let interpreter = self.interpreter
    let watch = MemoryWatchdog.shared.begin { interpreter.stop(with: $0) }
    let outcome = interpreter.runCallback(fn, args)
    MemoryWatchdog.shared.end(watch)
    if outcome.error?.name == "MemoryError" { MemoryWatchdog.releaseFreedMemory() }
    return outcome
  }

  /// The MIME bundle that shows a value: `text/plain` always, plus HTML or SVG when the
  /// value has them.
  public func mimeBundle(for v: Value, isResult: Bool = false) -> MimeBundle {
    if case .host(let h) = v, let w = h as? Widget { widgets.noteDisplayed(w) }
    if case .host(let h) = v, let rich = h as? RichDisplayable {
      var b = rich.mimeBundle
      if b["text/plain"] == nil { b["text/plain"] = h.description }
      return b
    }
    return ["text/plain": isResult ? debugDescription(v) : describe(v)]
  }

  func nextDisplayID() -> String {
    displayCounter += 1
    return "swiftbayes-\(ProcessInfo.processInfo.processIdentifier)-\(displayCounter)"
  }

  /// A pager payload; with `markdown`, front ends that render Markdown (JupyterLab) show that.
  func page(_ text: String, markdown: String? = nil) {
    var bundle: MimeBundle = ["text/plain": text]
    if let markdown { bundle["text/markdown"] = markdown }
    pendingPages.append(bundle)
  }
}
