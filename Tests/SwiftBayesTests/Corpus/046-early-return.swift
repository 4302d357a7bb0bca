// Early returns from loops and functions.
func indexOf(_ target: Int, in xs: [Int]) -> Int? {
    for (i, x) in xs.enumerated() {
        if x == target {
            return i
        }
    }
    return nil
}
print(indexOf(7, in: [1, 3, 7, 9]) ?? -1)
print(indexOf(4, in: [1, 3, 7, 9]) ?? -1)
func isPrime(_ n: Int) -> Bool {
    if n < 2 { return false }
    var d = 2
    while d * d <= n {
        if n % d == 0 { return false }
        d += 1
    }
    return true
}
print((1...30).filter { isPrime($0) })
func firstDuplicate(_ xs: [String]) -> String {
    var seen: [String: Bool] = [:]
    for x in xs {
        if seen[x] != nil {
            return x
        }
        seen[x] = true
    }
    return "none"
}
print(firstDuplicate(["a", "b", "c", "b", "a"]))
print(firstDuplicate(["a"]))
func log(_ msg: String, enabled: Bool) {
    if !enabled { return }
    print("LOG:", msg)
}
log("hidden", enabled: false)
log("shown", enabled: true)
