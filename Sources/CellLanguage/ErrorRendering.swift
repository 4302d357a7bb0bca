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
      for entry in r.stack {
        out.append("  in \(entry.function), called from \(entry.file.name):\(entry.callSite.start.line):\(entry.callSite.start.column)")
        let lineText = entry.file.line(entry.callSite.start.line).trimmingLeadingSpaces()
        out.append("      \(lineText)")
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
