import Foundation
import Testing

@testable import JupyterKernel

@Suite("Stream publisher")
struct StreamPublisherTests {
  func make(silent: Bool = false) -> (StreamPublisher, InMemoryTransport, WireCodec) {
    let transport = InMemoryTransport()
    let codec = WireCodec(authenticator: try! MessageAuthenticator(key: "k"))
    let iopub = IOPubChannel(builder: MessageBuilder(), codec: codec, transport: transport)
    let parent = MessageBuilder().make("execute_request", content: [:], parent: nil)
    return (StreamPublisher(parent: parent, iopub: iopub, silent: silent), transport, codec)
  }

  /// Decodes with a fresh codec each time: decoding the same frames twice with one codec
  /// would (rightly) reject the second time as a replay.
  func streams(_ transport: InMemoryTransport, _: WireCodec) -> [String] {
    let codec = WireCodec(authenticator: try! MessageAuthenticator(key: "k"))
    return transport.sent(on: .iopub).compactMap { try? codec.decode($0).get() }
      .filter { $0.msgType == "stream" }.map { "\($0.content["name"]!.stringValue!):\($0.content["text"]!.stringValue!)" }
  }

  @Test("text is flushed by itself within 100 ms, coalesced per stream")
  func timedFlush() {
    let (publisher, transport, codec) = make()
    publisher.stream(name: "stdout", text: "a")
    publisher.stream(name: "stdout", text: "b")
    #expect(streams(transport, codec).isEmpty)  // buffered
    usleep(150_000)
    #expect(streams(transport, codec) == ["stdout:ab"])
    publisher.stream(name: "stdout", text: "c")
    publisher.stream(name: "stderr", text: "d")
    publisher.stream(name: "stdout", text: "e")
    usleep(150_000)
    #expect(streams(transport, codec) == ["stdout:ab", "stdout:c", "stderr:d", "stdout:e"])
  }

  @Test("a display flushes pending text first, so order is kept")
  func ordering() throws {
    let (publisher, transport, codec) = make()
    publisher.stream(name: "stdout", text: "before")
    publisher.displayData(["text/plain": "x"], metadata: [:], displayID: nil)
    let types = transport.sent(on: .iopub).compactMap { try? codec.decode($0).get().msgType }
    #expect(types == ["stream", "display_data"])
  }

  @Test("many threads at once: nothing lost, nothing interleaved inside a write")
  func concurrentWriters() {
    let (publisher, transport, codec) = make()
    DispatchQueue.concurrentPerform(iterations: 8) { thread in
      for i in 0..<500 { publisher.stream(name: "stdout", text: "<\(thread)-\(i)>") }
    }
    publisher.flush()
    let text = streams(transport, codec).map { $0.dropFirst("stdout:".count) }.joined()
    #expect(text.filter { $0 == "<" }.count == 4000)
    for thread in 0..<8 {
      // Each thread's writes arrive in its own order.
      let mine = text.components(separatedBy: "<").filter { $0.hasPrefix("\(thread)-") }
      #expect(mine == (0..<500).map { "\(thread)-\($0)>" })
    }
  }

  @Test("a silent request publishes nothing")
  func silent() {
    let (publisher, transport, _) = make(silent: true)
    publisher.stream(name: "stdout", text: "x")
    publisher.displayData(["text/plain": "x"], metadata: [:], displayID: "d")
    publisher.clearOutput(wait: true)
    publisher.flush()
    #expect(transport.sent(on: .iopub).isEmpty)
  }
}
