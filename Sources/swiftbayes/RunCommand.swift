import ArgumentParser
import CellLanguage
import Foundation
import SwiftBayes

/// `swiftbayes run FILE.swift`: runs a script whose cells are separated by `// %%` lines
/// (Jupytext's percent format), printing output and each cell's result as a notebook would.
/// `swiftbayes run NB.ipynb [--output OUT.ipynb] [--report OUT.html]` runs a notebook
/// (NotebookRunner) and writes its outputs into a notebook and a standalone HTML report.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a notebook (.ipynb) or a Swift-syntax script (cells separated by '// %%' lines) headless.")

  @Argument(help: "The notebook (.ipynb) or script to run.")
  var file: String

  @Option(help: "For a notebook: write the executed notebook, with its outputs, here.")
  var output: String?

  @Option(help: "For a notebook: write a standalone HTML report of the run here.")
  var report: String?

  @Flag(help: "Go on with the next cell after an error (the exit status is still 1).")
  var continueOnError = false

  @Flag(help: "Print each cell's wall time to standard error (for benchmarks).")
  var timing = false

  func run() throws {
    if file.hasSuffix(".ipynb") {
      do {
        let ok = try NotebookRunner.run(file, .init(output: output, report: report, continueOnError: continueOnError, timing: timing))
        if !ok { throw ExitCode(1) }
      } catch let e as ExitCodeError {
        throw ExitCode(e.code)
      }
      return
    }
    if output != nil || report != nil {
      FileHandle.standardError.write(Data("error: --output and --report are for notebooks (.ipynb)\n".utf8))
      throw ExitCode(2)
    }
    guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
      FileHandle.standardError.write(Data("error: cannot read '\(file)'\n".utf8))
      throw ExitCode(2)
    }
    let sink = TerminalSink()
    let session = Session(output: sink)
    session.readInput = { prompt, _ in
      sink.stream(prompt, to: .stdout)
      return Swift.readLine() ?? ""
    }
    var failed = false
    for cell in ScriptCells.split(text) where !cell.isMarkdown {
      let started = DispatchTime.now().uptimeNanoseconds
      let r = session.execute(cell.source)
      if timing {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        FileHandle.standardError.write(Data("cell-time \(cell.firstLine) \(seconds)\n".utf8))
      }
      if let e = r.error {
        failed = true
        sink.flush()
        let useColor = isatty(2) != 0
        var rendered = e.render(ansi: useColor)
        if cell.firstLine > 1 {
          rendered += "\n  (cell starting at line \(cell.firstLine) of \(file))"
        }
        FileHandle.standardError.write(Data((rendered + "\n").utf8))
        if !continueOnError { break }
      } else {
        sink.flush()
        for page in r.pages { sink.stream((page["text/plain"] ?? "") + "\n", to: .stdout) }
        if let result = r.result, let text = result["text/plain"] { sink.stream(text + "\n", to: .stdout) }
      }
    }
    sink.flush()
    if failed { throw ExitCode(1) }
  }
}

/// Splits a percent-format script into cells.
enum ScriptCells {
  struct Cell {
    var source: String
    var firstLine: Int
    var isMarkdown: Bool
  }

  static func split(_ text: String) -> [Cell] {
    var cells: [Cell] = []
    var current: [Substring] = []
    var first = 1
    var markdown = false
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (i, line) in lines.enumerated() {
      let trimmed = line.drop(while: { $0 == " " })
      if trimmed.hasPrefix("// %%") {
        if !current.isEmpty || i > 0 {
          cells.append(Cell(source: current.joined(separator: "\n"), firstLine: first, isMarkdown: markdown))
        }
        current = []
        first = i + 2
        markdown = trimmed.contains("[markdown]")
      } else {
        current.append(line)
      }
    }
    cells.append(Cell(source: current.joined(separator: "\n"), firstLine: first, isMarkdown: markdown))
    return cells.filter { !$0.source.allSatisfy(\.isWhitespace) }
  }
}

/// Writes stream output to the terminal as it arrives and displays as plain text.
final class TerminalSink: OutputSink, @unchecked Sendable {
  private let lock = NSLock()

  func stream(_ text: String, to stream: OutputStreamKind) {
    lock.lock()
    defer { lock.unlock() }
    let handle = stream == .stdout ? FileHandle.standardOutput : FileHandle.standardError
    handle.write(Data(text.utf8))
  }

  func display(_ bundle: MimeBundle, displayID: String?) {
    if let text = bundle["text/plain"], !text.isEmpty { stream(text + "\n", to: .stdout) }
  }

  /// The latest text of each updated display, printed when the cell ends (a terminal
  /// also sees the updates live on stderr, redrawn in place).
  private var pendingUpdates: [(id: String, text: String)] = []
  private var liveLines = 0
  private let interactive = isatty(2) != 0

  func updateDisplay(_ bundle: MimeBundle, displayID: String) {
    guard let text = bundle["text/plain"] else { return }
    lock.lock()
    defer { lock.unlock() }
    if let i = pendingUpdates.firstIndex(where: { $0.id == displayID }) { pendingUpdates[i].text = text } else { pendingUpdates.append((displayID, text)) }
    if interactive {
      var out = liveLines > 0 ? "\u{1B}[\(liveLines)A" : ""
      out += text.split(separator: "\n", omittingEmptySubsequences: false).map { "\u{1B}[2K" + $0 }.joined(separator: "\n") + "\n"
      liveLines = text.split(separator: "\n", omittingEmptySubsequences: false).count
      FileHandle.standardError.write(Data(out.utf8))
    }
  }

  func clearOutput(wait: Bool) {}

  func flush() {
    lock.lock()
    let pending = pendingUpdates
    pendingUpdates = []
    liveLines = 0
    lock.unlock()
    for (_, text) in pending { stream(text + "\n", to: .stdout) }
  }
}
