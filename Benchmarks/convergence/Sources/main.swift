// Times `Diagnostics.summary` on draws written by Benchmarks/convergence/bench.py.
//
//   ConvergenceBenchmarks <draws.f64> <chains> <draws> <parameters> [repeats]
//
// The file holds float64 draws in C order, shaped (chains, draws, parameters): one
// variable "theta" with a vector of `parameters` components, as az.summary sees it.
// Prints one JSON object: the median, min and all wall times and the median CPU time
// (all threads) in milliseconds, and the
// first rows' raw values for the script to compare with ArviZ's.
import Arrays
import Convergence
import Foundation

let args = CommandLine.arguments
guard args.count >= 5, let chains = Int(args[2]), let draws = Int(args[3]), let params = Int(args[4]) else {
  FileHandle.standardError.write("usage: ConvergenceBenchmarks <draws.f64> <chains> <draws> <parameters> [repeats]\n".data(using: .utf8)!)
  exit(2)
}
let repeats = args.count > 5 ? Int(args[5]) ?? 5 : 5
let data = try Data(contentsOf: URL(fileURLWithPath: args[1]))
let count = chains * draws * params
guard data.count == count * 8 else {
  FileHandle.standardError.write("expected \(count * 8) bytes, got \(data.count)\n".data(using: .utf8)!)
  exit(2)
}
let values = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self).prefix(count)) }
let theta = try NDArray(values, shape: [chains, draws, params])
let variables = [SummaryVariable(name: "theta", draws: theta)]
// BENCH_KIND=stats|diagnostics times part of the table (default: all columns).
let kind = ProcessInfo.processInfo.environment["BENCH_KIND"].flatMap(SummaryOptions.Kind.init(rawValue:)) ?? .all
let options = SummaryOptions(kind: kind, rounding: .none)

/// CPU time of the whole process (all threads), in ms.
func processCPU() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
}

var times: [Double] = []
var cpu: [Double] = []
var table: SummaryTable? = nil
for _ in 0..<repeats {
  let start = DispatchTime.now().uptimeNanoseconds
  let cpuStart = processCPU()
  table = try Diagnostics.summary(variables, options: options)
  times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
  cpu.append(processCPU() - cpuStart)
}
let sorted = times.sorted()
let rows = table!.raw.prefix(5).map { $0.map { String($0) } }
let json: [String: Any] = [
  "median_ms": sorted[sorted.count / 2], "min_ms": sorted[0], "times_ms": times,
  "cpu_median_ms": cpu.sorted()[cpu.count / 2],
  "threads": ProcessInfo.processInfo.activeProcessorCount,
  "columns": table!.columns, "first_rows": rows,
]
let out = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
print(String(decoding: out, as: UTF8.self))
