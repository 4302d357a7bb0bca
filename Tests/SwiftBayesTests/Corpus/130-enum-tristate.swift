// Methods: assigning to self within a mutating method of an enumeration.
enum TriStateSwitch {
    case off, low, high
    mutating func next() {
        switch self {
        case .off:
            self = .low
        case .low:
            self = .high
        case .high:
            self = .off
        }
    }
}
var ovenLight = TriStateSwitch.low
ovenLight.next()
print(ovenLight)
ovenLight.next()
print(ovenLight)
ovenLight.next()
print(ovenLight)
var states: [TriStateSwitch] = [.off, .high]
states[0].next()
states[1].next()
print(states)
print(ovenLight == .low, ovenLight == TriStateSwitch.off)
