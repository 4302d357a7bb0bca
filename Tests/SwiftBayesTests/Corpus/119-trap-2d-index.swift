// Indexing past the end of an inner row of a jagged 2-d array traps.
let jagged = [[1, 2, 3], [4, 5], [6]]
var total = 0
for r in 0..<jagged.count {
    for c in 0..<3 {
        print("reading [\(r)][\(c)]")
        total += jagged[r][c]
    }
    print("row \(r) done, total \(total)")
}
print("unreachable")
