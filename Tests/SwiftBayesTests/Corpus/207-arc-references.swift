// Automatic reference counting: deinit runs after the last of several references is gone.
class Person {
    let name: String
    init(name: String) {
        self.name = name
        print("\(name) is being initialized")
    }
    deinit {
        print("\(name) is being deinitialized")
    }
}
var reference1: Person?
var reference2: Person?
var reference3: Person?
reference1 = Person(name: "John Appleseed")
reference2 = reference1
reference3 = reference1
reference1 = nil
reference2 = nil
print("still one reference")
reference3 = nil
class Student: Person {
    deinit { print("student \(name) leaves") }
}
func enroll() {
    let s = Student(name: "Ann")
    print("enrolled \(s.name)")
}
enroll()
print("after enroll")
var roster: [Person] = [Person(name: "Bo"), Student(name: "Cy")]
roster.removeFirst()
print("removed first")
roster = []
print("done")
