import Foundation
import JupyterKernel

/// TEST ONLY. A toy language for driving the real ZeroMQ transport and dispatcher from
/// Python before the SwiftBayes session exists. One statement per line:
///
///     let x = 1 + 2        integer sums of literals and variables
///     x + 4                the last expression is the result
///     print("text")        stdout;  printError("text") stderr
///     readLine()           asks the client for input (as the result)
///     while true {}        spins until interrupted
///     tick(3)              prints "tick i" once a second for 3 s
///     html("<b>x</b>")     display_data with text/html; svg("<svg …/>") image/svg+xml
///     help(zip)            pages the toy docs of a builtin (payload source "page")
///     clearOutput()        clear_output
///
/// Anything else is a `NameError`.
final class ToyInterpreter: KernelInterpreter, @unchecked Sendable {
  let implementationName = "swiftbayes-test-host"
  let implementationVersion = "0.0.1"
  let languageVersion = "6.3"
  let banner = "KernelTestHost: a toy interpreter for transport tests"
  private let lock = NSLock()
  private var interrupted = false
  private var variables: [String: Int] = [:]
  private let names = ["print", "printError", "readLine", "tick", "html", "svg", "help", "clearOutput", "zip"]

  private var isInterrupted: Bool {
    lock.lock(); defer { lock.unlock() }
    return interrupted
  }

  func interrupt() {
    lock.lock(); interrupted = true; lock.unlock()
  }

  func restart() { variables = [:] }

  func execute(
    _ request: ExecuteRequest, publisher: KernelPublisher,
    readInput: @escaping (String, Bool) throws -> String
  ) -> ExecuteOutcome {
    lock.lock(); interrupted = false; lock.unlock()
    var last: MimeBundle?
    var pages: [MimeBundle] = []
    for raw in request.code.split(separator: "\n") {
      let line = raw.trimmingCharacters(in: .whitespaces)
      last = nil
      if line.isEmpty { continue }
      if let text = call(line, "print") {
        publisher.stream(name: "stdout", text: text + "\n")
      } else if let text = call(line, "printError") {
        publisher.stream(name: "stderr", text: text + "\n")
      } else if let html = call(line, "html") {
        publisher.displayData(["text/html": html, "text/plain": "HTML"], metadata: [:], displayID: nil)
      } else if let svg = call(line, "svg") {
        publisher.displayData(["image/svg+xml": svg, "text/plain": "SVG"], metadata: [:], displayID: nil)
      } else if let name = call(line, "help") {
        guard names.contains(name) else { return NameError(name: name).outcome }
        pages.append(["text/plain": "\(name): a toy builtin"])
      } else if line == "clearOutput()" {
        publisher.clearOutput(wait: false)
      } else if line == "readLine()" {
        do {
          last = ["text/plain": "\"" + (try readInput("", false)) + "\""]
        } catch {
          return .error(ename: "StdinError", evalue: "\(error)", traceback: ["\(error)"])
        }
      } else if line == "while true {}" {
        while !isInterrupted { usleep(1000) }
        return .error(ename: "KeyboardInterrupt", evalue: "interrupted", traceback: ["KeyboardInterrupt"])
      } else if let n = call(line, "tick").flatMap({ Int($0) }) {
        for i in 0..<n {
          publisher.stream(name: "stdout", text: "tick \(i)\n")
          for _ in 0..<100 {
            if isInterrupted { return .error(ename: "KeyboardInterrupt", evalue: "interrupted", traceback: []) }
            usleep(10_000)
          }
        }
      } else if line.hasPrefix("let ") {
        let parts = line.dropFirst(4).split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else { return .error(ename: "SyntaxError", evalue: line, traceback: [line]) }
        switch evaluate(String(parts[1])) {
        case .success(let v): variables[parts[0].trimmingCharacters(in: .whitespaces)] = v
        case .failure(let e): return e.outcome
        }
      } else {
        switch evaluate(line) {
        case .success(let v): last = ["text/plain": String(v)]
        case .failure(let e): return e.outcome
        }
      }
    }
    return .ok(result: last, pages: pages)
  }

  struct NameError: Error {
    var name: String
    var outcome: ExecuteOutcome {
      .error(ename: "NameError", evalue: "cannot find '\(name)' in scope", traceback: ["NameError: cannot find '\(name)' in scope"])
    }
  }

  private func call(_ line: String, _ function: String) -> String? {
    let prefix = function + "("
    guard line.hasPrefix(prefix), line.hasSuffix(")") else { return nil }
    var argument = String(line.dropFirst(prefix.count).dropLast())
    if argument.hasPrefix("\""), argument.hasSuffix("\""), argument.count >= 2 {
      argument = String(argument.dropFirst().dropLast())
    }
    return argument
  }

  private func evaluate(_ expression: String) -> Result<Int, NameError> {
    var total = 0
    for term in expression.split(separator: "+") {
      let token = term.trimmingCharacters(in: .whitespaces)
      if let v = Int(token) ?? variables[token] {
        total &+= v
      } else {
        return .failure(NameError(name: token))
      }
    }
    return .success(total)
  }

  func evaluateUserExpression(_ code: String) -> ExecuteOutcome {
    switch evaluate(code) {
    case .success(let v): .ok(result: ["text/plain": String(v)], pages: [])
    case .failure(let e): e.outcome
    }
  }

  func complete(code: String, cursorPos: Int) -> CompletionResult {
    let before = String(code.unicodeScalars.prefix(cursorPos))
    let word = String(before.reversed().prefix { $0.isLetter || $0.isNumber }.reversed())
    let candidates = (names + variables.keys.sorted()).filter { $0.hasPrefix(word) }
    return CompletionResult(matches: candidates, cursorStart: cursorPos - word.unicodeScalars.count, cursorEnd: cursorPos)
  }

  func inspect(code: String, cursorPos: Int, detailLevel: Int) -> MimeBundle? {
    names.contains(code) ? ["text/plain": "\(code): a toy builtin"] : nil
  }

  func isComplete(code: String) -> CompletenessStatus {
    let opens = code.filter { $0 == "{" || $0 == "(" }.count
    let closes = code.filter { $0 == "}" || $0 == ")" }.count
    if closes > opens { return .invalid }
    return opens > closes ? .incomplete(indent: "  ") : .complete
  }
}
