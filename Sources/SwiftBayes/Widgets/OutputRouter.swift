import CellLanguage
import Foundation

/// The sink the session writes to: normally the cell's (the recorder in front of the
/// front end's sink); while a widget callback or `Output.capture` runs, the `Output`
/// widget being captured into, so a callback's prints, plots and errors appear under the
/// control that ran it. Comms always go to the front end. Thread-safe (sampler threads
/// report progress through it).
final class OutputRouter: OutputSink, @unchecked Sendable {
  let inner: OutputSink
  private let lock = NSLock()
  private var targets: [WidgetOutputBuffer] = []

  init(_ inner: OutputSink) { self.inner = inner }

  /// The capture in force, if any (the innermost).
  var target: WidgetOutputBuffer? { lock.withLock { targets.last } }

  func push(_ buffer: WidgetOutputBuffer) { lock.withLock { targets.append(buffer) } }
  func pop() { lock.withLock { _ = targets.popLast() } }

  func stream(_ text: String, to stream: OutputStreamKind) {
    if let t = target { t.stream(text, stream.rawValue) } else { inner.stream(text, to: stream) }
  }

  func display(_ bundle: MimeBundle, displayID: String?) {
    if let t = target { t.display(bundle, displayID: displayID) } else { inner.display(bundle, displayID: displayID) }
  }

  func updateDisplay(_ bundle: MimeBundle, displayID: String) {
    // A display shown in the captured output is updated there; any other where it is.
    if let t = target, t.update(bundle, displayID: displayID) { return }
    inner.updateDisplay(bundle, displayID: displayID)
  }

  func clearOutput(wait: Bool) {
    if let t = target { t.clear(wait: wait) } else { inner.clearOutput(wait: wait) }
  }

  func commOpen(id: String, target: String, data: String, metadata: String) {
    inner.commOpen(id: id, target: target, data: data, metadata: metadata)
  }
  func commMessage(id: String, data: String) { inner.commMessage(id: id, data: data) }
  func commClose(id: String) { inner.commClose(id: id) }
}
