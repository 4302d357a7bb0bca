// Arrays and dictionaries have value semantics.
var a = [1, 2, 3]
var b = a
b.append(4)
b[0] = 100
print(a)
print(b)
var grid = [[0, 0], [0, 0]]
var copy = grid
copy[0][1] = 5
print(grid)
print(copy)
var d = ["k": 1]
var d2 = d
d2["k"] = 2
print(d, d2)
func mutateLocal(_ xs: [Int]) -> [Int] {
    var ys = xs
    ys[0] = -1
    return ys
}
let orig = [7, 8, 9]
let changed = mutateLocal(orig)
print(orig, changed)
var s = "abc"
var t = s
t += "def"
print(s, t)
var tup = (1, [1])
var tup2 = tup
tup2.1.append(2)
print(tup, tup2)
