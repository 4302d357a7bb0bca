// Ackermann function for small arguments.
func ack(_ m: Int, _ n: Int) -> Int {
    if m == 0 {
        return n + 1
    }
    if n == 0 {
        return ack(m - 1, 1)
    }
    return ack(m - 1, ack(m, n - 1))
}
for m in 0...2 {
    var row: [Int] = []
    for n in 0...4 {
        row.append(ack(m, n))
    }
    print("m=\(m):", row)
}
print("ack(3, 3) =", ack(3, 3))
print("ack(3, 4) =", ack(3, 4))
