// Advanced Operators: operator methods.
struct Vector2D: CustomStringConvertible {
    var x = 0.0, y = 0.0
    static func + (left: Vector2D, right: Vector2D) -> Vector2D {
        return Vector2D(x: left.x + right.x, y: left.y + right.y)
    }
    static prefix func - (vector: Vector2D) -> Vector2D {
        return Vector2D(x: -vector.x, y: -vector.y)
    }
    static func * (v: Vector2D, k: Double) -> Vector2D {
        return Vector2D(x: v.x * k, y: v.y * k)
    }
    static func += (left: inout Vector2D, right: Vector2D) {
        left = left + right
    }
    var description: String { "(\(x), \(y))" }
}
let vector = Vector2D(x: 3.0, y: 1.0)
let anotherVector = Vector2D(x: 2.0, y: 4.0)
let combinedVector = vector + anotherVector
print(combinedVector)
print(vector * 2)
var original = Vector2D(x: 1.0, y: 2.0)
let vectorToAdd = Vector2D(x: 3.0, y: 4.0)
original += vectorToAdd
print(original)
print(-vector)
