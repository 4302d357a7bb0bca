// Run-length encoding and decoding.
func encode(_ s: String) -> String {
    var out = ""
    var prev = ""
    var run = 0
    for ch in s {
        let c = String(ch)
        if c == prev {
            run += 1
        } else {
            if run > 0 {
                out += "\(run)\(prev)"
            }
            prev = c
            run = 1
        }
    }
    if run > 0 {
        out += "\(run)\(prev)"
    }
    return out
}
func decode(_ s: String) -> String {
    var out = ""
    var num = 0
    for ch in s {
        if let d = Int(String(ch)) {
            num = num * 10 + d
        } else {
            out += Array(repeating: String(ch), count: num).joined(separator: "")
            num = 0
        }
    }
    return out
}
let inputs = ["aaabccdddd", "abc", "", "zzzzzzzzzzzz"]
for s in inputs {
    let e = encode(s)
    print("\"\(s)\" -> \"\(e)\" -> \"\(decode(e))\"")
}
