import Foundation
import JupyterKernel

/// A scripted interpreter for dispatcher tests: each cell's code selects a behaviour.
///
///     "ok:<text>"       result text/plain <text>
///     "void"            no result
///     "print:<text>"    stdout <text>, no result
///     "fail"            error NameError
///     "page:<text>"     no result, one page payload
///     "input:<prompt>"  reads a line and returns it as the result
///     "display:<id>"    display_data then update_display_data with display id <id>
///     "clear"           clear_output(wait: false)
final class FakeInterpreter: KernelInterpreter, @unchecked Sendable {
  let implementationName = "fake"
  let implementationVersion = "1.0"
  let languageVersion = "6.3"
  let banner = "Fake interpreter"
  private let lock = NSLock()
  private(set) var executed: [ExecuteRequest] = []
  private(set) var interruptCount = 0
  private(set) var restartCount = 0

  func execute(
    _ request: ExecuteRequest, publisher: KernelPublisher,
    readInput: @escaping (String, Bool) throws -> String
  ) -> ExecuteOutcome {
    lock.lock(); executed.append(request); lock.unlock()
    let code = request.code
    if code == "void" { return .ok(result: nil, pages: []) }
    if code == "fail" {
      return .error(ename: "NameError", evalue: "cannot find 'x' in scope", traceback: ["line 1", "NameError"])
    }
    if code == "clear" {
      publisher.clearOutput(wait: false)
      return .ok(result: nil, pages: [])
    }
    if code.hasPrefix("ok:") { return .ok(result: ["text/plain": String(code.dropFirst(3))], pages: []) }
    if code.hasPrefix("print:") {
      publisher.stream(name: "stdout", text: String(code.dropFirst(6)))
      return .ok(result: nil, pages: [])
    }
    if code.hasPrefix("page:") {
      return .ok(result: nil, pages: [["text/plain": String(code.dropFirst(5))]])
    }
    if code.hasPrefix("display:") {
      let id = String(code.dropFirst(8))
      publisher.displayData(["text/plain": "v1"], metadata: [:], displayID: id)
      publisher.updateDisplayData(["text/plain": "v2"], metadata: [:], displayID: id)
      return .ok(result: nil, pages: [])
    }
    if code.hasPrefix("input:") {
      do {
        return .ok(result: ["text/plain": try readInput(String(code.dropFirst(6)), false)], pages: [])
      } catch {
        return .error(ename: "StdinError", evalue: "\(error)", traceback: [])
      }
    }
    return .error(ename: "SyntaxError", evalue: "unknown fake code \(code)", traceback: [])
  }

  func evaluateUserExpression(_ code: String) -> ExecuteOutcome {
    code == "bad" ? .error(ename: "NameError", evalue: "bad", traceback: []) : .ok(result: ["text/plain": code.uppercased()], pages: [])
  }

  func complete(code: String, cursorPos: Int) -> CompletionResult {
    CompletionResult(matches: ["zip", "zipWith"].filter { $0.hasPrefix(code) }, cursorStart: 0, cursorEnd: cursorPos)
  }

  func inspect(code: String, cursorPos: Int, detailLevel: Int) -> MimeBundle? {
    code == "zip" ? ["text/plain": "zip(a, b)"] : nil
  }

  func isComplete(code: String) -> CompletenessStatus {
    switch code {
    case "{": .incomplete(indent: "  ")
    case "let = 7q": .invalid
    case "?": .unknown
    default: .complete
    }
  }

  func interrupt() { lock.lock(); interruptCount += 1; lock.unlock() }
  func restart() { lock.lock(); restartCount += 1; lock.unlock() }
}
