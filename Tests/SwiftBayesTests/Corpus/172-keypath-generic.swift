// Key paths: passed to generic functions, used to sort, and written through.
struct Item {
    var name: String
    var price: Double
    var stock: Int
}
func sorted<T, V: Comparable>(_ xs: [T], by path: KeyPath<T, V>) -> [T] {
    return xs.sorted { $0[keyPath: path] < $1[keyPath: path] }
}
func total<T>(_ xs: [T], _ path: KeyPath<T, Double>) -> Double {
    var s = 0.0
    for x in xs { s += x[keyPath: path] }
    return s
}
var items = [Item(name: "pen", price: 1.5, stock: 40), Item(name: "ink", price: 7.25, stock: 3), Item(name: "pad", price: 3.0, stock: 12)]
print(sorted(items, by: \.price).map(\.name))
print(sorted(items, by: \Item.stock).map(\.name))
print(sorted(items, by: \.name).map(\.stock))
print(total(items, \.price))
let stockPath: WritableKeyPath<Item, Int> = \Item.stock
items[1][keyPath: stockPath] += 10
var first = items[0]
first[keyPath: \.name] = "pencil"
print(items[1].stock, first.name, items[0].name)
