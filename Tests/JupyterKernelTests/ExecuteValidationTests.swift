import Foundation
import Testing

@testable import JupyterKernel

/// An `execute_request` whose `code` is missing or not a string is an error reply naming
/// the field, not an empty cell that succeeds (issue 14).
@Suite("Dispatcher: execute_request validation")
struct ExecuteValidationTests {
  @Test(arguments: [
    ("missing", [:] as [String: JSON], "it is missing"),
    ("int", ["code": 7], "it is a number"),
    ("null", ["code": .null], "it is null"),
    ("array", ["code": .array([.string("1 + 1")])], "it is an array"),
  ])
  func codeMustBeAString(_ name: String, _ content: [String: JSON], _ got: String) throws {
    let c = TestClient()
    let request = c.shell("execute_request", .object(content.merging(["silent": false]) { a, _ in a }))
    let reply = try #require(c.replies(to: request).first, "\(name): no reply")
    #expect(reply.msgType == "execute_reply")
    #expect(reply.content["status"] == "error")
    #expect(reply.content["ename"] == "InvalidRequest")
    #expect(reply.content["evalue"]?.stringValue == "execute_request content needs 'code', a string; \(got)")
    #expect(reply.content["execution_count"] == 0)
    #expect(c.iopubTypes(for: request) == ["status:busy", "status:idle"])
    #expect(c.interpreter.executed.isEmpty, "\(name): nothing may run")
    // The kernel carries on, and the count starts where it was.
    let next = c.execute("ok:2")
    #expect(c.replies(to: next).first?.content["execution_count"] == 1)
  }
}
