// Protocols: static requirements, initializer requirements, Self, and mutating requirements.
protocol Resettable {
    init()
    static var typeName: String { get }
    mutating func reset()
}
struct Score: Resettable {
    var points = 10
    init() { points = 0 }
    init(points: Int) { self.points = points }
    static var typeName: String { "Score" }
    mutating func reset() { self = Score() }
}
class Timer: Resettable {
    var seconds: Int
    required init() { seconds = 0 }
    init(seconds: Int) { self.seconds = seconds }
    static var typeName: String { "Timer" }
    func reset() { seconds = 0 }
}
func describe<T: Resettable>(_ x: T, _ name: String) -> String {
    return "a \(name) that resets"
}
var s = Score(points: 5)
s.reset()
print(s.points)
let t = Timer(seconds: 30)
t.reset()
print(t.seconds)
print(Score.typeName, Timer.typeName, describe(t, Timer.typeName))
var items: [Resettable] = [Score(points: 3), Timer(seconds: 9)]
for i in 0..<items.count { items[i].reset() }
print((items[0] as! Score).points, (items[1] as! Timer).seconds, t === items[1] as! Timer)
protocol Scalable {
    func scaled(by k: Double) -> Self
}
struct Length: Scalable {
    var meters: Double
    func scaled(by k: Double) -> Length { Length(meters: meters * k) }
}
print(Length(meters: 2).scaled(by: 2.5).meters)
