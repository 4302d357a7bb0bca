// switch over Int with lists, ranges and where clauses.
func describe(_ n: Int) -> String {
    switch n {
    case 0:
        return "zero"
    case 1, 2:
        return "one or two"
    case 3...5:
        return "three to five"
    case 6..<10:
        return "six to nine"
    case let x where x < 0:
        return "negative \(x)"
    case let x where x % 2 == 0:
        return "big even \(x)"
    default:
        return "big odd"
    }
}
for v in [0, 1, 2, 4, 5, 7, 9, -3, 100, 101] {
    print(v, describe(v))
}
let grade = 87
switch grade {
case 90...100: print("A")
case 80..<90: print("B")
case 70..<80: print("C")
default: print("F")
}
