// Protocols: protocol extensions providing default implementations.
protocol TextRepresentable {
    var textualDescription: String { get }
}
protocol PrettyTextRepresentable: TextRepresentable {
    var prettyTextualDescription: String { get }
}
extension PrettyTextRepresentable {
    var prettyTextualDescription: String {
        return textualDescription
    }
}
struct Hamster: PrettyTextRepresentable {
    var name: String
    var textualDescription: String {
        return "A hamster named \(name)"
    }
}
struct Board: PrettyTextRepresentable {
    var cells: [Int]
    var textualDescription: String { "board \(cells)" }
    var prettyTextualDescription: String {
        cells.map { $0 == 0 ? "○" : "●" }.joined()
    }
}
let simonTheHamster = Hamster(name: "Simon")
print(simonTheHamster.textualDescription)
print(simonTheHamster.prettyTextualDescription)
let board = Board(cells: [0, 1, 1, 0])
print(board.textualDescription)
print(board.prettyTextualDescription)
let things: [any TextRepresentable] = [simonTheHamster, board]
for thing in things {
    print(thing.textualDescription)
}
