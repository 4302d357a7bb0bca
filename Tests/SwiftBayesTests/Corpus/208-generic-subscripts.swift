// Generics: a protocol with an associated type and subscript, a generic subscript in its extension, Array conforming.
protocol Container {
    associatedtype Item
    mutating func append(_ item: Item)
    var count: Int { get }
    subscript(i: Int) -> Item { get }
}
extension Container {
    subscript<Indices: Sequence>(indices: Indices) -> [Item] where Indices.Iterator.Element == Int {
        var result: [Item] = []
        for index in indices {
            result.append(self[index])
        }
        return result
    }
    var isEmpty: Bool { count == 0 }
}
struct IntStack: Container {
    var items: [Int] = []
    mutating func push(_ item: Int) { items.append(item) }
    mutating func append(_ item: Int) { self.push(item) }
    var count: Int { items.count }
    subscript(i: Int) -> Int { items[i] }
}
var s = IntStack()
s.append(3); s.append(5); s.append(8)
print(s[[0, 2]], s.isEmpty, s[1])
extension Array: Container {}
func firstItems<C: Container>(_ c: C, _ n: Int) -> [C.Item] {
    var out: [C.Item] = []
    for i in 0..<min(n, c.count) { out.append(c[i]) }
    return out
}
print(firstItems(s, 2), firstItems(["a", "b", "c"], 2))
struct Matrix2 {
    private var data: [[Double]]
    init(_ d: [[Double]]) { data = d }
    subscript(r: Int) -> [Double] {
        get { data[r] }
        set { data[r] = newValue }
    }
}
var m = Matrix2([[1, 2], [3, 4]])
m[1][0] = 30
m[0] = [9, 9]
print(m[0], m[1])
