// Formatting a padded text table without Foundation.
func padLeft(_ s: String, _ width: Int) -> String {
    let n = width - s.count
    return n > 0 ? Array(repeating: " ", count: n).joined(separator: "") + s : s
}
func padRight(_ s: String, _ width: Int) -> String {
    let n = width - s.count
    return n > 0 ? s + Array(repeating: " ", count: n).joined(separator: "") : s
}
let rows = [("apple", 3, 0.5), ("watermelon", 1, 3.25), ("fig", 12, 0.1)]
print(padRight("item", 12) + padLeft("qty", 5) + padLeft("price", 8))
print(Array(repeating: "-", count: 25).joined(separator: ""))
var total = 0.0
for (name, qty, price) in rows {
    total += Double(qty) * price
    print(padRight(name, 12) + padLeft(String(qty), 5) + padLeft(String(price), 8))
}
print("total:", total)
func fixed2(_ x: Double) -> String {
    let cents = Int(x * 100 + (x >= 0 ? 0.5 : -0.5))
    let whole = cents / 100
    let frac = abs(cents % 100)
    return "\(whole).\(frac < 10 ? "0" : "")\(frac)"
}
print(fixed2(total), fixed2(3.14159), fixed2(2.0), fixed2(0.999))
