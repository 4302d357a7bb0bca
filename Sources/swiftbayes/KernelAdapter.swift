import CellLanguage
import Foundation
import JupyterKernel
import SwiftBayes

/// The interpreter `swiftbayes kernel` serves: a SwiftBayes session behind the kernel's
/// `KernelInterpreter` seam.
func makeKernelInterpreter() -> any KernelInterpreter { SessionInterpreter() }

/// Joins the session to the kernel (the kernel itself never imports the session).
final class SessionInterpreter: KernelInterpreter {
  private let session: Session
  private let sink = PublisherSink()

  init() {
    // `swiftbayes kernel` calls every session method from its large-stack shell thread
    // (interrupts come from the control thread and only set a flag).
    session = Session(output: sink, runsOnCallingThread: true)
  }

  let implementationName = "swiftbayes"
  let implementationVersion = SwiftBayesCLI.version
  let languageVersion = "6.3"
  var banner: String {
    "SwiftBayes \(SwiftBayesCLI.version): Swift-syntax cells for Bayesian workflows.\nhelp(name) shows documentation; Tab completes; Shift-Tab inspects."
  }

  func execute(_ request: ExecuteRequest, publisher: KernelPublisher, readInput: @escaping (String, Bool) throws -> String) -> ExecuteOutcome {
    sink.publisher = publisher
    defer { sink.publisher = nil }
    // A failed read (interrupted, shutting down) ends the cell with the error's own name.
    session.readInput = request.allowStdin ? { prompt, password in
      do {
        return try readInput(prompt, password)
      } catch let e as StdinError {
        throw HostError(e.message, kind: e.ename)
      }
    } : nil
    let r = session.execute(request.code)
    if let e = r.error {
      return .error(ename: e.name, evalue: e.message, traceback: e.traceback)
    }
    return .ok(result: r.result, pages: r.pages)
  }

  func evaluateUserExpression(_ code: String) -> ExecuteOutcome {
    let r = session.execute(code)
    if let e = r.error { return .error(ename: e.name, evalue: e.message, traceback: e.traceback) }
    return .ok(result: r.result ?? ["text/plain": "()"], pages: [])
  }

  func complete(code: String, cursorPos: Int) -> CompletionResult {
    let c = session.complete(code, cursor: cursorPos)
    return CompletionResult(matches: c.matches, cursorStart: c.start, cursorEnd: c.end)
  }

  func inspect(code: String, cursorPos: Int, detailLevel: Int) -> JupyterKernel.MimeBundle? {
    session.inspect(code, cursor: cursorPos).map { ["text/plain": $0] }
  }

  func isComplete(code: String) -> CompletenessStatus {
    switch session.isComplete(code) {
    case .complete: return .complete
    case .incomplete(let indent): return .incomplete(indent: indent)
    case .invalid: return .invalid
    }
  }

  func interrupt() { session.interrupt() }

  // Comms (Jupyter widgets): the front end's messages, handled by the session's widgets
  // with the request's publisher as the output of any callback they run.
  func commOpen(commID: String, targetName: String, data: String, publisher: KernelPublisher) -> Bool {
    sink.publisher = publisher
    defer { sink.publisher = nil }
    return session.commOpen(id: commID, target: targetName, data: data)
  }

  func commMessage(commID: String, data: String, publisher: KernelPublisher) {
    sink.publisher = publisher
    defer { sink.publisher = nil }
    session.commMessage(id: commID, data: data)
  }

  func commClose(commID: String, data: String, publisher: KernelPublisher) {
    sink.publisher = publisher
    defer { sink.publisher = nil }
    session.commClose(id: commID)
  }

  func openComms() -> [String: String] { session.openComms() }

  func coalesceCommMessages(_ earlier: String, _ later: String) -> String? {
    session.coalesceCommMessages(earlier, later)
  }

  func restart() { session.reset() }
}

/// The session's output sink, forwarding to the publisher of the request being run.
final class PublisherSink: OutputSink, @unchecked Sendable {
  private let lock = NSLock()
  private var _publisher: KernelPublisher?
  var publisher: KernelPublisher? {
    get { lock.withLock { _publisher } }
    set { lock.withLock { _publisher = newValue } }
  }

  func stream(_ text: String, to stream: OutputStreamKind) {
    publisher?.stream(name: stream.rawValue, text: text)
  }

  func display(_ bundle: SwiftBayes.MimeBundle, displayID: String?) {
    publisher?.displayData(bundle, metadata: [:], displayID: displayID)
  }

  func updateDisplay(_ bundle: SwiftBayes.MimeBundle, displayID: String) {
    publisher?.updateDisplayData(bundle, metadata: [:], displayID: displayID)
  }

  func clearOutput(wait: Bool) {
    publisher?.clearOutput(wait: wait)
  }

  func commOpen(id: String, target: String, data: String, metadata: String) {
    publisher?.commOpen(commID: id, targetName: target, data: data, metadata: metadata)
  }

  func commMessage(id: String, data: String) {
    publisher?.commMessage(commID: id, data: data)
  }

  func commClose(id: String) {
    publisher?.commClose(commID: id, data: "{}")
  }
}
