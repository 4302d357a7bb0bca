import Foundation

/// A Jupyter client wired to a `KernelDispatcher` over an `InMemoryTransport`: signs requests
/// as jupyter_client does, runs them synchronously and decodes what the kernel sent. For
/// testing an interpreter adapter through the real protocol code without sockets, e.g.
///
///     let client = InMemoryKernelClient(interpreter: MyAdapter())
///     let request = client.execute("1 + 2 + 3")
///     client.replies(to: request).first?.content["status"]      // "ok"
///     client.iopubTypes(for: request)  // ["status:busy", "execute_input", "execute_result", "status:idle"]
public final class InMemoryKernelClient {
  public let key: String
  public let transport = InMemoryTransport()
  public let dispatcher: KernelDispatcher
  /// The client signs with its own authenticator (replay state is the kernel's).
  public let clientCodec: WireCodec
  public let builder = MessageBuilder(sessionID: "in-memory-client", username: "tester")
  public let identity = Array("client-id".utf8)
  private let lines = LogLines()

  final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
  }

  public init(interpreter: KernelInterpreter, key: String = "in-memory-test-key") {
    self.key = key
    clientCodec = WireCodec(authenticator: try! MessageAuthenticator(key: key))
    let kernelCodec = WireCodec(authenticator: try! MessageAuthenticator(key: key))
    let lines = self.lines
    dispatcher = KernelDispatcher(
      interpreter: interpreter, codec: kernelCodec, transport: transport,
      builder: MessageBuilder(sessionID: "kernel-session"), log: { lines.append($0) })
  }

  /// What the kernel logged (dropped messages, unknown types, closed comms).
  public var logLines: [String] { lines.all }

  /// A signed request as frames with one routing identity, and the message itself.
  public func frames(_ msgType: String, _ content: JSON) -> (frames: [[UInt8]], request: Message) {
    var request = builder.make(msgType, content: content, parent: nil)
    request.identities = [identity]
    return (clientCodec.encode(request), request)
  }

  /// Sends a request on shell (handled before this returns) and returns it.
  @discardableResult
  public func shell(_ msgType: String, _ content: JSON = [:]) -> Message {
    let (frames, request) = frames(msgType, content)
    dispatcher.handleShell(frames)
    return request
  }

  /// Sends a request on control (handled before this returns) and returns it.
  @discardableResult
  public func control(_ msgType: String, _ content: JSON = [:]) -> Message {
    let (frames, request) = frames(msgType, content)
    dispatcher.handleControl(frames)
    return request
  }

  /// An `execute_request` with the usual defaults, overridden by `extra`.
  @discardableResult
  public func execute(_ code: String, _ extra: [String: JSON] = [:]) -> Message {
    var content: [String: JSON] = ["code": .string(code), "silent": false, "store_history": true, "allow_stdin": false]
    content.merge(extra) { $1 }
    return shell("execute_request", .object(content))
  }

  /// Everything the kernel sent on `channel`, decoded (with a fresh codec, so decoding twice
  /// is not mistaken for a replay).
  public func decoded(_ channel: Channel) -> [Message] {
    let codec = WireCodec(authenticator: try! MessageAuthenticator(key: key))
    return transport.sent(on: channel).compactMap { try? codec.decode($0).get() }
  }

  /// The messages on `channel` whose parent is `request`.
  public func replies(to request: Message, on channel: Channel = .shell) -> [Message] {
    decoded(channel).filter { $0.parentHeader["msg_id"] == request.header["msg_id"] }
  }

  /// The iopub message types caused by `request`, in order; status as `status:<state>`.
  public func iopubTypes(for request: Message) -> [String] {
    replies(to: request, on: .iopub).map { m in
      m.msgType == "status" ? "status:\(m.content["execution_state"]?.stringValue ?? "")" : m.msgType
    }
  }

  /// Answers every `input_request` with `value`, as a client's prompt would.
  public func answerInputRequests(with value: String) {
    let codec = clientCodec
    let builder = self.builder
    let key = self.key
    transport.stdinResponder = { frames in
      guard case .success(let request) = WireCodec(authenticator: try! MessageAuthenticator(key: key)).decode(frames)
      else { return nil }
      var reply = builder.make("input_reply", content: ["value": .string(value)], parent: request)
      reply.identities = request.identities
      return codec.encode(reply)
    }
  }
}
