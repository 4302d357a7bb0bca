// Pascal's triangle.
func pascal(_ rows: Int) -> [[Int]] {
    var tri: [[Int]] = []
    for r in 0..<rows {
        var row = Array(repeating: 1, count: r + 1)
        if r >= 2 {
            for c in 1..<r {
                row[c] = tri[r - 1][c - 1] + tri[r - 1][c]
            }
        }
        tri.append(row)
    }
    return tri
}
let t = pascal(10)
for row in t {
    print(row.map { String($0) }.joined(separator: " "))
}
print(t[9])
print(t.map { $0.reduce(0, +) })
print(pascal(0))
print(pascal(1))
