import Foundation
import Testing

@testable import JupyterKernel

@Suite("Dispatcher: other requests")
struct DispatcherRequestTests {
  @Test("kernel_info_reply golden")
  func kernelInfo() throws {
    let c = TestClient()
    let request = c.shell("kernel_info_request")
    let reply = try #require(c.replies(to: request).first)
    #expect(reply.msgType == "kernel_info_reply")
    var content = try #require(reply.content.objectValue)
    #expect(content.removeValue(forKey: "help_links")?.arrayValue?.count == 3)
    #expect(
      JSON.object(content).text
        == #"{"banner":"Fake interpreter","debugger":false,"implementation":"fake","implementation_version":"1.0","language_info":{"codemirror_mode":"swift","file_extension":".swift","mimetype":"text/x-swift","name":"swift","nbconvert_exporter":"script","pygments_lexer":"swift","version":"6.3"},"protocol_version":"5.4","status":"ok"}"#
    )
    #expect(c.iopubTypes(for: request) == ["status:busy", "status:idle"])
  }

  @Test(
    "is_complete_reply golden",
    arguments: [
      ("1", #"{"status":"complete"}"#), ("{", #"{"indent":"  ","status":"incomplete"}"#),
      ("let = 7q", #"{"status":"invalid"}"#), ("?", #"{"status":"unknown"}"#),
    ])
  func isComplete(code: String, golden: String) throws {
    let c = TestClient()
    let reply = try #require(c.replies(to: c.shell("is_complete_request", ["code": .string(code)])).first)
    #expect(reply.msgType == "is_complete_reply")
    #expect(reply.content.text == golden)
  }

  @Test("complete_reply clamps cursor positions to the code")
  func complete() throws {
    let c = TestClient()
    let reply = try #require(c.replies(to: c.shell("complete_request", ["code": "zi", "cursor_pos": 99])).first)
    #expect(reply.content.text == #"{"cursor_end":2,"cursor_start":0,"matches":["zip","zipWith"],"metadata":{},"status":"ok"}"#)
  }

  @Test("inspect_reply found and not found")
  func inspect() throws {
    let c = TestClient()
    let found = try #require(c.replies(to: c.shell("inspect_request", ["code": "zip", "cursor_pos": 3])).first)
    #expect(found.content.text == #"{"data":{"text/plain":"zip(a, b)"},"found":true,"metadata":{},"status":"ok"}"#)
    let missing = try #require(c.replies(to: c.shell("inspect_request", ["code": "nope", "cursor_pos": 1])).first)
    #expect(missing.content.text == #"{"data":{},"found":false,"metadata":{},"status":"ok"}"#)
  }

  @Test("history tail, range and search (glob, unique, n)")
  func history() throws {
    let c = TestClient()
    for code in ["ok:1 + 2", "void", "ok:1 + 2", "ok:1 + 2"] { c.execute(code) }
    func history(_ content: JSON) throws -> String {
      try #require(c.replies(to: c.shell("history_request", content)).first).content["history"]!.text
    }
    #expect(try history(["hist_access_type": "tail", "n": 2, "output": false, "raw": true]) == #"[[1,3,"ok:1 + 2"],[1,4,"ok:1 + 2"]]"#)
    #expect(try history(["hist_access_type": "tail", "n": 1, "output": true]) == #"[[1,4,["ok:1 + 2","1 + 2"]]]"#)
    #expect(try history(["hist_access_type": "range", "session": 1, "start": 2, "stop": 3]) == #"[[1,2,"void"]]"#)
    #expect(try history(["hist_access_type": "range", "session": 7, "start": 1, "stop": 3]) == "[]")
    #expect(try history(["hist_access_type": "search", "pattern": "ok:1?+*"]) == #"[[1,1,"ok:1 + 2"],[1,3,"ok:1 + 2"],[1,4,"ok:1 + 2"]]"#)
    #expect(try history(["hist_access_type": "search", "pattern": "ok:1?+*", "unique": true]) == #"[[1,4,"ok:1 + 2"]]"#)
    #expect(try history(["hist_access_type": "search", "pattern": "*", "n": 3]) == #"[[1,2,"void"],[1,3,"ok:1 + 2"],[1,4,"ok:1 + 2"]]"#)
  }

  @Test("comm_info is empty and comm_open is answered with comm_close")
  func comms() throws {
    let c = TestClient()
    let info = try #require(c.replies(to: c.shell("comm_info_request")).first)
    #expect(info.content.text == #"{"comms":{},"status":"ok"}"#)
    let open = c.shell("comm_open", ["comm_id": "c1", "target_name": "jupyter.widget", "data": [:]])
    #expect(c.iopubTypes(for: open) == ["status:busy", "comm_close", "status:idle"])
    let close = try #require(c.replies(to: open, on: .iopub).first { $0.msgType == "comm_close" })
    #expect(close.content.text == #"{"comm_id":"c1","data":{}}"#)
    #expect(c.replies(to: open).isEmpty)
  }

  @Test("interrupt_request on control calls interpreter.interrupt()")
  func interrupt() throws {
    let c = TestClient()
    let request = c.control("interrupt_request")
    #expect(c.replies(to: request, on: .control).first?.content.text == #"{"status":"ok"}"#)
    #expect(c.interpreter.interruptCount == 1)
  }

  @Test("shutdown_request with restart resets the session; without, it does not")
  func shutdown() throws {
    for restart in [true, false] {
      let c = TestClient()
      let stopped = Box()
      c.dispatcher.onShutdown = { stopped.set($0) }
      c.execute("void")
      let request = c.control("shutdown_request", ["restart": .bool(restart)])
      #expect(c.replies(to: request, on: .control).first?.content.text == #"{"restart":\#(restart),"status":"ok"}"#)
      #expect(stopped.value == restart)
      c.dispatcher.finishShutdown()
      #expect(c.interpreter.restartCount == (restart ? 1 : 0))
      #expect(c.dispatcher.executionCount == (restart ? 0 : 1))
    }
  }

  @Test("unknown message types are logged and never answered")
  func unknownType() {
    let c = TestClient()
    let request = c.shell("frobnicate_request")
    #expect(c.replies(to: request).isEmpty)
    #expect(c.logLines.contains { $0.contains("frobnicate_request") })
  }
}

final class Box: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Bool?
  func set(_ v: Bool) { lock.lock(); stored = v; lock.unlock() }
  var value: Bool? { lock.lock(); defer { lock.unlock() }; return stored }
}
