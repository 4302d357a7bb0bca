// Generics: generic functions and inout.
func swapTwoValues<T>(_ a: inout T, _ b: inout T) {
    let temporaryA = a
    a = b
    b = temporaryA
}
var someInt = 3
var anotherInt = 107
swapTwoValues(&someInt, &anotherInt)
print("someInt is now \(someInt), and anotherInt is now \(anotherInt)")
var someString = "hello"
var anotherString = "world"
swapTwoValues(&someString, &anotherString)
print(someString, anotherString)
func double(_ x: inout Int) { x *= 2 }
var xs = [1, 2]
double(&xs[1])
print(xs)
var a = 1, b = 2
swap(&a, &b)
print(a, b)
