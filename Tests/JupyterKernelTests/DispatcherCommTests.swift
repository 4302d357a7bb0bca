import Foundation
import Testing

@testable import JupyterKernel

/// An interpreter that serves comms to target "echo": it records what it is handed and
/// answers each message with a comm_msg of its own; updates ({"v": n}) coalesce.
final class CommInterpreter: KernelInterpreter, @unchecked Sendable {
  let implementationName = "comms"
  let implementationVersion = "1.0"
  let languageVersion = "6.3"
  let banner = "comms"
  var open: [String: String] = [:]
  var handled: [String] = []

  func execute(_ request: ExecuteRequest, publisher: KernelPublisher, readInput: @escaping (String, Bool) throws -> String) -> ExecuteOutcome {
    publisher.commOpen(commID: "k1", targetName: "echo", data: #"{"state":{"v":0}}"#, metadata: #"{"version":"2.1.0"}"#)
    open["k1"] = "echo"
    return .ok(result: ["application/vnd.jupyter.widget-view+json": #"{"model_id":"k1"}"#, "text/plain": "k1"], pages: [])
  }
  func evaluateUserExpression(_ code: String) -> ExecuteOutcome { .ok(result: nil, pages: []) }
  func complete(code: String, cursorPos: Int) -> CompletionResult { CompletionResult(matches: [], cursorStart: 0, cursorEnd: 0) }
  func inspect(code: String, cursorPos: Int, detailLevel: Int) -> MimeBundle? { nil }
  func isComplete(code: String) -> CompletenessStatus { .complete }
  func interrupt() {}
  func restart() {}

  func commOpen(commID: String, targetName: String, data: String, publisher: KernelPublisher) -> Bool {
    guard targetName == "echo" else { return false }
    open[commID] = targetName
    return true
  }
  func commMessage(commID: String, data: String, publisher: KernelPublisher) {
    handled.append(data)
    publisher.commMessage(commID: commID, data: data)
  }
  func commClose(commID: String, data: String, publisher: KernelPublisher) { open[commID] = nil }
  func openComms() -> [String: String] { open }
  func coalesceCommMessages(_ earlier: String, _ later: String) -> String? {
    guard earlier.hasPrefix(#"{"v":"#), later.hasPrefix(#"{"v":"#) else { return nil }
    return later
  }
}

@Suite("Dispatcher: comms")
struct DispatcherCommTests {
  @Test("comm_open metadata goes in the message metadata; JSON MIME types are sent as JSON")
  func kernelOpenedComm() throws {
    let c = InMemoryKernelClient(interpreter: CommInterpreter())
    let request = c.execute("make")
    let open = try #require(c.replies(to: request, on: .iopub).first { $0.msgType == "comm_open" })
    #expect(open.content.text == #"{"comm_id":"k1","data":{"state":{"v":0}},"target_name":"echo"}"#)
    #expect(open.metadata.text == #"{"version":"2.1.0"}"#)
    let result = try #require(c.replies(to: request, on: .iopub).first { $0.msgType == "execute_result" })
    #expect(result.content["data"]?["application/vnd.jupyter.widget-view+json"] == ["model_id": "k1"])
  }

  @Test("comm_info lists open comms, filtered by target; unknown targets are closed")
  func info() throws {
    let c = InMemoryKernelClient(interpreter: CommInterpreter())
    c.shell("comm_open", ["comm_id": "a", "target_name": "echo", "data": [:]])
    let refused = c.shell("comm_open", ["comm_id": "b", "target_name": "other", "data": [:]])
    #expect(c.iopubTypes(for: refused) == ["status:busy", "comm_close", "status:idle"])
    let all = try #require(c.replies(to: c.shell("comm_info_request")).first)
    #expect(all.content.text == #"{"comms":{"a":{"target_name":"echo"}},"status":"ok"}"#)
    let none = try #require(c.replies(to: c.shell("comm_info_request", ["target_name": "other"])).first)
    #expect(none.content.text == #"{"comms":{},"status":"ok"}"#)
  }

  @Test("queued updates to one comm are handled once, each request still gets busy and idle")
  func coalescing() throws {
    let interpreter = CommInterpreter()
    let c = InMemoryKernelClient(interpreter: interpreter)
    c.shell("comm_open", ["comm_id": "a", "target_name": "echo", "data": [:]])
    let (first, m1) = c.frames("comm_msg", ["comm_id": "a", "data": ["v": 1]])
    let (second, m2) = c.frames("comm_msg", ["comm_id": "a", "data": ["v": 2]])
    let (third, m3) = c.frames("comm_msg", ["comm_id": "a", "data": ["v": 3]])
    let (other, m4) = c.frames("comm_msg", ["comm_id": "a", "data": ["click": true]])
    let (after, m5) = c.frames("comm_msg", ["comm_id": "a", "data": ["v": 9]])
    for f in [second, third, other, after] { c.transport.enqueueShell(f) }
    c.dispatcher.handleShell(first)
    #expect(interpreter.handled == [#"{"v":3}"#, #"{"click":true}"#, #"{"v":9}"#])
    #expect(c.iopubTypes(for: m1) == ["status:busy", "status:idle"])
    #expect(c.iopubTypes(for: m2) == ["status:busy", "status:idle"])
    #expect(c.iopubTypes(for: m3) == ["status:busy", "comm_msg", "status:idle"], "the merged message answers as the last one")
    #expect(c.iopubTypes(for: m4) == ["status:busy", "comm_msg", "status:idle"])
    #expect(c.iopubTypes(for: m5) == ["status:busy", "comm_msg", "status:idle"])
  }
}
