// Patterns: for-case-in loops over optionals, enum cases and tuples, with where clauses.
enum Shape {
    case circle(radius: Double)
    case square(side: Double)
    case point
}
let shapes: [Shape] = [.circle(radius: 1), .square(side: 2), .point, .circle(radius: 3), .square(side: 0.5)]
var totalRadius = 0.0
for case .circle(let r) in shapes {
    totalRadius += r
}
print(totalRadius)
for case let .square(side) in shapes where side > 1 {
    print("big square", side)
}
let scores: [Int?] = [90, nil, 72, nil, 85]
var present: [Int] = []
for case let s? in scores {
    present.append(s)
}
print(present)
for case nil in scores {
    print("missing score")
}
let points = [(0, 0), (1, 0), (0, 2), (3, 3)]
for case (0, let y) in points {
    print("on the y-axis at", y)
}
for case let (x, y) in points where x == y {
    print("diagonal", x)
}
var count = 0
for case .point in shapes { count += 1 }
print(count)
