// switch over tuples.
func quadrant(_ p: (Int, Int)) -> String {
    switch p {
    case (0, 0):
        return "origin"
    case (_, 0):
        return "on x-axis"
    case (0, _):
        return "on y-axis"
    case (1...5, 1...5):
        return "near first quadrant"
    case let (x, y) where x == y:
        return "diagonal \(x)"
    case let (x, y) where x > 0 && y > 0:
        return "first quadrant"
    default:
        return "elsewhere"
    }
}
let points = [(0, 0), (3, 0), (0, -2), (2, 3), (7, 7), (8, 9), (-1, 4)]
for p in points {
    print(p, quadrant(p))
}
for i in 1...15 {
    switch (i % 3, i % 5) {
    case (0, 0): print("FizzBuzz")
    case (0, _): print("Fizz")
    case (_, 0): print("Buzz")
    default: print(i)
    }
}
