import Arrays
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Plotting
import Testing

/// The golden files live beside this source file; `UPDATE_GOLDEN=1 swift test --filter
/// Plotting` rewrites them (then look at the diff and the pictures before committing).
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static func check(_ svg: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = directory.appendingPathComponent(name + ".svg")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try svg.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try #require(try? String(contentsOf: url, encoding: .utf8), "no golden file \(name).svg; run with UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
    #expect(svg == expected, "\(name).svg differs from the golden file (UPDATE_GOLDEN=1 rewrites it)", sourceLocation: sourceLocation)
  }
}

/// The eight-schools-shaped draws in Golden/draws.json (scripts/fixtures/make_plot_draws.py).
struct Fixture {
  let draws: PosteriorDraws
  let y: [Double]
  let yRep: [[Double]]

  static let shared: Fixture = {
    let url = Golden.directory.appendingPathComponent("draws.json")
    let data = try! Data(contentsOf: url)
    let json = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    func doubles(_ v: Any) -> [Double] { (v as! [Any]).map { ($0 as! NSNumber).doubleValue } }
    func matrix(_ v: Any) -> [[Double]] { (v as! [Any]).map(doubles) }
    let mu = matrix(json["mu"]!), tau = matrix(json["tau"]!)
    let theta = (json["theta"] as! [Any]).map(matrix)
    let c = mu.count, d = mu[0].count
    let arrays: [String: NDArray] = [
      "mu": try! NDArray(mu.flatMap { $0 }, shape: [c, d]),
      "tau": try! NDArray(tau.flatMap { $0 }, shape: [c, d]),
      "theta": try! NDArray(theta.flatMap { $0.flatMap { $0 } }, shape: [c, d, 8]),
    ]
    let diverging = (json["diverging"] as! [[Bool]])
    return Fixture(
      draws: PosteriorDraws(names: ["mu", "tau", "theta"], arrays: arrays, diverging: diverging, energy: matrix(json["energy"]!)),
      y: doubles(json["y"]!), yRep: matrix(json["y_rep"]!))
  }()
}

/// Parses SVG text as XML; returns the root element's name and the `<title>` text.
func parseSVG(_ svg: String) -> (root: String?, title: String?, error: String?) {
  final class Delegate: NSObject, XMLParserDelegate {
    var root: String?
    var inTitle = false
    var title = ""
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
      if root == nil { root = name }
      if name == "title" { inTitle = true }
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      if name == "title" { inTitle = false }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { title += string } }
  }
  let parser = XMLParser(data: Data(svg.utf8))
  let d = Delegate()
  parser.delegate = d
  let ok = parser.parse()
  return (d.root, d.title.isEmpty ? nil : d.title, ok ? nil : (parser.parserError.map { "\($0)" } ?? "parse error"))
}
