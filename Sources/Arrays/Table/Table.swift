/// A table of named, typed columns of equal length (a small data frame).
///
/// Read one with `readCSV(path)`; take a column with `table["name"]` or
/// `try table.column("name")`; filter rows with a Bool mask; get integer group codes for
/// a hierarchical model with `groupIndex("county")`.
public struct Table: Sendable, Equatable {
  /// Column names, in order.
  public private(set) var columnNames: [String]
  /// Columns, parallel to `columnNames`.
  public private(set) var columns: [TableColumn]
  /// Names for the rows, shown as the index instead of 0, 1, … (`describe()` names its
  /// rows by statistic, as pandas does); nil for a plain table.
  public var rowLabels: [String]?

  init(unchecked names: [String], _ columns: [TableColumn]) {
    self.columnNames = names
    self.columns = columns
  }

  /// A table from (name, column) pairs.
  /// - Throws: `TableError.lengthMismatch` if the columns differ in length.
  public init(_ pairs: [(String, TableColumn)]) throws {
    let rows = pairs.first?.1.count ?? 0
    for (name, column) in pairs where column.count != rows {
      throw TableError.lengthMismatch(expected: rows, got: column.count, what: "column \"\(name)\"")
    }
    self.init(unchecked: pairs.map(\.0), pairs.map(\.1))
  }

  /// The number of rows.
  public var rowCount: Int { columns.first?.count ?? 0 }
  /// (rows, columns), as pandas' `shape`.
  public var shape: (rows: Int, columns: Int) { (rowCount, columns.count) }

  /// The column named `name`, or nil.
  public subscript(name: String) -> TableColumn? {
    columnNames.firstIndex(of: name).map { columns[$0] }
  }

  /// The column named `name`.
  /// - Throws: `TableError.noSuchColumn` listing the available names.
  public func column(_ name: String) throws -> TableColumn {
    guard let column = self[name] else { throw TableError.noSuchColumn(name, available: columnNames) }
    return column
  }

  /// Adds or replaces a column.
  /// - Throws: `TableError.lengthMismatch` if its length differs from `rowCount`.
  public mutating func setColumn(_ name: String, _ column: TableColumn) throws {
    if !columns.isEmpty && column.count != rowCount {
      throw TableError.lengthMismatch(expected: rowCount, got: column.count, what: "column \"\(name)\"")
    }
    if let i = columnNames.firstIndex(of: name) { columns[i] = column } else {
      columnNames.append(name)
      columns.append(column)
    }
  }

  /// The first `n` rows (all if fewer; none for n ≤ 0).
  public func head(_ n: Int = 5) -> Table {
    rows(Array(0..<Swift.min(Swift.max(n, 0), rowCount)))
  }

  /// The last `n` rows.
  public func tail(_ n: Int = 5) -> Table {
    let k = Swift.min(Swift.max(n, 0), rowCount)
    return rows(Array((rowCount - k)..<rowCount))
  }

  /// The rows at `indices`, in that order.
  public func rows(_ indices: [Int]) -> Table {
    Table(unchecked: columnNames, columns.map { $0.selecting(indices) })
  }

  /// The rows where `mask` is true (`df[mask]`).
  /// - Throws: `TableError.lengthMismatch` if the mask length differs from `rowCount`.
  public func filter(_ mask: NDArray) throws -> Table {
    let keep = mask.bools
    guard mask.ndim == 1, keep.count == rowCount else {
      throw TableError.lengthMismatch(expected: rowCount, got: mask.size, what: "the Bool mask")
    }
    return rows(keep.indices.filter { keep[$0] })
  }

  /// Integer codes 0..<k for the values of a column and the k level names, what a
  /// hierarchical model indexes its group parameters with.
  ///
  /// With `sortLevels` (the default, like `pd.Categorical`) levels are sorted (numbers
  /// numerically, text lexicographically); otherwise they are in order of first
  /// appearance (like `pd.factorize`). Missing values get code −1, as in pandas.
  /// - Throws: `TableError.noSuchColumn`.
  public func groupIndex(_ name: String, sortLevels: Bool = true) throws -> (codes: NDArray, levels: [String]) {
    let column = try self.column(name)
    var keys: [String?] = []
    var sortKeys: [String: Double] = [:]
    switch column {
    case .double(let v):
      keys = v.map { $0.isNaN ? nil : "\($0)" }
      for x in v where !x.isNaN { sortKeys["\(x)"] = x }
    case .int(let v):
      keys = v.map { "\($0)" }
      for x in v { sortKeys["\(x)"] = Double(x) }
    case .bool(let v):
      keys = v.map { "\($0)" }
      for x in v { sortKeys["\(x)"] = x ? 1 : 0 }
    case .string(let v):
      keys = v
    }
    var levels: [String] = []
    var seen = Set<String>()
    for case let key? in keys where seen.insert(key).inserted { levels.append(key) }
    if sortLevels {
      levels.sort { a, b in
        if let x = sortKeys[a], let y = sortKeys[b] { return x < y }
        return a < b
      }
    }
    let code = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
    return (NDArray(keys.map { $0.flatMap { code[$0] } ?? -1 }), levels)
  }
}
