// for-in over closed and half-open ranges.
for i in 1...3 {
    print("closed", i)
}
for i in 0..<3 {
    print("half-open", i)
}
var total = 0
for i in 1...100 {
    total += i
}
print("sum 1...100 =", total)
for _ in 0..<2 {
    print("repeat")
}
for i in 0..<0 {
    print("never", i)
}
let lo = 2
let hi = 5
var product = 1
for k in lo...hi {
    product *= k
}
print("product", product)
print(Array(0..<5))
print(Array(1...3))
print((1...4).map { $0 * $0 })
print((0..<10).filter { $0 % 3 == 0 })
print((1...5).reduce(0, +))
