// reduce for sums, products, max, string building and counting.
let xs = [3, 8, 1, 9, 4]
print(xs.reduce(0, +))
print(xs.reduce(1, *))
print(xs.reduce(Int.min) { max($0, $1) })
print(xs.reduce(Int.max) { min($0, $1) })
print(xs.reduce("") { $0 + String($1) })
print(xs.reduce(0) { $0 * 10 + $1 })
let evens = xs.reduce(0) { $1 % 2 == 0 ? $0 + 1 : $0 }
print("even count:", evens)
let ds = [0.5, 0.25, 0.125]
print(ds.reduce(0, +))
print(ds.reduce(1.0) { $0 * $1 })
let words = ["a", "bb", "ccc"]
print(words.reduce(0) { $0 + $1.count })
let running = xs.reduce([Int]()) { acc, x in
    var next = acc
    next.append((acc.last ?? 0) + x)
    return next
}
print(running)
print([Int]().reduce(42, +))
