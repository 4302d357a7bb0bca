// Word statistics from a multi-line text.
let text = """
It was the best of times
it was the worst of times
it was the age of wisdom
"""
let lines = text.split(separator: "\n").map { String($0) }
print("lines:", lines.count)
var words: [String] = []
for line in lines {
    for w in line.split(separator: " ") {
        words.append(String(w).lowercased())
    }
}
print("words:", words.count)
var freq: [String: Int] = [:]
for w in words {
    freq[w, default: 0] += 1
}
let ranked = freq.keys.sorted { freq[$0]! != freq[$1]! ? freq[$0]! > freq[$1]! : $0 < $1 }
for w in ranked.prefix(4) {
    print(w, freq[w]!)
}
let longest = words.reduce("") { $1.count > $0.count ? $1 : $0 }
print("longest:", longest)
let avgLen = Double(words.map { $0.count }.reduce(0, +)) / Double(words.count)
print("average length:", avgLen)
print(lines.map { $0.split(separator: " ").count })
