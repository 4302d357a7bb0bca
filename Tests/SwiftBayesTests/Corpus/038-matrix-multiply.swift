// Matrix multiplication with nested arrays.
func matmul(_ a: [[Int]], _ b: [[Int]]) -> [[Int]] {
    let n = a.count
    let m = b[0].count
    let k = b.count
    var out = Array(repeating: Array(repeating: 0, count: m), count: n)
    for i in 0..<n {
        for j in 0..<m {
            var s = 0
            for t in 0..<k {
                s += a[i][t] * b[t][j]
            }
            out[i][j] = s
        }
    }
    return out
}
let a = [[1, 2], [3, 4], [5, 6]]
let b = [[7, 8, 9], [10, 11, 12]]
print(matmul(a, b))
let id = [[1, 0], [0, 1]]
print(matmul(id, [[4, 5], [6, 7]]))
var p = [[1, 1], [1, 0]]
for _ in 0..<9 {
    p = matmul(p, [[1, 1], [1, 0]])
}
print("fib via matrix power:", p[0][1])
for row in matmul(b, a) {
    print(row)
}
