// Scopes and shadowing.
let x = 1
print("outer x:", x)
func f() -> Int {
    let x = 2
    return x * 10
}
print(f(), x)
if true {
    let x = "inner string"
    print(x)
}
print(x)
for x in 0..<2 {
    print("loop x:", x)
}
print(x)
var counter = 0
func bump() {
    counter += 1
}
bump()
bump()
print("counter:", counter)
let value: Int? = 42
if let value = value {
    print("unwrapped:", value + 1)
}
func shadowParam(_ n: Int) -> Int {
    let n = n * 2
    return n + 1
}
print(shadowParam(5))
while true {
    let x = 99
    print("block x:", x)
    break
}
print("after block x:", x)
