// Collatz sequences and longest chain below a bound.
func collatz(_ start: Int) -> [Int] {
    var n = start
    var seq = [n]
    while n != 1 {
        if n % 2 == 0 {
            n /= 2
        } else {
            n = 3 * n + 1
        }
        seq.append(n)
    }
    return seq
}
print(collatz(6))
print(collatz(7).count)
var best = 1
var bestLen = 1
for s in 1..<1000 {
    let len = collatz(s).count
    if len > bestLen {
        bestLen = len
        best = s
    }
}
print("longest below 1000: \(best) with \(bestLen) terms")
print(collatz(27).max()!)
