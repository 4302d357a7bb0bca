// Subscripts: type subscripts, overloads by label, and a subscript with a default.
enum Planet: Int {
    case mercury = 1, venus, earth, mars, jupiter, saturn, uranus, neptune
    static subscript(n: Int) -> Planet {
        return Planet(rawValue: n)!
    }
}
let mars = Planet[4]
print(mars)
print(Planet[3].rawValue)
struct Shelf {
    var books: [String]
    subscript(i: Int) -> String { books[i] }
    subscript(title t: String) -> Int? { books.firstIndex(of: t) }
    subscript(i: Int, or fallback: String) -> String {
        i < books.count ? books[i] : fallback
    }
}
let shelf = Shelf(books: ["Dune", "Emma", "Ulysses"])
print(shelf[0], shelf[title: "Emma"] ?? -1, shelf[title: "Odyssey"] ?? -1)
print(shelf[2, or: "none"], shelf[7, or: "none"])
