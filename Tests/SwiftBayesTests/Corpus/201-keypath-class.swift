// Key paths on classes and enums' computed properties; key paths stored in arrays.
class Employee {
    let name: String
    var salary: Int
    var team: Team
    init(name: String, salary: Int, team: Team) {
        self.name = name
        self.salary = salary
        self.team = team
    }
    var monthly: Int { salary / 12 }
}
enum Team: String {
    case red, blue
    var shout: String { rawValue.uppercased() }
}
var staff = [
    Employee(name: "Kim", salary: 60000, team: .red),
    Employee(name: "Lee", salary: 48000, team: .blue),
    Employee(name: "Moe", salary: 72000, team: .red),
]
print(staff.map(\.monthly))
print(staff.map(\.team.shout))
let reds = staff.filter { $0.team == .red }.map(\.name)
print(reds)
let numeric: [KeyPath<Employee, Int>] = [\Employee.salary, \Employee.monthly]
for path in numeric {
    print(staff.map { $0[keyPath: path] }.max() ?? 0)
}
staff[1][keyPath: \Employee.salary] += 6000
print(staff[1].salary, staff[1].monthly)
print(staff.sorted { $0.salary < $1.salary }.map(\.name).joined(separator: " < "))
