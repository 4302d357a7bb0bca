// Methods: modifying value types from within instance methods.
struct Point {
    var x = 0.0, y = 0.0
    mutating func moveBy(x deltaX: Double, y deltaY: Double) {
        x += deltaX
        y += deltaY
    }
    func isToTheRightOf(x: Double) -> Bool {
        return self.x > x
    }
}
var somePoint = Point(x: 1.0, y: 1.0)
somePoint.moveBy(x: 2.0, y: 3.0)
print("The point is now at (\(somePoint.x), \(somePoint.y))")
if somePoint.isToTheRightOf(x: 1.0) {
    print("This point is to the right of the line where x == 1.0")
}
struct Point2 {
    var x = 0.0, y = 0.0
    mutating func moveBy(x deltaX: Double, y deltaY: Double) {
        self = Point2(x: x + deltaX, y: y + deltaY)
    }
}
var p2 = Point2(x: 5, y: 5)
p2.moveBy(x: -1, y: 1)
print(p2)
var copy = p2
copy.moveBy(x: 100, y: 0)
print(p2.x, copy.x)
