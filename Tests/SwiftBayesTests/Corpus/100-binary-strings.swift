// Converting integers to binary strings and back, by hand.
func toBinary(_ n: Int) -> String {
    if n == 0 { return "0" }
    var x = n
    var s = ""
    while x > 0 {
        s = String(x % 2) + s
        x /= 2
    }
    return s
}
func fromBinary(_ s: String) -> Int {
    var v = 0
    for ch in s {
        v = v * 2 + (ch == "1" ? 1 : 0)
    }
    return v
}
for n in [0, 1, 2, 5, 10, 255, 1024] {
    let b = toBinary(n)
    print(n, b, fromBinary(b))
}
func popCount(_ n: Int) -> Int {
    return toBinary(n).filter { $0 == "1" }.count
}
print((0...8).map { popCount($0) })
