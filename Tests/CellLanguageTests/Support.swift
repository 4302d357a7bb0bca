import Foundation
import Synchronization
import Testing

@testable import CellLanguage

// MARK: - Location markers

/// A source with swift-syntax style location markers (`1️⃣`, `2️⃣`, …) removed, and where
/// each marker stood, in the 1-based line:column (Unicode scalars) the parser reports.
struct MarkedSource {
  var text: String
  var markers: [(name: String, location: CellLanguage.SourceLocation)] = []

  init(_ marked: String) {
    let scalars = Array(marked.unicodeScalars)
    var out = String.UnicodeScalarView()
    var line = 1, column = 1, offset = 0
    var i = 0
    while i < scalars.count {
      // A keycap emoji is digit, U+FE0F, U+20E3.
      if i + 2 < scalars.count, ("0"..."9").contains(scalars[i]), scalars[i + 1] == "\u{FE0F}", scalars[i + 2] == "\u{20E3}" {
        markers.append((String(scalars[i]), CellLanguage.SourceLocation(line: line, column: column, offset: offset)))
        i += 3
        continue
      }
      let c = scalars[i]
      out.append(c)
      offset += 1
      if c == "\n" { line += 1; column = 1 } else { column += 1 }
      i += 1
    }
    text = String(out)
  }
}

// MARK: - Running

func parse(_ text: String) -> (statements: [Stmt], diagnostics: [Diagnostic], incomplete: Bool) {
  Parser.parse(SourceFile(name: "test", text: text))
}

/// Every compile diagnostic (syntax, then names) of a cell, without running it.
func compileDiagnostics(_ text: String) -> [Diagnostic] {
  let outcome = Interpreter(write: { _, _ in }).run(text)
  return outcome.error?.diagnostics ?? []
}

/// Runs `source` in a fresh interpreter and returns what it printed and its outcome.
func runCapturing(_ source: String, in interpreter: Interpreter? = nil) -> (output: String, outcome: CellOutcome) {
  let output = Mutex("")
  let interp = interpreter ?? Interpreter()
  interp.write = { text, _ in output.withLock { $0 += text } }
  let outcome = interp.run(source)
  return (output.withLock { $0 }, outcome)
}

/// The printed output of a program that must run without error.
func output(of source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
  let (out, outcome) = runCapturing(source)
  #expect(outcome.error == nil, "unexpected error: \(outcome.error?.rendered ?? "")", sourceLocation: sourceLocation)
  return out
}

/// The description of the cell's result value (what a notebook would show).
func result(of source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
  let (_, outcome) = runCapturing(source)
  #expect(outcome.error == nil, "unexpected error: \(outcome.error?.rendered ?? "")", sourceLocation: sourceLocation)
  return outcome.value.map(describe)
}

/// The error a program must end with.
func error(of source: String, in interpreter: Interpreter? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> CellError? {
  let (_, outcome) = runCapturing(source, in: interpreter)
  #expect(outcome.error != nil, "expected an error from: \(source)", sourceLocation: sourceLocation)
  return outcome.error
}

// MARK: - Big-stack threads

/// A reference that may cross threads; the tests synchronize with semaphores.
final class Shared<T>: @unchecked Sendable {
  var value: T
  init(_ value: T) { self.value = value }
}

/// Starts `body` on a thread with a 512 MB stack (as the product's session worker does,
/// since the evaluator recurses for every user call) and returns a semaphore signalled
/// when it ends.
@discardableResult
func startOnBigStack(_ body: @escaping () -> Void) -> DispatchSemaphore {
  let done = DispatchSemaphore(value: 0)
  let work = Shared(body)
  let t = Thread {
    work.value()
    done.signal()
  }
  t.stackSize = 1 << 29
  t.start()
  return done
}

/// Runs `body` on a big-stack thread and waits for it.
func onBigStack<T>(timeout seconds: Double = 60, _ body: @escaping () -> T) -> T? {
  let box = Shared<T?>(nil)
  let done = startOnBigStack { box.value = body() }
  guard done.wait(timeout: .now() + seconds) == .success else { return nil }
  return box.value
}

/// A deterministic pseudo-random generator (SplitMix64) so fuzz runs are reproducible.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Checks that a diagnostic points inside `text` and that its line:column agree with its
/// offset.
func expectLocated(_ d: Diagnostic, in text: String, _ context: @autoclosure () -> String,
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  let file = SourceFile(name: "check", text: text)
  let start = d.range.start
  let ok = start.line >= 1 && start.column >= 1 && start.offset >= 0 && start.offset <= file.scalars.count
    && d.range.end.offset >= start.offset && d.range.end.offset <= file.scalars.count
    && file.location(ofOffset: start.offset) == start
  #expect(ok, "badly located diagnostic \(d) (\(d.range)) in \(context())", sourceLocation: sourceLocation)
}

/// The is-complete classification without the suggested indent.
enum Completeness: Equatable { case complete, incomplete, invalid }

func completeness(_ text: String) -> Completeness {
  switch CellLanguage.Completeness(of: text) {
  case .complete: return .complete
  case .incomplete: return .incomplete
  case .invalid: return .invalid
  }
}
