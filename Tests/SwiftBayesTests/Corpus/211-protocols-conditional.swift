// Protocols: conditional conformance of Array, and a constrained extension of Collection.
protocol TextRepresentable {
    var textualDescription: String { get }
}
struct Hamster: TextRepresentable {
    var name: String
    var textualDescription: String { "A hamster named \(name)" }
}
extension Array: TextRepresentable where Element: TextRepresentable {
    var textualDescription: String {
        let itemsAsText = self.map { $0.textualDescription }
        return "[" + itemsAsText.joined(separator: ", ") + "]"
    }
}
let myHamsters = [Hamster(name: "Murray"), Hamster(name: "Morgan")]
print(myHamsters.textualDescription)
extension Collection where Element: Equatable {
    func allEqual() -> Bool {
        for element in self {
            if element != self.first {
                return false
            }
        }
        return true
    }
}
let equalNumbers = [100, 100, 100, 100, 100]
let differentNumbers = [100, 100, 200, 100, 200]
print(equalNumbers.allEqual(), differentNumbers.allEqual())
print(["x", "x"].allEqual(), [Hamster(name: "Solo")].textualDescription)
