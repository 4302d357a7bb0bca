// Protocols: mutating method requirements.
protocol Togglable {
    mutating func toggle()
}
enum OnOffSwitch: Togglable {
    case off, on
    mutating func toggle() {
        switch self {
        case .off:
            self = .on
        case .on:
            self = .off
        }
    }
}
var lightSwitch = OnOffSwitch.off
lightSwitch.toggle()
print(lightSwitch)
struct Counter: Togglable {
    var flips = 0
    var isOn = false
    mutating func toggle() {
        isOn.toggle()
        flips += 1
    }
}
var c = Counter()
c.toggle()
c.toggle()
c.toggle()
print(c, c.isOn)
var switches = [OnOffSwitch.on, .off, .on]
for i in switches.indices { switches[i].toggle() }
print(switches)
