/// One output of a notebook cell, as Jupyter stores it in an `.ipynb` file.
public enum NotebookOutput: Equatable, Sendable {
  /// `stream`: text written to stdout or stderr (consecutive writes merged, as Jupyter does).
  case stream(name: String, text: String)
  /// `display_data`: a MIME bundle; `displayID` is the transient id updates address.
  case display(data: [String: String], displayID: String?)
  /// `execute_result`: the cell's value.
  case result(data: [String: String], executionCount: Int)
  /// `error`: what went wrong, with the rendered traceback (ANSI colours included).
  case error(ename: String, evalue: String, traceback: [String])

  /// The MIME bundle of a display or result; nil for streams and errors.
  public var data: [String: String]? {
    switch self {
    case .display(let d, _), .result(let d, _): return d
    default: return nil
    }
  }
}

/// Collects a cell's outputs from the session's output events the way a Jupyter front end
/// does: consecutive stream writes merge, `update_display_data` replaces every output with
/// that display id in place, and `clear_output(wait:)` clears now or at the next output.
public struct OutputAccumulator: Sendable {
  public private(set) var outputs: [NotebookOutput] = []
  private var clearPending = false

  public init() {}

  private mutating func applyPendingClear() {
    if clearPending {
      outputs = []
      clearPending = false
    }
  }

  public mutating func stream(_ name: String, _ text: String) {
    guard !text.isEmpty else { return }
    applyPendingClear()
    if case .stream(let last, let previous)? = outputs.last, last == name {
      outputs[outputs.count - 1] = .stream(name: name, text: previous + text)
    } else {
      outputs.append(.stream(name: name, text: text))
    }
  }

  public mutating func display(_ data: [String: String], displayID: String?) {
    applyPendingClear()
    outputs.append(.display(data: data, displayID: displayID))
  }

  /// Replaces the data of every display with `displayID`; false when none has it.
  @discardableResult
  public mutating func update(_ data: [String: String], displayID: String) -> Bool {
    var found = false
    for i in outputs.indices {
      if case .display(_, let id) = outputs[i], id == displayID {
        outputs[i] = .display(data: data, displayID: id)
        found = true
      }
    }
    return found
  }

  public mutating func clear(wait: Bool) {
    if wait { clearPending = true } else { outputs = []; clearPending = false }
  }

  public mutating func result(_ data: [String: String], executionCount: Int) {
    applyPendingClear()
    outputs.append(.result(data: data, executionCount: executionCount))
  }

  public mutating func error(ename: String, evalue: String, traceback: [String]) {
    applyPendingClear()
    outputs.append(.error(ename: ename, evalue: evalue, traceback: traceback))
  }
}
