// sorted(), sorted(by:), reversed().
let xs = [5, 3, 9, 1, 7, 3]
print(xs.sorted())
print(xs.sorted(by: >))
print(xs.sorted { $0 > $1 })
print(Array(xs.reversed()))
print(xs)
let words = ["pear", "fig", "banana", "apple"]
print(words.sorted())
print(words.sorted { $0.count < $1.count })
print(words.sorted { a, b in
    if a.count != b.count {
        return a.count > b.count
    }
    return a < b
})
let ds = [2.5, -1.0, 0.0, 10.25]
print(ds.sorted())
print(ds.min()!, ds.max()!)
print(xs.min() ?? 0, xs.max() ?? 0)
let empty: [Int] = []
print(empty.min() ?? -1)
print(["b", "C", "a"].sorted())
let pairs = [(2, "b"), (1, "z"), (2, "a")]
let sortedPairs = pairs.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
print(sortedPairs.map { "\($0.0)\($0.1)" })
