// Sorting records (tuples) by different keys with closures.
let people = [("Ann", 31, 5.5), ("Bob", 25, 6.1), ("Cy", 40, 5.9), ("Dee", 25, 5.2)]
let byAge = people.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
for p in byAge {
    print(p.0, p.1)
}
let byHeight = people.sorted { $0.2 > $1.2 }.map { $0.0 }
print(byHeight)
let names = people.map { $0.0 }
print(names.joined(separator: ", "))
let avgAge = Double(people.reduce(0) { $0 + $1.1 }) / Double(people.count)
print("average age:", avgAge)
let tall = people.filter { $0.2 > 5.8 }.map { "\($0.0) (\($0.2))" }
print(tall)
let youngest = people.map { $0.1 }.min()!
print(people.filter { $0.1 == youngest }.map { $0.0 })
print(people[0])
