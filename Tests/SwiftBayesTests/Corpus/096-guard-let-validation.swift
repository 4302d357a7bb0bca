// Input validation with guard let chains.
func parseRecord(_ line: String) -> String {
    let parts = line.split(separator: ":").map { String($0) }
    guard parts.count == 2 else {
        return "bad field count in '\(line)'"
    }
    guard let qty = Int(parts[1]) else {
        return "bad quantity '\(parts[1])'"
    }
    guard qty > 0 else {
        return "quantity must be positive"
    }
    return "\(parts[0]) x\(qty)"
}
let lines = ["apple:3", "pear:x", "plum", "fig:0", "kiwi:12", "a:b:c"]
for l in lines {
    print(parseRecord(l))
}
func average(_ xs: [Double]) -> Double? {
    guard !xs.isEmpty else { return nil }
    return xs.reduce(0, +) / Double(xs.count)
}
print(average([1, 2, 3, 4]) ?? -1)
print(average([]) ?? -1)
if let a = average([0.5]) {
    print("avg", a)
}
