import Arrays
import Foundation

/// One posterior variable: draws shaped (chains, draws, …event shape).
public struct SummaryVariable: Sendable {
  public var name: String
  public var draws: NDArray
  public init(name: String, draws: NDArray) {
    self.name = name
    self.draws = draws
  }
}

/// What `summary` computes and how it rounds, with ArviZ 0.23's defaults.
public struct SummaryOptions: Sendable {
  public enum Kind: String, Sendable, CaseIterable { case all, stats, diagnostics }
  public enum IntervalKind: String, Sendable, CaseIterable { case hdi, eti }
  /// ArviZ's `round_to`: its default (3 decimals, ESS 0, R̂ 2), a fixed number of
  /// decimals, or none.
  public enum Rounding: Sendable, Equatable { case arviz, decimals(Int), none }

  public var prob: Double = 0.94
  public var kind: Kind = .all
  public var intervalKind: IntervalKind = .hdi
  /// Variables to include in this order, or (all prefixed `~`) to exclude; nil for all.
  public var varNames: [String]? = nil
  public var rounding: Rounding = .arviz

  public init(prob: Double = 0.94, kind: Kind = .all, intervalKind: IntervalKind = .hdi, varNames: [String]? = nil, rounding: Rounding = .arviz) {
    self.prob = prob
    self.kind = kind
    self.intervalKind = intervalKind
    self.varNames = varNames
    self.rounding = rounding
  }
}

extension Diagnostics {
  /// ArviZ's `summary` (stat_focus "mean", wide format): one row per scalar component
  /// (`a[0]`, `L[1, 2]`), columns mean, sd, hdi_3%, hdi_97%, mcse_mean, mcse_sd,
  /// ess_bulk, ess_tail, r_hat. Components are computed in parallel; each is sorted once.
  /// - Throws: `DiagnosticsError` for a probability outside (0, 1], unknown variable
  ///   names, or variables that are not shaped (chains, draws, …) alike.
  public static func summary(_ variables: [SummaryVariable], options: SummaryOptions = SummaryOptions()) throws -> SummaryTable {
    guard options.prob > 0 && options.prob <= 1 else {
      throw DiagnosticsError("summary's prob must be in (0, 1], got \(options.prob)")
    }
    let selected = try selectVariables(variables, options.varNames)
    var labels: [String] = []
    var components: [(variable: Int, offset: Int, stride: Int)] = []
    var chains = 0, draws = 0
    for (v, variable) in selected.enumerated() {
      let shape = variable.draws.shape
      guard shape.count >= 2 else {
        throw DiagnosticsError("summary: '\(variable.name)' must be shaped (chains, draws, …), got \(shape)")
      }
      if v == 0 { (chains, draws) = (shape[0], shape[1]) }
      guard shape[0] == chains, shape[1] == draws else {
        throw DiagnosticsError("summary: '\(variable.name)' has \(shape[0]) chains × \(shape[1]) draws but earlier variables have \(chains) × \(draws)")
      }
      let event = Array(shape.dropFirst(2))
      let k = event.reduce(1, *)
      for j in 0..<k {
        labels.append(componentLabel(variable.name, event: event, flat: j))
        components.append((v, j, k))
      }
    }
    let alpha = 1 - options.prob
    let lowName = "\(options.intervalKind.rawValue)_\(percentLabel(100 * alpha / 2))%"
    let highName = "\(options.intervalKind.rawValue)_\(percentLabel(100 * (1 - alpha / 2)))%"
    var columns: [String] = []
    if options.kind != .diagnostics { columns += ["mean", "sd", lowName, highName] }
    if options.kind != .stats { columns += ["mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "r_hat"] }

    let storages = selected.map { $0.draws.converted(to: .double).doubles }
    let n = chains * draws
    let layout = SplitLayout(chains: chains, draws: draws)
    let scores = NormalScores(size: layout.splitCount)
    if options.kind != .stats && draws >= 4 { scores.fillAll() }
    // Blocks of consecutive components of one variable: a block is gathered from the
    // (chains, draws, k) storage reading `block` adjacent values per draw.
    let block = 32
    var blocks: [(variable: Int, first: Int, count: Int, row: Int)] = []
    var row = 0
    for (v, variable) in selected.enumerated() {
      let k = variable.draws.shape.dropFirst(2).reduce(1, *)
      var j = 0
      while j < k {
        let c = Swift.min(block, k - j)
        blocks.append((v, j, c, row))
        row += c
        j += c
      }
    }
    var rows = [[Double]](repeating: [], count: components.count)
    let shared = (storages, blocks, layout, scores)
    rows.withUnsafeMutableBufferPointer { out in
      let out = UncheckedSendable(out)
      let work = UncheckedSendable(shared)
      DispatchQueue.concurrentPerform(iterations: work.value.1.count) { b in
        let (storages, blocks, layout, scores) = work.value
        let (v, first, count, firstRow) = blocks[b]
        let stride = selected[v].draws.shape.dropFirst(2).reduce(1, *)
        var gathered = [Double](unsafeUninitializedCapacity: count * n) { _, filled in filled = count * n }
        storages[v].withUnsafeBufferPointer { src in
          gathered.withUnsafeMutableBufferPointer { dst in
            // Tiles of 64 draws: reads stay within a few cache lines per draw, writes
            // are contiguous per component.
            var t0 = 0
            while t0 < n {
              let t1 = Swift.min(t0 + 64, n)
              for c in 0..<count {
                let out = dst.baseAddress! + c * n
                for t in t0..<t1 { out[t] = src[t * stride + first + c] }
              }
              t0 = t1
            }
          }
        }
        gathered.withUnsafeBufferPointer { g in
          for c in 0..<count {
            let x = UnsafeBufferPointer(rebasing: g[(c * n)..<((c + 1) * n)])
            out.value[firstRow + c] = summaryRow(x, layout: layout, options: options, scores: scores)
          }
        }
      }
    }
    return SummaryTable(index: labels, columns: columns, raw: rows, rounding: options.rounding)
  }

  /// The statistics of one component (chains × draws, contiguous), in column order.
  static func summaryRow(_ x: UnsafeBufferPointer<Double>, layout: SplitLayout, options: SummaryOptions, scores: NormalScores) -> [Double] {
    let (m, n) = (layout.chains, layout.draws)
    var row: [Double] = []
    let size = x.count
    let hasNaN = x.contains { $0.isNaN }
    let mu = mean(x)
    var sortedDraws: SortedDraws? = nil
    var sorted: [Double] = []
    if hasNaN {
      sorted = sortedNaNLast(Array(x))
    } else {
      let s = SortedDraws(x, layout: layout)
      sorted = n == 2 * layout.half ? s.keptValues : s.order.map { x[Int($0)] }
      sortedDraws = s
    }
    // Squared deviations: the sd (NumPy's var: the same mean, the same pairwise sum) and
    // mcse_sd share them.
    let sims = [Double](unsafeUninitializedCapacity: size) { buf, count in
      for i in 0..<size { let d = x[i] - mu; buf[i] = d * d }
      count = size
    }
    let simsSum = npSum(sims)
    if options.kind != .diagnostics {
      row.append(mu)
      row.append(size > 1 ? (simsSum / Double(size - 1)).squareRoot() : .nan)
      let interval: (Double, Double)
      switch options.intervalKind {
      case .hdi:
        interval = sorted.withUnsafeBufferPointer { hdiOfSorted($0, prob: options.prob) } ?? (.nan, .nan)
      case .eti:
        interval = sorted.withUnsafeBufferPointer {
          (linearQuantile(sorted: $0, (1 - options.prob) / 2), linearQuantile(sorted: $0, (1 + options.prob) / 2))
        }
      }
      row += [interval.0, interval.1]
    }
    if options.kind == .stats { return row }
    guard let sd = sortedDraws, n >= 4 else { return row + Array(repeating: .nan, count: 5) }
    // ArviZ `_multichain_statistics(focus="mean")`.
    let h = n / 2
    let z = sd.zSplit(x, scores: scores)
    let essBulk = z.withUnsafeBufferPointer { effectiveSampleSize($0, chains: 2 * m, draws: h) }
    let (q05, q95) = sorted.withUnsafeBufferPointer { (typeSevenQuantile(sorted: $0, 0.05), typeSevenQuantile(sorted: $0, 0.95)) }
    let essTail = pythonMin(splitIndicatorESS(x, chains: m, draws: n, threshold: q05),
                            splitIndicatorESS(x, chains: m, draws: n, threshold: q95))
    var rhat = Double.nan
    if m >= 2 {
      let rb = z.withUnsafeBufferPointer { basicRhat($0, chains: 2 * m, draws: h) }
      let folded = sd.zFoldedSplit(x, center: sd.median(x, allDraws: true), scores: scores)
      let rt = folded.withUnsafeBufferPointer { basicRhat($0, chains: 2 * m, draws: h) }
      rhat = pythonMax(rb, rt)
    }
    let essMean = splitESSInPlace(x, chains: m, draws: n)
    let mcseMean = (simsSum / Double(size - 1) / essMean).squareRoot()
    let evar = simsSum / Double(size)
    let (essSims, meanSq) = sims.withUnsafeBufferPointer {
      (splitESSInPlace($0, chains: m, draws: n), (0.0 + pairwiseSumOfSquares($0)) / Double(size))
    }
    let varvar = (meanSq - evar * evar) / essSims
    let mcseSD = (varvar / evar / 4).squareRoot()
    return row + [mcseMean, mcseSD, essBulk, essTail, rhat]
  }

  /// ESS of x over split chains, reading the split chains in place (`_split_chains`: the
  /// first ⌊n/2⌋ draws of every chain, then the last ⌊n/2⌋).
  static func splitESSInPlace(_ x: UnsafeBufferPointer<Double>, chains m: Int, draws n: Int) -> Double {
    let h = n / 2
    let base = x.baseAddress!
    return effectiveSampleSize(rows: { r in r < m ? base + r * n : base + (r - m) * n + n - h }, chains: 2 * m, draws: h)
  }

  /// ArviZ's variable selection: names in the given order, or every variable except
  /// those prefixed `~` when all names are exclusions.
  static func selectVariables(_ variables: [SummaryVariable], _ names: [String]?) throws -> [SummaryVariable] {
    guard let names, !names.isEmpty else { return variables }
    let known = Set(variables.map(\.name))
    let excluded = names.filter { $0.hasPrefix("~") && !known.contains($0) }.map { String($0.dropFirst()) }
    let included = names.filter { !($0.hasPrefix("~") && !known.contains($0)) }
    let missing = (included + excluded).filter { !known.contains($0) }
    guard missing.isEmpty else {
      throw DiagnosticsError("var names \(missing.map { "'\($0)'" }.joined(separator: ", ")) are not present in the draws (they have \(variables.map(\.name).joined(separator: ", ")))")
    }
    if included.isEmpty { return variables.filter { !excluded.contains($0.name) } }
    return included.compactMap { name in variables.first { $0.name == name } }.filter { !excluded.contains($0.name) }
  }
}

/// ArviZ's flat label: `a` for a scalar, `a[3]`, `L[1, 2]` (row-major component `flat`).
func componentLabel(_ name: String, event: [Int], flat: Int) -> String {
  if event.isEmpty { return name }
  var index = [Int](repeating: 0, count: event.count)
  var r = flat
  for d in stride(from: event.count - 1, through: 0, by: -1) {
    index[d] = r % event[d]
    r /= event[d]
  }
  return name + "[" + index.map(String.init).joined(separator: ", ") + "]"
}

/// Python's `f"{x:g}"` for the interval percentages (3, 97, 5.5, 94.5).
func percentLabel(_ x: Double) -> String {
  var s = String(format: "%g", x)
  if s == "-0" { s = "0" }
  return s
}

/// Lets a buffer pointer cross into `concurrentPerform`; each iteration writes its own
/// elements.
struct UncheckedSendable<T>: @unchecked Sendable {
  var value: T
  init(_ value: T) { self.value = value }
}
