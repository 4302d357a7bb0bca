import Foundation

/// Runs a kernel on the sockets described by a connection file until a `shutdown_request`
/// arrives, then returns its `restart` flag. The interpreter is used from the calling thread
/// (which serves shell) except for `interrupt()`, which the control thread calls.
///
/// - Throws: `ConnectionInfo.ParseError` for a bad connection file,
///   `MessageAuthenticator.SetupError` for an unsupported signature scheme, or the libzmq
///   error of a socket that could not be bound.
@discardableResult
public func runKernel(connectionFile: String, interpreter: KernelInterpreter) throws -> Bool {
  try runKernel(connection: ConnectionInfo(contentsOf: connectionFile), interpreter: interpreter)
}

/// Runs a kernel on `connection` (see `runKernel(connectionFile:interpreter:)`).
/// `onReady` receives the bound endpoints once the sockets are listening.
@discardableResult
public func runKernel(
  connection: ConnectionInfo, interpreter: KernelInterpreter,
  onReady: ([String: String]) -> Void = { _ in }
) throws -> Bool {
  // Clients interrupt with interrupt_request (interrupt_mode "message"); a stray SIGINT
  // from a terminal must not kill the session, and a vanished peer must not raise SIGPIPE.
  signal(SIGINT, SIG_IGN)
  signal(SIGPIPE, SIG_IGN)
  let authenticator = try MessageAuthenticator(
    key: Array(connection.key.utf8), signatureScheme: connection.signatureScheme)
  let codec = WireCodec(authenticator: authenticator)
  let builder = MessageBuilder()
  let transport = try ZMQTransport(connection: connection)
  let dispatcher = KernelDispatcher(
    interpreter: interpreter, codec: codec, transport: transport, builder: builder)
  dispatcher.onShutdown = { _ in transport.stop() }
  transport.welcome = { subscription in
    let topic = String(decoding: subscription.dropFirst(), as: UTF8.self)
    var message = builder.make("iopub_welcome", content: ["subscription": .string(topic)], parent: nil)
    message.identities = [Array(topic.utf8)]
    return codec.encode(message)
  }
  transport.startBackgroundThreads { frames in dispatcher.handleControl(frames) }
  watchParentProcess { reason in
    dispatcher.log("stopping: \(reason)")
    dispatcher.stopRunningCell()
    transport.stop()
  }
  onReady(transport.endpoints)
  transport.serveShell({ frames in dispatcher.handleShell(frames) }, beforeClose: { dispatcher.finishShutdown() })
  return dispatcher.shutdownRequested ?? false
}

/// When started by a Jupyter client (which sets `JPY_PARENT_PID`), stops the kernel once
/// that process is gone, as ipykernel's parent poller does, so kernels are not orphaned.
func watchParentProcess(onExit: @escaping @Sendable (String) -> Void) {
  guard let value = ProcessInfo.processInfo.environment["JPY_PARENT_PID"], let parent = pid_t(value), parent > 1 else {
    return
  }
  let original = getppid()
  Thread.detachNewThread {
    while true {
      sleep(1)
      if getppid() != original || (kill(parent, 0) != 0 && errno == ESRCH) {
        onExit("the parent process \(parent) has exited")
        return
      }
    }
  }
}
