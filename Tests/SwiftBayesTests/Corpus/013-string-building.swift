// Building strings step by step.
var s = ""
for i in 1...5 {
    s += String(i)
}
print(s)
var line = ""
for i in 0..<4 {
    if !line.isEmpty {
        line += ", "
    }
    line += "item\(i)"
}
print(line)
var stars = ""
for row in 1...4 {
    stars = ""
    for _ in 0..<row {
        stars += "*"
    }
    print(stars)
}
var csv = "name,score\n"
let names = ["ann", "bob"]
let scores = [90, 85]
for (n, sc) in zip(names, scores) {
    csv += "\(n),\(sc)\n"
}
print(csv, terminator: "")
var t = "ab"
t.append("cd")
print(t)
print(t + "ef" + String(1))
