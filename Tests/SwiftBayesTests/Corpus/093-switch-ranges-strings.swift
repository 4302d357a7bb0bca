// switch used for classification, returning values from functions.
func bmiCategory(_ bmi: Double) -> String {
    switch bmi {
    case let x where x < 18.5:
        return "under"
    case 18.5..<25.0:
        return "normal"
    case 25.0..<30.0:
        return "over"
    default:
        return "obese"
    }
}
for b in [16.0, 18.5, 22.4, 29.99, 35.0] {
    print(b, bmiCategory(b))
}
func dayType(_ d: String) -> String {
    switch d.lowercased() {
    case "sat", "sun":
        return "weekend"
    case "mon", "tue", "wed", "thu", "fri":
        return "weekday"
    default:
        return "unknown"
    }
}
for d in ["Mon", "SUN", "xyz", "fri"] {
    print(d, dayType(d))
}
var counts = [0, 0, 0]
for n in 1...30 {
    switch n % 3 {
    case 0: counts[0] += 1
    case 1: counts[1] += 1
    default: counts[2] += 1
    }
}
print(counts)
