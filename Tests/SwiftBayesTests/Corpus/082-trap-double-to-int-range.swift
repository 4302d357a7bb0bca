// Converting a Double beyond Int's range traps.
var v = 1.0
var steps = 0
print("Int.max as Double:", Double(Int.max))
while v < 1e30 {
    print(v, Int(v))
    v *= 1000000.0
    steps += 1
}
print("unreachable", steps)
