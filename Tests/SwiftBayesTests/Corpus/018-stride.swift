// stride(from:to:by:) and stride(from:through:by:).
for i in stride(from: 0, to: 10, by: 3) {
    print("to", i)
}
for i in stride(from: 0, through: 9, by: 3) {
    print("through", i)
}
for i in stride(from: 5, to: 0, by: -2) {
    print("down", i)
}
for i in stride(from: 5, through: 1, by: -2) {
    print("down through", i)
}
print(Array(stride(from: 10, to: 50, by: 10)))
print(Array(stride(from: 0.0, through: 1.0, by: 0.25)))
print(Array(stride(from: 0.0, to: 1.0, by: 0.5)))
print(Array(stride(from: 3, to: 3, by: 1)))
var s = 0
for v in stride(from: 1, through: 99, by: 2) {
    s += v
}
print("sum of odds below 100:", s)
