// Loop edge cases: empty ranges, single iterations, mutation during iteration.
for i in 5..<5 {
    print("never", i)
}
for i in 5...5 {
    print("once", i)
}
var xs = [1, 2, 3]
for x in xs {
    xs.append(x * 10)
}
print(xs)
var n = 0
while n < 0 {
    n += 1
}
print("n =", n)
for c in "" {
    print("never", c)
}
for x in [Int]() {
    print("never", x)
}
let d: [String: Int] = [:]
for k in d.keys.sorted() {
    print("never", k)
}
var total = 0
for i in stride(from: 10, to: 10, by: 1) {
    total += i
}
print("total =", total)
var i = 10
for i in 0..<2 {
    print("inner i", i)
}
print("outer i", i)
i += 1
print(i)
