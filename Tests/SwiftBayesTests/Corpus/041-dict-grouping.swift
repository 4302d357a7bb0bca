// Grouping values into dictionaries of arrays.
let words = ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]
var groups: [String: [String]] = [:]
for w in words {
    let key = String(w.first!)
    groups[key, default: []].append(w)
}
for k in groups.keys.sorted() {
    print(k, groups[k]!)
}
var lengths: [Int: Int] = [:]
for w in words {
    lengths[w.count, default: 0] += 1
}
for k in lengths.keys.sorted() {
    print("length \(k): \(lengths[k]!)")
}
var sums: [String: Double] = [:]
let sales = [("north", 10.5), ("south", 3.0), ("north", 4.5), ("east", 1.25)]
for (region, amount) in sales {
    sums[region, default: 0.0] += amount
}
for r in sums.keys.sorted() {
    print(r, sums[r]!)
}
