// GCD (iterative and recursive) and LCM.
func gcd(_ a: Int, _ b: Int) -> Int {
    var x = abs(a)
    var y = abs(b)
    while y != 0 {
        let t = x % y
        x = y
        y = t
    }
    return x
}
func gcdRec(_ a: Int, _ b: Int) -> Int {
    return b == 0 ? a : gcdRec(b, a % b)
}
func lcm(_ a: Int, _ b: Int) -> Int {
    return a / gcd(a, b) * b
}
let pairs = [(12, 18), (17, 5), (100, 75), (-24, 36), (0, 9)]
for (a, b) in pairs {
    print("gcd(\(a), \(b)) = \(gcd(a, b)), rec = \(gcdRec(abs(a), abs(b)))")
}
print(lcm(4, 6), lcm(21, 6))
var l = 1
for k in 1...20 {
    l = lcm(l, k)
}
print("lcm(1...20) =", l)
