// Dictionaries holding dictionaries and arrays.
var config: [String: [String: Int]] = [:]
config["db"] = ["port": 5432]
config["web"] = ["port": 8080]
config["db", default: [:]]["pool"] = 10
config["cache", default: [:]]["ttl"] = 60
for section in config.keys.sorted() {
    let inner = config[section]!
    for key in inner.keys.sorted() {
        print("\(section).\(key) = \(inner[key]!)")
    }
}
print(config["web"]?["port"] ?? 0)
print(config["web"]?["host"] ?? -1)
print(config["nope"]?["port"] ?? -1)
print(config["cache"]!)
let total = config.values.map { $0.count }.reduce(0, +)
print("entries:", total)
var index: [Int: [String]] = [:]
for w in ["one", "two", "three", "four", "five", "six"] {
    index[w.count, default: []].append(w)
}
for k in index.keys.sorted() {
    print(k, index[k]!)
}
