// Iterating over the characters of a string.
let word = "banana"
var countA = 0
for ch in word {
    if ch == "a" {
        countA += 1
    }
}
print("a appears \(countA) times")
var vowels = 0
for ch in "Programming in Swift" {
    if "aeiouAEIOU".contains(ch) {
        vowels += 1
    }
}
print("vowels: \(vowels)")
var spaced = ""
for ch in "abc" {
    spaced += String(ch) + " "
}
print(spaced)
for (i, ch) in "xyz".enumerated() {
    print(i, ch)
}
var upperCount = 0
for ch in "Hello World" {
    let str = String(ch)
    if str == str.uppercased() && str != " " {
        upperCount += 1
    }
}
print("uppercase letters: \(upperCount)")
print("hello".map { String($0).uppercased() }.joined(separator: "."))
