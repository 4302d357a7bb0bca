// A generic struct with two type parameters and a generic method.
struct Pair<First, Second> {
    var first: First
    var second: Second
    func swapped() -> Pair<Second, First> {
        return Pair<Second, First>(first: second, second: first)
    }
    func map<T>(_ f: (First) -> T) -> Pair<T, Second> {
        return Pair<T, Second>(first: f(first), second: second)
    }
}
let p = Pair(first: 1, second: "one")
print(p.first, p.second)
let q = p.swapped()
print(q.first, q.second)
let r = p.map { $0 * 10 }
print(r.first, r.second)
let pairs = [Pair(first: "a", second: 1.5), Pair(first: "b", second: 2.5)]
print(pairs.map { $0.second }.reduce(0, +))
