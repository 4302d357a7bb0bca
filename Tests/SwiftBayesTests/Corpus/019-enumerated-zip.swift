// enumerated() and zip.
let fruits = ["apple", "banana", "cherry"]
for (i, f) in fruits.enumerated() {
    print("\(i + 1). \(f)")
}
let prices = [1.25, 0.5, 3.0]
for (f, p) in zip(fruits, prices) {
    print(f, p)
}
let a = [1, 2, 3, 4]
let b = [10, 20]
for (x, y) in zip(a, b) {
    print(x * y)
}
let dots = zip(a, [4, 3, 2, 1]).map { $0 * $1 }
print(dots)
print(dots.reduce(0, +))
for pair in fruits.enumerated() {
    print(pair.offset, pair.element)
}
for (i, ch) in "hey".enumerated() {
    print(i, ch, separator: ":")
}
let indexed = fruits.enumerated().map { "\($0.offset)=\($0.element)" }
print(indexed)
