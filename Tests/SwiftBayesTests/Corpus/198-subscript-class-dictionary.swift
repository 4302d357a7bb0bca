// Subscripts: a class wrapping a dictionary, subscripts with optional results and setters that delete.
class Inventory {
    private var counts: [String: Int] = [:]
    subscript(item: String) -> Int {
        get { counts[item] ?? 0 }
        set {
            if newValue == 0 {
                counts[item] = nil
            } else {
                counts[item] = newValue
            }
        }
    }
    var kinds: Int { counts.count }
    var names: [String] { counts.keys.sorted() }
}
let inv = Inventory()
inv["apple"] = 3
inv["pear"] += 2
inv["apple"] += 4
print(inv["apple"], inv["pear"], inv["kiwi"], inv.kinds)
inv["pear"] = 0
print(inv.names, inv.kinds)
struct Grid {
    var cells: [[Character]]
    init(_ rows: [String]) { cells = rows.map { Array($0) } }
    subscript(r: Int, c: Int) -> Character? {
        guard r >= 0, r < cells.count, c >= 0, c < cells[r].count else { return nil }
        return cells[r][c]
    }
}
let g = Grid(["ab", "cd"])
print(g[0, 1] ?? "?", g[1, 0] ?? "?", g[2, 2] ?? "?")
print(g[1, 1] == "d")
