// Force-unwrapping the result of an optional chain that produced nil.
let settings: [String: [Int]] = ["sizes": [1, 2, 3], "empty": []]
print(settings["sizes"]?.first ?? 0)
print(settings["empty"]?.first ?? 0)
let size = settings["sizes"]?.last
print(size!)
let missing = settings["empty"]?.last
print("about to unwrap")
print(missing!)
print("unreachable")
