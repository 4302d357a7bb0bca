import Foundation

/// An `.ipynb` notebook (nbformat 4): its cells and metadata, read and written as
/// Jupyter does. Keys this type does not model (cell and notebook metadata, attachments)
/// are kept as read.
public struct NotebookDocument {
  public struct Cell {
    public enum Kind: String, Sendable { case code, markdown, raw }
    public var kind: Kind
    public var source: String
    public var id: String?
    public var outputs: [NotebookOutput] = []
    public var executionCount: Int?
    /// Every key of the cell as read (metadata, attachments, …), rewritten on save.
    public var extra: [String: Any] = [:]

    public init(kind: Kind, source: String, id: String? = nil) {
      self.kind = kind
      self.source = source
      self.id = id
    }
  }

  public var cells: [Cell]
  public var metadata: [String: Any]
  public var nbformat = 4
  public var nbformatMinor = 5

  public init(cells: [Cell], metadata: [String: Any] = [:]) {
    self.cells = cells
    self.metadata = metadata
  }

  public struct FormatError: Error, CustomStringConvertible {
    public var description: String
  }

  /// Reads a notebook from `.ipynb` JSON.
  /// - Throws: `FormatError` when the JSON is not an nbformat 4 notebook.
  public init(data: Data) throws {
    guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw FormatError(description: "not a notebook: the JSON is not an object")
    }
    guard let major = root["nbformat"] as? Int, major == 4 else {
      throw FormatError(description: "only nbformat 4 notebooks are supported (this one says \(root["nbformat"].map { "\($0)" } ?? "nothing"))")
    }
    nbformatMinor = root["nbformat_minor"] as? Int ?? 5
    metadata = root["metadata"] as? [String: Any] ?? [:]
    guard let rawCells = root["cells"] as? [[String: Any]] else { throw FormatError(description: "not a notebook: no cells") }
    cells = try rawCells.enumerated().map { i, raw in
      guard let kind = (raw["cell_type"] as? String).flatMap(Cell.Kind.init(rawValue:)) else {
        throw FormatError(description: "cell \(i + 1) has no valid cell_type")
      }
      var cell = Cell(kind: kind, source: Self.joinedText(raw["source"]), id: raw["id"] as? String)
      cell.executionCount = raw["execution_count"] as? Int
      cell.outputs = (raw["outputs"] as? [[String: Any]] ?? []).compactMap(Self.output(from:))
      cell.extra = raw.filter { !["cell_type", "source", "id", "outputs", "execution_count"].contains($0.key) }
      return cell
    }
  }

  public init(contentsOf path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw FormatError(description: "cannot read '\(path)'")
    }
    try self.init(data: data)
  }

  /// nbformat's multiline strings: a string, or a list of lines to concatenate.
  static func joinedText(_ v: Any?) -> String {
    if let s = v as? String { return s }
    if let lines = v as? [String] { return lines.joined() }
    return ""
  }

  /// Splits text into nbformat's list of lines (each keeps its newline).
  static func lines(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    for ch in text {
      current.append(ch)
      if ch == "\n" {
        out.append(current)
        current = ""
      }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  static func output(from raw: [String: Any]) -> NotebookOutput? {
    func bundle() -> [String: String] {
      var out: [String: String] = [:]
      for (k, v) in raw["data"] as? [String: Any] ?? [:] {
        if let s = v as? String { out[k] = s } else if let l = v as? [String] { out[k] = l.joined() }
        else if let d = try? JSONSerialization.data(withJSONObject: v), let s = String(data: d, encoding: .utf8) { out[k] = s }
      }
      return out
    }
    switch raw["output_type"] as? String {
    case "stream": return .stream(name: raw["name"] as? String ?? "stdout", text: joinedText(raw["text"]))
    case "display_data": return .display(data: bundle(), displayID: nil)
    case "execute_result": return .result(data: bundle(), executionCount: raw["execution_count"] as? Int ?? 0)
    case "error":
      return .error(ename: raw["ename"] as? String ?? "Error", evalue: raw["evalue"] as? String ?? "", traceback: raw["traceback"] as? [String] ?? [])
    default: return nil
    }
  }

  static func json(of output: NotebookOutput) -> [String: Any] {
    func data(_ d: [String: String]) -> [String: Any] {
      var out: [String: Any] = [:]
      for (k, v) in d {
        if k.hasSuffix("json"), let parsed = try? JSONSerialization.jsonObject(with: Data(v.utf8), options: [.fragmentsAllowed]) {
          out[k] = parsed
        } else {
          out[k] = lines(v)
        }
      }
      return out
    }
    switch output {
    case .stream(let name, let text):
      return ["output_type": "stream", "name": name, "text": lines(text)]
    case .display(let d, _):
      return ["output_type": "display_data", "data": data(d), "metadata": [String: Any]()]
    case .result(let d, let n):
      return ["output_type": "execute_result", "data": data(d), "metadata": [String: Any](), "execution_count": n]
    case .error(let ename, let evalue, let traceback):
      return ["output_type": "error", "ename": ename, "evalue": evalue, "traceback": traceback]
    }
  }

  /// The notebook as `.ipynb` JSON (keys sorted, one-space indent, as nbformat writes).
  public func jsonData() throws -> Data {
    let rawCells: [[String: Any]] = cells.map { cell in
      var raw = cell.extra
      raw["cell_type"] = cell.kind.rawValue
      raw["source"] = Self.lines(cell.source)
      if let id = cell.id { raw["id"] = id }
      if raw["metadata"] == nil { raw["metadata"] = [String: Any]() }
      if cell.kind == .code {
        raw["outputs"] = cell.outputs.map(Self.json(of:))
        raw["execution_count"] = cell.executionCount.map { $0 as Any } ?? NSNull()
      }
      return raw
    }
    let root: [String: Any] = ["cells": rawCells, "metadata": metadata, "nbformat": nbformat, "nbformat_minor": nbformatMinor]
    let pretty = try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    // Foundation indents by two spaces; nbformat by one. Halve leading indentation.
    guard let text = String(data: pretty, encoding: .utf8) else { return pretty }
    let reindented = text.split(separator: Character("\n"), omittingEmptySubsequences: false).map { (line: Substring) -> String in
      let spaces = line.prefix(while: { $0 == " " }).count
      return String(repeating: " ", count: spaces / 2) + line.dropFirst(spaces)
    }.joined(separator: "\n")
    return Data((reindented + "\n").utf8)
  }

  public func write(to path: String) throws {
    try jsonData().write(to: URL(fileURLWithPath: path))
  }
}
