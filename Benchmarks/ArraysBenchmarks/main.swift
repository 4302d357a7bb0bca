// Arrays benchmarks: the same work as Benchmarks/arrays_bench.py does with NumPy and
// pandas. Prints one JSON object per line: {"name": ..., "seconds": median}.
// Build in release: swift build -c release --scratch-path .build-arrays --product ArraysBenchmarks
import Arrays
import Foundation

let n = 1_000_000
let repetitions = 21

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// Runs `body` `repetitions` times and reports the median wall time.
func measure(_ name: String, repeat count: Int = repetitions, _ body: () throws -> Double) rethrows {
  var times: [Double] = []
  var checksum = 0.0
  for _ in 0..<count {
    let start = DispatchTime.now().uptimeNanoseconds
    checksum += try body()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  print("{\"name\": \"\(name)\", \"seconds\": \(median(times)), \"checksum\": \(checksum.isFinite ? checksum : 0)}")
}

let csvOnly = CommandLine.arguments.contains("--csv-only")
let csvPath = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("--") }

var rng = try RandomState(seed: 0)
let a = try rng.standardNormal(size: [n])
let b = try rng.standardNormal(size: [n])
let positive = a.applying(.abs)
let indices = try rng.randint(0, n, size: [n])
let matrix = try a.reshaped([1000, 1000])

if !csvOnly {
try measure("add") { try (a + b).doubles[7] }
try measure("multiply") { try (a * b).doubles[7] }
try measure("divide") { try (a / b).doubles[7] }
try measure("add scalar") { try (a + 1.5).doubles[7] }
try measure("greater") { try (a .> b).bools[7] ? 1 : 0 }
measure("exp") { a.applying(.exp).doubles[7] }
measure("log") { positive.applying(.log).doubles[7] }
measure("sqrt") { positive.applying(.sqrt).doubles[7] }
try measure("sum") { try a.sum().scalarDouble! }
try measure("mean") { try a.mean().scalarDouble! }
try measure("std") { try a.standardDeviation().scalarDouble! }
try measure("max") { try a.max().scalarDouble! }
try measure("sum axis 0 (1000x1000)") { try matrix.sum(axis: 0).doubles[3] }
try measure("sum axis 1 (1000x1000)") { try matrix.sum(axis: 1).doubles[3] }
try measure("gather 1e6 indices") { try a.get([.gather(indices)]).doubles[7] }
try measure("sort", repeat: 5) { try a.sorted().doubles[7] }
}

if let csvPath {
  try measure("read 10 MB CSV", repeat: csvOnly ? 21 : 5) { Double(try readCSV(csvPath).rowCount) }
}
