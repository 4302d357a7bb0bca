// Control Flow: fallthrough.
func describe(_ integerToDescribe: Int) -> String {
    var description = "The number \(integerToDescribe) is"
    switch integerToDescribe {
    case 2, 3, 5, 7, 11, 13, 17, 19:
        description += " a prime number, and also"
        fallthrough
    default:
        description += " an integer."
    }
    return description
}
print(describe(5))
print(describe(8))
func grade(_ score: Int) -> [String] {
    var notes: [String] = []
    switch score {
    case 90...:
        notes.append("excellent")
        fallthrough
    case 70..<90:
        notes.append("passed")
        fallthrough
    default:
        notes.append("graded")
    }
    return notes
}
print(grade(95), grade(75), grade(10))
