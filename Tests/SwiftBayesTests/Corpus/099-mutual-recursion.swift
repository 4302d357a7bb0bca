// Mutual recursion and recursion over arrays.
func isEven(_ n: Int) -> Bool {
    return n == 0 ? true : isOdd(n - 1)
}
func isOdd(_ n: Int) -> Bool {
    return n == 0 ? false : isEven(n - 1)
}
print(isEven(10), isOdd(7), isEven(3))
func sum(_ xs: [Int]) -> Int {
    if xs.isEmpty { return 0 }
    return xs[0] + sum(Array(xs.dropFirst()))
}
print(sum([1, 2, 3, 4, 5]))
func flatten(_ xs: [[Int]]) -> [Int] {
    if xs.isEmpty { return [] }
    var out = xs[0]
    out.append(contentsOf: flatten(Array(xs.dropFirst())))
    return out
}
print(flatten([[1], [2, 3], [], [4]]))
func power(_ b: Int, _ e: Int) -> Int {
    if e == 0 { return 1 }
    let half = power(b, e / 2)
    return e % 2 == 0 ? half * half : half * half * b
}
print(power(2, 10), power(3, 13), power(7, 0))
func permutations(_ xs: [String]) -> [String] {
    if xs.count <= 1 { return xs }
    var out: [String] = []
    for (i, x) in xs.enumerated() {
        var rest = xs
        rest.remove(at: i)
        for p in permutations(rest) {
            out.append(x + p)
        }
    }
    return out
}
print(permutations(["a", "b", "c"]))
