import Foundation

/// The current SwiftBayes release, shown in reports and `--version`.
public enum SwiftBayesRelease {
  public static let version = "0.1.0"
}

/// One cell of a report: its source, outputs and wall time.
public struct ReportCell {
  public var kind: NotebookDocument.Cell.Kind
  public var source: String
  public var outputs: [NotebookOutput]
  public var executionCount: Int?
  public var seconds: Double?

  public init(kind: NotebookDocument.Cell.Kind, source: String, outputs: [NotebookOutput] = [], executionCount: Int? = nil, seconds: Double? = nil) {
    self.kind = kind
    self.source = source
    self.outputs = outputs
    self.executionCount = executionCount
    self.seconds = seconds
  }
}

/// What the report's header says about the run.
public struct ReportMetadata {
  public var title: String
  public var source: String?
  public var version = SwiftBayesRelease.version
  public var date = Date()

  public init(title: String, source: String? = nil) {
    self.title = title
    self.source = source
  }
}

/// A standalone HTML report of a notebook run: one file that opens without a network
/// (styles inline, SVG plots inline, no scripts), with the cells' code highlighted, their
/// outputs (streams, tables, plots, errors), and a header with the run's metadata:
/// SwiftBayes version, date, the random keys and seeds the code uses, and wall times.
public enum HTMLReport {
  public static func render(_ cells: [ReportCell], metadata: ReportMetadata) -> String {
    let codeCells = cells.filter { $0.kind == .code }
    let total = codeCells.compactMap(\.seconds).reduce(0, +)
    let keys = randomKeys(in: codeCells.map(\.source))
    let errors = codeCells.filter { $0.outputs.contains { if case .error = $0 { return true }; return false } }.count
    let date = ISO8601DateFormatter().string(from: metadata.date)
    var html = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="generator" content="SwiftBayes \(escapeHTML(metadata.version))">
    <title>\(escapeHTML(metadata.title))</title>
    <style>\(css)</style>
    </head>
    <body>
    <header class="meta">
    <h1>\(escapeHTML(metadata.title))</h1>
    <table>
    <tr><th>SwiftBayes</th><td>\(escapeHTML(metadata.version))</td></tr>
    <tr><th>date</th><td>\(date)</td></tr>

    """
    if let s = metadata.source { html += "<tr><th>notebook</th><td><code>\(escapeHTML(s))</code></td></tr>\n" }
    html += "<tr><th>random keys</th><td>\(keys.isEmpty ? "none" : keys.map { "<code>\(escapeHTML($0))</code>" }.joined(separator: ", "))</td></tr>\n"
    html += "<tr><th>wall time</th><td>\(formatSeconds(total)) over \(codeCells.count) code cells" + (errors > 0 ? ", <span class=\"bad\">\(errors) with errors</span>" : "") + "</td></tr>\n"
    html += "</table>\n</header>\n<main>\n"
    for cell in cells {
      switch cell.kind {
      case .markdown: html += "<section class=\"md\">\n" + Markdown.html(cell.source) + "</section>\n"
      case .raw: html += "<pre class=\"raw\">\(escapeHTML(cell.source))</pre>\n"
      case .code:
        let prompt = cell.executionCount.map { "[\($0)]" } ?? "[ ]"
        let time = cell.seconds.map { "<span class=\"time\">\(formatSeconds($0))</span>" } ?? ""
        html += "<section class=\"cell\">\n<div class=\"in\"><span class=\"prompt\">In \(prompt)</span>\(time)<pre class=\"code\">\(SwiftHighlighter.html(cell.source))</pre></div>\n"
        for o in cell.outputs { html += "<div class=\"out\">" + render(o) + "</div>\n" }
        html += "</section>\n"
      }
    }
    html += "</main>\n<footer>Written by SwiftBayes \(escapeHTML(metadata.version)) on \(date).</footer>\n</body>\n</html>\n"
    return html
  }

  /// One output: the richest representation the report can show inline.
  static func render(_ output: NotebookOutput) -> String {
    switch output {
    case .stream(let name, let text):
      return "<pre class=\"stream \(name)\">\(escapeHTML(stripANSI(text)))</pre>"
    case .error(let ename, let evalue, let traceback):
      let body = traceback.isEmpty ? "\(ename): \(evalue)" : traceback.map(stripANSI).joined(separator: "\n")
      return "<pre class=\"error\">\(escapeHTML(body))</pre>"
    case .display(let data, _), .result(let data, _):
      if let svg = data["image/svg+xml"] { return "<div class=\"svg\">\(stripXMLProlog(svg))</div>" }
      if let h = data["text/html"] { return "<div class=\"html\">\(h)</div>" }
      if let md = data["text/markdown"] { return "<div class=\"md\">\(Markdown.html(md))</div>" }
      if let png = data["image/png"] { return "<img alt=\"plot\" src=\"data:image/png;base64,\(png.filter { !$0.isWhitespace })\">" }
      return "<pre class=\"plain\">\(escapeHTML(stripANSI(data["text/plain"] ?? "")))</pre>"
    }
  }

  static func stripXMLProlog(_ svg: String) -> String {
    guard svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") else { return svg }
    return String(svg[end.upperBound...])
  }

  /// The random keys and seeds the cells use (`PRNGKey(0)`, `RandomState(seed: 42)`), in
  /// order of first appearance.
  public static func randomKeys(in sources: [String]) -> [String] {
    let patterns = [#"PRNGKey\(\s*\d+\s*\)"#, #"RandomState\(\s*seed:\s*\d+\s*\)"#]
    var seen: [String] = []
    for source in sources {
      var found: [(String.Index, String)] = []
      for p in patterns {
        guard let regex = try? Regex(p) else { continue }
        for m in source.matches(of: regex) { found.append((m.range.lowerBound, String(source[m.range]))) }
      }
      for (_, k) in found.sorted(by: { $0.0 < $1.0 }) where !seen.contains(k) { seen.append(k) }
    }
    return seen
  }

  static func formatSeconds(_ s: Double) -> String {
    s < 1 ? String(format: "%.0f ms", s * 1000) : (s < 60 ? String(format: "%.2f s", s) : String(format: "%d min %02d s", Int(s) / 60, Int(s) % 60))
  }

  static let css = """
  body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #1f2328; line-height: 1.5; }
  header.meta { border-bottom: 2px solid #d0d7de; margin-bottom: 1.5em; }
  header.meta table { border-collapse: collapse; font-size: 0.9em; margin-bottom: 1em; }
  header.meta th { text-align: left; padding: 2px 12px 2px 0; color: #57606a; font-weight: normal; }
  section.cell { margin: 1em 0; }
  .in { position: relative; }
  .prompt { color: #57606a; font-family: monospace; font-size: 0.8em; }
  .time { float: right; color: #57606a; font-family: monospace; font-size: 0.8em; }
  pre { margin: 0.2em 0; padding: 0.6em; overflow-x: auto; font-size: 0.85em; }
  pre.code { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 4px; }
  pre.stream, pre.plain { background: #fff; border-left: 3px solid #d0d7de; }
  pre.stderr { background: #fff8e6; }
  pre.error { background: #ffebe9; border-left: 3px solid #cf222e; }
  .out { margin-left: 1em; }
  .out table { border-collapse: collapse; font-size: 0.8em; margin: 0.3em 0; }
  .out th, .out td { border-bottom: 1px solid #e5e5e5; padding: 2px 8px; text-align: right; }
  .out th:first-child, .out td:first-child { text-align: left; }
  .svg svg { max-width: 100%; height: auto; }
  .k { color: #cf222e; } .s { color: #0a3069; } .n { color: #0550ae; } .c { color: #6e7781; font-style: italic; } .t { color: #8250df; }
  .bad { color: #cf222e; }
  code { background: #f6f8fa; padding: 0 3px; border-radius: 3px; }
  footer { margin-top: 3em; color: #57606a; font-size: 0.8em; border-top: 1px solid #d0d7de; padding-top: 0.5em; }
  """
}
