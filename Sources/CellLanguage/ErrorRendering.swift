/// A cell's failure, ready to show: compile diagnostics (all of them) or one run-time
/// error with its stack of user functions.
public struct CellError: Error, Sendable {
  public var diagnostics: [Diagnostic]
  public var runtime: RuntimeError?
  public var file: SourceFile

  init(compile diagnostics: [Diagnostic], file: SourceFile) {
    self.diagnostics = diagnostics
    self.runtime = nil
    self.file = file
  }

  init(runtime: RuntimeError, file: SourceFile? = nil) {
    self.diagnostics = []
    self.runtime = runtime
    self.file = runtime.file ?? file ?? SourceFile(name: "cell", text: "")
  }

  /// Jupyter's `ename`.
  public var name: String {
    if let r = runtime { return r.kind }
    return "CompileError"
  }

  /// Jupyter's `evalue`: the first message.
  public var message: String {
    if let r = runtime { return r.message }
    return diagnostics.first?.message ?? "error"
  }

  /// The whole error as plain text.
  public var rendered: String { render(ansi: false) }

  /// The traceback lines for Jupyter, coloured with ANSI escapes.
  public var traceback: [String] { render(ansi: true).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

  public func render(ansi: Bool) -> String {
    let red = ansi ? "\u{1B}[31;1m" : "", bold = ansi ? "\u{1B}[1m" : "", blue = ansi ? "\u{1B}[34m" : ""
    let green = ansi ? "\u{1B}[32;1m" : "", reset = ansi ? "\u{1B}[0m" : ""
    var out: [String] = []
    func snippet(_ range: SourceRange, _ f: SourceFile) {
      let lineText = f.line(range.start.line)
      let gutter = String(range.start.line)
      let pad = String(repeating: " ", count: gutter.count)
      out.append("\(blue) --> \(f.name):\(range.start.line):\(range.start.column)\(reset)")
      out.append("\(blue)\(pad) |\(reset)")
      out.append("\(blue)\(gutter) |\(reset) \(lineText)")
      let startCol = max(1, range.start.column)
      var width = 1
      if range.end.line == range.start.line { width = max(1, range.end.column - range.start.column) } else {
        width = max(1, lineText.unicodeScalars.count - startCol + 1)
      }
      let prefix = String(lineText.unicodeScalars.prefix(startCol - 1).map { $0 == "\t" ? "\t" : " " })
      out.append("\(blue)\(pad) |\(reset) \(prefix)\(green)^" + String(repeating: "~", count: width - 1) + reset)
    }
    if let r = runtime {
      out.append("\(red)\(r.kind):\(reset) \(bold)\(r.message)\(reset)")
      if let range = r.range { snippet(range, file) }
      // Runaway recursion repeats one entry thousands of times: show it 3 times, then a count.
      var k = 0
      while k < r.stack.count {
        let entry = r.stack[k]
        var run = 1
        while k + run < r.stack.count, r.stack[k + run].function == entry.function,
          r.stack[k + run].callSite == entry.callSite, r.stack[k + run].file.name == entry.file.name
        { run += 1 }
        for _ in 0..<min(run, 3) {
          out.append("  in \(entry.function), called from \(entry.file.name):\(entry.callSite.start.line):\(entry.callSite.start.column)")
          out.append("      \(entry.file.line(entry.callSite.start.line).trimmingLeadingSpaces())")
        }
        if run > 3 { out.append("  [previous call repeated \(run - 3) more times]") }
        k += run
      }
    } else {
      for (i, d) in diagnostics.enumerated() {
        if i > 0 { out.append("") }
        out.append("\(red)error:\(reset) \(bold)\(d.message)\(reset)")
        snippet(d.range, file)
        for n in d.notes { out.append("  note: \(n)") }
      }
    }
    return out.joined(separator: "\n")
  }
}
