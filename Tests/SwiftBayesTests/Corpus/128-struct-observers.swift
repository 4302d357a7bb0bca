// Properties: property observers.
class StepCounter {
    var totalSteps: Int = 0 {
        willSet(newTotalSteps) {
            print("About to set totalSteps to \(newTotalSteps)")
        }
        didSet {
            if totalSteps > oldValue {
                print("Added \(totalSteps - oldValue) steps")
            }
        }
    }
}
let stepCounter = StepCounter()
stepCounter.totalSteps = 200
stepCounter.totalSteps = 360
stepCounter.totalSteps = 896
struct Thermostat {
    var target = 20 {
        didSet { print("target changed from \(oldValue) to \(target)") }
    }
}
var t = Thermostat()
t.target = 22
t.target += 1
print(t.target)
