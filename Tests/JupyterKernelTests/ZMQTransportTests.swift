import CZeroMQ
import Foundation
import Testing

@testable import JupyterKernel

/// The real sockets end to end, in-process: a kernel from `runKernel` on ephemeral ports,
/// driven by DEALER/SUB/REQ client sockets the way jupyter_client connects.
@Suite("ZeroMQ transport", .serialized)
struct ZMQTransportTests {
  final class Endpoints: @unchecked Sendable {
    let ready = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    var byName: [String: String] = [:]
    var restart: Bool?
  }

  struct Client {
    let context = ZMQContext()
    let shell: ZMQSocket
    let control: ZMQSocket
    let iopub: ZMQSocket
    let heartbeat: ZMQSocket
    let codec = WireCodec(authenticator: try! MessageAuthenticator(key: "transport-key"))
    let builder = MessageBuilder(sessionID: "zmq-client")

    init(_ endpoints: [String: String]) throws {
      shell = try ZMQSocket(context, type: ZMQ_DEALER, name: "client-shell")
      control = try ZMQSocket(context, type: ZMQ_DEALER, name: "client-control")
      iopub = try ZMQSocket(context, type: ZMQ_SUB, name: "client-iopub")
      heartbeat = try ZMQSocket(context, type: ZMQ_REQ, name: "client-hb")
      for s in [shell, control, iopub, heartbeat] { try s.setOption(ZMQ_LINGER, 0) }
      zmq_setsockopt(iopub.handle, ZMQ_SUBSCRIBE, "", 0)
      try shell.connect(endpoints["shell"]!)
      try control.connect(endpoints["control"]!)
      try iopub.connect(endpoints["iopub"]!)
      try heartbeat.connect(endpoints["hb"]!)
    }

    func send(_ socket: ZMQSocket, _ type: String, _ content: JSON) -> Message {
      let message = builder.make(type, content: content, parent: nil)
      socket.send(codec.encode(message))
      return message
    }

    func receive(_ socket: ZMQSocket, timeout: Double = 3) -> Message? {
      guard !ZMQSocket.poll([socket], timeout: timeout).isEmpty, let frames = socket.receive(dontWait: true) else { return nil }
      return try? codec.decode(frames).get()
    }

    /// iopub messages until `idle` for `parent` (or a timeout).
    func iopubUntilIdle(_ parent: Message) -> [String] {
      var types: [String] = []
      while let m = receive(iopub) {
        guard m.parentHeader["msg_id"] == parent.header["msg_id"] else { continue }
        types.append(m.msgType == "status" ? "status:\(m.content["execution_state"]!.stringValue!)" : m.msgType)
        if m.msgType == "status", m.content["execution_state"] == "idle" { break }
      }
      return types
    }

    func close() {
      for s in [shell, control, iopub, heartbeat] { s.close() }
      context.terminate()
    }
  }

  @Test("welcome, kernel_info, execute, heartbeat, forged drop and shutdown over real sockets")
  func endToEnd() throws {
    let state = Endpoints()
    let connection = ConnectionInfo(ip: "127.0.0.1", key: "transport-key")
    let interpreter = FakeInterpreter()
    Thread.detachNewThread {
      let restart = try? runKernel(connection: connection, interpreter: interpreter) { endpoints in
        state.byName = endpoints
        state.ready.signal()
      }
      state.restart = restart
      state.finished.signal()
    }
    try #require(state.ready.wait(timeout: .now() + 10) == .success)
    let client = try Client(state.byName)
    defer { client.close() }

    let welcome = try #require(client.receive(client.iopub))
    #expect(welcome.msgType == "iopub_welcome")
    #expect(welcome.content["subscription"] == "")

    let info = client.send(client.shell, "kernel_info_request", [:])
    let infoReply = try #require(client.receive(client.shell))
    #expect(infoReply.msgType == "kernel_info_reply" && infoReply.parentHeader["msg_id"] == info.header["msg_id"])

    let execute = client.send(client.shell, "execute_request", ["code": "print:hi", "silent": false])
    #expect(client.receive(client.shell)?.content["status"] == "ok")
    #expect(client.iopubUntilIdle(execute).filter { !$0.hasPrefix("status:busy") }.last == "status:idle")

    client.heartbeat.send([Array("ping".utf8)])
    #expect(!ZMQSocket.poll([client.heartbeat], timeout: 3).isEmpty)
    #expect(client.heartbeat.receive(dontWait: true) == [Array("ping".utf8)])  // echoed as is
    var forged = client.builder.make("kernel_info_request", content: [:], parent: nil)
    forged.identities = []
    var frames = client.codec.encode(forged)
    frames[1] = Array(String(repeating: "f", count: 64).utf8)
    client.shell.send(frames)
    #expect(client.receive(client.shell, timeout: 0.3) == nil)

    let shutdown = client.send(client.control, "shutdown_request", ["restart": false])
    let shutdownReply = try #require(client.receive(client.control))
    #expect(shutdownReply.parentHeader["msg_id"] == shutdown.header["msg_id"])
    #expect(state.finished.wait(timeout: .now() + 5) == .success)
    #expect(state.restart == false)
  }
}
