// Inheritance: overriding property getters and observers, final, super in properties.
class Vehicle {
    var currentSpeed = 0.0
    var description: String {
        return "traveling at \(currentSpeed) miles per hour"
    }
}
class Car: Vehicle {
    var gear = 1
    override var description: String {
        return super.description + " in gear \(gear)"
    }
}
class AutomaticCar: Car {
    override var currentSpeed: Double {
        didSet {
            gear = Int(currentSpeed / 10.0) + 1
        }
    }
}
let car = Car()
car.currentSpeed = 25.0
car.gear = 3
print("Car: \(car.description)")
let automatic = AutomaticCar()
automatic.currentSpeed = 35.0
print("AutomaticCar: \(automatic.description)")
automatic.currentSpeed = 72.5
print(automatic.gear)
final class Scooter: Vehicle {
    override var description: String { "scooting, " + super.description }
}
let vehicles: [Vehicle] = [car, automatic, Scooter()]
for v in vehicles { print(v.description) }
