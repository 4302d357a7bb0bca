// contains(where:), allSatisfy, first(where:), firstIndex(of:).
let temps = [12.5, 18.0, 22.3, 9.8, 30.1]
print(temps.contains { $0 > 30 })
print(temps.contains(where: { $0 < 0 }))
print(temps.allSatisfy { $0 > 5 })
print(temps.allSatisfy { $0 > 10 })
print(temps.first { $0 > 20 } ?? 0)
print(temps.first(where: { $0 > 100 }) ?? -1)
print(temps.firstIndex(of: 22.3) ?? -1)
print(temps.contains(9.8))
let names = ["zoe", "adam", "eve"]
print(names.contains { $0.hasPrefix("a") })
print(names.allSatisfy { $0.count >= 3 })
print(names.firstIndex(of: "eve")!)
print([Int]().allSatisfy { $0 > 100 })
print([Int]().contains { $0 > 100 })
let hasDup = names.contains { n in names.filter { $0 == n }.count > 1 }
print(hasDup)
