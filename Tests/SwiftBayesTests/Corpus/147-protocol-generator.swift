// Protocols: method requirements and a protocol as a type.
protocol RandomNumberGenerator {
    mutating func random() -> Double
}
struct LinearCongruentialGenerator: RandomNumberGenerator {
    var lastRandom = 42
    let m = 139968
    let a = 3877
    let c = 29573
    mutating func random() -> Double {
        lastRandom = (lastRandom * a + c) % m
        return Double(lastRandom) / Double(m)
    }
}
class Dice {
    let sides: Int
    var generator: LinearCongruentialGenerator
    init(sides: Int, generator: LinearCongruentialGenerator) {
        self.sides = sides
        self.generator = generator
    }
    func roll() -> Int {
        return Int(generator.random() * Double(sides)) + 1
    }
}
var generator = LinearCongruentialGenerator()
print("Here's a random number: \(generator.random())")
print("And another one: \(generator.random())")
var d6 = Dice(sides: 6, generator: LinearCongruentialGenerator())
for _ in 1...5 {
    print("Random dice roll is \(d6.roll())")
}
