/// comm_info, comm_open, comm_msg, comm_close: the comm bookkeeping around the
/// interpreter's `KernelCommHandler` hooks.
///
/// ```
///  comm_open ──▶ interpreter.commOpen ──false──▶ iopub comm_close (unknown target)
///  comm_msg  ──▶ + queued comm_msgs to the same comm ─ coalesceCommMessages ─▶ one commMessage
///  comm_close ─▶ interpreter.commClose
/// ```
extension KernelDispatcher {
  /// `comm_info_request`: the open comms, `{comm_id: {target_name}}`, only those of
  /// `target_name` when the request names one.
  func handleCommInfo(_ request: Message) {
    let target = request.content["target_name"]?.stringValue
    var comms: [String: JSON] = [:]
    for (id, name) in interpreter.openComms() where target == nil || target == name {
      comms[id] = ["target_name": .string(name)]
    }
    reply(["status": "ok", "comms": .object(comms)], to: request, on: .shell, type: "comm_info_reply")
  }

  /// `comm_open` from a front end: the interpreter accepts it, or the kernel closes it at
  /// once with a `comm_close` on iopub (what the protocol asks for an unknown target).
  func handleCommOpen(_ request: Message) {
    guard let commID = request.content["comm_id"]?.stringValue,
      let target = request.content["target_name"]?.stringValue
    else {
      log("dropped a comm_open without a string comm_id and target_name")
      return
    }
    interruptFlag = false
    let publisher = StreamPublisher(parent: request, iopub: iopub, silent: false)
    let data = request.content["data"].map { $0.text } ?? "{}"
    let accepted = interpreter.commOpen(commID: commID, targetName: target, data: data, publisher: publisher)
    publisher.flush()
    if !accepted {
      log("closing comm \(commID): no comm target '\(target)'")
      iopub.send("comm_close", content: ["comm_id": .string(commID), "data": [:]], parent: request)
    }
  }

  /// `comm_msg` from a front end (its busy already went out; this publishes its idle).
  ///
  /// Messages to the same comm already queued behind it are offered to the interpreter
  /// for coalescing (a dragged slider's `update`s): each superseded message gets its
  /// busy/idle, and the interpreter handles the merged payload once, as a child of the
  /// last. Requests queued behind those are handled next, in order.
  func handleCommMessage(_ request: Message) {
    guard let commID = request.content["comm_id"]?.stringValue else {
      log("dropped a comm_msg without a string comm_id")
      iopub.status("idle", parent: request)
      return
    }
    var data = request.content["data"].map { $0.text } ?? "{}"
    var handled = request
    var queued = takeQueuedRequests()
    var taken = 0
    for next in queued {
      guard next.msgType == "comm_msg", next.content["comm_id"]?.stringValue == commID,
        let merged = interpreter.coalesceCommMessages(data, next.content["data"].map { $0.text } ?? "{}")
      else { break }
      iopub.status("idle", parent: handled)
      iopub.status("busy", parent: next)
      handled = next
      data = merged
      taken += 1
    }
    queued.removeFirst(taken)
    pendingRequests = queued
    interruptFlag = false
    let publisher = StreamPublisher(parent: handled, iopub: iopub, silent: false)
    interpreter.commMessage(commID: commID, data: data, publisher: publisher)
    publisher.flush()
    iopub.status("idle", parent: handled)
  }

  /// `comm_close` from a front end.
  func handleCommClose(_ request: Message) {
    guard let commID = request.content["comm_id"]?.stringValue else { return }
    let publisher = StreamPublisher(parent: request, iopub: iopub, silent: false)
    interpreter.commClose(commID: commID, data: request.content["data"].map { $0.text } ?? "{}", publisher: publisher)
    publisher.flush()
  }

  /// The shell requests waiting to be handled, decoded, oldest first: those already taken
  /// off the transport (while coalescing), then the transport's queue.
  func takeQueuedRequests() -> [Message] {
    let earlier = pendingRequests
    pendingRequests = []
    return earlier + transport.takeQueuedShellRequests().compactMap { decode($0, channel: .shell) }
  }
}
