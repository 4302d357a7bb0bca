// Nested types inside a class and an enum; static members of nested types; Self-qualified use.
class Tournament {
    enum Round: Int, CaseIterable {
        case group = 1, quarter, semi, final
        var label: String {
            switch self {
            case .group: return "group stage"
            case .final: return "final"
            default: return "round \(rawValue)"
            }
        }
    }
    struct Match {
        static var played = 0
        let home: String, away: String
        var round: Round
        func describe() -> String { "\(home) v \(away) (\(round.label))" }
    }
    var matches: [Match] = []
    func schedule(_ home: String, _ away: String, in round: Round) {
        matches.append(Match(home: home, away: away, round: round))
        Match.played += 1
    }
}
let t = Tournament()
t.schedule("Ajax", "Benfica", in: .group)
t.schedule("Celtic", "Dinamo", in: .semi)
t.schedule("Ajax", "Celtic", in: .final)
for m in t.matches { print(m.describe()) }
print(Tournament.Match.played)
print(Tournament.Round.allCases.map(\.label))
let r = Tournament.Round(rawValue: 2)
print(r?.label ?? "none", Tournament.Round.final.rawValue)
enum Shape {
    case circle(Circle), square(side: Double)
    struct Circle { var radius: Double }
    var area: Double {
        switch self {
        case .circle(let c): return 3.0 * c.radius * c.radius
        case .square(let s): return s * s
        }
    }
}
print(Shape.circle(Shape.Circle(radius: 2)).area, Shape.square(side: 3).area)
