// Closures see the latest value of captured variables; parameters shadow outer names.
var x = 10
let readX: () -> Int = { x }
print(readX())
x = 20
print(readX())
let addX: (Int) -> Int = { x in x + 1 }
print(addX(5))
func make() -> () -> String {
    var message = "initial"
    let get: () -> String = { message }
    message = "changed before return"
    return get
}
print(make()())
var fns: [() -> Int] = []
var i = 0
while i < 3 {
    let snapshot = i
    fns.append({ snapshot * 100 })
    i += 1
}
print(fns.map { $0() })
var n = 1
let bump: () -> Void = {
    n *= 2
}
for _ in 0..<5 {
    bump()
}
print(n)
