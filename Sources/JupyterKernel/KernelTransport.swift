/// The five Jupyter channels (heartbeat is handled entirely by the transport).
public enum Channel: String, Sendable, CaseIterable {
  case shell, control, stdin, iopub
}

/// What the dispatcher needs from a transport: ZeroMQ sockets in production
/// (`ZMQTransport`), queues in tests (`InMemoryTransport`). Frames are raw multipart
/// messages; the dispatcher encodes and decodes them with its `WireCodec`.
///
/// Threading contract: `send(_:on: .shell)`, `send(_:on: .stdin)`, `takeQueuedShellRequests()`
/// and `receiveStdin(timeout:)` are called only from the thread that serves shell;
/// `send(_:on: .control)` only from the control thread; `publish` from any thread.
public protocol KernelTransport: AnyObject, Sendable {
  /// Sends one multipart message on shell, control or stdin.
  func send(_ frames: [[UInt8]], on channel: Channel)
  /// Queues one multipart message for iopub. Thread-safe; messages keep their order.
  func publish(_ frames: [[UInt8]])
  /// Removes and returns the shell requests that have arrived but not yet been handled
  /// (used to abort queued execute requests after an error).
  func takeQueuedShellRequests() -> [[[UInt8]]]
  /// Waits up to `timeout` seconds for the next message on stdin.
  func receiveStdin(timeout: Double) -> [[UInt8]]?
}
