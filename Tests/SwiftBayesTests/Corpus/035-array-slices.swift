// dropFirst, dropLast, prefix, suffix, and range subscripts wrapped in Array.
let xs = [10, 20, 30, 40, 50]
print(Array(xs.dropFirst()))
print(Array(xs.dropLast()))
print(Array(xs.dropFirst(2)))
print(Array(xs.dropLast(3)))
print(Array(xs.prefix(2)))
print(Array(xs.suffix(2)))
print(Array(xs.prefix(10)))
print(Array(xs[1..<3]))
print(Array(xs[1...3]).reduce(0, +))
let s = "swiftbayes"
print(String(s.prefix(5)))
print(String(s.suffix(5)))
print(String(s.dropFirst(2)))
print(String(s.dropLast()))
var window: [Int] = []
for i in 0..<(xs.count - 1) {
    window.append(xs[i + 1] - xs[i])
}
print(window)
