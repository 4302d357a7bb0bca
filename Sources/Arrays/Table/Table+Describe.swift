/// Summary statistics of the numeric columns, as pandas' `describe()`.
extension Table {
  /// For each numeric (Int or Double) column: count (non-missing), mean, std
  /// (ddof = 1), min, 25%, 50%, 75% (NumPy's linear quantiles) and max, ignoring NaN.
  /// The statistics' names are the row labels (the index), as in pandas. A table without numeric columns
  /// gives count, unique, top and freq of each column instead.
  public func describe() -> Table {
    let numeric = columns.indices.filter { columns[$0].isNumeric }
    if numeric.isEmpty { return describeCategorical() }
    let names = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
    var pairs: [(String, TableColumn)] = []
    for k in numeric {
      let values = (columns[k].array?.doubles ?? []).filter { !$0.isNaN }
      let n = Double(values.count)
      guard !values.isEmpty else {
        pairs.append((columnNames[k], .double([0] + Array(repeating: .nan, count: 7))))
        continue
      }
      let array = NDArray(values)
      let mean = (try? array.mean().scalarDouble ?? .nan) ?? .nan
      let std = (try? array.standardDeviation(ddof: 1).scalarDouble ?? .nan) ?? .nan
      let q = (try? array.quantile(NDArray([0.0, 0.25, 0.5, 0.75, 1.0])).doubles) ?? []
      pairs.append((columnNames[k], .double([n, mean, std, q[0], q[1], q[2], q[3], q[4]])))
    }
    var described = Table(unchecked: pairs.map(\.0), pairs.map(\.1))
    described.rowLabels = names
    return described
  }

  func describeCategorical() -> Table {
    var pairs: [(String, TableColumn)] = []
    for (name, column) in zip(columnNames, columns) {
      let texts = (0..<column.count).compactMap { i -> String? in
        if case .string(let v) = column { return v[i] }
        return column.text(at: i)
      }
      var frequency: [String: Int] = [:]
      for t in texts { frequency[t, default: 0] += 1 }
      let top = frequency.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }
      pairs.append((name, .string(["\(texts.count)", "\(frequency.count)", top?.key, top.map { "\($0.value)" }])))
    }
    var described = Table(unchecked: pairs.map(\.0), pairs.map(\.1))
    described.rowLabels = ["count", "unique", "top", "freq"]
    return described
  }
}
