// Sieve of Eratosthenes.
func sieve(_ limit: Int) -> [Int] {
    var isPrime = Array(repeating: true, count: limit + 1)
    isPrime[0] = false
    isPrime[1] = false
    var p = 2
    while p * p <= limit {
        if isPrime[p] {
            for m in stride(from: p * p, through: limit, by: p) {
                isPrime[m] = false
            }
        }
        p += 1
    }
    var out: [Int] = []
    for (i, flag) in isPrime.enumerated() {
        if flag {
            out.append(i)
        }
    }
    return out
}
let primes = sieve(100)
print(primes)
print("count:", primes.count)
print("sum:", primes.reduce(0, +))
print("largest below 1000:", sieve(1000).last!)
let twins = zip(primes, primes.dropFirst()).filter { $1 - $0 == 2 }.map { "(\($0), \($1))" }
print(twins.joined(separator: " "))
