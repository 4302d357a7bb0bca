// Generics: type constraints.
func findIndex<T: Equatable>(of valueToFind: T, in array: [T]) -> Int? {
    for (index, value) in array.enumerated() {
        if value == valueToFind {
            return index
        }
    }
    return nil
}
let doubleIndex = findIndex(of: 9.3, in: [3.14159, 0.1, 0.25])
print(doubleIndex as Any)
let stringIndex = findIndex(of: "Andrea", in: ["Mike", "Malcolm", "Andrea"])
print(stringIndex as Any)
func largest<T: Comparable>(_ values: [T]) -> T {
    var best = values[0]
    for v in values where v > best {
        best = v
    }
    return best
}
print(largest([3, 17, 8]), largest(["pear", "apple", "zucchini"]), largest([2.5, -1.0]))
func allItemsMatch<T: Equatable>(_ a: [T], _ b: [T]) -> Bool where T: Comparable {
    if a.count != b.count { return false }
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
}
print(allItemsMatch([1, 2], [1, 2]), allItemsMatch(["a"], ["b"]))
