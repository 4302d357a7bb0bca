import Foundation

/// The kernel core: decodes requests, does the protocol's bookkeeping and calls the
/// `KernelInterpreter`. It knows no sockets (a `KernelTransport` carries frames) and no
/// language (the interpreter is injected).
///
/// ```
///  shell thread                          control thread
///  ────────────                          ──────────────
///  frames ─▶ WireCodec.decode            frames ─▶ WireCodec.decode
///             │ bad/forged/replayed ─▶ log, drop   │
///             ▼                                     ▼
///  iopub: status busy                    iopub: status busy
///             │                                     │
///     ┌───────┼───────────┬──────────┐     ┌────────┼───────────┐
///     ▼       ▼           ▼          ▼     ▼        ▼           ▼
///  execute  complete   history   comm_*  interrupt shutdown  kernel_info
///     │     inspect    (memory)  (comm      │     (restart?)
///     │     is_complete          hooks)     └─▶ interpreter.interrupt()
///     ▼
///  execute_input ─▶ interpreter.execute ─▶ stream/display (StreamPublisher, ≤100 ms)
///     │                 ▲ readInput ─▶ stdin: input_request ◀─▶ input_reply
///     ▼
///  execute_result | error ─▶ user_expressions ─▶ execute_reply
///     │
///  iopub: status idle  (right after the reply)
///     │ error && stop_on_error
///     ▼
///  queued execute_requests ─▶ execute_reply status "error" (ExecutionAborted)
/// ```
///
/// Every iopub message goes through one `IOPubChannel`; every request gets busy first and
/// idle right after its reply.
public final class KernelDispatcher: @unchecked Sendable {
  public static let helpLinks: JSON = [
    ["text": "Swift language", "url": "https://docs.swift.org/swift-book/"],
    ["text": "NumPyro (API names)", "url": "https://num.pyro.ai/en/stable/"],
    ["text": "Jupyter messaging protocol", "url": "https://jupyter-client.readthedocs.io/en/latest/messaging.html"],
  ]

  let interpreter: KernelInterpreter
  let codec: WireCodec
  let builder: MessageBuilder
  let transport: KernelTransport
  let iopub: IOPubChannel
  let log: @Sendable (String) -> Void

  // Shell-thread state.
  var executionCount = 0
  var history = HistoryStore()
  /// Shell requests taken off the transport but not yet handled (coalescing comm
  /// messages looks ahead); `handleShell` handles them before returning.
  var pendingRequests: [Message] = []

  // Shared state.
  private let stateLock = NSLock()
  private var interruptPending = false
  private var shutdownState: Bool?  // nil while running; the restart flag once shut down
  var sessionResetDone = false

  /// Called once (from the thread that handled it) after the `shutdown_reply` was sent.
  public var onShutdown: (@Sendable (_ restart: Bool) -> Void)?

  public init(
    interpreter: KernelInterpreter, codec: WireCodec, transport: KernelTransport,
    builder: MessageBuilder = MessageBuilder(),
    log: @escaping @Sendable (String) -> Void = KernelDispatcher.logToStandardError
  ) {
    self.interpreter = interpreter
    self.codec = codec
    self.builder = builder
    self.transport = transport
    self.iopub = IOPubChannel(builder: builder, codec: codec, transport: transport)
    self.log = log
  }

  @Sendable public static func logToStandardError(_ line: String) {
    FileHandle.standardError.write(Data("[SwiftBayes kernel] \(line)\n".utf8))
  }

  /// The restart flag of the `shutdown_request` that stopped the kernel, or `nil`.
  public var shutdownRequested: Bool? {
    stateLock.lock()
    defer { stateLock.unlock() }
    return shutdownState
  }

  func recordShutdown(restart: Bool) {
    stateLock.lock()
    shutdownState = restart
    stateLock.unlock()
  }

  var interruptFlag: Bool {
    get { stateLock.lock(); defer { stateLock.unlock() }; return interruptPending }
    set { stateLock.lock(); interruptPending = newValue; stateLock.unlock() }
  }

  /// Handles one multipart message from the shell socket (call on the shell thread).
  public func handleShell(_ frames: [[UInt8]]) {
    guard let request = decode(frames, channel: .shell) else { return }
    handleDecoded(request)
    while !pendingRequests.isEmpty { handleDecoded(pendingRequests.removeFirst()) }
  }

  /// Dispatches one decoded shell request between busy and idle (execute publishes its
  /// own idle right after the reply, before aborting queued requests).
  func handleDecoded(_ request: Message) {
    iopub.status("busy", parent: request)
    switch request.msgType {
    case "execute_request": handleExecute(request)
    case "kernel_info_request": reply(kernelInfoReply(), to: request, on: .shell, type: "kernel_info_reply")
    case "complete_request": handleComplete(request)
    case "inspect_request": handleInspect(request)
    case "is_complete_request": handleIsComplete(request)
    case "history_request":
      reply(["status": "ok", "history": history.reply(to: request.content)], to: request, on: .shell, type: "history_reply")
    case "comm_info_request": handleCommInfo(request)
    case "comm_open": handleCommOpen(request)
    case "comm_msg": handleCommMessage(request)  // publishes its own idle
    case "comm_close": handleCommClose(request)
    case "shutdown_request": handleShutdown(request, on: .shell)
    case "interrupt_request": handleInterrupt(request, on: .shell)
    default: log("ignoring unknown shell message type '\(request.msgType)'")
    }
    if request.msgType != "execute_request" && request.msgType != "comm_msg" { iopub.status("idle", parent: request) }
  }

  /// Handles one multipart message from the control socket (call on the control thread;
  /// it runs while the shell thread is inside `execute`).
  public func handleControl(_ frames: [[UInt8]]) {
    guard let request = decode(frames, channel: .control) else { return }
    iopub.status("busy", parent: request)
    switch request.msgType {
    case "interrupt_request": handleInterrupt(request, on: .control)
    case "shutdown_request": handleShutdown(request, on: .control)
    case "kernel_info_request": reply(kernelInfoReply(), to: request, on: .control, type: "kernel_info_reply")
    default: log("ignoring unknown control message type '\(request.msgType)'")
    }
    iopub.status("idle", parent: request)
  }

  func decode(_ frames: [[UInt8]], channel: Channel) -> Message? {
    switch codec.decode(frames) {
    case .success(let message): return message
    case .failure(let error):
      log("dropped a message on \(channel.rawValue): \(error)")
      return nil
    }
  }

  func reply(_ content: JSON, to request: Message, on channel: Channel, type: String) {
    let message = builder.make(type, content: content, parent: request)
    transport.send(codec.encode(message), on: channel)
  }
}
