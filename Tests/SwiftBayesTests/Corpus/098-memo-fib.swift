// Memoized Fibonacci with a dictionary captured in a closure.
var memo: [Int: Int] = [:]
var calls = 0
func fib(_ n: Int) -> Int {
    calls += 1
    if n < 2 {
        return n
    }
    if let cached = memo[n] {
        return cached
    }
    let r = fib(n - 1) + fib(n - 2)
    memo[n] = r
    return r
}
print(fib(50))
print("calls:", calls)
print(fib(90))
print("memo size:", memo.count)
func fibIter(_ n: Int) -> Int {
    var a = 0
    var b = 1
    for _ in 0..<n {
        let t = a + b
        a = b
        b = t
    }
    return a
}
print(fibIter(90) == fib(90))
print((0...10).map { fibIter($0) })
