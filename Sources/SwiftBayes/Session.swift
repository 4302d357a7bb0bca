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
    self.output = recorder
    self.worker = Worker(inline: runsOnCallingThread)
    self.interpreter = Interpreter()
    configure()
  }

  private func configure() {
    let sink = output
    interpreter.write = { text, stream in sink.stream(text, to: stream) }
    interpreter.readInput = readInput
    interpreter.checkMemory = { bytes in try arrays { try MemoryBudget.check(bytes: bytes) } }
    registerDisplayBuiltins()
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
      let interpreter = self.interpreter
      let watch = MemoryWatchdog.shared.begin { interpreter.stop(with: $0) }
      let outcome = interpreter.run(code)
      MemoryWatchdog.shared.end(watch)
      if outcome.error?.name == "MemoryError" { MemoryWatchdog.releaseFreedMemory() }
      var r = ExecutionResult(result: nil, error: outcome.error, pages: self.pendingPages)
      if let v = outcome.value { r.result = self.mimeBundle(for: v, isResult: true) }
      self.recorder.end(r, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
      return r
    }
  }

  /// Asks the running cell to stop (from any thread).
  public func interrupt() { interpreter.interrupt() }

  /// The MIME bundle that shows a value: `text/plain` always, plus HTML or SVG when the
  /// value has them.
  public func mimeBundle(for v: Value, isResult: Bool = false) -> MimeBundle {
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
