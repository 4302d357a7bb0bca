// Default arguments combined with closure parameters and trailing closures.
func repeatAction(_ times: Int = 2, _ action: (Int) -> Void) {
    for i in 0..<times {
        action(i)
    }
}
repeatAction { print("default times, i =", $0) }
repeatAction(3) { i in
    print("three times, i =", i)
}
func format(_ xs: [Int], separator: String = ", ", transform: (Int) -> String = { String($0) }) -> String {
    return xs.map(transform).joined(separator: separator)
}
print(format([1, 2, 3]))
print(format([1, 2, 3], separator: " | "))
print(format([1, 2, 3]) { "<\($0)>" })
print(format([4, 5], separator: "") { String($0 * 2) })
func measure(label: String, _ body: () -> Int) -> String {
    return "\(label): \(body())"
}
print(measure(label: "sum") { (1...10).reduce(0, +) })
print(measure(label: "count") {
    var c = 0
    for i in 1...100 {
        if i % 7 == 0 { c += 1 }
    }
    return c
})
