// Array mutation methods.
var a = [1, 2, 3]
a.append(4)
print(a)
a.append(contentsOf: [5, 6])
print(a)
a.insert(0, at: 0)
print(a)
a.insert(99, at: 3)
print(a)
let removed = a.remove(at: 3)
print(removed, a)
let last = a.removeLast()
print(last, a)
let first = a.removeFirst()
print(first, a)
a[0] = 100
print(a)
a[1] += 5
print(a)
print(a.count, a.isEmpty)
print(a.first!, a.last!)
print(a.contains(3), a.contains(42))
print(a.firstIndex(of: 3) ?? -1)
print(a.firstIndex(of: 42) ?? -1)
var b: [String] = []
b.append("x")
b.append(contentsOf: ["y", "z"])
print(b)
