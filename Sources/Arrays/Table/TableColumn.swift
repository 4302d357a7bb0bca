/// An error from reading, writing or querying a table, naming the row, column or file.
public enum TableError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A malformed CSV: `row` is the 1-based data row (the header is row 0), `line` the
  /// 1-based line of the file, `column` the column name (or number) where it went wrong.
  case malformedCSV(row: Int, line: Int, column: String, message: String)
  /// A column name that is not in the table.
  case noSuchColumn(String, available: [String])
  /// A mask or new column whose length differs from the number of rows.
  case lengthMismatch(expected: Int, got: Int, what: String)
  /// A file that could not be read or written.
  case io(path: String, message: String)

  public var description: String {
    switch self {
    case .malformedCSV(let row, let line, let column, let message):
      return "malformed CSV at row \(row) (line \(line)), column \(column): \(message)"
    case .noSuchColumn(let name, let available):
      return "no column named \"\(name)\"; the columns are " + available.map { "\"\($0)\"" }.joined(separator: ", ")
    case .lengthMismatch(let expected, let got, let what):
      return "\(what) has \(got) entries but the table has \(expected) rows"
    case .io(let path, let message):
      return "\(path): \(message)"
    }
  }
}

/// One typed column of a `Table`.
///
/// Missing values are NaN in Double columns and `nil` in String columns; Int and Bool
/// columns have none (a column of integers with gaps is read as Double, as pandas does).
public enum TableColumn: Sendable, Equatable {
  case double([Double])
  case int([Int])
  case bool([Bool])
  case string([String?])

  /// The number of rows.
  public var count: Int {
    switch self {
    case .double(let v): v.count
    case .int(let v): v.count
    case .bool(let v): v.count
    case .string(let v): v.count
    }
  }

  /// "Double", "Int", "Bool" or "String".
  public var typeName: String {
    switch self {
    case .double: "Double"
    case .int: "Int"
    case .bool: "Bool"
    case .string: "String"
    }
  }

  /// The column as a 1-d array, or nil for a String column.
  public var array: NDArray? {
    switch self {
    case .double(let v): NDArray(v)
    case .int(let v): NDArray(v)
    case .bool(let v): NDArray(v)
    case .string: nil
    }
  }

  /// Whether the column holds numbers (Double or Int).
  public var isNumeric: Bool {
    switch self {
    case .double, .int: true
    default: false
    }
  }

  /// Row `i` as text: Swift's description for numbers, "NaN" for missing Doubles,
  /// "nil" for missing strings.
  public func text(at i: Int) -> String {
    switch self {
    case .double(let v): v[i].isNaN ? "NaN" : "\(v[i])"
    case .int(let v): "\(v[i])"
    case .bool(let v): "\(v[i])"
    case .string(let v): v[i] ?? "nil"
    }
  }

  /// The rows at `indices`, in that order.
  public func selecting(_ indices: [Int]) -> TableColumn {
    switch self {
    case .double(let v): .double(indices.map { v[$0] })
    case .int(let v): .int(indices.map { v[$0] })
    case .bool(let v): .bool(indices.map { v[$0] })
    case .string(let v): .string(indices.map { v[$0] })
    }
  }
}
