// removeLast on an empty array traps.
var stack = [1, 2, 3]
var popped: [Int] = []
while true {
    let top = stack.removeLast()
    popped.append(top)
    print("popped", top, "remaining", stack.count)
    print("so far", popped)
}
// never reached: removeLast() on [] traps
