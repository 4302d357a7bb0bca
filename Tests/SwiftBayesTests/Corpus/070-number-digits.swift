// Digit manipulation: sums, reversal, Armstrong numbers.
func digits(_ n: Int) -> [Int] {
    if n == 0 { return [0] }
    var x = abs(n)
    var out: [Int] = []
    while x > 0 {
        out.insert(x % 10, at: 0)
        x /= 10
    }
    return out
}
print(digits(12345))
print(digits(0))
print(digits(-907))
print(digits(987654321).reduce(0, +))
func reverseNumber(_ n: Int) -> Int {
    var x = n
    var r = 0
    while x != 0 {
        r = r * 10 + x % 10
        x /= 10
    }
    return r
}
print(reverseNumber(1234), reverseNumber(-560), reverseNumber(7))
func power(_ b: Int, _ e: Int) -> Int {
    var r = 1
    for _ in 0..<e { r *= b }
    return r
}
var armstrong: [Int] = []
for n in 1..<1000 {
    let ds = digits(n)
    if ds.map({ power($0, ds.count) }).reduce(0, +) == n {
        armstrong.append(n)
    }
}
print(armstrong)
print(String(255).count, String(-255).count)
