// Double arithmetic and rounding-ish conversions without Foundation.
let a = 7.5
let b = 2.0
print(a + b, a - b, a * b, a / b)
print(a / 3)
print(1.1 * 3)
print(0.1 * 3)
print(1.0 - 0.9)
print(100.0 / 3.0)
print(2.0 * 2.0 * 2.0)
print(-a)
print(abs(-2.5))
print(min(1.5, 0.5, 2.5), max(1.5, 0.5, 2.5))
print(Int(a), Int(-a))
print(Int(a * 2))
print(Double(Int(a * 10)) / 10)
var acc = 0.0
for _ in 0..<10 {
    acc += 0.1
}
print(acc)
print(acc == 1.0)
print(1e3, 1.5e-3, 2e-7)
print(Double(1) / Double(7))
print(123456789012.0 * 1000)
print(0.000123)
