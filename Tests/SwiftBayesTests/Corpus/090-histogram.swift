// A text histogram of dice sums from a deterministic generator.
var state = 12345
func nextRandom(_ n: Int) -> Int {
    state = (state * 1103515245 + 12345) % 2147483648
    return (state / 65536) % n
}
var histogram = Array(repeating: 0, count: 13)
for _ in 0..<360 {
    let sum = nextRandom(6) + 1 + nextRandom(6) + 1
    histogram[sum] += 1
}
for total in 2...12 {
    let bar = Array(repeating: "*", count: histogram[total] / 4).joined(separator: "")
    let label = total < 10 ? " \(total)" : "\(total)"
    print("\(label) \(bar) \(histogram[total])")
}
print("rolls:", histogram.reduce(0, +))
print("most common:", histogram.firstIndex(of: histogram.max()!)!)
