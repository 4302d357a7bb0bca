internal import CZeroMQ
import Foundation

/// The kernel's ZeroMQ sockets and the threads that serve them:
///
/// - shell, control, stdin: ROUTER; shell (and stdin, during `readInput`) is served by the
///   thread that calls `serveShell`, control by its own thread so interrupts arrive while a
///   cell runs;
/// - iopub: XPUB, owned by the iopub thread, which forwards what `publish` pushes through an
///   inproc PUSH/PULL pair and answers every subscription with `iopub_welcome` (JEP 65);
/// - heartbeat: ROUTER echoed by `zmq_proxy` on its own thread, as ipykernel does.
public final class ZMQTransport: KernelTransport, @unchecked Sendable {
  let context = ZMQContext()
  let shell: ZMQSocket
  let control: ZMQSocket
  let stdin: ZMQSocket
  let iopub: ZMQSocket
  let heartbeat: ZMQSocket
  private let publishPush: ZMQSocket
  private let publishPull: ZMQSocket
  private let publishLock = NSLock()
  private let stateLock = NSLock()
  private var running = true
  private var iopubRunning = true
  private let controlDone = DispatchSemaphore(value: 0)
  private let iopubDone = DispatchSemaphore(value: 0)
  private let heartbeatDone = DispatchSemaphore(value: 0)
  /// The endpoints bound, by channel name (`shell`, …, `hb`).
  public private(set) var endpoints: [String: String] = [:]
  /// Makes the `iopub_welcome` frames for a subscription frame (`\x01topic`); set before
  /// the threads start.
  var welcome: (@Sendable (_ subscription: [UInt8]) -> [[UInt8]])?

  public init(connection: ConnectionInfo) throws {
    shell = try ZMQSocket(context, type: ZMQ_ROUTER, name: "shell")
    control = try ZMQSocket(context, type: ZMQ_ROUTER, name: "control")
    stdin = try ZMQSocket(context, type: ZMQ_ROUTER, name: "stdin")
    iopub = try ZMQSocket(context, type: ZMQ_XPUB, name: "iopub")
    heartbeat = try ZMQSocket(context, type: ZMQ_ROUTER, name: "hb")
    publishPush = try ZMQSocket(context, type: ZMQ_PUSH, name: "iopub-push")
    publishPull = try ZMQSocket(context, type: ZMQ_PULL, name: "iopub-pull")
    for socket in [shell, control, stdin, iopub, heartbeat, publishPush, publishPull] {
      // A short linger lets the last reply and idle leave at shutdown without hanging.
      try socket.setOption(ZMQ_LINGER, 200)
    }
    try iopub.setOption(ZMQ_XPUB_VERBOSE, 1)  // every subscription, not just the first
    try iopub.setOption(ZMQ_SNDHWM, 0)
    let pairs: [(ZMQSocket, Int)] = [
      (shell, connection.shellPort), (control, connection.controlPort), (stdin, connection.stdinPort),
      (iopub, connection.iopubPort), (heartbeat, connection.heartbeatPort),
    ]
    for (socket, port) in pairs {
      let endpoint =
        port == 0 && connection.transport == "tcp"
        ? "tcp://\(connection.ip):*" : connection.endpoint(port: port)
      endpoints[socket.name] = try socket.bind(endpoint)
    }
    let inproc = "inproc://iopub-\(UUID().uuidString)"
    try publishPull.bind(inproc)
    try publishPush.connect(inproc)
  }

  var isRunning: Bool {
    stateLock.lock(); defer { stateLock.unlock() }
    return running
  }

  /// Makes `serveShell` and the control thread return (after the current request).
  public func stop() {
    stateLock.lock(); running = false; stateLock.unlock()
  }

  // MARK: KernelTransport

  public func send(_ frames: [[UInt8]], on channel: Channel) {
    switch channel {
    case .shell: shell.send(frames)
    case .control: control.send(frames)
    case .stdin: stdin.send(frames)
    case .iopub: publish(frames)
    }
  }

  public func publish(_ frames: [[UInt8]]) {
    publishLock.lock()
    publishPush.send(frames)
    publishLock.unlock()
  }

  public func takeQueuedShellRequests() -> [[[UInt8]]] {
    var queued: [[[UInt8]]] = []
    while let frames = shell.receive(dontWait: true) { queued.append(frames) }
    return queued
  }

  public func receiveStdin(timeout: Double) -> [[UInt8]]? {
    guard !ZMQSocket.poll([stdin], timeout: timeout).isEmpty else { return nil }
    return stdin.receive(dontWait: true)
  }

  // MARK: Threads

  /// Starts the heartbeat, iopub and control threads.
  func startBackgroundThreads(control handleControl: @escaping @Sendable ([[UInt8]]) -> Void) {
    Thread.detachNewThread { [self] in
      zmq_proxy(heartbeat.handle, heartbeat.handle, nil)  // returns ETERM at shutdown
      heartbeatDone.signal()
    }
    Thread.detachNewThread { [self] in
      serveIOPub()
      iopubDone.signal()
    }
    Thread.detachNewThread { [self] in
      while isRunning {
        guard !ZMQSocket.poll([control], timeout: 0.1).isEmpty else { continue }
        while let frames = control.receive(dontWait: true) { handleControl(frames) }
      }
      controlDone.signal()
    }
  }

  private func serveIOPub() {
    while true {
      stateLock.lock()
      let keepGoing = iopubRunning
      stateLock.unlock()
      let ready = ZMQSocket.poll([publishPull, iopub], timeout: keepGoing ? 0.1 : 0)
      if ready.contains(1) {
        while let subscription = iopub.receive(dontWait: true) {
          // XPUB delivers `\x01topic` for subscribe and `\x00topic` for unsubscribe.
          if subscription.first?.first == 1, let welcome { iopub.send(welcome(subscription[0])) }
        }
      }
      if ready.contains(0) {
        while let frames = publishPull.receive(dontWait: true) { iopub.send(frames) }
      }
      if !keepGoing && ready.isEmpty { return }
    }
  }

  /// Serves shell on the calling thread until `stop()`; then drains iopub and closes
  /// everything.
  func serveShell(_ handleShell: ([[UInt8]]) -> Void, beforeClose: () -> Void) {
    while isRunning {
      guard !ZMQSocket.poll([shell], timeout: 0.1).isEmpty else { continue }
      while isRunning, let frames = shell.receive(dontWait: true) { handleShell(frames) }
    }
    controlDone.wait()
    beforeClose()
    stateLock.lock(); iopubRunning = false; stateLock.unlock()
    iopubDone.wait()
    context.shutdown()
    heartbeatDone.wait()
    for socket in [shell, control, stdin, iopub, heartbeat, publishPush, publishPull] { socket.close() }
    context.terminate()
  }
}
