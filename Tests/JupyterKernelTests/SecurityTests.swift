import Foundation
import Testing

@testable import JupyterKernel

@Suite("Signatures and malformed input")
struct SecurityTests {
  @Test("HMAC-SHA256 matches Python's hmac.new(key, msg, sha256).hexdigest()")
  func hmacVector() throws {
    let auth = try MessageAuthenticator(key: "secret-key")
    let parts = [#"{"a":1}"#, "{}", "{}", #"{"code":"1"}"#].map { Array($0.utf8) }
    #expect(String(decoding: auth.signature(parts), as: UTF8.self) == "cf91902d477e8b9a31e8154a9f781c352fd929b750ed1763608ba4c2d4a5c996")
    let fox = MessageAuthenticator.hmacSHA256(key: Array("key".utf8), parts: [Array("The quick brown fox jumps over the lazy dog".utf8)])
    #expect(String(decoding: MessageAuthenticator.hex(fox), as: UTF8.self) == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
  }

  @Test("constant-time equality")
  func constantTime() {
    #expect(MessageAuthenticator.constantTimeEqual([1, 2, 3], [1, 2, 3]))
    #expect(!MessageAuthenticator.constantTimeEqual([1, 2, 3], [1, 2, 4]))
    #expect(!MessageAuthenticator.constantTimeEqual([1, 2], [1, 2, 3]))
    #expect(MessageAuthenticator.constantTimeEqual([], []))
  }

  @Test("an unsupported signature scheme is refused")
  func scheme() {
    #expect(throws: MessageAuthenticator.SetupError.unsupportedScheme("hmac-md5")) {
      try MessageAuthenticator(key: "k", signatureScheme: "hmac-md5")
    }
  }

  @Test("a forged signature is dropped and logged; nothing runs; the kernel still answers")
  func forged() throws {
    let c = TestClient()
    var (frames, request) = c.frames("execute_request", ["code": "ok:1"])
    let signatureIndex = frames.firstIndex(of: WireCodec.delimiter)! + 1
    frames[signatureIndex] = Array(String(repeating: "0", count: 64).utf8)
    c.dispatcher.handleShell(frames)
    #expect(c.replies(to: request).isEmpty)
    #expect(c.transport.sent(on: .iopub).isEmpty)
    #expect(c.interpreter.executed.isEmpty)
    #expect(c.logLines.contains { $0.contains("signature does not match") })
    #expect(c.replies(to: c.execute("ok:2")).first?.content["status"] == "ok")
  }

  @Test("a tampered content with the original signature is dropped")
  func tampered() {
    let c = TestClient()
    var (frames, request) = c.frames("execute_request", ["code": "ok:1"])
    frames[frames.count - 1] = Array(#"{"code":"ok:666"}"#.utf8)
    c.dispatcher.handleShell(frames)
    #expect(c.replies(to: request).isEmpty && c.interpreter.executed.isEmpty)
  }

  @Test("an unsigned message is dropped when the key is not empty")
  func unsigned() {
    let c = TestClient()
    var (frames, request) = c.frames("kernel_info_request", [:])
    frames[frames.firstIndex(of: WireCodec.delimiter)! + 1] = []
    c.dispatcher.handleShell(frames)
    #expect(c.replies(to: request).isEmpty)
    #expect(c.logLines.contains { $0.contains("unsigned") })
  }

  @Test("a replayed message is dropped and runs once only")
  func replayed() {
    let c = TestClient()
    let (frames, request) = c.frames("execute_request", ["code": "ok:1"])
    c.dispatcher.handleShell(frames)
    c.dispatcher.handleShell(frames)
    #expect(c.replies(to: request).count == 1)
    #expect(c.interpreter.executed.count == 1)
    #expect(c.logLines.contains { $0.contains("replayed") })
  }

  @Test(
    "malformed frames never crash and are dropped",
    arguments: [
      [[UInt8]](), [Array("no delimiter".utf8)], [WireCodec.delimiter, [], [], []],
      [WireCodec.delimiter, [], Array("{".utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)],
      [WireCodec.delimiter, [], Array("[1]".utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)],
      [WireCodec.delimiter, [], Array("{}".utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)],
      [WireCodec.delimiter, [], [0xFF, 0xFE], [], [], []],
    ])
  func malformed(frames: [[UInt8]]) throws {
    let codec = WireCodec(authenticator: try MessageAuthenticator(key: []))
    #expect(throws: WireError.self) { try codec.decode(frames).get() }
    let c = TestClient()
    c.dispatcher.handleShell(frames)
    c.dispatcher.handleControl(frames)
    #expect(c.transport.sent(on: .shell).isEmpty && c.transport.sent(on: .iopub).isEmpty)
  }

  @Test("with an empty key, messages are unsigned and accepted (replays cannot be told apart)")
  func emptyKey() throws {
    let codec = WireCodec(authenticator: try MessageAuthenticator(key: []))
    let message = MessageBuilder().make("kernel_info_request", content: [:], parent: nil)
    let frames = codec.encode(message)
    #expect(frames[1] == [])
    #expect(try codec.decode(frames).get() == message)
  }
}
