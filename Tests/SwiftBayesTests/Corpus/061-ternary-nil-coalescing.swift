// Ternary operator and nil-coalescing chains.
for n in [-2, 0, 3] {
    let sign = n > 0 ? "positive" : n < 0 ? "negative" : "zero"
    print(n, sign)
}
let a: Int? = nil
let b: Int? = nil
let c: Int? = 3
print(a ?? b ?? c ?? 0)
print(a ?? 10)
let word: String? = nil
print((word ?? "default").uppercased())
let scores = ["ann": 90]
print(scores["ann"] ?? 0 > 50 ? "pass" : "fail")
print((scores["bob"] ?? 0) > 50 ? "pass" : "fail")
let x = 7
let y = x % 2 == 0 ? x / 2 : x * 3 + 1
print(y)
let label = x > 5 ? "big" + "!" : "small"
print(label)
let maybeArr: [Int]? = nil
print(maybeArr ?? [1, 2])
print((maybeArr ?? []).count)
print(true ? 1 : 2, false ? 1 : 2)
