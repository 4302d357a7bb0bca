// Multiplication overflow while computing factorials.
func factorial(_ n: Int) -> Int {
    var r = 1
    for k in 1...n {
        r *= k
    }
    return r
}
for n in stride(from: 15, through: 25, by: 1) {
    print("\(n)! = \(factorial(n))")
}
print("unreachable")
