// Loops versus higher-order functions computing the same quantities.
var loopSum = 0
for i in 1...10 {
    loopSum += i * i
}
let hofSum = (1...10).map { $0 * $0 }.reduce(0, +)
print(loopSum, hofSum, loopSum == hofSum)
let squareOfSum = (1...10).reduce(0, +) * (1...10).reduce(0, +)
print(squareOfSum - loopSum)
var evenSum = 0
var k = 0
while k <= 100 {
    evenSum += k
    k += 2
}
print(evenSum, stride(from: 0, through: 100, by: 2).reduce(0, +))
var harmonic = 0.0
for n in 1...10 {
    harmonic += 1.0 / Double(n)
}
print(harmonic)
let triangular = (1...10).map { n in n * (n + 1) / 2 }
print(triangular)
print(triangular.filter { $0 % 2 == 0 }.count)
