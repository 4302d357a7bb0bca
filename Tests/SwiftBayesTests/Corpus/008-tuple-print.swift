// Printing tuples, labeled and unlabeled.
print((1, "a"))
print((1, 2.5, "x"))
let p = (x: 3, y: 4)
print(p)
print(p.x, p.y)
print(p.0 + p.1)
let nested = (1, (2, "three"))
print(nested)
print(nested.1.1)
let t: (Int, String) = (7, "seven")
print(t)
print((true, [1, 2]))
print((name: "Ann", age: 30))
let (a, b) = t
print(a, b)
let (_, onlyString) = t
print(onlyString)
print(((1, 2), (3, 4)))
