// Protocols: a generator protocol, a class-only delegate protocol, and a game using both.
protocol RandomNumberGenerator {
    func random() -> Double
}
class LinearCongruentialGenerator: RandomNumberGenerator {
    var lastRandom = 42.0
    let m = 139968.0
    let a = 3877.0
    let c = 29573.0
    func random() -> Double {
        lastRandom = ((lastRandom * a + c).truncatingRemainder(dividingBy: m))
        return lastRandom / m
    }
}
class Dice {
    let sides: Int
    let generator: RandomNumberGenerator
    init(sides: Int, generator: RandomNumberGenerator) {
        self.sides = sides
        self.generator = generator
    }
    func roll() -> Int {
        return Int(generator.random() * Double(sides)) + 1
    }
}
protocol DiceGameDelegate: AnyObject {
    func gameDidStart(_ sides: Int)
    func game(didRoll diceRoll: Int)
}
class Tracker: DiceGameDelegate {
    var numberOfTurns = 0
    func gameDidStart(_ sides: Int) {
        numberOfTurns = 0
        print("Started a new game using a \(sides)-sided dice")
    }
    func game(didRoll diceRoll: Int) {
        numberOfTurns += 1
        print("Rolled a \(diceRoll)")
    }
}
class Game {
    let dice = Dice(sides: 6, generator: LinearCongruentialGenerator())
    weak var delegate: DiceGameDelegate?
    func play(turns: Int) {
        delegate?.gameDidStart(dice.sides)
        for _ in 0..<turns { delegate?.game(didRoll: dice.roll()) }
    }
}
let tracker = Tracker()
let game = Game()
game.play(turns: 2)
game.delegate = tracker
game.play(turns: 4)
print("The game lasted for \(tracker.numberOfTurns) turns")
