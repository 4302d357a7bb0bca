import Foundation
import Reports

/// The outputs of an `Output` widget, collected as a front end collects a cell's (streams
/// merge, display updates apply in place, `clear(wait:)`), and sent to the front end as the
/// model's `outputs` state: at once when nothing was sent for `interval`, otherwise when
/// the capture ends (`flush`), so a callback printing in a loop sends a few updates, not
/// thousands. Thread-safe.
final class WidgetOutputBuffer: @unchecked Sendable {
  private let lock = NSLock()
  private var accumulator = OutputAccumulator()
  private var lastSent: UInt64 = 0
  private var dirty = false
  private var clearPending = false
  /// Sends the `outputs` state (set by the manager when the widget is made).
  var send: (@Sendable (JSONValue) -> Void)?
  static let interval: UInt64 = 50_000_000

  var outputs: [NotebookOutput] { lock.withLock { accumulator.outputs } }

  func stream(_ text: String, _ name: String) { change { $0.stream(name, text) } }

  func display(_ bundle: MimeBundle, displayID: String?) { change { $0.display(bundle, displayID: displayID) } }

  /// Updates the display with `displayID` if this output shows it; false otherwise.
  func update(_ bundle: MimeBundle, displayID: String) -> Bool {
    lock.lock()
    let found = accumulator.update(bundle, displayID: displayID)
    if found { dirty = true }
    lock.unlock()
    if found { sendIfDue() }
    return found
  }

  /// Clears the outputs now, or (`wait`) when the next output arrives or `settle()` is
  /// called, so a re-rendered output never flashes empty.
  func clear(wait: Bool) {
    if wait {
      lock.withLock { clearPending = true }
    } else {
      change { $0 = OutputAccumulator() }
    }
  }

  /// Applies a waiting clear (the render it waited for produced nothing).
  func settle() {
    lock.withLock {
      if clearPending {
        accumulator = OutputAccumulator()
        clearPending = false
        dirty = true
      }
    }
  }

  func error(ename: String, evalue: String, traceback: [String]) {
    change { $0.error(ename: ename, evalue: evalue, traceback: traceback) }
  }

  /// Replaces every output at once (no state is sent until `flush`).
  func replace(with outputs: [NotebookOutput]) {
    lock.withLock {
      accumulator = OutputAccumulator()
      for o in outputs {
        switch o {
        case .stream(let name, let text): accumulator.stream(name, text)
        case .display(let data, let id): accumulator.display(data, displayID: id)
        case .result(let data, _): accumulator.display(data, displayID: nil)
        case .error(let ename, let evalue, let traceback): accumulator.error(ename: ename, evalue: evalue, traceback: traceback)
        }
      }
      dirty = true
    }
  }

  private func change(_ body: (inout OutputAccumulator) -> Void) {
    lock.lock()
    if clearPending {
      accumulator = OutputAccumulator()
      clearPending = false
    }
    body(&accumulator)
    dirty = true
    lock.unlock()
    sendIfDue()
  }

  private func sendIfDue() {
    let now = DispatchTime.now().uptimeNanoseconds
    let due = lock.withLock { now &- lastSent >= Self.interval }
    if due { flush() }
  }

  /// Sends the outputs now if they changed since they were last sent.
  func flush() {
    lock.lock()
    guard dirty else { lock.unlock(); return }
    dirty = false
    lastSent = DispatchTime.now().uptimeNanoseconds
    let json = JSONValue.array(accumulator.outputs.map(Self.json))
    lock.unlock()
    send?(json)
  }

  /// The `outputs` state as the Output widget's front end reads it (nbformat outputs).
  var json: JSONValue { .array(outputs.map(Self.json)) }

  static func json(_ o: NotebookOutput) -> JSONValue {
    func data(_ bundle: [String: String]) -> JSONValue {
      var out: [String: JSONValue] = [:]
      for (mime, text) in bundle {
        if mime.hasSuffix("json"), let parsed = try? JSONValue.parse(text) { out[mime] = parsed } else { out[mime] = .string(text) }
      }
      return .object(out)
    }
    switch o {
    case .stream(let name, let text): return ["output_type": "stream", "name": .string(name), "text": .string(text)]
    case .display(let d, _), .result(let d, _): return ["output_type": "display_data", "data": data(d), "metadata": [:]]
    case .error(let ename, let evalue, let traceback):
      return ["output_type": "error", "ename": .string(ename), "evalue": .string(evalue), "traceback": .array(traceback.map { .string($0) })]
    }
  }
}
