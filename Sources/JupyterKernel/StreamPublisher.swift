import Foundation

/// The `KernelPublisher` handed to the interpreter for one request. Its messages are children
/// of that request. Stream text is buffered per stream name and flushed 50 ms after the first
/// unflushed write by the channel's `StreamFlusher` (so at least every 100 ms), before any
/// display or clear, and by the dispatcher before the reply. When the request is silent nothing is published.
final class StreamPublisher: KernelPublisher, @unchecked Sendable {
  let parent: Message
  let iopub: IOPubChannel
  let silent: Bool
  private let lock = NSLock()
  private var pending: [(name: String, text: String)] = []
  private var flushScheduled = false

  init(parent: Message, iopub: IOPubChannel, silent: Bool) {
    self.parent = parent
    self.iopub = iopub
    self.silent = silent
  }

  func stream(name: String, text: String) {
    guard !silent, !text.isEmpty else { return }
    lock.lock()
    if let last = pending.last, last.name == name {
      pending[pending.count - 1].text += text
    } else {
      pending.append((name, text))
    }
    let schedule = !flushScheduled
    flushScheduled = true
    lock.unlock()
    if schedule { iopub.flusher.schedule(self) }
  }

  /// Publishes buffered stream text now.
  func flush() {
    iopub.withLock {
      lock.lock()
      let chunks = pending
      pending = []
      flushScheduled = false
      lock.unlock()
      for chunk in chunks {
        iopub.send("stream", content: ["name": .string(chunk.name), "text": .string(chunk.text)], parent: parent)
      }
    }
  }

  func displayData(_ data: MimeBundle, metadata: [String: String], displayID: String?) {
    guard !silent else { return }
    var content: [String: JSON] = ["data": .mimeBundle(data), "metadata": .strings(metadata)]
    content["transient"] = displayID.map { ["display_id": .string($0)] } ?? [:]
    sendAfterFlush("display_data", content: .object(content))
  }

  func updateDisplayData(_ data: MimeBundle, metadata: [String: String], displayID: String) {
    guard !silent else { return }
    sendAfterFlush(
      "update_display_data",
      content: ["data": .mimeBundle(data), "metadata": .strings(metadata), "transient": ["display_id": .string(displayID)]])
  }

  func clearOutput(wait: Bool) {
    guard !silent else { return }
    sendAfterFlush("clear_output", content: ["wait": .bool(wait)])
  }

  func commOpen(commID: String, targetName: String, data: String, metadata: String) {
    // The metadata goes in the message's metadata part, where front ends read it (the
    // widget manager checks `metadata.version`), as ipykernel's comms send it.
    sendAfterFlush(
      "comm_open",
      content: ["comm_id": .string(commID), "target_name": .string(targetName), "data": parsedObject(data, what: "comm_open data")],
      metadata: parsedObject(metadata, what: "comm_open metadata"))
  }

  func commMessage(commID: String, data: String) {
    sendAfterFlush("comm_msg", content: ["comm_id": .string(commID), "data": parsedObject(data, what: "comm_msg data")])
  }

  func commClose(commID: String, data: String) {
    sendAfterFlush("comm_close", content: ["comm_id": .string(commID), "data": parsedObject(data, what: "comm_close data")])
  }

  /// The JSON object an interpreter sent as text; an empty object (and a log line on
  /// stderr) when the text is not one, so a bad payload never breaks the message.
  private func parsedObject(_ text: String, what: String) -> JSON {
    if let json = try? JSON.parse(text), json.objectValue != nil { return json }
    KernelDispatcher.logToStandardError("\(what) is not a JSON object; sent {} instead")
    return [:]
  }

  /// Sends a message the dispatcher makes for this request (execute_result, error) after
  /// any buffered text.
  func sendAfterFlush(_ msgType: String, content: JSON, metadata: JSON = [:]) {
    iopub.withLock {
      flush()
      iopub.send(msgType, content: content, parent: parent, metadata: metadata)
    }
  }
}
