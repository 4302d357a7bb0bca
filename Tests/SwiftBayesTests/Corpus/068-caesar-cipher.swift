// A Caesar cipher using an alphabet string and index lookup.
let alphabet = "abcdefghijklmnopqrstuvwxyz"
var letters: [String] = []
for ch in alphabet {
    letters.append(String(ch))
}
func shift(_ text: String, by k: Int) -> String {
    var out = ""
    for ch in text {
        let s = String(ch)
        if let idx = letters.firstIndex(of: s) {
            let n = ((idx + k) % 26 + 26) % 26
            out += letters[n]
        } else {
            out += s
        }
    }
    return out
}
let plain = "hello, world"
let enc = shift(plain, by: 3)
print(enc)
print(shift(enc, by: -3))
print(shift("xyz", by: 2))
print(shift("abc", by: -1))
print(shift(plain, by: 26) == plain)
for k in [1, 13] {
    print(k, shift("swift", by: k))
}
