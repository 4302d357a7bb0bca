import CellLanguage
import Foundation
import Reports
import SwiftBayes

/// `swiftbayes run NB.ipynb [--output OUT.ipynb] [--report OUT.html]`: runs a notebook's
/// code cells in order in one session, without Jupyter, in the notebook's folder (as a
/// Jupyter server starts its kernels), and writes the outputs into the notebook as Jupyter
/// would: merged streams, displays with their updates applied, results and errors.
enum NotebookRunner {
  /// The `language_info` the kernel reports in `kernel_info_reply` (KernelDispatcher):
  /// notebooks saved with exactly this open in JupyterLab without being marked modified.
  static var languageInfo: [String: Any] { [
    "name": "swift", "version": "6.3", "mimetype": "text/x-swift", "file_extension": ".swift",
    "pygments_lexer": "swift", "codemirror_mode": "swift", "nbconvert_exporter": "script",
  ] }

  struct Options {
    var output: String?
    var report: String?
    var continueOnError = false
    var timing = false
  }

  /// Runs the notebook; returns false when a cell failed.
  static func run(_ path: String, _ options: Options) throws -> Bool {
    var notebook: NotebookDocument
    do {
      notebook = try NotebookDocument(contentsOf: path)
    } catch {
      FileHandle.standardError.write(Data("error: \(path): \(error)\n".utf8))
      throw ExitCodeError(code: 2)
    }
    let cwd = FileManager.default.currentDirectoryPath
    func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : (cwd as NSString).appendingPathComponent(p) }
    let output = options.output.map(absolute)
    let report = options.report.map(absolute)
    let folder = URL(fileURLWithPath: absolute(path)).deletingLastPathComponent().path
    FileManager.default.changeCurrentDirectoryPath(folder)
    defer { FileManager.default.changeCurrentDirectoryPath(cwd) }

    let sink = TerminalSink()
    let session = Session(output: sink)
    session.readInput = { prompt, _ in
      sink.stream(prompt, to: .stdout)
      return Swift.readLine() ?? ""
    }
    var failed = false
    var executed: [Int] = []  // notebook cell indices, in execution order
    var seconds: [Int: Double] = [:]
    for i in notebook.cells.indices {
      notebook.cells[i].outputs = []
      notebook.cells[i].executionCount = nil
    }
    let codeCells = notebook.cells.indices.filter { notebook.cells[$0].kind == .code }
    for (k, i) in codeCells.enumerated() {
      if failed && !options.continueOnError { break }
      let started = DispatchTime.now().uptimeNanoseconds
      let r = session.execute(notebook.cells[i].source)
      sink.flush()
      let s = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      seconds[i] = s
      executed.append(i)
      if let cell = session.recordedCells.last {
        notebook.cells[i].outputs = cell.outputs
        notebook.cells[i].executionCount = cell.executionCount
      }
      if options.timing { FileHandle.standardError.write(Data("cell-time \(i + 1) \(s)\n".utf8)) }
      if let e = r.error {
        failed = true
        let rendered = e.render(ansi: isatty(2) != 0)
        FileHandle.standardError.write(Data((rendered + "\n").utf8))
        FileHandle.standardError.write(Data("swiftbayes run: cell \(i + 1) of \(path) (code cell \(k + 1)) failed: \(e.name): \(e.message)\n".utf8))
      } else {
        for page in r.pages { sink.stream((page["text/plain"] ?? "") + "\n", to: .stdout) }
        if let result = r.result, let text = result["text/plain"] { sink.stream(text + "\n", to: .stdout) }
      }
    }
    sink.flush()
    // The recorder applied display updates across cells: take the final outputs of the
    // cells it still holds (the most recent ones, when a long notebook outgrew it).
    let recorded = session.recordedCells
    for (cell, i) in zip(recorded.reversed(), executed.reversed()) {
      notebook.cells[i].outputs = cell.outputs
      notebook.cells[i].executionCount = cell.executionCount
    }
    notebook.metadata["language_info"] = languageInfo
    // A plot's inline-HTML copy (for hover in a live JupyterLab) stays out of saved files,
    // which it would double: the SVG is there.
    for i in notebook.cells.indices {
      notebook.cells[i].outputs = notebook.cells[i].outputs.map(withoutPlotHTML)
    }
    // The widgets' last state, as JupyterLab saves it, so their views render when the
    // notebook is opened again (without a kernel too).
    if let state = session.widgetStateJSON(), let json = try? JSONSerialization.jsonObject(with: Data(state.utf8)) {
      notebook.metadata["widgets"] = json
    } else {
      notebook.metadata["widgets"] = nil
    }
    if let output {
      try notebook.write(to: output)
      FileHandle.standardError.write(Data("swiftbayes run: wrote \(output)\n".utf8))
    }
    if let report {
      let title = notebook.cells.first { $0.kind == .markdown }.flatMap { c in
        c.source.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) }
      } ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      let cells = notebook.cells.indices.map { i in
        ReportCell(kind: notebook.cells[i].kind, source: notebook.cells[i].source, outputs: notebook.cells[i].outputs,
                   executionCount: notebook.cells[i].executionCount, seconds: seconds[i])
      }
      let html = HTMLReport.render(cells, metadata: ReportMetadata(title: title, source: path))
      try html.write(toFile: report, atomically: true, encoding: .utf8)
      FileHandle.standardError.write(Data("swiftbayes run: wrote \(report)\n".utf8))
    }
    return !failed
  }
}

struct ExitCodeError: Error { var code: Int32 }

/// The output without the `text/html` copy of an SVG plot (`PlotHost.inlineHTML`).
func withoutPlotHTML(_ output: NotebookOutput) -> NotebookOutput {
  func strip(_ data: [String: String]) -> [String: String] {
    guard data["image/svg+xml"] != nil, data["text/html"]?.contains("<div class=\"swiftbayes-plot\" data-swiftbayes-plot hidden style=\"display:none\">") == true else { return data }
    var d = data
    d["text/html"] = nil
    return d
  }
  switch output {
  case .display(let data, let id): return .display(data: strip(data), displayID: id)
  case .result(let data, let n): return .result(data: strip(data), executionCount: n)
  default: return output
  }
}
