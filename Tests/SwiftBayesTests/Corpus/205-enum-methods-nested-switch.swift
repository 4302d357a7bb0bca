// Enumerations: methods, computed properties, static factories and nested switches over payloads.
enum Expr {
    case num(Double)
    indirect case add(Expr, Expr)
    indirect case mul(Expr, Expr)
    case neg(Double)
    static func sum(_ xs: [Double]) -> Expr {
        var e = Expr.num(0)
        for x in xs { e = .add(e, .num(x)) }
        return e
    }
    var value: Double {
        switch self {
        case .num(let v): return v
        case .neg(let v): return -v
        case let .add(a, b): return a.value + b.value
        case let .mul(a, b): return a.value * b.value
        }
    }
    var depth: Int {
        switch self {
        case .num, .neg: return 1
        case .add(let a, let b), .mul(let a, let b): return 1 + max(a.depth, b.depth)
        }
    }
    func render() -> String {
        switch self {
        case .num(let v): return "\(v)"
        case .neg(let v): return "-\(v)"
        case .add(let a, let b): return "(\(a.render()) + \(b.render()))"
        case .mul(let a, let b): return "\(a.render()) * \(b.render())"
        }
    }
}
let e = Expr.mul(.add(.num(2), .neg(0.5)), .num(4))
print(e.render(), "=", e.value)
let s = Expr.sum([1, 2, 3])
print(s.render(), s.value, s.depth)
if case .mul(.add(let x, _), _) = e {
    print("left of the sum:", x.render())
}
