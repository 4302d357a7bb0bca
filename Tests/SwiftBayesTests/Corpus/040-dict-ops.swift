// Dictionary updates, removal and lookups.
var ages = ["ann": 31, "bob": 25]
ages["cy"] = 40
print(ages.count)
let old = ages.updateValue(26, forKey: "bob")
print(old)
let fresh = ages.updateValue(50, forKey: "dee")
print(fresh)
let gone = ages.removeValue(forKey: "ann")
print(gone)
let missing = ages.removeValue(forKey: "zed")
print(missing)
for k in ages.keys.sorted() {
    print("\(k): \(ages[k]!)")
}
print(ages.values.sorted())
if let c = ages["cy"] {
    print("cy is \(c)")
}
if ages["ann"] == nil {
    print("ann removed")
}
ages["cy"] = nil
print(ages.keys.sorted())
print(ages.isEmpty)
var empty: [Int: String] = [:]
empty[3] = "three"
print(empty)
