// String interpolation with expressions inside \( ).
let name = "World"
let n = 5
print("Hello, \(name)!")
print("\(n) squared is \(n * n)")
print("sum: \(1 + 2 + 3), avg: \(Double(1 + 2 + 3) / 3.0)")
print("nested: \("inner \(n)")")
print("array: \([1, 2, 3])")
print("strings: \(["a", "b"])")
print("tuple: \((1, "x"))")
print("bool: \(n > 3)")
print("ternary: \(n % 2 == 0 ? "even" : "odd")")
print("count: \(name.count)")
print("upper: \(name.uppercased())")
let opt: Int? = nil
print("opt: \(opt ?? 0)")
print("double: \(0.1 + 0.2)")
print("call: \([3, 1, 2].sorted())")
print("\(n)\(n)\(n)")
print("\\(not interpolated)")
