// Remainder by zero traps.
let divisors = [7, 3, 0, 2]
let n = 20
var results: [Int] = []
for d in divisors {
    print("computing 20 % \(d)")
    results.append(n % d)
    print(results)
}
print("unreachable")
