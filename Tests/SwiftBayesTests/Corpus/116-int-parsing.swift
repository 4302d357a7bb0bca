// Int(String) and Double(String) edge cases.
let inputs = ["0", "-0", "42", "+7", " 5", "5 ", "12abc", "", "-", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1_000", "0x10"]
for s in inputs {
    if let v = Int(s) {
        print("\"\(s)\" -> \(v)")
    } else {
        print("\"\(s)\" -> nil")
    }
}
let dinputs = ["3.14", "-0.5", "1e3", "2.", ".5", "inf", "nan", "abc", "1,5"]
for s in dinputs {
    print("\"\(s)\" ->", Double(s) ?? -999.0)
}
