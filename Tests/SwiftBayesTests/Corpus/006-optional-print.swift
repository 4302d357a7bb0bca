// Printing optionals.
var a: Int? = 3
print(a)
print(a!)
a = nil
print(a)
let s: String? = "hi"
print(s)
print(s ?? "none")
let d: Double? = 1.5
print(d)
let arr: [Int?] = [1, nil, 3]
print(arr)
let b: Bool? = nil
print(b)
print(b ?? false)
let names: [String?] = ["x", nil]
print(names)
print("\(a)")
print([a, 5])
