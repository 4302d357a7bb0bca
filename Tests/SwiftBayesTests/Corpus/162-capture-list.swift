// Closures: capture lists copy values when the closure is made.
var a = 0
var b = 0
let closure = { [a] in
    print(a, b)
}
a = 10
b = 10
closure()
var handlers: [() -> Int] = []
for i in 1...3 {
    var scaled = i * 100
    handlers.append { [scaled] in scaled + 1 }
    scaled = 0
}
print(handlers.map { $0() })
class Counter {
    var count = 0
    func makeIncrementer() -> () -> Int {
        return { [self] in
            self.count += 1
            return self.count
        }
    }
}
let counter = Counter()
let inc = counter.makeIncrementer()
_ = inc()
_ = inc()
print(counter.count, inc())
let base = 5
let addBase = { [base, offset = base * 2] (x: Int) -> Int in x + base + offset }
print(addBase(1))
