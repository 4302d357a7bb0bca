import Arrays
import CellLanguage
import Convergence

/// A summary table (`summary(…)`) as a cell value: shows as HTML (flagged rows) and
/// pandas-style text, renders as markdown, and is indexed like ArviZ's DataFrame:
/// `s["a[3]", "r_hat"]` (the shown, rounded value), `s["mu"]` (a row as a dictionary).
final class SummaryHost: HostObject, RichDisplayable {
  let table: SummaryTable
  init(_ table: SummaryTable) { self.table = table }

  var typeName: String { "SummaryTable" }
  var description: String { table.text }
  var mimeBundle: MimeBundle { ["text/plain": table.text, "text/html": table.html] }
  var memberNames: [String] {
    ["columns", "index", "rowCount", "markdown", "html", "text", "toMarkdown", "toHTML", "toText", "column", "raw", "flagged"]
  }

  func isEqual(to other: any HostObject) -> Bool { (other as? SummaryHost)?.table == table }

  func property(_ name: String) throws -> Value? {
    switch name {
    case "columns": return stringArrayValue(table.columns)
    case "index": return stringArrayValue(table.index)
    case "rowCount", "count": return .int(table.index.count)
    case "markdown": return .string(table.markdown)
    case "html": return .string(table.html)
    case "text", "description": return .string(table.text)
    case "flagged": return stringArrayValue(table.index.indices.filter(table.isFlagged(row:)).map { table.index[$0] })
    default: return nil
    }
  }

  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    let fn = "SummaryTable.\(name)"
    switch name {
    case "toMarkdown", "toHTML", "toText":
      _ = try NamedArguments(fn, args, positional: [])
      return .string(name == "toMarkdown" ? table.markdown : name == "toHTML" ? table.html : table.text)
    case "column":
      let p = try NamedArguments(fn, args, positional: ["name"], required: ["name"])
      let col = try Arg.string(p["name"]!, "column's name")
      guard let j = table.columns.firstIndex(of: col) else { throw noColumn(col) }
      return .host(ArrayHost(NDArray(table.values.map { $0[j] })))
    case "raw":
      let p = try NamedArguments(fn, args, positional: ["row", "column"], required: ["row", "column"])
      let (r, c) = (try Arg.string(p["row"]!, "raw's row"), try Arg.string(p["column"]!, "raw's column"))
      try check(r, c)
      return .double(table.rawValue(row: r, column: c)!)
    default: return nil
    }
  }

  func check(_ row: String, _ column: String) throws {
    guard table.index.contains(row) else {
      throw HostError("no row '\(row)' in the summary; rows are \(table.index.prefix(12).joined(separator: ", "))\(table.index.count > 12 ? ", …" : "")", kind: "KeyError")
    }
    guard table.columns.contains(column) else { throw noColumn(column) }
  }

  func noColumn(_ c: String) -> HostError {
    HostError("no column '\(c)' in the summary; columns are \(table.columns.joined(separator: ", "))", kind: "KeyError")
  }

  func subscriptGet(_ args: Arguments) throws -> Value? {
    switch args.count {
    case 2:
      let row = try Arg.string(args[0], "a summary's row label")
      let col = try Arg.string(args[1], "a summary's column name")
      try check(row, col)
      return .double(table[row, col]!)
    case 1:
      let row = try Arg.string(args[0], "a summary's row label")
      guard let i = table.index.firstIndex(of: row) else { try check(row, table.columns.first ?? ""); return nil }
      var d = DictionaryValue(keyType: .string, valueType: .double)
      for (j, c) in table.columns.enumerated() { try d.set(.string(c), .double(table.values[i][j])) }
      return .dictionary(d)
    default:
      throw HostError("a summary is indexed by a row label and a column name: s[\"mu\", \"r_hat\"]", kind: "TypeError")
    }
  }
}

/// `loo(…)` or `waic(…)`: ArviZ's ELPDData as a cell value.
final class ELPDHost: HostObject, RichDisplayable {
  let result: ELPDResult
  init(_ result: ELPDResult) { self.result = result }

  var typeName: String { "ELPDData" }
  var description: String { result.text }
  var mimeBundle: MimeBundle { ["text/plain": result.text, "text/html": result.html] }
  var kind: String { result.kind.rawValue }
  var memberNames: [String] {
    ["elpd", "se", "p", "nSamples", "nDataPoints", "warning", "scale", "pointwise", "paretoK", "goodK", "reff", "markdown", "html", "text"]
  }

  func isEqual(to other: any HostObject) -> Bool { (other as? ELPDHost)?.result == result }

  func property(_ name: String) throws -> Value? {
    switch name {
    case "elpd", "elpdLoo", "elpdWaic": return .double(result.estimate)
    case "se": return .double(result.se)
    case "p", "pLoo", "pWaic": return .double(result.p)
    case "nSamples": return .int(result.samples)
    case "nDataPoints": return .int(result.observations)
    case "warning": return .bool(result.warning)
    case "scale": return .string(result.scale.rawValue)
    case "pointwise": return .host(ArrayHost(NDArray(result.pointwise)))
    case "paretoK": return result.paretoK.map { .host(ArrayHost(NDArray($0))) } ?? .nilValue
    case "goodK": return result.goodK.map { .double($0) } ?? .nilValue
    case "reff": return result.reff.map { .double($0) } ?? .nilValue
    case "markdown": return .string(result.markdown)
    case "html": return .string(result.html)
    case "text", "description": return .string(result.text)
    default: return nil
    }
  }

  /// ArviZ's keys: `l["elpd_loo"]`, `l["se"]`, `l["p_loo"]`, `l["loo_i"]`, `l["pareto_k"]`.
  func subscriptGet(_ args: Arguments) throws -> Value? {
    guard args.count == 1, case .string(let key) = args[0] else {
      throw HostError("ELPDData is indexed by a key such as \"elpd_\(kind)\"", kind: "TypeError")
    }
    switch key {
    case "elpd_\(kind)", "\(kind)": return .double(result.estimate)
    case "se": return .double(result.se)
    case "p_\(kind)": return .double(result.p)
    case "n_samples": return .int(result.samples)
    case "n_data_points": return .int(result.observations)
    case "warning": return .bool(result.warning)
    case "scale": return .string(result.scale.rawValue)
    case "\(kind)_i": return .host(ArrayHost(NDArray(result.pointwise)))
    case "pareto_k" where result.paretoK != nil: return .host(ArrayHost(NDArray(result.paretoK!)))
    case "good_k" where result.goodK != nil: return .double(result.goodK!)
    default:
      throw HostError("no key '\(key)' in ELPDData; keys are elpd_\(kind), se, p_\(kind), n_samples, n_data_points, warning, \(kind)_i\(kind == "loo" ? ", pareto_k, good_k" : ""), scale", kind: "KeyError")
    }
  }
}

/// `compare(…)`: the model comparison table.
final class ComparisonHost: HostObject, RichDisplayable {
  let table: ComparisonTable
  init(_ table: ComparisonTable) { self.table = table }

  var typeName: String { "ComparisonTable" }
  var description: String { table.text }
  var mimeBundle: MimeBundle { ["text/plain": table.text, "text/html": table.html] }
  var memberNames: [String] { ["models", "columns", "weights", "best", "markdown", "html", "text"] }

  func isEqual(to other: any HostObject) -> Bool { (other as? ComparisonHost)?.table == table }

  func property(_ name: String) throws -> Value? {
    switch name {
    case "models": return stringArrayValue(table.rows.map(\.name))
    case "columns": return stringArrayValue(table.columns)
    case "weights": return .host(ArrayHost(NDArray(table.rows.map(\.weight))))
    case "best": return .string(table.rows[0].name)
    case "markdown": return .string(table.markdown)
    case "html": return .string(table.html)
    case "text", "description": return .string(table.text)
    default: return nil
    }
  }

  /// `c["model", "weight"]`.
  func subscriptGet(_ args: Arguments) throws -> Value? {
    guard args.count == 2 else {
      throw HostError("a comparison is indexed by a model name and a column: c[\"model\", \"weight\"]", kind: "TypeError")
    }
    let model = try Arg.string(args[0], "a comparison's model name")
    let col = try Arg.string(args[1], "a comparison's column name")
    guard let row = table.rows.first(where: { $0.name == model }) else {
      throw HostError("no model '\(model)' in the comparison; models are \(table.rows.map(\.name).joined(separator: ", "))", kind: "KeyError")
    }
    switch col {
    case "rank": return .int(row.rank)
    case "warning": return .bool(row.warning)
    case "scale": return .string(table.scale.rawValue)
    default:
      guard let v = table[model, col] else {
        throw HostError("no column '\(col)' in the comparison; columns are \(table.columns.joined(separator: ", "))", kind: "KeyError")
      }
      return .double(v)
    }
  }
}
