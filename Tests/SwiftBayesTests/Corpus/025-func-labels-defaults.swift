// Functions with argument labels, _ and default values.
func greet(_ name: String, greeting: String = "Hello", punctuation: String = "!") -> String {
    return "\(greeting), \(name)\(punctuation)"
}
print(greet("Ann"))
print(greet("Bob", greeting: "Hi"))
print(greet("Cy", punctuation: "?"))
print(greet("Di", greeting: "Yo", punctuation: "..."))
func move(from start: Int, to end: Int, by step: Int = 1) -> [Int] {
    var out: [Int] = []
    var v = start
    while v < end {
        out.append(v)
        v += step
    }
    return out
}
print(move(from: 0, to: 5))
print(move(from: 0, to: 10, by: 4))
func area(width w: Double, height h: Double) -> Double {
    return w * h
}
print(area(width: 2.5, height: 4))
func sum(_ a: Int, _ b: Int, _ c: Int = 0) -> Int {
    a + b + c
}
print(sum(1, 2))
print(sum(1, 2, 3))
func shout(text: String) {
    print(text.uppercased())
}
shout(text: "quiet")
