// Type aliases.
typealias Vector = [Double]
typealias Point = (x: Double, y: Double)
typealias Transform = (Double) -> Double
typealias Count = Int
let total: Count = 3
print(total + 1)
func norm1(_ v: Vector) -> Double {
    return v.map { $0 < 0 ? -$0 : $0 }.reduce(0, +)
}
let v: Vector = [1, -2, 3]
print(norm1(v))
let p: Point = (x: 1.5, y: -2)
print(p.x, p.y)
let double: Transform = { $0 * 2 }
let pipeline: [Transform] = [double, { $0 + 1 }]
print(pipeline.reduce(3.0) { acc, f in f(acc) })
typealias Grid = [[Int]]
let g: Grid = [[1, 2], [3, 4]]
print(g.map { $0.reduce(0, +) })
