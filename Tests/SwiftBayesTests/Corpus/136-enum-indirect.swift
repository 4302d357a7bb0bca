// Enumerations: recursive enumerations with indirect.
indirect enum ArithmeticExpression {
    case number(Int)
    case addition(ArithmeticExpression, ArithmeticExpression)
    case multiplication(ArithmeticExpression, ArithmeticExpression)
}
let five = ArithmeticExpression.number(5)
let four = ArithmeticExpression.number(4)
let sum = ArithmeticExpression.addition(five, four)
let product = ArithmeticExpression.multiplication(sum, ArithmeticExpression.number(2))
func evaluate(_ expression: ArithmeticExpression) -> Int {
    switch expression {
    case let .number(value):
        return value
    case let .addition(left, right):
        return evaluate(left) + evaluate(right)
    case let .multiplication(left, right):
        return evaluate(left) * evaluate(right)
    }
}
print(evaluate(product))
func show(_ e: ArithmeticExpression) -> String {
    switch e {
    case .number(let n): return "\(n)"
    case .addition(let a, let b): return "(\(show(a)) + \(show(b)))"
    case .multiplication(let a, let b): return "\(show(a)) * \(show(b))"
    }
}
print(show(product))
print(sum)
