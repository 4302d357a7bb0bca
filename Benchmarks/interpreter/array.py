xs = []
for i in range(100_000):
    xs.append(float(i) * 0.5)
s = 0.0
for x in xs:
    s += x
print(len(xs), s)
