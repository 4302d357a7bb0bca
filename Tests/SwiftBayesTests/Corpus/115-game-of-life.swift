// Conway's Game of Life on a small grid (blinker and glider).
func step(_ g: [[Int]]) -> [[Int]] {
    let rows = g.count
    let cols = g[0].count
    var next = Array(repeating: Array(repeating: 0, count: cols), count: rows)
    for r in 0..<rows {
        for c in 0..<cols {
            var n = 0
            for dr in -1...1 {
                for dc in -1...1 {
                    if dr == 0 && dc == 0 { continue }
                    let rr = r + dr
                    let cc = c + dc
                    if rr >= 0 && rr < rows && cc >= 0 && cc < cols {
                        n += g[rr][cc]
                    }
                }
            }
            next[r][c] = (n == 3 || (n == 2 && g[r][c] == 1)) ? 1 : 0
        }
    }
    return next
}
func show(_ g: [[Int]]) {
    for row in g {
        print(row.map { $0 == 1 ? "#" : "." }.joined(separator: ""))
    }
    print("--")
}
var grid = Array(repeating: Array(repeating: 0, count: 6), count: 6)
grid[0][1] = 1
grid[1][2] = 1
grid[2][0] = 1
grid[2][1] = 1
grid[2][2] = 1
for _ in 0..<3 {
    show(grid)
    grid = step(grid)
}
print("alive:", grid.map { $0.reduce(0, +) }.reduce(0, +))
