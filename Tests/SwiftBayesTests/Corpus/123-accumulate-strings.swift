// Building strings with interpolation of expressions, calls and nested quotes.
let items = ["pen": 2, "book": 1]
var lines: [String] = []
for k in items.keys.sorted() {
    lines.append("\(k.uppercased()) x\(items[k]!) = \(Double(items[k]!) * 1.5)")
}
print(lines.joined(separator: "\n"))
let n = 4
print("\(n) + \(n) = \(n + n), \(n) * \(n) = \(n * n)")
print("range: \(Array(1...n))")
print("squares: \((1...n).map { $0 * $0 })")
print("max: \([3, 9, 2].max()!)")
print("quote: \"\(n)\"")
print("optional: \(Int("7") ?? 0)")
print("condition: \(n > 3 ? "big" : "small")")
print("nested call: \(String(String(n * 111).reversed()))")
var acc = ""
for i in 0..<n {
    acc += "\(i)\(i < n - 1 ? "," : "")"
}
print(acc)
print("escaped: tab[\t] backslash[\\]")
