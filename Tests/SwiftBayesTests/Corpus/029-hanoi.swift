// Towers of Hanoi with a move counter.
var moves = 0
func hanoi(_ n: Int, from: String, to: String, via: String) {
    if n == 0 {
        return
    }
    hanoi(n - 1, from: from, to: via, via: to)
    moves += 1
    print("move disk \(n) from \(from) to \(to)")
    hanoi(n - 1, from: via, to: to, via: from)
}
hanoi(3, from: "A", to: "C", via: "B")
print("total moves:", moves)
func hanoiCount(_ n: Int) -> Int {
    return n == 0 ? 0 : 2 * hanoiCount(n - 1) + 1
}
for n in 1...10 {
    print(n, hanoiCount(n), separator: " -> ")
}
