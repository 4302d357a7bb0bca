// Array index out of range traps.
let xs = [10, 20, 30]
print("count:", xs.count)
print("last valid index:", xs.count - 1)
var i = 0
while true {
    print("xs[\(i)] =", xs[i])
    i += 1
}
// never reached: the loop ends with a trap at i == 3
