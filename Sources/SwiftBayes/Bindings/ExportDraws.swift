import Arrays
import CellLanguage
import Foundation
import Inference
import Reports

/// Draws out and in, in the formats other tools read: CmdStan's CSV (one file per chain,
/// which ArviZ's `from_cmdstan` and `cmdstanpy.from_csv` read) and a JSON document with
/// ArviZ's group names.
enum CmdStanCSV {
  /// CmdStan's sampler columns, in CmdStan's order.
  static let samplerColumns = ["lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__"]

  /// What the header and adaptation comments say about the run that made the draws.
  struct RunInfo {
    var model = "swiftbayes"
    var numWarmup = 0
    var thin = 1
    var maxDepth = 10
    var delta = 0.8
    var engine = "nuts"
    var seed: String?
    /// Per chain: the adapted step size, the inverse metric, warmup and sampling seconds.
    var stepSizes: [Double] = []
    var inverseMetrics: [InverseMetric] = []
    var seconds: [(warmup: Double, sampling: Double)] = []
  }

  /// Column names of a site shaped `shape`: `a` for a scalar, `a.1`, `a.2`, … for a vector,
  /// and for more dimensions 1-based indices with the first varying fastest (column-major,
  /// as CmdStan writes them). Returns the names with, for each, the row-major offset of the
  /// element it holds.
  static func columns(_ name: String, shape: [Int]) -> [(String, Int)] {
    let count = shape.reduce(1, *)
    guard !shape.isEmpty else { return [(name, 0)] }
    var strides = [Int](repeating: 1, count: shape.count)
    for k in stride(from: shape.count - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * shape[k + 1] }
    var out: [(String, Int)] = []
    out.reserveCapacity(count)
    var index = [Int](repeating: 0, count: shape.count)
    for _ in 0..<count {
      let offset = zip(index, strides).map(*).reduce(0, +)
      out.append((name + "." + index.map { String($0 + 1) }.joined(separator: "."), offset))
      // Column-major: advance the first index fastest.
      var k = 0
      while k < shape.count {
        index[k] += 1
        if index[k] < shape[k] { break }
        index[k] = 0
        k += 1
      }
    }
    return out
  }

  /// A number as CmdStan prints it: integers without a decimal point, `nan`, `inf`.
  static func format(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d > 0 ? "inf" : "-inf" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    return "\(d)"
  }

  /// Writes one CSV file per chain: `path` `draws.csv` gives `draws_1.csv`, `draws_2.csv`, ….
  /// - Returns: the paths written.
  static func write(_ draws: ChainDraws, info: RunInfo, to path: String) throws -> [String] {
    let chains = draws.chainCount, n = draws.drawCount
    guard chains > 0, n > 0 else { throw HostError("writeCSV: there are no draws to write", kind: "ValueError") }
    let url = URL(fileURLWithPath: path)
    let ext = url.pathExtension.isEmpty ? "csv" : url.pathExtension
    let stem = url.deletingPathExtension().path
    var header = samplerColumns
    var layout: [(values: [Double], size: Int, offsets: [Int])] = []
    for name in draws.names {
      guard let a = draws.arrays[name] else { continue }
      let event = Array(a.shape.dropFirst(2))
      let cols = columns(name, shape: event)
      header += cols.map(\.0)
      layout.append((a.doubles, event.reduce(1, *), cols.map(\.1)))
    }
    let stats = draws.sampleStats
    func stat(_ key: String, _ c: Int, _ d: Int, _ fallback: Double = .nan) -> Double {
      guard let a = stats[key], a.shape.count == 2, c < a.shape[0], d < a.shape[1] else { return fallback }
      return a.doubles[c * a.shape[1] + d]
    }
    try? FileManager.default.createDirectory(atPath: url.deletingLastPathComponent().path, withIntermediateDirectories: true)
    let started = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    var written: [String] = []
    for c in 0..<chains {
      let file = "\(stem)_\(c + 1).\(ext)"
      var out = """
      # stan_version_major = 2
      # stan_version_minor = 37
      # stan_version_patch = 0
      # model = \(info.model)
      # start_datetime = \(started)
      # method = sample (Default)
      #   sample
      #     num_samples = \(n * info.thin)
      #     num_warmup = \(info.numWarmup)
      #     save_warmup = false (Default)
      #     thin = \(info.thin)
      #     adapt
      #       engaged = true (Default)
      #       gamma = 0.05 (Default)
      #       delta = \(format(info.delta))
      #       kappa = 0.75 (Default)
      #       t0 = 10 (Default)
      #       init_buffer = 75 (Default)
      #       term_buffer = 50 (Default)
      #       window = 25 (Default)
      #       save_metric = false (Default)
      #     algorithm = hmc (Default)
      #       hmc
      #         engine = \(info.engine)
      #           \(info.engine)
      #             max_depth = \(info.maxDepth)
      #         metric = \(info.inverseMetrics.first?.isDense == true ? "dense_e" : "diag_e")
      #         metric_file =  (Default)
      #         stepsize = 1 (Default)
      #         stepsize_jitter = 0 (Default)
      #     num_chains = 1 (Default)
      # id = \(c + 1)
      # data
      #   file =  (Default)
      # init = 2 (Default)
      # random
      #   seed = \(info.seed ?? "-1")
      # output
      #   file = \(URL(fileURLWithPath: file).lastPathComponent)
      #   diagnostic_file =  (Default)
      #   refresh = 100 (Default)
      #   sig_figs = -1 (Default)
      #   profile_file = profile.csv (Default)
      #   save_cmdstan_config = false (Default)
      # num_threads = 1 (Default)
      # stanc_version = SwiftBayes \(SwiftBayesRelease.version)
      # stancflags = 

      """
      out += header.joined(separator: ",") + "\n"
      out += "# Adaptation terminated\n"
      let stepSize = c < info.stepSizes.count ? info.stepSizes[c] : stat("stepSize", c, 0)
      out += "# Step size = \(format(stepSize))\n"
      if c < info.inverseMetrics.count {
        let m = info.inverseMetrics[c]
        if m.isDense {
          out += "# Elements of inverse mass matrix:\n"
          for i in 0..<m.dimension {
            out += "# " + (0..<m.dimension).map { format(m.values[i * m.dimension + $0]) }.joined(separator: ", ") + "\n"
          }
        } else {
          out += "# Diagonal elements of inverse mass matrix:\n# " + m.values.map(format).joined(separator: ", ") + "\n"
        }
      }
      for d in 0..<n {
        var row: [String] = [
          format(-stat("potentialEnergy", c, d)), format(stat("acceptProb", c, d)), format(stat("stepSize", c, d, stepSize)),
          format(stat("treeDepth", c, d)), format(stat("numSteps", c, d)), format(stat("diverging", c, d, 0)), format(stat("energy", c, d)),
        ]
        for site in layout {
          let base = (c * n + d) * site.size
          for o in site.offsets { row.append(format(site.values[base + o])) }
        }
        out += row.joined(separator: ",") + "\n"
      }
      let t: (warmup: Double, sampling: Double) = c < info.seconds.count ? info.seconds[c] : (0.0, 0.0)
      out += "# \n"
      let fmt = { (s: Double) -> String in String(format: "%.3f", s) }
      out += "#  Elapsed Time: \(fmt(t.warmup)) seconds (Warm-up)\n"
      out += "#                \(fmt(t.sampling)) seconds (Sampling)\n"
      out += "#                \(fmt(t.warmup + t.sampling)) seconds (Total)\n"
      out += "# \n"
      do {
        try out.write(toFile: file, atomically: true, encoding: .utf8)
      } catch {
        throw HostError("writeCSV: cannot write '\(file)': \(error.localizedDescription)", kind: "IOError")
      }
      written.append(file)
    }
    return written
  }

  /// The files `readCmdStanCSV(path)` reads: `path` itself when it exists, the chain files
  /// `stem_1.ext`, `stem_2.ext`, … CmdStan writes for it otherwise, or the matches of a
  /// `*` pattern (in chain order).
  static func files(for path: String) throws -> [String] {
    let fm = FileManager.default
    if path.contains("*") {
      let url = URL(fileURLWithPath: path)
      let dir = url.deletingLastPathComponent().path
      let pattern = url.lastPathComponent
      let names = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
      let matches = names.filter { fnmatch(pattern, $0, 0) == 0 }.sorted { $0.compare($1, options: .numeric) == .orderedAscending }
      guard !matches.isEmpty else { throw HostError("readCmdStanCSV: no file matches '\(path)'", kind: "FileNotFoundError") }
      return matches.map { (dir as NSString).appendingPathComponent($0) }
    }
    if fm.fileExists(atPath: path) { return [path] }
    let url = URL(fileURLWithPath: path)
    let ext = url.pathExtension.isEmpty ? "csv" : url.pathExtension
    let stem = url.deletingPathExtension().path
    var out: [String] = []
    while fm.fileExists(atPath: "\(stem)_\(out.count + 1).\(ext)") { out.append("\(stem)_\(out.count + 1).\(ext)") }
    guard !out.isEmpty else { throw HostError("readCmdStanCSV: no file '\(path)' (nor '\(stem)_1.\(ext)')", kind: "FileNotFoundError") }
    return out
  }

  /// One chain's file: the header, the kept draws (warmup draws skipped), and max_depth.
  static func readChain(_ file: String) throws -> (header: [String], rows: [[Double]], maxDepth: Int?) {
    guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
      throw HostError("readCmdStanCSV: cannot read '\(file)'", kind: "IOError")
    }
    var header: [String]?
    var rows: [[Double]] = []
    var maxDepth: Int?
    var saveWarmup = false
    var warmupRows: Int?
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      if line.hasPrefix("#") {
        let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("max_depth = ") { maxDepth = Int(body.dropFirst("max_depth = ".count).split(separator: " ").first ?? "") }
        if body.hasPrefix("save_warmup = ") { let v = body.dropFirst("save_warmup = ".count); saveWarmup = v.hasPrefix("1") || v.hasPrefix("true") }
        if body.hasPrefix("Adaptation terminated"), saveWarmup { warmupRows = rows.count }
        continue
      }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      if header == nil {
        header = fields.map { $0.trimmingCharacters(in: .whitespaces) }
        continue
      }
      guard fields.count == header!.count else {
        throw HostError("readCmdStanCSV: '\(file)' has a row of \(fields.count) fields under a header of \(header!.count)", kind: "ValueError")
      }
      rows.append(try fields.map { f in
        let s = f.trimmingCharacters(in: .whitespaces)
        if let v = Double(s) { return v }
        switch s.lowercased() {
        case "nan", "-nan": return .nan
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        default: throw HostError("readCmdStanCSV: '\(s)' in '\(file)' is not a number", kind: "ValueError")
        }
      })
    }
    guard let header else { throw HostError("readCmdStanCSV: '\(file)' has no header row", kind: "ValueError") }
    if let w = warmupRows { rows.removeFirst(w) }
    return (header, rows, maxDepth)
  }

  /// Reads CmdStan CSV files (one per chain) into draws grouped by chain: parameters as
  /// arrays shaped (chains, draws, …) from their `a.1.2` columns (column-major, 1-based),
  /// and the sampler columns as NumPyro's extra fields.
  static func read(_ files: [String]) throws -> ChainDraws {
    let chains = try files.map(readChain)
    let header = chains[0].header
    for (f, c) in zip(files, chains) where c.header != header {
      throw HostError("readCmdStanCSV: '\(f)' has different columns from '\(files[0])'", kind: "ValueError")
    }
    let n = chains.map(\.rows.count).min() ?? 0
    guard n > 0 else { throw HostError("readCmdStanCSV: '\(files[0])' has no draws", kind: "ValueError") }
    // Group the parameter columns by name; indices give the shape.
    var names: [String] = []
    var members: [String: [(column: Int, index: [Int])]] = [:]
    for (j, col) in header.enumerated() where !col.hasSuffix("__") {
      let parts = col.split(separator: ".").map(String.init)
      let index = parts.dropFirst().compactMap { Int($0) }
      let (name, idx) = index.count == parts.count - 1 && !index.isEmpty ? (parts[0], index) : (col, [])
      if members[name] == nil { names.append(name) }
      members[name, default: []].append((j, idx))
    }
    var grouped: [String: NDArray] = [:]
    for name in names {
      let cols = members[name]!
      let rank = cols[0].index.count
      var shape = [Int](repeating: 0, count: rank)
      for c in cols {
        guard c.index.count == rank else { throw HostError("readCmdStanCSV: '\(name)' has columns of different ranks", kind: "ValueError") }
        for k in 0..<rank { shape[k] = max(shape[k], c.index[k]) }
      }
      let size = shape.reduce(1, *)
      guard size == cols.count else { throw HostError("readCmdStanCSV: '\(name)' has \(cols.count) columns for shape \(shape)", kind: "ValueError") }
      var strides = [Int](repeating: 1, count: rank)
      for k in stride(from: rank - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * shape[k + 1] }
      var values = [Double](repeating: .nan, count: chains.count * n * size)
      for (ci, chain) in chains.enumerated() {
        for d in 0..<n {
          let base = (ci * n + d) * size
          let row = chain.rows[d]
          for c in cols {
            let offset = zip(c.index, strides).map { ($0 - 1) * $1 }.reduce(0, +)
            values[base + offset] = row[c.column]
          }
        }
      }
      grouped[name] = try arrays { try NDArray(values, shape: [chains.count, n] + shape) }
    }
    var stats: [String: NDArray] = [:]
    func column(_ name: String) -> [Double]? {
      guard let j = header.firstIndex(of: name) else { return nil }
      return chains.flatMap { $0.rows.prefix(n).map { $0[j] } }
    }
    let shape = [chains.count, n]
    if let v = column("divergent__") { stats["diverging"] = try arrays { try NDArray(v.map { $0 != 0 }, shape: shape) } }
    if let v = column("treedepth__") { stats["treeDepth"] = try arrays { try NDArray(v.map { Int($0) }, shape: shape) } }
    if let v = column("n_leapfrog__") { stats["numSteps"] = try arrays { try NDArray(v.map { Int($0) }, shape: shape) } }
    if let v = column("stepsize__") { stats["stepSize"] = try arrays { try NDArray(v, shape: shape) } }
    if let v = column("energy__") { stats["energy"] = try arrays { try NDArray(v, shape: shape) } }
    if let v = column("accept_stat__") { stats["acceptProb"] = try arrays { try NDArray(v, shape: shape) } }
    if let v = column("lp__") { stats["potentialEnergy"] = try arrays { try NDArray(v.map { -$0 }, shape: shape) } }
    return ChainDraws(names: names, arrays: grouped, sampleStats: stats, maxTreeDepth: chains[0].maxDepth)
  }
}

/// Draws as JSON with ArviZ's group names: `posterior` and `sample_stats` hold arrays
/// nested (chains, draws, …), which `az.from_dict` reads as they are.
enum DrawsJSON {
  static let statNames = [
    ("diverging", "diverging"), ("treeDepth", "tree_depth"), ("numSteps", "n_steps"), ("stepSize", "step_size"),
    ("energy", "energy"), ("acceptProb", "acceptance_rate"),
  ]

  static func write(_ draws: ChainDraws, metadata: [String: String], to path: String) throws {
    try? FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
    var out = "{\n \"metadata\": {"
    out += metadata.keys.sorted().map { "\"\($0)\": \(quote(metadata[$0]!))" }.joined(separator: ", ") + "},\n \"posterior\": {\n"
    out += draws.names.compactMap { n in draws.arrays[n].map { "  \(quote(n)): " + nested($0) } }.joined(separator: ",\n")
    out += "\n },\n \"sample_stats\": {\n"
    var stats: [String] = []
    for (ours, arviz) in statNames { if let a = draws.sampleStats[ours] { stats.append("  \(quote(arviz)): " + nested(a)) } }
    if let pe = draws.sampleStats["potentialEnergy"] {
      stats.append("  \"lp\": " + nested(-pe.converted(to: .double)))
    }
    out += stats.joined(separator: ",\n") + "\n }\n}\n"
    do {
      try out.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw HostError("writeJSON: cannot write '\(path)': \(error.localizedDescription)", kind: "IOError")
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
      }
    }
    return out + "\""
  }

  /// An array as nested JSON lists (non-finite numbers as null; Bools as true/false).
  static func nested(_ a: NDArray) -> String {
    let isBool = a.dtype == .bool
    let values = a.doubles
    var out = ""
    func emit(_ dim: Int, _ offset: Int, _ stride: Int) {
      if dim == a.shape.count {
        let v = values[offset]
        out += isBool ? (v != 0 ? "true" : "false") : (v.isFinite ? CmdStanCSV.format(v) : "null")
        return
      }
      let inner = stride / max(a.shape[dim], 1)
      out += "["
      for i in 0..<a.shape[dim] {
        if i > 0 { out += ", " }
        emit(dim + 1, offset + i * inner, inner)
      }
      out += "]"
    }
    emit(0, 0, values.count)
    return out
  }
}
