// Array(repeating:count:) and repeatElement.
print(Array(repeating: 7, count: 3))
print(Array(repeating: "-", count: 5).joined(separator: ""))
print(Array(repeatElement("ab", count: 3)))
print(Array(repeatElement(0.5, count: 2)))
print(Array(repeatElement(1, count: 0)))
let width = 6
for i in 1...4 {
    let bar = Array(repeating: "#", count: i).joined(separator: "")
    let pad = Array(repeating: ".", count: width - i).joined(separator: "")
    print(bar + pad)
}
var counts = Array(repeating: 0, count: 5)
for x in [1, 3, 3, 4, 1, 1, 0] {
    counts[x] += 1
}
print(counts)
var board = Array(repeating: Array(repeating: ".", count: 3), count: 3)
board[1][1] = "X"
board[0][2] = "O"
for row in board {
    print(row.joined(separator: " "))
}
