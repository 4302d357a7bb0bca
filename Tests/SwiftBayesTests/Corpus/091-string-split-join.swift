// Splitting and joining strings.
let csv = "name,age,city\nAnn,31,Oslo\nBob,25,Rome"
let rows = csv.split(separator: "\n").map { String($0) }
print(rows.count)
let header = rows[0].split(separator: ",").map { String($0) }
print(header)
for row in rows.dropFirst() {
    let fields = row.split(separator: ",").map { String($0) }
    var parts: [String] = []
    for (h, f) in zip(header, fields) {
        parts.append("\(h)=\(f)")
    }
    print(parts.joined(separator: "; "))
}
let ages = rows.dropFirst().map { Int($0.split(separator: ",").map { String($0) }[1])! }
print(ages, ages.reduce(0, +))
let path = "/usr/local/bin"
print(path.split(separator: "/").map { String($0) })
print(path.split(separator: "/").map { String($0) }.joined(separator: "\\"))
print("a--b".split(separator: "-").map { String($0) })
print("".split(separator: ",").map { String($0) })
let sentence = "  spaces   everywhere  "
print(sentence.split(separator: " ").map { String($0) }.joined(separator: " "))
