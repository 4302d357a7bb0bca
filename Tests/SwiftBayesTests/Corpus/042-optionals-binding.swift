// if let, guard let, ?? and optional chaining.
let maybe: [String: String] = ["name": "Ann"]
if let n = maybe["name"] {
    print("name is \(n)")
}
if let z = maybe["zip"] {
    print("zip is \(z)")
} else {
    print("no zip")
}
let words: [String]? = ["a", "bb"]
let none: [String]? = nil
print(words?.count ?? 0)
print(none?.count ?? 0)
print(words?.first ?? "-")
print(none?.first ?? "-")
print(words?.first?.uppercased() ?? "?")
func parse(_ s: String) -> Int {
    guard let v = Int(s) else {
        return -1
    }
    return v * 2
}
print(parse("21"), parse("x"))
let a: Int? = 4
let b: Int? = nil
if let x = a, let y = b {
    print(x + y)
} else {
    print("one is nil")
}
if let x = a, x > 3 {
    print("x is big:", x)
}
print(Int("12") ?? 0)
print(b ?? a ?? 0)
