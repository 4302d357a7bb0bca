// Initialization: memberwise initializers for structure types.
struct Size {
    var width = 0.0, height = 0.0
}
let twoByTwo = Size(width: 2.0, height: 2.0)
let zeroByTwo = Size(height: 2.0)
print(zeroByTwo.width, zeroByTwo.height)
let zeroByZero = Size()
print(zeroByZero.width, zeroByZero.height)
print(twoByTwo)
struct Config {
    var name: String
    var retries = 3
    var verbose = false
    let version = 2
}
let a = Config(name: "a")
let b = Config(name: "b", verbose: true)
let c = Config(name: "c", retries: 5, verbose: true)
for cfg in [a, b, c] {
    print(cfg.name, cfg.retries, cfg.verbose, cfg.version)
}
print(c)
