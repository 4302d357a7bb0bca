// Optional chaining on arrays, strings and dictionary lookups.
let inventory: [String: [String]] = ["fruit": ["apple", "pear"], "veg": []]
print(inventory["fruit"]?.count ?? 0)
print(inventory["meat"]?.count ?? 0)
print(inventory["fruit"]?.first ?? "none")
print(inventory["veg"]?.first ?? "none")
print(inventory["fruit"]?.first?.uppercased() ?? "none")
print(inventory["fruit"]?.first?.count ?? 0)
print(inventory["veg"]?.isEmpty ?? false)
print(inventory["meat"]?.isEmpty ?? true)
let maybeName: String? = "swift"
print(maybeName?.hasPrefix("sw") ?? false)
print(maybeName?.uppercased() ?? "")
let nothing: String? = nil
print(nothing?.uppercased() ?? "(nil)")
let nums: [Int]? = [4, 2, 9]
print(nums?.sorted() ?? [])
print(nums?.max() ?? 0)
print(nums?.map { $0 * 2 } ?? [])
if let c = inventory["fruit"]?.count, c > 1 {
    print("more than one fruit")
}
print(inventory["fruit"]?.contains("pear") == true)
