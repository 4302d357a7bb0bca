var xs: [Double] = []
for i in 0..<100_000 {
    xs.append(Double(i) * 0.5)
}
var s = 0.0
for x in xs { s += x }
print(xs.count, s)
