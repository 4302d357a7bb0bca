import Arrays
import CellLanguage

/// A data table (`readCSV`) as a cell-language value: typed columns, pandas-like
/// selection, and HTML/text display. A value: filtering or setting a column makes a new
/// table.
final class TableHost: HostObject, RichDisplayable {
  let table: Table
  init(_ table: Table) { self.table = table }

  var typeName: String { "Table" }
  var description: String { table.description }
  var mimeBundle: MimeBundle { ["text/plain": table.description, "text/html": table.html] }

  var memberNames: [String] {
    ["columns", "columnTypes", "rowCount", "count", "shape", "isEmpty", "head", "tail", "describe",
     "filter", "rows", "column", "withColumn", "groupIndex", "writeCSV", "csvString"]
  }

  func isEqual(to other: any HostObject) -> Bool { (other as? TableHost)?.table == table }

  func property(_ name: String) throws -> Value? {
    switch name {
    case "columns": return .array(ArrayValue(table.columnNames.map { .string($0) }, elementType: .string))
    case "columnTypes":
      return .array(ArrayValue(table.columns.map { .string($0.typeName) }, elementType: .string))
    case "rowCount", "count": return .int(table.rowCount)
    case "shape": return .tuple(TupleValue([.int(table.rowCount), .int(table.columns.count)], labels: ["rows", "columns"]))
    case "isEmpty": return .bool(table.rowCount == 0)
    case "description": return .string(table.description)
    default: return nil
    }
  }

  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    let fn = "Table.\(name)"
    switch name {
    case "head", "tail":
      let p = try NamedArguments(fn, args, positional: ["n"])
      let n = try p.int("n", 5, fn)
      return .host(TableHost(name == "head" ? table.head(n) : table.tail(n)))
    case "describe":
      _ = try NamedArguments(fn, args, positional: [])
      return .host(TableHost(table.describe()))
    case "filter":
      let p = try NamedArguments(fn, args, positional: ["mask"], required: ["mask"])
      return .host(TableHost(try select(p["mask"]!)))
    case "rows":
      let p = try NamedArguments(fn, args, positional: ["indices"], required: ["indices"])
      return .host(TableHost(try select(p["indices"]!)))
    case "column":
      let p = try NamedArguments(fn, args, positional: ["name"], required: ["name"])
      return try column(try Arg.string(p["name"]!, "column's name"))
    case "groupIndex":
      let p = try NamedArguments(fn, args, positional: ["column"], labeled: ["sortLevels"], required: ["column"])
      let col = try Arg.string(p["column"]!, "groupIndex's column")
      let sort = try p["sortLevels"].map { try Arg.bool($0, "sortLevels") } ?? true
      let (codes, levels) = try tables { try table.groupIndex(col, sortLevels: sort) }
      return .tuple(TupleValue([.host(ArrayHost(codes)), stringArrayValue(levels)], labels: ["codes", "levels"]))
    case "writeCSV":
      let p = try NamedArguments(fn, args, positional: ["path"], required: ["path"])
      try tables { try table.writeCSV(try Arg.path(p["path"]!, "writeCSV's path")) }
      return .void
    case "csvString":
      return .string(table.csvString())
    case "withColumn":
      let p = try NamedArguments(fn, args, positional: ["name", "values"], required: ["name", "values"])
      let col = try Arg.string(p["name"]!, "withColumn's name")
      var t = table
      try tables { try t.setColumn(col, try tableColumn(p["values"]!, rows: table.rowCount, name: col)) }
      return .host(TableHost(t))
    default:
      return nil
    }
  }

  /// `table["col"]`: a numeric column as an NDArray, a String column as `[String]`
  /// (`[String?]` when values are missing).
  func column(_ name: String) throws -> Value {
    let c = try tables { try table.column(name) }
    if case .string(let s) = c { return stringArrayValue(s) }
    guard let a = c.array else { return stringArrayValue((0..<c.count).map { c.text(at: $0) }) }
    return .host(ArrayHost(a))
  }

  /// The rows a Bool mask keeps, or the rows at Int indices (in that order).
  func select(_ v: Value) throws -> Table {
    guard let a = asArray(v), a.ndim == 1 || (a.ndim == 0 && a.dtype != .bool) else {
      throw HostError("rows are selected with a Bool mask or an array of Int row indices, not \(v.typeName)", kind: "TypeError")
    }
    switch a.dtype {
    case .bool:
      return try tables { try table.filter(a) }
    case .int:
      let n = table.rowCount
      var indices = a.ints
      for (k, i) in indices.enumerated() {
        guard i >= -n, i < n else {
          throw HostError("row index \(i) is out of bounds for a table with \(n) rows", kind: "IndexError")
        }
        if i < 0 { indices[k] = i + n }
      }
      return table.rows(indices)
    case .double:
      throw HostError("rows are selected with a Bool mask or Int row indices, not Doubles", kind: "TypeError")
    }
  }

  func subscriptGet(_ args: Arguments) throws -> Value? {
    guard args.count == 1, args.labels[0] == nil else {
      throw HostError("a table is subscripted with one column name, a Bool mask or Int row indices", kind: "TypeError")
    }
    switch args[0] {
    case .string(let name): return try column(name)
    case .array(let a) where a.items.allSatisfy({ if case .string = $0 { return true }; return false }) && !a.items.isEmpty:
      // table[["a", "b"]]: a table of those columns.
      let names = a.items.map { if case .string(let s) = $0 { return s }; return "" }
      let pairs = try names.map { n in (n, try tables { try table.column(n) }) }
      return .host(TableHost(try tables { try Table(pairs) }))
    case .range(let r):
      let lo = r.lower ?? 0, hi = min(r.halfOpenUpper ?? table.rowCount, table.rowCount)
      guard lo >= 0, lo <= hi else {
        throw HostError("row range \(lo)..<\(hi) is out of bounds for a table with \(table.rowCount) rows", kind: "IndexError")
      }
      return .host(TableHost(table.rows(Array(lo..<hi))))
    default:
      return .host(TableHost(try select(args[0])))
    }
  }

  /// `table["col"] = values`: adds or replaces a column (a new table).
  func subscriptSet(_ args: Arguments, _ newValue: Value) throws -> Value? {
    guard args.count == 1, case .string(let name) = args[0] else {
      throw HostError("assign a column by name: table[\"name\"] = values", kind: "TypeError")
    }
    var t = table
    try tables { try t.setColumn(name, try tableColumn(newValue, rows: table.rowCount, name: name)) }
    return .host(TableHost(t))
  }
}

/// A column from a value: a 1-d numeric array (a scalar is repeated) or Strings.
func tableColumn(_ v: Value, rows: Int, name: String) throws -> TableColumn {
  if case .array(let a) = v, asArray(v) == nil {
    var strings: [String?] = []
    for item in a.items {
      switch item {
      case .string(let s), .some(.string(let s)): strings.append(s)
      case .nilValue: strings.append(nil)
      default:
        throw HostError("column \"\(name)\" must hold numbers, Bools or Strings, not \(item.typeName)", kind: "TypeError")
      }
    }
    return .string(strings)
  }
  guard var a = asArray(v) else {
    throw HostError("column \"\(name)\" must be an array of numbers, Bools or Strings, not \(v.typeName)", kind: "TypeError")
  }
  if a.ndim == 0 { a = try arrays { try a.repeating(rows) } }
  guard a.ndim == 1 else { throw HostError("column \"\(name)\" must be 1-dimensional, got shape \(a.shapeText)", kind: "ShapeError") }
  switch a.storage {
  case .double(let d): return .double(d)
  case .int(let i): return .int(i)
  case .bool(let b): return .bool(b)
  }
}

/// Asks an interpreter, from any thread, whether an interrupt is waiting (a load of its
/// atomic flag; the interpreter outlives the call that holds the probe).
struct InterruptProbe: @unchecked Sendable {
  unowned let interpreter: Interpreter
  init(_ interpreter: Interpreter) { self.interpreter = interpreter }
  var isPending: Bool { interpreter.isInterruptPending }
}

/// Runs a `Table` call, turning its errors into the language's errors.
func tables<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let e as HostError {
    throw e
  } catch let e as CancellationError {
    throw e
  } catch let e as TableError {
    switch e {
    case .malformedCSV: throw HostError(e.description, kind: "CSVError")
    case .noSuchColumn: throw HostError(e.description, kind: "KeyError")
    case .lengthMismatch: throw HostError(e.description, kind: "ShapeError")
    case .io: throw HostError(e.description, kind: "IOError")
    }
  } catch {
    throw HostError("\(error)", kind: errorKind(error))
  }
}

extension Session {
  func registerTableBindings() {
    let b = interpreter.builtins
    b.function("readCSV", "readCSV(_ path: String) -> Table",
      "Reads a CSV file with a header row into a table of typed columns (Int, Double, Bool, String; inferred), with quoted fields and missing values (NaN in numeric columns, nil in String columns).") { args, interp in
      let p = try NamedArguments("readCSV", args, positional: ["path"], required: ["path"])
      let path = try Arg.path(p["path"]!, "readCSV's path")
      // Reading and parsing ask (from several threads) whether the cell was interrupted.
      let probe = InterruptProbe(interp)
      do {
        return .host(TableHost(try tables { try readCSV(path, isCancelled: { probe.isPending }) }))
      } catch is CancellationError {
        try interp.checkInterrupt()
        throw HostError("reading \(path) was cancelled", kind: "KeyboardInterrupt")
      }
    }
    b.function("parseCSV", "parseCSV(_ text: String) -> Table",
      "Parses CSV text (with a header row) into a table, as readCSV does for a file.") { args, _ in
      let p = try NamedArguments("parseCSV", args, positional: ["text"], required: ["text"])
      let text = try Arg.string(p["text"]!, "parseCSV's text")
      return .host(TableHost(try tables { try CSVReader.parse(text) }))
    }
    b.function("writeCSV", "writeCSV(_ table: Table, _ path: String)",
      "Writes a table to a CSV file (header row; missing values empty).") { args, _ in
      let p = try NamedArguments("writeCSV", args, positional: ["table", "path"], required: ["table", "path"])
      guard case .host(let h) = p["table"]!, let t = h as? TableHost else {
        throw HostError("writeCSV's first argument must be a Table, not \(p["table"]!.typeName)", kind: "TypeError")
      }
      let path = try Arg.path(p["path"]!, "writeCSV's path")
      try tables { try t.table.writeCSV(path) }
      return .void
    }
  }
}
