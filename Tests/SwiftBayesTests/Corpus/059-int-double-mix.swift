// Explicit conversions between Int and Double in calculations.
let count = 7
let total = 22
let avg = Double(total) / Double(count)
print(avg)
print(Int(avg))
print(total / count)
print(total % count)
let pct = Double(3) / Double(8) * 100
print("\(pct)%")
let half = Double(count) * 0.5
print(half)
let back = Int(half)
print(back)
var values: [Double] = []
for i in 1...5 {
    values.append(Double(i) / 4)
}
print(values)
let rounded = values.map { Int($0 + 0.5) }
print(rounded)
let ints = [1, 2, 3, 4]
let mean = Double(ints.reduce(0, +)) / Double(ints.count)
print(mean)
print(String(Double(10)))
print(Int(Double(Int.max / 2)) > 0)
print(Double(-3) / 2, -3 / 2)
