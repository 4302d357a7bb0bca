// Single-key and empty dictionary printing, lookup results.
let one = ["a": 1]
print(one)
let empty: [String: Int] = [:]
print(empty)
print(empty.isEmpty, empty.count)
print(one["a"])
print(one["b"])
print(one["a"] ?? 0)
print(one["zzz", default: 99])
var d = [String: Double]()
d["pi"] = 3.14
print(d)
d["pi"] = nil
print(d)
let ints = [1: "one"]
print(ints)
print(ints[1]!)
let strs = ["k": ["x", "y"]]
print(strs)
