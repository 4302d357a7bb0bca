// map, filter, reduce, compactMap, flatMap.
let nums = [1, 2, 3, 4, 5, 6]
print(nums.map { $0 * $0 })
print(nums.filter { $0 % 2 == 0 })
print(nums.reduce(0, +))
print(nums.reduce(1, *))
print(nums.reduce(0) { acc, x in acc + x * x })
print(nums.map { String($0) }.joined(separator: ""))
let strs = ["1", "two", "3", "4.5", "-6"]
print(strs.compactMap { Int($0) })
let nested = [[1, 2], [3], [], [4, 5, 6]]
print(nested.flatMap { $0 })
print(nested.map { $0.count })
print(nums.map { Double($0) / 2 })
let evensSquared = nums.filter { $0 % 2 == 0 }.map { $0 * $0 }
print(evensSquared)
print(nums.contains { $0 > 5 })
print(nums.allSatisfy { $0 > 0 })
print(nums.allSatisfy { $0 > 1 })
print(nums.first { $0 > 3 } ?? -1)
let words = ["apple", "kiwi", "banana"]
print(words.map { $0.count })
print(words.map { $0.uppercased() })
print(words.reduce("") { $0 + String($1.first!) })
