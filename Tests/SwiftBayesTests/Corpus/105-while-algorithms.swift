// Integer square root, digit sums and Newton's method with while loops.
func isqrt(_ n: Int) -> Int {
    var lo = 0
    var hi = n
    while lo < hi {
        let mid = (lo + hi + 1) / 2
        if mid * mid <= n {
            lo = mid
        } else {
            hi = mid - 1
        }
    }
    return lo
}
print([0, 1, 15, 16, 17, 99, 100, 1000000].map { isqrt($0) })
func newtonSqrt(_ x: Double) -> Double {
    var g = x / 2
    var i = 0
    while i < 20 {
        g = (g + x / g) / 2
        i += 1
    }
    return g
}
print(newtonSqrt(2))
print(newtonSqrt(9))
print(newtonSqrt(1e6))
var n = 9875
var digitalRoot = n
while digitalRoot >= 10 {
    var s = 0
    n = digitalRoot
    while n > 0 {
        s += n % 10
        n /= 10
    }
    digitalRoot = s
    print("step:", s)
}
print("digital root:", digitalRoot)
