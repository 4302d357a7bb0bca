/// The seam between the kernel and a language: the dispatcher does the protocol bookkeeping
/// (execution counts, busy/idle, history, aborts, stdin) and calls these hooks, xeus'
/// non-virtual-interface style. The kernel never imports an implementation; the executable
/// passes one in.

/// MIME type to text content, e.g. `["text/plain": "6", "text/html": "<b>6</b>"]`.
public typealias MimeBundle = [String: String]

/// Where an interpreter sends output while a cell runs. Thread-safe: background threads
/// (samplers reporting progress) may call it at any time. Stream text is coalesced and
/// flushed at least every 100 ms; displays flush pending stream text first so order holds.
public protocol KernelPublisher: AnyObject, Sendable {
  /// Text on `"stdout"` or `"stderr"`.
  func stream(name: String, text: String)
  /// A `display_data` message; with a `displayID` the output can later be updated in place.
  func displayData(_ data: MimeBundle, metadata: [String: String], displayID: String?)
  /// An `update_display_data` for the display created with the same `displayID`.
  func updateDisplayData(_ data: MimeBundle, metadata: [String: String], displayID: String)
  /// Clears the cell's output (`wait: true` waits for the next output before clearing).
  func clearOutput(wait: Bool)
  /// Opens a comm from the kernel (`comm_open` on iopub); `data` and `metadata` are JSON
  /// object texts. Comm messages are published even for a silent request (front ends
  /// need them to keep their models in step).
  func commOpen(commID: String, targetName: String, data: String, metadata: String)
  /// A `comm_msg` on iopub to the front ends of an open comm.
  func commMessage(commID: String, data: String)
  /// Closes a comm from the kernel (`comm_close` on iopub).
  func commClose(commID: String, data: String)
}

/// One `execute_request` as the interpreter sees it.
public struct ExecuteRequest: Sendable, Equatable {
  public var code: String
  public var silent: Bool
  public var storeHistory: Bool
  public var allowStdin: Bool
  /// The count shown as `In [n]` for this cell (already incremented when `storeHistory`).
  public var executionCount: Int

  public init(code: String, silent: Bool = false, storeHistory: Bool = true, allowStdin: Bool = false, executionCount: Int = 1) {
    self.code = code
    self.silent = silent
    self.storeHistory = storeHistory
    self.allowStdin = allowStdin
    self.executionCount = executionCount
  }
}

/// How a cell (or a user expression) ended.
public enum ExecuteOutcome: Sendable, Equatable {
  /// `result` becomes the `execute_result` (unless silent); each of `pages` becomes a
  /// payload `{source: "page", data, start: 0}` of the reply (what `help(x)` shows).
  case ok(result: MimeBundle?, pages: [MimeBundle])
  /// An error: `ename` such as `"TypeError"`, `evalue` the message, `traceback` the lines
  /// (ANSI colours allowed) that clients print.
  case error(ename: String, evalue: String, traceback: [String])
}

/// The `is_complete_reply` status of a piece of code.
public enum CompletenessStatus: Sendable, Equatable {
  case complete
  case incomplete(indent: String)
  case invalid
  case unknown
}

/// Completion candidates for the text between `cursorStart` and `cursorEnd`, positions in
/// Unicode scalars of the code (as protocol 5.2+ counts them).
public struct CompletionResult: Sendable, Equatable {
  public var matches: [String]
  public var cursorStart: Int
  public var cursorEnd: Int

  public init(matches: [String], cursorStart: Int, cursorEnd: Int) {
    self.matches = matches
    self.cursorStart = cursorStart
    self.cursorEnd = cursorEnd
  }
}

/// A language the kernel can run. Every method but `interrupt()` is called on the shell
/// thread, one at a time; `interrupt()` is called from the control thread while `execute`
/// runs and must make it return soon (with an error outcome) leaving the session usable.
public protocol KernelInterpreter: AnyObject, KernelCommHandler {
  var implementationName: String { get }
  var implementationVersion: String { get }
  var languageVersion: String { get }
  var banner: String { get }

  /// Runs a cell. `readInput(prompt, password)` asks the client for a line of input; it
  /// throws when stdin is not allowed for this request or when the cell is interrupted.
  func execute(
    _ request: ExecuteRequest, publisher: KernelPublisher,
    readInput: @escaping (_ prompt: String, _ password: Bool) throws -> String
  ) -> ExecuteOutcome
  /// Evaluates one entry of `user_expressions` after the cell; no output is published.
  func evaluateUserExpression(_ code: String) -> ExecuteOutcome
  func complete(code: String, cursorPos: Int) -> CompletionResult
  /// Documentation for the name at the cursor, or `nil` when there is none (`found: false`).
  func inspect(code: String, cursorPos: Int, detailLevel: Int) -> MimeBundle?
  func isComplete(code: String) -> CompletenessStatus
  /// Stops the running `execute` (called from the control thread).
  func interrupt()
  /// Forgets every binding: `shutdown_request` with `restart: true`.
  func restart()
}

/// The error `readInput` throws; its description is what the user should see.
public struct StdinError: Error, Equatable, CustomStringConvertible {
  public var ename: String
  public var message: String
  public var description: String { "\(ename): \(message)" }

  public static let notAllowed = StdinError(
    ename: "StdinNotImplementedError",
    message: "readLine() was called, but this frontend does not support input requests")
  public static let interrupted = StdinError(
    ename: "KeyboardInterrupt", message: "interrupted while waiting for input")
  public static let shutdown = StdinError(
    ename: "KernelShutdown", message: "the kernel is shutting down")
}
