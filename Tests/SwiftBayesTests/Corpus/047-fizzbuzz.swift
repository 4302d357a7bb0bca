// FizzBuzz, several ways.
for i in 1...20 {
    if i % 15 == 0 {
        print("FizzBuzz")
    } else if i % 3 == 0 {
        print("Fizz")
    } else if i % 5 == 0 {
        print("Buzz")
    } else {
        print(i)
    }
}
let line = (1...15).map { i in
    var s = ""
    if i % 3 == 0 { s += "Fizz" }
    if i % 5 == 0 { s += "Buzz" }
    return s.isEmpty ? String(i) : s
}
print(line.joined(separator: " "))
