// Independent counters with shared and separate captured state.
func makeCounter(start: Int = 0, step: Int = 1) -> () -> Int {
    var value = start
    return {
        let current = value
        value += step
        return current
    }
}
let a = makeCounter()
let b = makeCounter(start: 10, step: 5)
for _ in 0..<3 {
    print(a(), b())
}
var shared = 0
let inc: () -> Void = { shared += 1 }
let dec: () -> Void = { shared -= 1 }
inc()
inc()
inc()
dec()
print("shared:", shared)
func makeAccumulator() -> (Double) -> Double {
    var sum = 0.0
    return { x in
        sum += x
        return sum
    }
}
let acc = makeAccumulator()
print(acc(1.5))
print(acc(2.5))
print(acc(-4.0))
var log: [String] = []
let record: (String) -> Void = { log.append($0) }
record("first")
record("second")
print(log)
