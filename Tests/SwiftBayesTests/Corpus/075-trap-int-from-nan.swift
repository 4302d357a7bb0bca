// Converting NaN to Int traps.
let values = [1.5, -2.75, 1e10]
for v in values {
    print(v, "->", Int(v))
}
func makeNaN() -> Double {
    return Double.nan
}
let bad = makeNaN()
print("made:", bad)
print("converting")
print(Int(bad))
print("unreachable")
