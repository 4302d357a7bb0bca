/// kernel_info, interrupt and shutdown: the requests the control thread serves (shell
/// accepts them too).
extension KernelDispatcher {
  func kernelInfoReply() -> JSON {
    [
      "status": "ok",
      "protocol_version": .string(MessageBuilder.protocolVersion),
      "implementation": .string(interpreter.implementationName),
      "implementation_version": .string(interpreter.implementationVersion),
      "language_info": [
        "name": "swift",
        "version": .string(interpreter.languageVersion),
        "mimetype": "text/x-swift",
        "file_extension": ".swift",
        "pygments_lexer": "swift",
        "codemirror_mode": "swift",
        "nbconvert_exporter": "script",
      ],
      "banner": .string(interpreter.banner),
      "help_links": KernelDispatcher.helpLinks,
      "debugger": false,
    ]
  }

  func handleInterrupt(_ request: Message, on channel: Channel) {
    interruptFlag = true
    interpreter.interrupt()
    reply(["status": "ok"], to: request, on: channel, type: "interrupt_reply")
  }

  func handleShutdown(_ request: Message, on channel: Channel) {
    let restart = request.content["restart"]?.boolValue ?? false
    recordShutdown(restart: restart)
    interruptFlag = true  // wakes a cell waiting for input
    if channel == .control { interpreter.interrupt() }  // stops a running cell
    reply(["status": "ok", "restart": .bool(restart)], to: request, on: channel, type: "shutdown_reply")
    if channel == .shell { finishShutdown() }
    onShutdown?(restart)
  }

  /// Interrupts the running cell and wakes a pending `readInput` (the kernel is going away).
  public func stopRunningCell() {
    interruptFlag = true
    interpreter.interrupt()
  }

  /// After a `shutdown_request` with `restart: true`, resets the session: the interpreter's
  /// bindings, the execution count and the history. Call on the shell thread (the transport
  /// does so when its shell loop ends; a shutdown on shell does it at once). Idempotent.
  public func finishShutdown() {
    guard shutdownRequested == true, !sessionResetDone else { return }
    sessionResetDone = true
    interpreter.restart()
    executionCount = 0
    history.reset()
  }
}
