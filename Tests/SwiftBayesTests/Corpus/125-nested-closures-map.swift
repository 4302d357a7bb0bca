// Nested closures: closures inside map inside closures.
let grid = (1...3).map { r in (1...4).map { c in r * c } }
print(grid)
let labels = grid.enumerated().map { p in "row\(p.offset): " + p.element.map { String($0) }.joined(separator: ",") }
for l in labels {
    print(l)
}
let adders: [(Int) -> Int] = [1, 10, 100].map { n in { x in x + n } }
print(adders.map { $0(5) })
let counts = ["aa", "b", "cccc"].map { s in s.filter { $0 == "c" }.count }
print(counts)
let total = grid.reduce(0) { acc, row in acc + row.reduce(0) { $0 + $1 } }
print(total)
let pairs = [1, 2, 3].flatMap { a in [4, 5].map { b in (a, b) } }
print(pairs.count, pairs[0], pairs[5])
