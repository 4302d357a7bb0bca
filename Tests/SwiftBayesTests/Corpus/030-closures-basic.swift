// Closure expressions, shorthand arguments, trailing closures.
let add: (Int, Int) -> Int = { a, b in
    return a + b
}
print(add(2, 3))
let square: (Int) -> Int = { x in x * x }
print(square(7))
let twice: (Int) -> Int = { $0 * 2 }
print(twice(21))
func apply(_ f: (Int) -> Int, to x: Int) -> Int {
    return f(x)
}
print(apply(square, to: 5))
print(apply({ $0 - 1 }, to: 5))
func transform(_ xs: [Int], _ f: (Int) -> Int) -> [Int] {
    var out: [Int] = []
    for x in xs {
        out.append(f(x))
    }
    return out
}
print(transform([1, 2, 3]) { $0 * 10 })
print(transform([1, 2, 3]) { x in
    let y = x + 100
    return y
})
let greet: (String) -> String = { name in "hi \(name)" }
print(greet("there"))
let noArgs: () -> String = { "called" }
print(noArgs())
let combine: (Int, Int) -> Int = { x, y in x * 10 + y }
print(combine(4, 2))
