// Palindromes and string reversal.
func isPalindrome(_ s: String) -> Bool {
    var cleaned = ""
    for ch in s.lowercased() {
        if ch != " " && ch != "," && ch != "!" {
            cleaned += String(ch)
        }
    }
    return cleaned == String(cleaned.reversed())
}
let tests = ["racecar", "hello", "A man a plan a canal Panama", "Was it a car, or a cat I saw!", "", "ab"]
for t in tests {
    print("\"\(t)\" -> \(isPalindrome(t))")
}
func reverseWords(_ s: String) -> String {
    let words = s.split(separator: " ").map { String($0) }
    return Array(words.reversed()).joined(separator: " ")
}
print(reverseWords("one two three four"))
func reverseManual(_ s: String) -> String {
    var out = ""
    for ch in s {
        out = String(ch) + out
    }
    return out
}
print(reverseManual("stressed"))
var numPal = 0
for n in 1...200 {
    let s = String(n)
    if s == String(s.reversed()) { numPal += 1 }
}
print("numeric palindromes 1...200:", numPal)
