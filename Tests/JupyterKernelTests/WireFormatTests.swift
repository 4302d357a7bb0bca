import Foundation
import Testing

@testable import JupyterKernel

@Suite("JSON, wire codec, connection file")
struct WireFormatTests {
  @Test(
    "JSON round trips in canonical form",
    arguments: [
      #"{"a":[1,2.5,-3,true,false,null],"b":{"c":"d\n\"e\"\\"}}"#, #"[]"#, #"{}"#, #""\u0001""#,
      #"1.0e-07"#, #""héllo ☃ 🎉""#,
    ])
  func roundTrip(text: String) throws {
    let value = try JSON.parse(text)
    #expect(try JSON.parse(value.text) == value)
  }

  @Test("integers stay integers, escapes and surrogate pairs decode")
  func details() throws {
    #expect(try JSON.parse("42") == .int(42))
    #expect(try JSON.parse("42.0") == .double(42))
    #expect(JSON.double(3).text == "3.0")
    #expect(JSON.double(.nan).text == "null")
    #expect(try JSON.parse(#""\ud83c\udf89 \u00e9""#) == .string("🎉 é"))
    #expect(JSON.string("a\u{1}b").text == #""a\u0001b""#)
  }

  @Test(
    "malformed JSON throws, never traps",
    arguments: ["", "{", "[1,", #"{"a" 1}"#, "tru", "01x", #""\ud800""#, #""\x""#, "[1] 2", "-", "1.", "1e", "\"\u{1}\""])
  func malformed(text: String) {
    #expect(throws: JSONParseError.self) { try JSON.parse(text) }
  }

  @Test("nesting deeper than the limit throws instead of overflowing the stack")
  func deepNesting() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONParseError.self) { try JSON.parse(deep) }
  }

  @Test("encode then decode gives the message back, identities and buffers included")
  func codecRoundTrip() throws {
    let codec = WireCodec(authenticator: try MessageAuthenticator(key: "k"))
    var message = MessageBuilder().make("execute_request", content: ["code": "1"], parent: nil)
    message.identities = [[1, 2, 3], Array("peer".utf8)]
    message.buffers = [[0, 255]]
    #expect(try codec.decode(codec.encode(message)).get() == message)
  }

  @Test("timestamps are ISO 8601 UTC with microseconds")
  func timestamp() {
    #expect(MessageBuilder.timestamp(Date(timeIntervalSince1970: 1_700_000_000.25)) == "2023-11-14T22:13:20.250000Z")
  }

  @Test("connection file: tcp and ipc endpoints, key and scheme")
  func connectionFile() throws {
    let json: JSON = [
      "shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
      "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "swiftbayes",
    ]
    let info = try ConnectionInfo(json: json)
    #expect(info.endpoint(port: info.shellPort) == "tcp://127.0.0.1:5001")
    #expect(info.key == "abc" && info.heartbeatPort == 5005 && info.kernelName == "swiftbayes")
    var ipc = json.objectValue!
    ipc["transport"] = "ipc"
    ipc["ip"] = "/tmp/kernel-x"
    #expect(try ConnectionInfo(json: .object(ipc)).endpoint(port: 3) == "ipc:///tmp/kernel-x-3")
    ipc["transport"] = "udp"
    #expect(throws: ConnectionInfo.ParseError.self) { try ConnectionInfo(json: .object(ipc)) }
    #expect(throws: ConnectionInfo.ParseError.self) { try ConnectionInfo(json: ["shell_port": "x"]) }
    #expect(throws: ConnectionInfo.ParseError.self) { try ConnectionInfo(contentsOf: "/nonexistent/connection.json") }
  }

  @Test(
    "history glob",
    arguments: [
      ("1?+?2*", "1 + 2 + 3", true), ("1?2*", "1+2+3", true), ("1?2*", "1 + 2 + 3", false),
      ("*map*", "[1, 2].map { $0 }", true), ("[0-9]*", "7x", true), ("[!0-9]*", "x", false),
      ("[^0-9]*", "x", true), ("a*b*c", "aXbYc", true), ("a*b*c", "aXbY", false), ("", "", true),
    ])
  func glob(pattern: String, text: String, expected: Bool) {
    #expect(HistoryStore.glob(pattern, matches: text) == expected)
  }
}
