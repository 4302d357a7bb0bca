// Nested types: how they print, alone and inside collections; sibling types refer to each other.
struct Library {
    struct Book {
        var title: String
        var genre: Genre
    }
    enum Genre {
        case fiction, history, science(field: String)
    }
    var books: [Book] = []
    mutating func add(_ title: String, _ genre: Genre) {
        books.append(Book(title: title, genre: genre))
    }
    func count(of g: Genre) -> Int {
        var n = 0
        for b in books {
            switch (b.genre, g) {
            case (.fiction, .fiction), (.history, .history): n += 1
            case (.science, .science): n += 1
            default: break
            }
        }
        return n
    }
}
var lib = Library()
lib.add("Emma", .fiction)
lib.add("SPQR", .history)
lib.add("Cosmos", .science(field: "astronomy"))
print(lib.books[0])
print(lib.books[2].genre)
print([lib.books[1]])
print(lib.count(of: .fiction), lib.count(of: .science(field: "")))
let g: Library.Genre = .history
print(g, [g])
