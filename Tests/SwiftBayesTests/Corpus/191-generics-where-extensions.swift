// Generics: extensions with where clauses, constrained methods, generic subscripts.
struct Stack<Element> {
    var items: [Element] = []
    mutating func push(_ item: Element) {
        items.append(item)
    }
}
extension Stack where Element: Equatable {
    func isTop(_ item: Element) -> Bool {
        guard let topItem = items.last else {
            return false
        }
        return topItem == item
    }
}
extension Stack where Element == Double {
    func average() -> Double {
        var sum = 0.0
        for item in items { sum += item }
        return sum / Double(items.count)
    }
}
var notEquatableStack = Stack<Int>()
notEquatableStack.push(3)
notEquatableStack.push(7)
print(notEquatableStack.isTop(7), notEquatableStack.isTop(3))
var doubles = Stack<Double>()
doubles.push(1260.0)
doubles.push(1200.0)
doubles.push(98.6)
doubles.push(37.0)
print(doubles.average())
func findIndex<T: Equatable>(of valueToFind: T, in array: [T]) -> Int? {
    for (index, value) in array.enumerated() {
        if value == valueToFind {
            return index
        }
    }
    return nil
}
print(findIndex(of: 9.3, in: [3.14159, 0.1, 0.25]) ?? -1)
print(findIndex(of: "Andrea", in: ["Mike", "Malcolm", "Andrea"]) ?? -1)
