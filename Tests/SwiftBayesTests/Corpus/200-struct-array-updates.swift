// Structures in collections: element mutation through arrays, nested structs, dictionaries.
struct Vec {
    var x: Double
    var y: Double
}
struct Particle {
    var pos: Vec
    var vel: Vec
    var hits = 0
}
var ps: [Particle] = []
for i in 0..<4 {
    ps.append(Particle(pos: Vec(x: Double(i), y: 0), vel: Vec(x: 1, y: 0.5)))
}
let snapshot = ps
for step in 0..<3 {
    for i in 0..<ps.count {
        ps[i].pos.x += ps[i].vel.x
        ps[i].pos.y += ps[i].vel.y * Double(step)
        if ps[i].pos.x > 4 { ps[i].hits += 1; ps[i].vel.x = -ps[i].vel.x }
    }
}
for p in ps { print(p.pos.x, p.pos.y, p.hits) }
print(snapshot[3].pos.x, snapshot.count)
var byName: [String: Vec] = ["a": Vec(x: 1, y: 1)]
byName["a"]!.x += 10
byName["a"]?.y *= 3
print(byName["a"]!)
var grid = [[Vec(x: 0, y: 0)], [Vec(x: 1, y: 1)]]
grid[1][0].y = 7
var copy = grid
copy[0][0].x = 99
print(grid[0][0].x, copy[0][0].x, grid[1][0].y)
