// Subscripts: a read-only subscript, and a read-write one with get/set.
struct TimesTable {
    let multiplier: Int
    subscript(index: Int) -> Int {
        return multiplier * index
    }
}
let threeTimesTable = TimesTable(multiplier: 3)
print("six times three is \(threeTimesTable[6])")
for i in 1...3 {
    print(i, threeTimesTable[i])
}
struct Countdown {
    var values: [String] = ["zero", "one", "two"]
    subscript(i: Int) -> String {
        get { values[i] }
        set { values[i] = newValue.uppercased() }
    }
}
var c = Countdown()
c[1] = "uno"
print(c[0], c[1], c[2])
c[2] += "!"
print(c.values)
