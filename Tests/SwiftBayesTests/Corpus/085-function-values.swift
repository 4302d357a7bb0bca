// Functions stored in variables, arrays and dictionaries.
func double(_ x: Int) -> Int { return x * 2 }
func negate(_ x: Int) -> Int { return -x }
func square(_ x: Int) -> Int { return x * x }
var op: (Int) -> Int = double
print(op(21))
op = negate
print(op(21))
let pipeline: [(Int) -> Int] = [double, square, negate, { $0 + 1 }]
var v = 3
for f in pipeline {
    v = f(v)
    print("->", v)
}
let ops: [String: (Int, Int) -> Int] = [
    "add": { $0 + $1 },
    "sub": { $0 - $1 },
    "mul": { $0 * $1 }
]
for name in ops.keys.sorted() {
    print(name, ops[name]!(7, 3))
}
if let f = ops["mul"] {
    print(f(6, 7))
}
print(ops["div"] == nil)
let applyAll: ([(Int) -> Int], Int) -> [Int] = { fs, x in fs.map { $0(x) } }
print(applyAll([double, square], 5))
