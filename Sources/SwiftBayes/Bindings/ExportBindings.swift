import Arrays
import CellLanguage
import Foundation
import Inference
import Reports

/// Records each cell's source, outputs (as a Jupyter front end collects them) and wall
/// time while forwarding every event to the real sink, so `exportReport` can write the
/// session as a standalone HTML report.
final class CellRecorder: OutputSink, @unchecked Sendable {
  let inner: OutputSink
  private let lock = NSLock()
  private var current: OutputAccumulator?
  private var currentSource = ""
  private var cells: [ReportCell] = []
  private var cellBytes: [Int] = []
  private var currentStreamBytes = 0
  private var count = 0
  /// The record keeps the most recent cells only (at most this many, and this many bytes of
  /// outputs), and at most `keptStreamBytes` of stream text per cell, so a long session's
  /// memory stays bounded.
  static let keptCells = 500
  static let keptBytes = 256 << 20
  static let keptStreamBytes = 8 << 20

  init(_ inner: OutputSink) { self.inner = inner }

  func stream(_ text: String, to stream: OutputStreamKind) {
    inner.stream(text, to: stream)
    lock.withLock {
      guard current != nil else { return }
      let room = Self.keptStreamBytes - currentStreamBytes
      guard room > 0 else { return }
      if text.utf8.count < room {
        current?.stream(stream.rawValue, text)
        currentStreamBytes += text.utf8.count
      } else {
        // Keep what fits (cut on a character boundary), then say the rest was dropped.
        var kept = Substring(text).utf8.prefix(room)
        while String(Substring(kept)) == nil, !kept.isEmpty { kept = kept.dropLast() }
        current?.stream(stream.rawValue, String(Substring(kept)) ?? "")
        current?.stream(stream.rawValue, "\n[… further output of this cell is not kept in the notebook or report …]\n")
        currentStreamBytes = Self.keptStreamBytes
      }
    }
  }

  func display(_ bundle: MimeBundle, displayID: String?) {
    inner.display(bundle, displayID: displayID)
    lock.withLock { current?.display(bundle, displayID: displayID) }
  }

  func updateDisplay(_ bundle: MimeBundle, displayID: String) {
    inner.updateDisplay(bundle, displayID: displayID)
    lock.withLock {
      if current?.update(bundle, displayID: displayID) != true {
        // A display from an earlier cell: Jupyter updates it where it is.
        for i in cells.indices.reversed() {
          var acc = OutputAccumulator()
          for o in cells[i].outputs { if case .display(let d, let id) = o { acc.display(d, displayID: id) } }
          if acc.update(bundle, displayID: displayID) {
            cells[i].outputs = cells[i].outputs.map { o in
              if case .display(_, let id) = o, id == displayID { return .display(data: bundle, displayID: id) }
              return o
            }
            break
          }
        }
      }
    }
  }

  func clearOutput(wait: Bool) {
    inner.clearOutput(wait: wait)
    lock.withLock { current?.clear(wait: wait) }
  }

  // Comms go straight through: a widget's state is kept by its model, not in the record.
  func commOpen(id: String, target: String, data: String, metadata: String) {
    inner.commOpen(id: id, target: target, data: data, metadata: metadata)
  }
  func commMessage(id: String, data: String) { inner.commMessage(id: id, data: data) }
  func commClose(id: String) { inner.commClose(id: id) }

  func begin(_ source: String) {
    lock.withLock {
      current = OutputAccumulator()
      currentSource = source
      currentStreamBytes = 0
    }
  }

  func end(_ result: ExecutionResult, seconds: Double) {
    lock.withLock {
      guard var acc = current else { return }
      count += 1
      if let e = result.error { acc.error(ename: e.name, evalue: e.message, traceback: e.traceback) }
      for page in result.pages { acc.display(page, displayID: nil) }
      if let r = result.result { acc.result(r, executionCount: count) }
      cells.append(ReportCell(kind: .code, source: currentSource, outputs: acc.outputs, executionCount: count, seconds: seconds))
      cellBytes.append(acc.outputs.reduce(currentSource.utf8.count) { total, o in
        switch o {
        case .stream(_, let t): return total + t.utf8.count
        case .display(let d, _), .result(let d, _): return total + d.values.reduce(0) { $0 + $1.utf8.count }
        case .error(_, let v, let tb): return total + v.utf8.count + tb.reduce(0) { $0 + $1.utf8.count }
        }
      })
      while cells.count > Self.keptCells || (cells.count > 1 && cellBytes.reduce(0, +) > Self.keptBytes) {
        cells.removeFirst()
        cellBytes.removeFirst()
      }
      current = nil
    }
  }

  func reset() { lock.withLock { cells = []; cellBytes = []; count = 0 } }

  /// The cells so far, with the running cell's outputs up to now.
  func snapshot() -> [ReportCell] {
    lock.withLock {
      var out = cells
      if let acc = current { out.append(ReportCell(kind: .code, source: currentSource, outputs: acc.outputs, executionCount: count + 1)) }
      return out
    }
  }
}

extension Session {
  func registerExportBindings() {
    let b = interpreter.builtins
    b.function("exportReport", "exportReport(_ path: String, title: String? = nil)",
      "Writes the session so far (each cell's code, highlighted, with its outputs: text, tables and inline SVG plots) as one standalone HTML file that needs no network, with a header giving the SwiftBayes version, the date, the random keys the cells use and wall times.") { [unowned self] args, _ in
      let p = try args.bind("exportReport", [nil, "title"], optional: ["title"])
      let path = try Arg.string(p[0]!, "path")
      let title = try p[1].map { try Arg.string($0, "title") } ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      let cells = self.recordedCells
      let html = HTMLReport.render(cells, metadata: ReportMetadata(title: title))
      try? FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
      do {
        try html.write(toFile: path, atomically: true, encoding: .utf8)
      } catch {
        throw HostError("exportReport: cannot write '\(path)': \(error.localizedDescription)", kind: "IOError")
      }
      self.output.stream("Wrote \(path) (\(cells.count) cells, \(html.utf8.count / 1024) KB).\n", to: .stdout)
      return .void
    }
    b.function("readCmdStanCSV", "readCmdStanCSV(_ path: String) or readCmdStanCSV(_ paths: [String])",
      "Reads draws from CmdStan CSV files, one per chain (`draws.csv` finds `draws_1.csv`, `draws_2.csv`, …; a `*` pattern or a list of paths also work), into samples grouped by chain: parameters shaped (chains, draws, …) from their `a.1.2` columns, and the sampler columns as extra fields (divergences, tree depth, …), so `summary` and the plots work on draws from Stan.") { args, _ in
      let p = try args.bind("readCmdStanCSV", [nil])
      let files: [String]
      switch p[0]! {
      case .string(let s): files = try CmdStanCSV.files(for: s)
      case .array(let a): files = try a.items.map { try Arg.string($0, "path") }
      default: throw HostError("readCmdStanCSV takes a path or a list of paths, not \(p[0]!.typeName)", kind: "TypeError")
      }
      guard !files.isEmpty else { throw HostError("readCmdStanCSV: no files given", kind: "ValueError") }
      let draws = try CmdStanCSV.read(files)
      return .host(SamplesHost(names: draws.names, grouped: draws.arrays, byChain: false, sampleStats: draws.sampleStats, maxTreeDepth: draws.maxTreeDepth))
    }
  }
}

extension MCMCHost {
  /// `mcmc.writeCSV(path)`: CmdStan CSV, one file per chain.
  func writeCSV(_ args: Arguments) throws -> Value {
    let p = try args.bind("writeCSV", [nil])
    let path = try Arg.string(p[0]!, "path")
    let draws = try chainDraws()
    var info = CmdStanCSV.RunInfo()
    if case .function(let f) = kernel.model { info.model = f.name + "_model" }
    info.numWarmup = numWarmup
    info.thin = thinning
    switch kernel.kernel {
    case .nuts(let c): info.maxDepth = c.maxTreeDepth; info.delta = c.targetAcceptProb
    case .hmc(let c): info.engine = "static"; info.delta = c.targetAcceptProb
    }
    if let key = lastKey { info.seed = String(Int64(bitPattern: UInt64(key.high) << 32 | UInt64(key.low))) }
    if let r = results {
      info.stepSizes = r.chains.map(\.stepSize)
      info.inverseMetrics = r.chains.map(\.inverseMetric)
      info.seconds = r.chains.map { ($0.warmupSeconds, $0.samplingSeconds) }
    }
    let files = try CmdStanCSV.write(draws, info: info, to: path)
    return stringArrayValue(files)
  }

  /// `mcmc.writeJSON(path)`: the draws and sampler statistics as JSON (ArviZ group names).
  func writeJSON(_ args: Arguments) throws -> Value {
    let p = try args.bind("writeJSON", [nil])
    let path = try Arg.string(p[0]!, "path")
    let draws = try chainDraws()
    var meta = ["created_by": "SwiftBayes \(SwiftBayesRelease.version)", "num_chains": "\(draws.chainCount)", "num_draws": "\(draws.drawCount)",
                "num_warmup": "\(numWarmup)", "sampler": kernel.name]
    if case .function(let f) = kernel.model { meta["model"] = f.name }
    try DrawsJSON.write(draws, metadata: meta, to: path)
    return .string(path)
  }
}

extension Session {
  /// The cells run so far (the most recent 500), each with its source, outputs as a
  /// Jupyter front end collects them (display updates applied), execution count and wall
  /// time: what `exportReport` and `swiftbayes run NB.ipynb` write. A widget's display
  /// carries a static rendering of its current state as `text/html` beside the widget view
  /// (an `interact` shows its controls and its last rendered output), so a report or a
  /// notebook read without a widget manager is never missing a figure.
  public var recordedCells: [ReportCell] {
    worker.run {
      self.recorder.snapshot().map { cell in
        var c = cell
        c.outputs = cell.outputs.map(self.widgets.withSnapshot)
        return c
      }
    }
  }
}
