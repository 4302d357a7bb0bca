// Temperature conversion table with Doubles and stride.
func cToF(_ c: Double) -> Double {
    return c * 9 / 5 + 32
}
func fToC(_ f: Double) -> Double {
    return (f - 32) * 5 / 9
}
for c in stride(from: -40.0, through: 100.0, by: 20.0) {
    print("\(c)C = \(cToF(c))F")
}
print(fToC(98.6))
print(fToC(212))
print(fToC(0))
let readings = [21.5, 23.0, 19.75, 25.25]
let fs = readings.map { cToF($0) }
print(fs)
let avg = readings.reduce(0, +) / Double(readings.count)
print("average C:", avg, "F:", cToF(avg))
print(Int(cToF(37.0)), Int(fToC(-40.0)))
