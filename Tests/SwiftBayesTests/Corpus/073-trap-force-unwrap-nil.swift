// Force-unwrapping nil traps.
let table = ["a": 1, "b": 2]
var sum = 0
for key in ["a", "b", "c"] {
    print("looking up", key)
    let v = table[key]!
    sum += v
    print("found", v, "sum", sum)
}
print("unreachable")
