// Functions returning tuples; destructuring.
func minMax(_ xs: [Int]) -> (min: Int, max: Int) {
    var lo = xs[0]
    var hi = xs[0]
    for x in xs {
        if x < lo { lo = x }
        if x > hi { hi = x }
    }
    return (lo, hi)
}
let r = minMax([4, -2, 9, 7, 0])
print(r)
print(r.min, r.max)
let (lo, hi) = minMax([3, 3, 3])
print(lo, hi)
func divmod(_ a: Int, _ b: Int) -> (Int, Int) {
    return (a / b, a % b)
}
print(divmod(17, 5))
print(divmod(-17, 5))
let (q, rem) = divmod(100, 7)
print("q=\(q) r=\(rem)")
func stats(_ xs: [Double]) -> (mean: Double, count: Int) {
    let total = xs.reduce(0.0, +)
    return (total / Double(xs.count), xs.count)
}
let s = stats([1.0, 2.0, 4.0])
print(s)
print(s.mean)
var pair = (1, 2)
pair = (pair.1, pair.0)
print(pair)
var (x, y) = (10, 20)
x += y
y = x - y
print(x, y)
