// Subtraction below Int.min and negating Int.min trap.
var m = Int.min + 2
print(m)
m -= 1
print(m)
m -= 1
print(m)
print(m == Int.min)
let negated = -m
print(negated)
print("unreachable")
