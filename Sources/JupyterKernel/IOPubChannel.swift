import Foundation

/// The single way onto iopub: builds, signs and hands messages to the transport under one
/// lock, so messages from the shell thread, the control thread and sampler threads never
/// interleave or reorder. The transport's iopub socket itself is owned by one thread.
final class IOPubChannel: @unchecked Sendable {
  let builder: MessageBuilder
  let codec: WireCodec
  let transport: KernelTransport
  let flusher = StreamFlusher()
  private let lock = NSRecursiveLock()

  init(builder: MessageBuilder, codec: WireCodec, transport: KernelTransport) {
    self.builder = builder
    self.codec = codec
    self.transport = transport
  }

  /// Publishes `msgType` with `content` as a child of `parent`. The topic frame is
  /// `kernel.<session>.<msg_type>`, as ipykernel names it.
  func send(_ msgType: String, content: JSON, parent: Message?, metadata: JSON = [:]) {
    var message = builder.make(msgType, content: content, parent: parent, metadata: metadata)
    message.identities = [Array("kernel.\(builder.sessionID).\(msgType)".utf8)]
    let frames = codec.encode(message)
    lock.lock()
    transport.publish(frames)
    lock.unlock()
  }

  func status(_ state: String, parent: Message?) {
    send("status", content: ["execution_state": .string(state)], parent: parent)
  }

  /// Runs `body` holding the channel's lock, so a publisher can flush buffered text and
  /// send a display atomically with respect to other threads.
  func withLock<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }
}
