// Tuple destructuring and swaps.
var (a, b) = (1, 2)
print(a, b)
(a, b) = (b, a)
print(a, b)
let (q, r) = (17 / 5, 17 % 5)
print(q, r)
let triple = ("x", 2, 3.5)
let (s, i, d) = triple
print(s, i, d)
let pairs = [("one", 1), ("two", 2), ("three", 3)]
for (name, value) in pairs {
    print("\(name) = \(value)")
}
var total = 0
for (_, v) in pairs {
    total += v
}
print(total)
func fibPair(_ n: Int) -> (Int, Int) {
    var (x, y) = (0, 1)
    for _ in 0..<n {
        (x, y) = (y, x + y)
    }
    return (x, y)
}
print(fibPair(10))
let (f10, f11) = fibPair(10)
print(f11 - f10)
let nested = ((1, 2), 3)
let ((n1, n2), n3) = nested
print(n1 + n2 + n3)
