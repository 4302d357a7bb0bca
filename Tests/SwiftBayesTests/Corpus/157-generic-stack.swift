// Generics: generic types and extending them.
struct Stack<Element> {
    var items: [Element] = []
    mutating func push(_ item: Element) {
        items.append(item)
    }
    mutating func pop() -> Element {
        return items.removeLast()
    }
}
extension Stack {
    var topItem: Element? {
        return items.isEmpty ? nil : items[items.count - 1]
    }
}
var stackOfStrings = Stack<String>()
stackOfStrings.push("uno")
stackOfStrings.push("dos")
stackOfStrings.push("tres")
stackOfStrings.push("cuatro")
let fromTheTop = stackOfStrings.pop()
print(fromTheTop)
if let topItem = stackOfStrings.topItem {
    print("The top item on the stack is \(topItem).")
}
var numbers = Stack<Int>()
for i in 1...3 { numbers.push(i * i) }
print(numbers.items, numbers.pop(), numbers.items)
print(Stack<Double>().topItem as Any)
