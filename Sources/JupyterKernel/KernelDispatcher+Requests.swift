extension KernelDispatcher {
  /// `complete_request`: matches for the text around `cursor_pos` (Unicode scalars).
  func handleComplete(_ request: Message) {
    let code = request.content["code"]?.stringValue ?? ""
    let scalarCount = code.unicodeScalars.count
    let cursor = min(max(0, request.content["cursor_pos"]?.intValue ?? scalarCount), scalarCount)
    let result = interpreter.complete(code: code, cursorPos: cursor)
    let start = min(max(0, result.cursorStart), cursor)
    let end = min(max(start, result.cursorEnd), scalarCount)
    reply(
      [
        "status": "ok", "matches": .array(result.matches.map(JSON.string)),
        "cursor_start": .int(start), "cursor_end": .int(end), "metadata": [:],
      ], to: request, on: .shell, type: "complete_reply")
  }

  /// `inspect_request`: documentation for the name at the cursor, `found: false` if none.
  func handleInspect(_ request: Message) {
    let code = request.content["code"]?.stringValue ?? ""
    let scalarCount = code.unicodeScalars.count
    let cursor = min(max(0, request.content["cursor_pos"]?.intValue ?? scalarCount), scalarCount)
    let detail = request.content["detail_level"]?.intValue ?? 0
    let bundle = interpreter.inspect(code: code, cursorPos: cursor, detailLevel: detail)
    reply(
      [
        "status": "ok", "found": .bool(bundle != nil), "data": .strings(bundle ?? [:]), "metadata": [:],
      ], to: request, on: .shell, type: "inspect_reply")
  }

  /// `is_complete_request`: complete, incomplete (with the indent for the next line),
  /// invalid or unknown.
  func handleIsComplete(_ request: Message) {
    let code = request.content["code"]?.stringValue ?? ""
    let content: JSON
    switch interpreter.isComplete(code: code) {
    case .complete: content = ["status": "complete"]
    case .incomplete(let indent): content = ["status": "incomplete", "indent": .string(indent)]
    case .invalid: content = ["status": "invalid"]
    case .unknown: content = ["status": "unknown"]
    }
    reply(content, to: request, on: .shell, type: "is_complete_reply")
  }
}
