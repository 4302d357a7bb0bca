// Generics: a generic queue with a protocol-constrained extension and generic functions over it.
struct Queue<Element> {
    private var storage: [Element] = []
    var isEmpty: Bool { storage.isEmpty }
    var count: Int { storage.count }
    mutating func enqueue(_ x: Element) { storage.append(x) }
    mutating func dequeue() -> Element? {
        if storage.isEmpty { return nil }
        return storage.removeFirst()
    }
    func peek() -> Element? { storage.first }
}
extension Queue where Element: Comparable {
    func largest() -> Element? { storage.max() }
}
func drain<T>(_ q: inout Queue<T>, _ body: (T) -> Void) {
    while let x = q.dequeue() { body(x) }
}
var q = Queue<Int>()
for n in [5, 1, 9, 3] { q.enqueue(n) }
print(q.count, q.peek() ?? -1, q.largest() ?? -1)
var total = 0
drain(&q) { total += $0 }
print(total, q.isEmpty, q.dequeue() ?? -1)
var words = Queue<String>()
words.enqueue("pear")
words.enqueue("apple")
print(words.largest() ?? "", words.count)
func pairUp<A, B>(_ a: [A], _ b: [B]) -> [(A, B)] {
    var out: [(A, B)] = []
    for i in 0..<min(a.count, b.count) { out.append((a[i], b[i])) }
    return out
}
print(pairUp([1, 2, 3], ["one", "two"]))
