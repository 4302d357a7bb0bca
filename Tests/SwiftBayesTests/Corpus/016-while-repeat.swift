// while and repeat-while loops.
var n = 10
while n > 0 {
    print(n, terminator: " ")
    n -= 3
}
print()
var i = 0
repeat {
    print("repeat body", i)
    i += 1
} while i < 3
var j = 100
repeat {
    print("runs once even though condition false:", j)
} while j < 10
var power = 1
var steps = 0
while power < 1000 {
    power *= 2
    steps += 1
}
print("2^\(steps) = \(power)")
var x = 27
var count = 0
while x != 1 {
    x = x % 2 == 0 ? x / 2 : 3 * x + 1
    count += 1
}
print("collatz(27) steps:", count)
