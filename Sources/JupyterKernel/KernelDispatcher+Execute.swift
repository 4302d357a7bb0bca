import Foundation

extension KernelDispatcher {
  /// `execute_request`: execute_input, the interpreter's outputs, execute_result or error,
  /// user_expressions, the reply; after an error with `stop_on_error`, aborts the execute
  /// requests already queued.
  func handleExecute(_ request: Message) {
    let content = request.content
    guard let code = content["code"]?.stringValue else {
      rejectExecute(request, field: "code", found: content["code"])
      return
    }
    let silent = content["silent"]?.boolValue ?? false
    let storeHistory = silent ? false : (content["store_history"]?.boolValue ?? true)
    let allowStdin = content["allow_stdin"]?.boolValue ?? false
    let stopOnError = content["stop_on_error"]?.boolValue ?? true

    if storeHistory {
      executionCount += 1
      history.append(line: executionCount, input: code)
    }
    let count = executionCount
    if !silent {
      iopub.send("execute_input", content: ["code": .string(code), "execution_count": .int(count)], parent: request)
    }

    interruptFlag = false
    let publisher = StreamPublisher(parent: request, iopub: iopub, silent: silent)
    let executeRequest = ExecuteRequest(
      code: code, silent: silent, storeHistory: storeHistory, allowStdin: allowStdin, executionCount: count)
    let outcome = interpreter.execute(executeRequest, publisher: publisher) { [self] prompt, password in
      guard allowStdin else { throw StdinError.notAllowed }
      publisher.flush()
      return try requestInput(prompt: prompt, password: password, parent: request)
    }
    publisher.flush()

    var replyContent: [String: JSON] = ["execution_count": .int(count)]
    let failed: Bool
    switch outcome {
    case .ok(let result, let pages):
      if let result, !silent {
        publisher.sendAfterFlush(
          "execute_result",
          content: ["execution_count": .int(count), "data": .mimeBundle(result), "metadata": [:]])
        if storeHistory, let text = result["text/plain"] { history.setOutput(line: count, output: text) }
      }
      replyContent["status"] = "ok"
      replyContent["payload"] = .array(pages.map { ["source": "page", "data": .strings($0), "start": 0] })
      replyContent["user_expressions"] = evaluateUserExpressions(content["user_expressions"])
      failed = false
    case .error(let ename, let evalue, let traceback):
      if !silent {
        publisher.sendAfterFlush("error", content: KernelDispatcher.errorContent(ename, evalue, traceback))
      }
      replyContent.merge(KernelDispatcher.errorContent(ename, evalue, traceback).objectValue!) { $1 }
      replyContent["status"] = "error"
      replyContent["payload"] = []
      replyContent["user_expressions"] = [:]
      failed = true
    }
    // Take the requests to abort before replying: a request the client sends after it has
    // seen this error reply was not queued behind the failed cell and must run.
    let queued = failed && stopOnError ? takeQueuedRequests() : []
    reply(.object(replyContent), to: request, on: .shell, type: "execute_reply")
    iopub.status("idle", parent: request)
    abortQueuedExecutes(queued)
  }

  /// Answers an `execute_request` whose content is malformed (a missing or mistyped
  /// field) with an error reply naming the field; nothing runs and the execution count
  /// stays. (Running it as an empty cell would tell the client all went well.)
  func rejectExecute(_ request: Message, field: String, found: JSON?) {
    let got: String
    switch found {
    case nil: got = "it is missing"
    case .null?: got = "it is null"
    case .bool?: got = "it is a boolean"
    case .int?, .double?: got = "it is a number"
    case .array?: got = "it is an array"
    case .object?: got = "it is an object"
    case .string?: got = "it is a string"
    }
    log("rejected an execute_request: '\(field)' \(got)")
    var content = KernelDispatcher.errorContent(
      "InvalidRequest", "execute_request content needs '\(field)', a string; \(got)", []
    ).objectValue!
    content["status"] = "error"
    content["execution_count"] = .int(executionCount)
    content["payload"] = []
    content["user_expressions"] = [:]
    reply(.object(content), to: request, on: .shell, type: "execute_reply")
    iopub.status("idle", parent: request)
  }

  static func errorContent(_ ename: String, _ evalue: String, _ traceback: [String]) -> JSON {
    ["ename": .string(ename), "evalue": .string(evalue), "traceback": .array(traceback.map(JSON.string))]
  }

  func evaluateUserExpressions(_ expressions: JSON?) -> JSON {
    guard let expressions = expressions?.objectValue else { return [:] }
    var results: [String: JSON] = [:]
    for (name, code) in expressions {
      switch interpreter.evaluateUserExpression(code.stringValue ?? "") {
      case .ok(let result, _):
        results[name] = ["status": "ok", "data": .strings(result ?? [:]), "metadata": [:]]
      case .error(let ename, let evalue, let traceback):
        var entry = KernelDispatcher.errorContent(ename, evalue, traceback).objectValue!
        entry["status"] = "error"
        results[name] = .object(entry)
      }
    }
    return .object(results)
  }

  /// Replies to each queued execute request with status `error` and ename
  /// `ExecutionAborted`; other queued requests are handled normally.
  func abortQueuedExecutes(_ queued: [Message]) {
    for queued in queued {
      guard queued.msgType == "execute_request" else {
        handleDecoded(queued)
        continue
      }
      iopub.status("busy", parent: queued)
      var content = KernelDispatcher.errorContent(
        "ExecutionAborted", "Execution aborted: an earlier cell raised an error (stop_on_error)", []
      ).objectValue!
      content["status"] = "error"
      content["execution_count"] = .int(executionCount)
      content["payload"] = []
      content["user_expressions"] = [:]
      reply(.object(content), to: queued, on: .shell, type: "execute_reply")
      iopub.status("idle", parent: queued)
    }
  }

  /// Sends `input_request` on stdin and waits for the matching `input_reply`, giving up
  /// when the cell is interrupted or the kernel shuts down.
  func requestInput(prompt: String, password: Bool, parent: Message) throws -> String {
    let request = builder.make("input_request", content: ["prompt": .string(prompt), "password": .bool(password)], parent: parent)
    transport.send(codec.encode(request), on: .stdin)
    while true {
      if interruptFlag { throw shutdownRequested != nil ? StdinError.shutdown : StdinError.interrupted }
      guard let frames = transport.receiveStdin(timeout: 0.05) else { continue }
      guard let reply = decode(frames, channel: .stdin) else { continue }
      guard reply.msgType == "input_reply" else {
        log("ignoring '\(reply.msgType)' on stdin while waiting for input_reply")
        continue
      }
      return reply.content["value"]?.stringValue ?? ""
    }
  }
}
