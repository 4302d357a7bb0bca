import CellLanguage
import Foundation
import Plotting

/// A figure as a cell-language value: displays inline as `image/svg+xml` (with a
/// `text/plain` fallback) and can `.save("file.svg")`. The SVG is rendered once, when
/// the plot is made.
///
/// The bundle also carries the same SVG as `text/html` (`PlotHost.inlineHTML`):
/// JupyterLab draws `image/svg+xml` through an `<img>`, where the marks' hover titles and
/// the CSS highlight do nothing, but puts HTML in the page, where they work (it prefers
/// HTML when the output is trusted, as outputs of a running kernel are). Reports use the SVG.
final class PlotHost: HostObject, RichDisplayable {
  let figure: Figure
  let svg: String

  init(_ figure: Figure) {
    self.figure = figure
    self.svg = figure.svg()
  }

  var typeName: String { "Plot" }
  var description: String {
    let kb = (Double(svg.utf8.count) / 1024).rounded()
    let grid = figure.rows == 1 && figure.columns == 1 ? "" : ", \(figure.rows)×\(figure.columns) panels"
    return "<\(figure.title ?? figure.kind): \(Int(figure.width))×\(Int(figure.height)) SVG\(grid), \(Int(kb)) KB>"
  }
  var mimeBundle: MimeBundle {
    ["text/plain": description, "image/svg+xml": svg, "text/html": PlotHost.inlineHTML(svg)]
  }

  /// An SVG as HTML that shows it inline where HTML is trusted, and a short note where it
  /// is sanitized. JupyterLab sanitizes the HTML of an untrusted notebook, dropping `<svg>`
  /// and `<style>` but keeping their text, which would spill every tick label and hover
  /// title: so the SVG sits in a `hidden` div (the sanitizer keeps `hidden`), and only the
  /// `<style>` (dropped by the sanitizer) shows it, by a rule on a `data-` attribute (also
  /// dropped), so a trusted output's rule never reveals a sanitized one on the same page.
  static func inlineHTML(_ svg: String) -> String {
    "<style>div[data-swiftbayes-plot]{display:block!important}p[data-swiftbayes-untrusted]{display:none}</style>"
      + "<div class=\"swiftbayes-plot\" data-swiftbayes-plot hidden style=\"display:none\">\(svg)</div>"
      + "<p data-swiftbayes-untrusted>Run the cell, or trust the notebook, to show this plot.</p>"
  }
  var memberNames: [String] { ["save", "svg", "width", "height", "kind"] }

  func isEqual(to other: any HostObject) -> Bool { (other as? PlotHost)?.svg == svg }

  func property(_ name: String) throws -> Value? {
    switch name {
    case "svg": return .string(svg)
    case "width": return .double(figure.width)
    case "height": return .double(figure.height)
    case "kind": return .string(figure.kind)
    default: return nil
    }
  }

  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    guard name == "save" else { return nil }
    let p = try NamedArguments("Plot.save", args, positional: ["path"], required: ["path"])
    let path = try Arg.string(p["path"]!, "save's path")
    guard !path.isEmpty, !path.contains("\0") else {
      throw HostError("save needs a file path such as \"plot.svg\"", kind: "ValueError")
    }
    guard path.lowercased().hasSuffix(".svg") else {
      throw HostError("plots save as SVG: give a path ending in .svg (got \(quoteString(path)))", kind: "ValueError")
    }
    do {
      try Data(svg.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      throw HostError("cannot write \(quoteString(path)): \(error.localizedDescription)", kind: "IOError")
    }
    return .void
  }
}
