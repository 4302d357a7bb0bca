// Equality and comparison of arrays, tuples and optionals.
print([1, 2, 3] == [1, 2, 3])
print([1, 2, 3] == [3, 2, 1])
print([1, 2, 3].sorted() == [3, 2, 1].sorted())
print(["a"] != ["b"])
print([[1], [2, 3]] == [[1], [2, 3]])
print((1, "a") == (1, "a"))
print((1, 2) < (1, 3))
print((2, 0) > (1, 99))
print(("b", 1) < ("a", 2))
let o1: Int? = 3
let o2: Int? = nil
print(o1 == 3, o2 == nil, o1 == o2)
print([Int]() == [])
var a = [1.0, 2.0]
let b = a
a[0] = 1.0
print(a == b)
print(["k": 1] == ["k": 1])
print(["k": 1] == ["k": 2])
print("abc" == "ab" + "c", "abc" != "abd")
