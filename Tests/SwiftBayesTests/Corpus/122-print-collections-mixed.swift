// Printing collections whose elements are tuples, optionals and nested values.
print([(1, "a"), (2, "b")])
print([(x: 1, y: 2)])
let opt: [Int]? = [1, 2]
print(opt)
let none: [Int]? = nil
print(none)
print([[1.5], [2.0, -0.0]])
print([["a": 1]])
print(["k": [1, 2]])
print(["k": (1, 2)])
let nested: [[Int?]] = [[1, nil], [nil]]
print(nested)
print([String?]())
print(([1], ["s"], [2.0]))
let doubleOpt: Double? = 0.1 + 0.2
print(doubleOpt)
let maybes: [Double?] = [1.0, nil]
print(maybes)
let t: (String, Int?) = ("a", nil)
print(t)
