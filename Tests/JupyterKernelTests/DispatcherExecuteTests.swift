import Foundation
import Testing

@testable import JupyterKernel

@Suite("Dispatcher: execute")
struct DispatcherExecuteTests {
  @Test("execute_reply ok: golden content and iopub sequence")
  func executeOK() throws {
    let c = TestClient()
    let request = c.execute("ok:6")
    let reply = try #require(c.replies(to: request).first)
    #expect(reply.msgType == "execute_reply")
    #expect(reply.content.text == #"{"execution_count":1,"payload":[],"status":"ok","user_expressions":{}}"#)
    #expect(reply.identities == [Array("client-id".utf8)])
    #expect(reply.header["version"] == "5.4")
    #expect(c.iopubTypes(for: request) == ["status:busy", "execute_input", "execute_result", "status:idle"])
    let result = try #require(c.replies(to: request, on: .iopub).first { $0.msgType == "execute_result" })
    #expect(result.content.text == #"{"data":{"text/plain":"6"},"execution_count":1,"metadata":{}}"#)
  }

  @Test("execute_reply error: golden content and exactly one error on iopub")
  func executeError() throws {
    let c = TestClient()
    let request = c.execute("fail")
    let reply = try #require(c.replies(to: request).first)
    #expect(
      reply.content.text
        == #"{"ename":"NameError","evalue":"cannot find 'x' in scope","execution_count":1,"payload":[],"status":"error","traceback":["line 1","NameError"],"user_expressions":{}}"#
    )
    #expect(c.iopubTypes(for: request) == ["status:busy", "execute_input", "error", "status:idle"])
  }

  @Test("execution count: store_history increments, silent does not and publishes nothing")
  func executionCount() throws {
    let c = TestClient()
    c.execute("void")
    let silent = c.execute("ok:1", ["silent": true])
    let noHistory = c.execute("void", ["store_history": false])
    let third = c.execute("void")
    #expect(c.replies(to: silent).first?.content["execution_count"] == 1)
    #expect(c.iopubTypes(for: silent) == ["status:busy", "status:idle"])
    #expect(c.replies(to: noHistory).first?.content["execution_count"] == 1)
    #expect(c.replies(to: third).first?.content["execution_count"] == 2)
    #expect(c.interpreter.executed.map(\.executionCount) == [1, 1, 1, 2])
  }

  @Test("stream output is flushed before the result, the reply and idle")
  func streamOrdering() {
    let c = TestClient()
    let request = c.execute("print:hello")
    #expect(c.iopubTypes(for: request) == ["status:busy", "execute_input", "stream", "status:idle"])
    let stream = c.replies(to: request, on: .iopub).first { $0.msgType == "stream" }
    #expect(stream?.content.text == #"{"name":"stdout","text":"hello"}"#)
  }

  @Test("user_expressions are evaluated after the code")
  func userExpressions() throws {
    let c = TestClient()
    let request = c.execute("void", ["user_expressions": ["a": "x", "b": "bad"]])
    let expressions = try #require(c.replies(to: request).first?.content["user_expressions"])
    #expect(expressions.text == #"{"a":{"data":{"text/plain":"X"},"metadata":{},"status":"ok"},"b":{"ename":"NameError","evalue":"bad","status":"error","traceback":[]}}"#)
  }

  @Test("pages become payloads with source page")
  func pagerPayload() throws {
    let c = TestClient()
    let reply = try #require(c.replies(to: c.execute("page:zip docs")).first)
    #expect(reply.content["payload"]?.text == #"[{"data":{"text/plain":"zip docs"},"source":"page","start":0}]"#)
  }

  @Test("display_data and update_display_data carry the transient display_id")
  func displays() {
    let c = TestClient()
    let request = c.execute("display:progress")
    let messages = c.replies(to: request, on: .iopub).filter { $0.msgType.contains("display") }
    #expect(messages.map(\.msgType) == ["display_data", "update_display_data"])
    #expect(messages.map { $0.content["transient"]?.text } == [#"{"display_id":"progress"}"#, #"{"display_id":"progress"}"#])
    #expect(c.iopubTypes(for: c.execute("clear")).contains("clear_output"))
  }

  @Test("stop_on_error aborts the execute requests already queued, with error fields")
  func stopOnErrorAborts() throws {
    let c = TestClient()
    let (queued1, q1) = c.frames("execute_request", ["code": "ok:1"])
    let (queuedInfo, qi) = c.frames("kernel_info_request", [:])
    let (queued2, q2) = c.frames("execute_request", ["code": "ok:2"])
    for f in [queued1, queuedInfo, queued2] { c.transport.enqueueShell(f) }
    let failing = c.execute("fail")
    #expect(c.replies(to: failing).first?.content["status"] == "error")
    for aborted in [q1, q2] {
      let reply = try #require(c.replies(to: aborted).first)
      #expect(
        reply.content.text
          == #"{"ename":"ExecutionAborted","evalue":"Execution aborted: an earlier cell raised an error (stop_on_error)","execution_count":1,"payload":[],"status":"error","traceback":[],"user_expressions":{}}"#
      )
      #expect(c.iopubTypes(for: aborted) == ["status:busy", "status:idle"])
    }
    #expect(c.replies(to: qi).first?.msgType == "kernel_info_reply")
    #expect(c.interpreter.executed.map(\.code) == ["fail"])
  }

  @Test("stop_on_error false leaves queued requests to run")
  func noStopOnError() {
    let c = TestClient()
    let (queued, _) = c.frames("execute_request", ["code": "ok:1"])
    c.transport.enqueueShell(queued)
    c.execute("fail", ["stop_on_error": false])
    #expect(c.transport.takeQueuedShellRequests().count == 1)
  }

  @Test("input_request round trip when stdin is allowed")
  func inputRoundTrip() throws {
    let c = TestClient()
    c.harness.answerInputRequests(with: "Ada")
    let request = c.execute("input:name? ", ["allow_stdin": true])
    let inputRequest = try #require(c.decoded(.stdin).first)
    #expect(inputRequest.msgType == "input_request")
    #expect(inputRequest.content.text == #"{"password":false,"prompt":"name? "}"#)
    #expect(inputRequest.identities == [Array("client-id".utf8)])
    #expect(c.replies(to: request).first?.content["status"] == "ok")
    #expect(c.replies(to: request, on: .iopub).first { $0.msgType == "execute_result" }?.content["data"]?["text/plain"] == "Ada")
  }

  @Test("readInput throws a clear error when stdin is not allowed")
  func inputNotAllowed() throws {
    let c = TestClient()
    let reply = try #require(c.replies(to: c.execute("input:x")).first)
    #expect(reply.content["evalue"]?.stringValue?.contains("does not support input requests") == true)
    #expect(c.decoded(.stdin).isEmpty)
  }
}

/// A transport that records, when the failing cell's reply goes out, how many shell requests
/// were still waiting: aborting must take them before the reply, never after.
@Suite("Dispatcher: abort ordering")
struct AbortOrderingTests {
  @Test("queued requests are taken before the error reply is sent")
  func takenBeforeReply() throws {
    let c = TestClient()
    let (queued, q) = c.frames("execute_request", ["code": "ok:1"])
    c.transport.enqueueShell(queued)
    // A request the client would send only after seeing the error reply: the transport
    // delivers it once the reply has been sent.
    let (late, lateRequest) = c.frames("execute_request", ["code": "ok:late"])
    let transport = c.transport
    transport.onSend = { channel in
      if channel == .shell { transport.enqueueShell(late); transport.onSend = nil }
    }
    c.execute("fail")
    #expect(c.replies(to: q).first?.content["ename"] == "ExecutionAborted")
    #expect(c.replies(to: lateRequest).isEmpty)  // not aborted: still waiting to run
    #expect(c.transport.nextShellRequest() == late)
  }
}
