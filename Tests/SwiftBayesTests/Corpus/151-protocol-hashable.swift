// Hashable structs and enums as dictionary keys.
struct GridPoint: Hashable {
    var x: Int
    var y: Int
}
enum Suit: Hashable {
    case hearts, spades
}
var visits: [GridPoint: Int] = [:]
let path = [GridPoint(x: 0, y: 0), GridPoint(x: 1, y: 0), GridPoint(x: 0, y: 0), GridPoint(x: 0, y: 0)]
for p in path {
    visits[p, default: 0] += 1
}
print(visits[GridPoint(x: 0, y: 0)]!, visits[GridPoint(x: 1, y: 0)]!, visits[GridPoint(x: 5, y: 5)] ?? 0)
print(visits.count)
var counts: [Suit: Int] = [:]
for s in [Suit.hearts, .spades, .hearts] {
    counts[s, default: 0] += 1
}
print(counts[.hearts]!, counts[.spades]!)
print(GridPoint(x: 1, y: 2) == GridPoint(x: 1, y: 2))
