// Integer overflow traps at run time (addition past Int.max).
var x = Int.max - 2
print("start:", x)
let safe = x - 100 + 100
print("round trip ok:", safe == x)
for i in 1...5 {
    x += 1
    print("step \(i): \(x)")
}
print("unreachable")
