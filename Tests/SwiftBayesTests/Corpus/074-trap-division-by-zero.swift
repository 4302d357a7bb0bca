// Integer division by zero traps.
func divide(_ a: Int, by b: Int) -> Int {
    return a / b
}
var d = 3
while d >= -1 {
    print("100 / \(d) =", divide(100, by: d))
    d -= 1
}
print("unreachable")
