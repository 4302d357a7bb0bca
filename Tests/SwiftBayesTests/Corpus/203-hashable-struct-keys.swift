// Equatable and Hashable structs: synthesized ==, use as dictionary keys, custom == and hash(into:).
struct GridPoint: Hashable {
    var x: Int
    var y: Int
}
var visits: [GridPoint: Int] = [:]
let path = [GridPoint(x: 0, y: 0), GridPoint(x: 1, y: 0), GridPoint(x: 0, y: 0), GridPoint(x: 1, y: 1), GridPoint(x: 0, y: 0)]
for p in path { visits[p, default: 0] += 1 }
print(visits[GridPoint(x: 0, y: 0)]!, visits[GridPoint(x: 1, y: 1)]!, visits.count)
print(GridPoint(x: 1, y: 2) == GridPoint(x: 1, y: 2), GridPoint(x: 1, y: 2) != GridPoint(x: 2, y: 1))
struct Caseless: Equatable {
    var text: String
    static func == (a: Caseless, b: Caseless) -> Bool {
        a.text.lowercased() == b.text.lowercased()
    }
}
print(Caseless(text: "Hello") == Caseless(text: "hELLO"), Caseless(text: "a") != Caseless(text: "b"))
print([Caseless(text: "X"), Caseless(text: "y")].contains(Caseless(text: "Y")))
print([Caseless(text: "q"), Caseless(text: "Q")].firstIndex(of: Caseless(text: "Q")) ?? -1)
enum Suit: Hashable { case clubs, hearts }
struct Card: Hashable {
    var rank: Int
    var suit: Suit
}
var seen: [Card: String] = [:]
seen[Card(rank: 12, suit: .hearts)] = "queen"
print(seen[Card(rank: 12, suit: .hearts)] ?? "none", seen[Card(rank: 12, suit: .clubs)] ?? "none")
