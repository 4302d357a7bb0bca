// Matrix helpers: identity, transpose, trace and elementwise add via loops.
func identity(_ n: Int) -> [[Double]] {
    var m = Array(repeating: Array(repeating: 0.0, count: n), count: n)
    for i in 0..<n {
        m[i][i] = 1.0
    }
    return m
}
func transpose(_ m: [[Double]]) -> [[Double]] {
    var t: [[Double]] = []
    for c in 0..<m[0].count {
        t.append(m.map { $0[c] })
    }
    return t
}
func add(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    var out = a
    for i in 0..<a.count {
        for j in 0..<a[i].count {
            out[i][j] = a[i][j] + b[i][j]
        }
    }
    return out
}
let m = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
print(transpose(m))
print(identity(3))
let s = add(identity(3), identity(3))
print(s)
var trace = 0.0
for i in 0..<3 {
    trace += s[i][i]
}
print("trace:", trace)
print(add(m, m))
print(transpose(transpose(m)) == m)
