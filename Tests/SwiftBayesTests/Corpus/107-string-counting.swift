// Letter frequencies with dictionaries, printed in sorted order.
let text = "Mississippi river"
var freq: [String: Int] = [:]
for ch in text.lowercased() {
    let c = String(ch)
    if c == " " { continue }
    freq[c, default: 0] += 1
}
for k in freq.keys.sorted() {
    print(k, Array(repeating: "*", count: freq[k]!).joined(separator: ""))
}
let top = freq.keys.sorted { freq[$0]! != freq[$1]! ? freq[$0]! > freq[$1]! : $0 < $1 }
print(Array(top.prefix(2)))
print(freq["s"] ?? 0, freq["z"] ?? 0)
var upper = 0
var lower = 0
for ch in text {
    let s = String(ch)
    if s == " " { continue }
    if s == s.uppercased() { upper += 1 } else { lower += 1 }
}
print("upper:", upper, "lower:", lower)
