// String equality, ordering and searching.
let words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(words.sorted())
print(words.sorted { $0.lowercased() != $1.lowercased() ? $0.lowercased() < $1.lowercased() : $0 < $1 })
print("apple" < "banana", "Apple" < "apple", "a" < "B")
print("abc" == "ab" + "c")
print("hello".contains("ell"), "hello".contains("xyz"))
print(words.contains("cherry"), words.contains("Cherry"))
print(words.firstIndex(of: "apple") ?? -1)
print(words.filter { $0.lowercased().hasPrefix("b") })
print(words.map { $0.count })
let longest = words.reduce("") { $0.count >= $1.count ? $0 : $1 }
print(longest)
var countB = 0
for w in words {
    if w.lowercased() == "banana" {
        countB += 1
    }
}
print(countB)
print("" < "a", "Z" > "Y")
print(["b", "a", "c"].min()!, ["b", "a", "c"].max()!)
