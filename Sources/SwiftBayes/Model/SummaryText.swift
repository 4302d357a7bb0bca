import Arrays

/// `mcmc.printSummary()`'s table. Uses the diagnostics target's NumPyro layout when it
/// is bound (see `numpyroSummaryText`).
func mcmcSummaryText(_ draws: ChainDraws, prob: Double) throws -> String {
  var lines = ["" .padding(toLength: 14, withPad: " ", startingAt: 0) + "      mean       std    median"]
  for name in draws.names {
    guard let a = draws.arrays[name] else { continue }
    let chains = a.shape[0], n = a.shape[1]
    let width = a.size / max(chains * n, 1)
    let values = a.converted(to: .double).doubles
    for j in 0..<width {
      var column: [Double] = []
      for c in 0..<chains { for d in 0..<n { column.append(values[(c * n + d) * width + j]) } }
      let mean = column.reduce(0, +) / Double(column.count)
      let sd = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(column.count - 1, 1))).squareRoot()
      let median = column.sorted()[column.count / 2]
      let label = width == 1 ? name : "\(name)[\(j)]"
      lines.append(label.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: "%10.2f%10.2f%10.2f", mean, sd, median))
    }
  }
  return lines.joined(separator: "\n")
}
