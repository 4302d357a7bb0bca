// Extensions: computed properties and methods on built-in types.
extension Double {
    var km: Double { return self * 1_000.0 }
    var m: Double { return self }
    var cm: Double { return self / 100.0 }
    var mm: Double { return self / 1_000.0 }
}
let oneInch = 25.4.mm
print("One inch is \(oneInch) meters")
let threeFeet = 3.0 * 0.3048
print("Three feet is \(threeFeet) meters")
let aMarathon = 42.km + 195.m
print("A marathon is \(aMarathon) meters long")
extension Int {
    func repetitions(task: () -> Void) {
        for _ in 0..<self {
            task()
        }
    }
    mutating func square() {
        self = self * self
    }
    var isEven: Bool { self % 2 == 0 }
}
3.repetitions {
    print("Hello!")
}
var someInt = 3
someInt.square()
print(someInt, someInt.isEven, 4.isEven)
