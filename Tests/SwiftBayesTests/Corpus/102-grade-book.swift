// A small grade book: dictionaries of arrays and averages.
let scores: [String: [Int]] = [
    "ann": [90, 85, 77],
    "bob": [60, 75, 80, 95],
    "cy": [100]
]
for name in scores.keys.sorted() {
    let s = scores[name]!
    let avg = Double(s.reduce(0, +)) / Double(s.count)
    var letter = "?"
    switch avg {
    case 90.0...100.0:
        letter = "A"
    case 80..<90:
        letter = "B"
    default:
        letter = "C"
    }
    print("\(name): \(s) avg=\(avg) grade=\(letter)")
}
let all = scores.values.flatMap { $0 }.sorted()
print(all)
print("best:", all.last!, "worst:", all.first!)
var bestStudent = ""
var bestAvg = -1.0
for name in scores.keys.sorted() {
    let s = scores[name]!
    let avg = Double(s.reduce(0, +)) / Double(s.count)
    if avg > bestAvg {
        bestAvg = avg
        bestStudent = name
    }
}
print("top student:", bestStudent, bestAvg)
