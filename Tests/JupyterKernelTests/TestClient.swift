import Foundation
import JupyterKernel

/// A client for in-memory dispatcher tests: signs requests like jupyter_client, feeds them
/// to a `KernelDispatcher` over an `InMemoryTransport` and decodes what comes back.
final class TestClient {
  static let key = "0123456789abcdef-test-key"
  let interpreter = FakeInterpreter()
  let transport = InMemoryTransport()
  let dispatcher: KernelDispatcher
  /// The client side signs with its own authenticator (replay state is the kernel's).
  let clientCodec = WireCodec(authenticator: try! MessageAuthenticator(key: TestClient.key))
  let client = MessageBuilder(sessionID: "client-session", username: "tester")
  let logLines = LogLines()

  final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
  }

  init() {
    let kernelCodec = WireCodec(authenticator: try! MessageAuthenticator(key: TestClient.key))
    let lines = logLines
    dispatcher = KernelDispatcher(
      interpreter: interpreter, codec: kernelCodec, transport: transport,
      builder: MessageBuilder(sessionID: "kernel-session"), log: { lines.append($0) })
  }

  /// A signed request, as frames with one routing identity.
  func frames(_ msgType: String, _ content: JSON) -> (frames: [[UInt8]], request: Message) {
    var request = client.make(msgType, content: content, parent: nil)
    request.identities = [Array("client-id".utf8)]
    return (clientCodec.encode(request), request)
  }

  /// Sends a request on shell and returns it (with its msg_id).
  @discardableResult
  func shell(_ msgType: String, _ content: JSON = [:]) -> Message {
    let (frames, request) = frames(msgType, content)
    dispatcher.handleShell(frames)
    return request
  }

  @discardableResult
  func control(_ msgType: String, _ content: JSON = [:]) -> Message {
    let (frames, request) = frames(msgType, content)
    dispatcher.handleControl(frames)
    return request
  }

  func execute(_ code: String, _ extra: [String: JSON] = [:]) -> Message {
    var content: [String: JSON] = ["code": .string(code), "silent": false, "store_history": true, "allow_stdin": false]
    content.merge(extra) { $1 }
    return shell("execute_request", .object(content))
  }

  func decoded(_ channel: Channel) -> [Message] {
    let codec = WireCodec(authenticator: try! MessageAuthenticator(key: TestClient.key))
    return transport.sent(on: channel).map { frames in
      guard case .success(let m) = codec.decode(frames) else { fatalError("kernel sent an undecodable message") }
      return m
    }
  }

  /// The replies on `channel` whose parent is `request`.
  func replies(to request: Message, on channel: Channel = .shell) -> [Message] {
    decoded(channel).filter { $0.parentHeader["msg_id"] == request.header["msg_id"] }
  }

  /// The iopub message types caused by `request`, in order (status shown as status:state).
  func iopubTypes(for request: Message) -> [String] {
    replies(to: request, on: .iopub).map { m in
      m.msgType == "status" ? "status:\(m.content["execution_state"]?.stringValue ?? "")" : m.msgType
    }
  }
}
