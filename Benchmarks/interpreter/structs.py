from dataclasses import dataclass

@dataclass
class Particle:
    x: float
    v: float

ps = []
for i in range(100_000):
    ps.append(Particle(x=float(i), v=1.0))
for _ in range(5):
    for i in range(len(ps)):
        ps[i].x += ps[i].v * 0.1
s = 0.0
for p in ps:
    s += p.x
print(len(ps), s)
