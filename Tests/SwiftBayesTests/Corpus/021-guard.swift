// guard statements and early exit.
func safeDivide(_ a: Int, _ b: Int) -> Int? {
    guard b != 0 else {
        return nil
    }
    return a / b
}
print(safeDivide(10, 2) ?? -1)
print(safeDivide(1, 0) ?? -1)
func describe(_ s: String?) -> String {
    guard let value = s else {
        return "missing"
    }
    guard !value.isEmpty else {
        return "empty"
    }
    return "value \(value) with \(value.count) chars"
}
print(describe(nil))
print(describe(""))
print(describe("abc"))
for i in 0..<6 {
    guard i % 2 == 1 else {
        continue
    }
    print("odd i", i)
}
func firstNegative(_ xs: [Int]) -> Int? {
    for x in xs {
        guard x >= 0 else { return x }
    }
    return nil
}
print(firstNegative([3, 4, -2, -8]) ?? 0)
print(firstNegative([1, 2]) ?? 0)
