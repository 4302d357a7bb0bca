// A tour of the SwiftBayes cell language. Cells are separated by `// %%` lines
// (Jupytext's percent format); run with `swiftbayes run examples/tour.swift`.

// %% Data in plain Swift: arrays, dictionaries, closures.
let heights: [Double] = [1.62, 1.75, 1.80, 1.68, 1.91, 1.55, 1.72]
let n = Double(heights.count)
let mean = heights.reduce(0, +) / n
let variance = heights.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
print("n = \(heights.count), mean = \(mean), sd = \(variance.squareRoot())")

// %% Functions with labels and defaults; recursion.
func binomial(_ n: Int, choose k: Int) -> Int {
    if k == 0 || k == n { return 1 }
    return binomial(n - 1, choose: k - 1) + binomial(n - 1, choose: k)
}
func describe(_ xs: [Double], digits: Int = 2) -> String {
    let scale = Double(binomial(digits + 8, choose: 0) * 100)
    return xs.map { String(($0 * scale).rounded() / scale) }.joined(separator: ", ")
}
print(describe(heights.sorted()))
(0...6).map { binomial(6, choose: $0) }

// %% Grouping with dictionaries and tuples.
let people = [("Ann", 31), ("Bob", 25), ("Cy", 40), ("Dee", 25)]
var byAge: [Int: [String]] = [:]
for (name, age) in people {
    byAge[age, default: []].append(name)
}
for age in byAge.keys.sorted() {
    print(age, byAge[age]!.joined(separator: " & "))
}

// %% Optionals and switch.
func grade(_ score: Int?) -> String {
    guard let s = score else { return "absent" }
    switch s {
    case 90...100: return "A"
    case 80..<90: return "B"
    case let x where x < 0: return "invalid"
    default: return "C"
    }
}
[95, nil, 83, -1, 70].map { grade($0) }
