// Key paths: `\.property` as a function in map, filter and sorted, and `\Type.property`.
struct Person {
    var name: String
    var age: Int
    var address: Address
}
struct Address {
    var city: String
}
let people = [
    Person(name: "Ada", age: 36, address: Address(city: "London")),
    Person(name: "Grace", age: 85, address: Address(city: "Arlington")),
    Person(name: "Alan", age: 41, address: Address(city: "Wilmslow")),
]
print(people.map(\.name))
print(people.map(\.address.city))
print(people.map(\Person.age).reduce(0, +))
let ages = \Person.age
print(people.sorted { $0[keyPath: ages] > $1[keyPath: ages] }.map(\.name))
print(people[0][keyPath: \Person.address.city])
print(people.filter { $0.age > 40 }.map(\.name).joined(separator: ", "))
