// Nested functions and functions returning functions.
func outer(_ n: Int) -> Int {
    func helper(_ k: Int) -> Int {
        return k * n
    }
    var total = 0
    for i in 1...3 {
        total += helper(i)
    }
    return total
}
print(outer(2))
print(outer(10))
func makeMultiplier(_ factor: Int) -> (Int) -> Int {
    func multiply(_ v: Int) -> Int {
        return v * factor
    }
    return multiply
}
let triple = makeMultiplier(3)
print(triple(7))
func countDown(from n: Int) -> [Int] {
    var out: [Int] = []
    func step(_ k: Int) {
        if k < 0 { return }
        out.append(k)
        step(k - 1)
    }
    step(n)
    return out
}
print(countDown(from: 5))
func applyTwice(_ f: (Int) -> Int, _ v: Int) -> Int {
    return f(f(v))
}
print(applyTwice(triple, 2))
print(applyTwice({ $0 + 1 }, 5))
