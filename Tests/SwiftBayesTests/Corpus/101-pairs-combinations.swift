// Nested loops building pairs and combinations.
let items = ["a", "b", "c", "d"]
var pairs: [String] = []
for i in 0..<items.count {
    for j in (i + 1)..<items.count {
        pairs.append(items[i] + items[j])
    }
}
print(pairs)
print(pairs.count)
var triples: [(Int, Int, Int)] = []
for a in 1...20 {
    for b in a...20 {
        for c in b...20 {
            if a * a + b * b == c * c {
                triples.append((a, b, c))
            }
        }
    }
}
for t in triples {
    print(t)
}
var table: [[Int]] = []
for i in 1...4 {
    table.append((1...4).map { $0 * i })
}
print(table)
