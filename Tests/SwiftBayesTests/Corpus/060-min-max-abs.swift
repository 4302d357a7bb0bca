// Global min, max, abs with Ints and Doubles.
print(min(3, 7))
print(max(3, 7))
print(min(5, 2, 9, 1))
print(max(5, 2, 9, 1))
print(min(2.5, 1.25))
print(max(-1.0, -0.5))
print(abs(-17), abs(17), abs(0))
print(abs(-3.25))
print(min("pear", "apple"))
print(max("pear", "apple"))
var lo = Int.max
var hi = Int.min
for x in [4, -8, 15, 16, 23, -42] {
    lo = min(lo, x)
    hi = max(hi, x)
}
print(lo, hi)
func clamp(_ x: Int, _ a: Int, _ b: Int) -> Int {
    return min(max(x, a), b)
}
print(clamp(-5, 0, 10), clamp(5, 0, 10), clamp(50, 0, 10))
print([3, 9, 2].max()!, ["b", "a"].min()!)
