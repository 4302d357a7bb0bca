import Foundation
import JupyterKernel

/// The library's `InMemoryKernelClient` around a `FakeInterpreter`, for dispatcher tests.
final class TestClient {
  static let key = "0123456789abcdef-test-key"
  let interpreter = FakeInterpreter()
  let harness: InMemoryKernelClient

  init() { harness = InMemoryKernelClient(interpreter: interpreter, key: TestClient.key) }

  var transport: InMemoryTransport { harness.transport }
  var dispatcher: KernelDispatcher { harness.dispatcher }
  var clientCodec: WireCodec { harness.clientCodec }
  var client: MessageBuilder { harness.builder }
  var logLines: [String] { harness.logLines }

  func frames(_ msgType: String, _ content: JSON) -> (frames: [[UInt8]], request: Message) {
    harness.frames(msgType, content)
  }
  @discardableResult func shell(_ msgType: String, _ content: JSON = [:]) -> Message { harness.shell(msgType, content) }
  @discardableResult func control(_ msgType: String, _ content: JSON = [:]) -> Message { harness.control(msgType, content) }
  @discardableResult func execute(_ code: String, _ extra: [String: JSON] = [:]) -> Message { harness.execute(code, extra) }
  func decoded(_ channel: Channel) -> [Message] { harness.decoded(channel) }
  func replies(to request: Message, on channel: Channel = .shell) -> [Message] { harness.replies(to: request, on: channel) }
  func iopubTypes(for request: Message) -> [String] { harness.iopubTypes(for: request) }
}
