// Two-dimensional arrays.
var grid = Array(repeating: Array(repeating: 0, count: 4), count: 3)
for r in 0..<3 {
    for c in 0..<4 {
        grid[r][c] = r * 4 + c
    }
}
print(grid)
for row in grid {
    print(row.map { String($0) }.joined(separator: "\t"))
}
var transposed: [[Int]] = []
for c in 0..<4 {
    var col: [Int] = []
    for r in 0..<3 {
        col.append(grid[r][c])
    }
    transposed.append(col)
}
print(transposed)
print(grid.map { $0.reduce(0, +) })
print(grid[2][3], grid[1].count, grid.count)
var jagged: [[Int]] = [[1], [2, 3], []]
jagged[2].append(9)
jagged.append([4, 5, 6])
print(jagged)
print(jagged.flatMap { $0 }.count)
