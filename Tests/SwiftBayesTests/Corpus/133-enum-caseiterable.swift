// Enumerations: iterating over enumeration cases.
enum Beverage: CaseIterable {
    case coffee, tea, juice
}
let numberOfChoices = Beverage.allCases.count
print("\(numberOfChoices) beverages available")
for beverage in Beverage.allCases {
    print(beverage)
}
enum Level: Int, CaseIterable, Comparable {
    case low = 1, medium, high
    static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
}
print(Level.allCases.map { $0.rawValue })
print(Level.low < Level.high, Level.allCases.max()!)
print(Level.allCases.filter { $0 >= .medium })
