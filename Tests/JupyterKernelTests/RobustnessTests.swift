import Foundation
import Testing

@testable import JupyterKernel

/// Hostile or sloppy clients: properly signed messages whose JSON is mangled, or whose
/// content has the wrong shapes, must never crash the dispatcher.
@Suite("Robustness")
struct RobustnessTests {
  /// SplitMix64: a small deterministic generator so failures reproduce.
  struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let requestTypes = [
    "execute_request", "kernel_info_request", "complete_request", "inspect_request",
    "is_complete_request", "history_request", "comm_info_request", "comm_open", "comm_msg",
    "interrupt_request", "frobnicate",
  ]

  @Test("2,000 signed messages with mutated JSON parts never crash the dispatcher")
  func mutatedJSON() {
    let c = TestClient()
    var rng = SplitMix64(state: 2026)
    let auth = try! MessageAuthenticator(key: TestClient.key)
    for i in 0..<2000 {
      let type = Self.requestTypes[i % Self.requestTypes.count]
      let (frames, _) = c.frames(type, ["code": "ok:1", "cursor_pos": 1, "hist_access_type": "search", "pattern": "*"])
      let split = frames.firstIndex(of: WireCodec.delimiter)!
      var parts = Array(frames[(split + 2)...(split + 5)])
      let which = Int.random(in: 0..<4, using: &rng)
      for _ in 0..<Int.random(in: 1...4, using: &rng) where !parts[which].isEmpty {
        let at = Int.random(in: 0..<parts[which].count, using: &rng)
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: parts[which][at] = UInt8.random(in: 0...255, using: &rng)
        case 1: parts[which].remove(at: at)
        default: parts[which].insert(Array("{}[]\",:0-e\\u".utf8).randomElement(using: &rng)!, at: at)
        }
      }
      let signed = Array(frames[...split]) + [auth.signature(parts)] + parts
      c.dispatcher.handleShell(signed)
    }
    // Still serving, and everything it sent is a well-formed, correctly signed message.
    #expect(c.replies(to: c.execute("ok:alive")).first?.content["status"] == "ok")
    for channel in [Channel.shell, .iopub] {
      #expect(c.decoded(channel).count == c.transport.sent(on: channel).count)
    }
  }

  static let malformedContents: [(String, JSON)] = {
    var cases: [(String, JSON)] = []
    cases.append(("execute_request", ["code": 42, "silent": "yes", "user_expressions": [1, 2]]))
    cases.append(("complete_request", ["code": .null, "cursor_pos": -5]))
    cases.append(("complete_request", ["code": "zi", "cursor_pos": 1.5]))
    cases.append(("inspect_request", ["code": ["nested"], "cursor_pos": "x", "detail_level": .double(.infinity)]))
    cases.append(("history_request", ["hist_access_type": "range", "start": "a", "stop": -1, "n": -3]))
    cases.append(("history_request", ["hist_access_type": "search", "pattern": "[", "n": 1_000_000]))
    cases.append(("is_complete_request", [:]))
    cases.append(("comm_open", ["comm_id": 7]))
    cases.append(("shutdown_request", ["restart": "maybe"]))
    return cases
  }()

  @Test("content of the wrong shape is answered with defaults, never a crash", arguments: malformedContents)
  func wrongShapes(type: String, content: JSON) {
    let c = TestClient()
    c.shell(type, content)
    let idle = c.decoded(.iopub).filter { $0.msgType == "status" && $0.content["execution_state"] == "idle" }
    #expect(idle.count == 1)
  }
}
