// switch with let bindings and where clauses.
func describe(_ n: Int) -> String {
    switch n {
    case let x where x < 0 && x % 2 == 0:
        return "negative even"
    case let x where x < 0:
        return "negative odd"
    case 0:
        return "zero"
    case let x where x * x > 50:
        return "square above 50 (\(x * x))"
    case let x:
        return "small positive \(x)"
    }
}
for v in [-4, -3, 0, 5, 8, 100] {
    print(v, describe(v))
}
func pairKind(_ p: (Int, Int)) -> String {
    switch p {
    case let (a, b) where a == b:
        return "equal"
    case let (a, b) where a + b == 10:
        return "sum to ten"
    case (0, _), (_, 0):
        return "has zero"
    default:
        return "other"
    }
}
for p in [(2, 2), (3, 7), (0, 5), (4, 0), (1, 2)] {
    print(p, pairKind(p))
}
