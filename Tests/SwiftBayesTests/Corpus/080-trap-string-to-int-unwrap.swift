// Force-unwrapping a failed Int(String) conversion traps.
let inputs = ["12", "-4", "007", "x9", "5"]
var sum = 0
for s in inputs {
    let v = Int(s)!
    sum += v
    print("parsed \(s) as \(v), sum = \(sum)")
}
print("unreachable")
print(sum)
