// Running statistics with Doubles (Welford's algorithm).
let data = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]
var n = 0
var mean = 0.0
var m2 = 0.0
for x in data {
    n += 1
    let delta = x - mean
    mean += delta / Double(n)
    m2 += delta * (x - mean)
    print("n=\(n) mean=\(mean)")
}
let variance = m2 / Double(n)
print("mean:", mean)
print("population variance:", variance)
print("sample variance:", m2 / Double(n - 1))
let total = data.reduce(0.0, +)
print("sum:", total, "min:", data.min()!, "max:", data.max()!)
var sumSq = 0.0
for x in data {
    sumSq += (x - mean) * (x - mean)
}
print(sumSq / Double(data.count) == variance)
let scaled = data.map { ($0 - mean) / 2.0 }
print(scaled)
