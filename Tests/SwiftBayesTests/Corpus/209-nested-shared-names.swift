// Nested types that share a name: implicit members resolved from annotations, parameters, returns and comparisons.
struct Light { enum State { case on, off }; var state: State = .off
  var flipped: State { state == .on ? .off : .on }
  func describe(_ s: State = .on) -> String { s == .on ? "lit" : "dark" }
}
struct Door { enum State { case on, off, ajar } }
var l = Light()
print(l.flipped, l.describe(), l.describe(.off))
func check(_ s: Light.State) -> Bool { s == .on }
print(check(.on), check(.off))
l.state = .on
print(l.state == .on, l.state != .off, l.flipped)
var doors: [Door.State] = []
doors.append(.ajar)
doors += [.on]
print(doors, doors.contains(.ajar))
let maybe: Door.State? = .ajar
if maybe == .ajar { print("ajar") }
switch l.state { case .on: print("ON"); case .off: print("OFF") }
