// Closures capturing variables: counters and adders.
func makeCounter() -> () -> Int {
    var count = 0
    return {
        count += 1
        return count
    }
}
let c1 = makeCounter()
let c2 = makeCounter()
print(c1(), c1(), c1())
print(c2(), c2())
print(c1())
func makeAdder(_ n: Int) -> (Int) -> Int {
    return { x in x + n }
}
let add5 = makeAdder(5)
let add10 = makeAdder(10)
print(add5(1), add10(1))
var total = 0
let accumulate: (Int) -> Void = { x in
    total += x
}
accumulate(3)
accumulate(4)
print("total:", total)
var factor = 2
let scale: (Int) -> Int = { x in x * factor }
print(scale(10))
factor = 3
print(scale(10))
var handlers: [() -> String] = []
for i in 1...3 {
    handlers.append({ "handler \(i)" })
}
for h in handlers {
    print(h())
}
