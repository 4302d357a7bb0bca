// Recursive Fibonacci and factorial.
func fib(_ n: Int) -> Int {
    if n < 2 {
        return n
    }
    return fib(n - 1) + fib(n - 2)
}
func factorial(_ n: Int) -> Int {
    return n <= 1 ? 1 : n * factorial(n - 1)
}
for i in 0...15 {
    print("fib(\(i)) =", fib(i))
}
for i in [0, 1, 5, 10, 20] {
    print("\(i)! = \(factorial(i))")
}
print(fib(20))
