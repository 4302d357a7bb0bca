struct Particle {
    var x: Double
    var v: Double
}
var ps: [Particle] = []
for i in 0..<100_000 {
    ps.append(Particle(x: Double(i), v: 1.0))
}
for _ in 0..<5 {
    for i in 0..<ps.count {
        ps[i].x += ps[i].v * 0.1
    }
}
var s = 0.0
for p in ps { s += p.x }
print(ps.count, s)
