// Compound assignment operators on Int, Double and String.
var i = 10
i += 5
print(i)
i -= 3
print(i)
i *= 2
print(i)
i /= 5
print(i)
i %= 3
print(i)
var d = 1.5
d += 1
print(d)
d *= 3
print(d)
d /= 2
print(d)
d -= 0.25
print(d)
var s = "a"
s += "b"
s += String(3)
print(s)
var arr = [1, 2, 3]
arr[1] *= 10
arr[2] -= 5
print(arr)
var grid = [[1, 2], [3, 4]]
grid[1][0] += 100
print(grid)
var dict = ["x": 1]
dict["x", default: 0] += 41
print(dict)
var neg = -7
neg /= 2
print(neg)
neg %= 2
print(neg)
