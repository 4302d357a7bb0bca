// Protocols: conformance added by an extension, protocol inheritance, collections of a protocol type.
protocol TextRepresentable {
    var textualDescription: String { get }
}
protocol PrettyTextRepresentable: TextRepresentable {
    var prettyTextualDescription: String { get }
}
struct Hamster {
    var name: String
}
extension Hamster: TextRepresentable {
    var textualDescription: String {
        return "A hamster named \(name)"
    }
}
enum Tile: TextRepresentable {
    case empty, snake, ladder
    var textualDescription: String {
        switch self {
        case .empty: return "○"
        case .snake: return "▼"
        case .ladder: return "▲"
        }
    }
}
struct Board: PrettyTextRepresentable {
    var tiles: [Tile]
    var textualDescription: String {
        return "A board of \(tiles.count) tiles"
    }
    var prettyTextualDescription: String {
        var output = textualDescription + ":\n"
        for t in tiles { output += t.textualDescription }
        return output
    }
}
let simonTheHamster = Hamster(name: "Simon")
let board = Board(tiles: [.empty, .ladder, .empty, .snake, .empty])
let things: [TextRepresentable] = [board, simonTheHamster, Tile.snake]
for thing in things {
    print(thing.textualDescription)
}
print(board.prettyTextualDescription)
print(things.filter { $0 is PrettyTextRepresentable }.count)
