// Optional values in variables, comparisons with nil.
var x: Int? = nil
print(x == nil)
x = 5
print(x != nil)
print(x! + 1)
var s: String? = "hello"
print(s?.count)
print(s?.uppercased())
s = nil
print(s?.count)
print(s?.isEmpty ?? true)
let arr = [3, 1, 2]
print(arr.first)
print(arr.last)
print([Int]().first)
print(arr.firstIndex(of: 2))
print(arr.min())
var d: [String: Int] = ["a": 1]
print(d["a"])
print(d["b"])
d["a"] = nil
print(d["a"])
let y: Int? = 7
print(y == 7, y == 8)
if x == 5 {
    print("x equals 5")
}
