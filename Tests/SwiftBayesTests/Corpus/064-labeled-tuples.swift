// Labeled tuples: access by name and by position.
let person = (name: "Ada", born: 1815, languages: ["math", "engines"])
print(person.name)
print(person.born)
print(person.languages.count)
print(person.0, person.1)
var point = (x: 1.5, y: -2.0)
point.x += 1
point.y = point.y * 2
print(point)
let points = [(x: 0, y: 0), (x: 3, y: 4), (x: -1, y: 1)]
for p in points {
    print("(\(p.x), \(p.y)) dist2 = \(p.x * p.x + p.y * p.y)")
}
let farthest = points.sorted { $0.x * $0.x + $0.y * $0.y < $1.x * $1.x + $1.y * $1.y }.last!
print(farthest)
func bounds(_ xs: [Int]) -> (lo: Int, hi: Int, span: Int) {
    let lo = xs.min()!
    let hi = xs.max()!
    return (lo: lo, hi: hi, span: hi - lo)
}
let b = bounds([5, 1, 9])
print(b)
print(b.span)
let (lo, hi, _) = b
print(lo, hi)
