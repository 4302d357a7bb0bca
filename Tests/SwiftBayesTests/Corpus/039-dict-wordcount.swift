// Word counts with a dictionary, printed by sorted keys.
let text = "the quick brown fox jumps over the lazy dog the fox"
var counts: [String: Int] = [:]
for w in text.split(separator: " ") {
    counts[String(w), default: 0] += 1
}
for key in counts.keys.sorted() {
    print(key, counts[key]!)
}
print("distinct words:", counts.count)
let byCount = counts.keys.sorted { a, b in
    let ca = counts[a]!
    let cb = counts[b]!
    return ca != cb ? ca > cb : a < b
}
print(Array(byCount.prefix(3)))
print(counts["the"] ?? 0, counts["cat"] ?? 0)
print(counts.values.sorted())
