import Arrays
import CellLanguage

extension ArrayHost {
  static let binaryOperations: [String: BinaryOperation] = [
    "+": .add, "-": .subtract, "*": .multiply, "/": .divide, "%": .remainder,
    "==": .equal, "!=": .notEqual, "<": .less, "<=": .lessEqual, ">": .greater, ">=": .greaterEqual,
    "&&": .logicalAnd, "||": .logicalOr,
  ]

  public func binaryOperator(_ op: String, _ other: Value, selfIsLeft: Bool) throws -> Value? {
    guard let operation = ArrayHost.binaryOperations[op], let o = asArray(other) else { return nil }
    let r = try arrays { selfIsLeft ? try array.applying(operation, o) : try o.applying(operation, array) }
    return arrayValue(r)
  }

  public func prefixOperator(_ op: String) throws -> Value? {
    switch op {
    case "-": return arrayValue(try arrays { try NDArray(scalar: 0).applying(.subtract, array) })
    case "+": return .host(self)
    case "!": return arrayValue(array.applying(.logicalNot))
    default: return nil
    }
  }
}

/// The language's operator hook for numeric Swift arrays: `[1.0, 2.0] + [3.0, 4.0]` and
/// `2 * xs` are elementwise with broadcasting (the documented departure from Swift).
/// `==` and `!=` between two Swift arrays keep Swift's meaning (one Bool).
func numericArrayOperator(_ op: String, _ a: Value, _ b: Value) throws -> Value? {
  if op == "==" || op == "!=" {
    if case .array = a, case .array = b { return nil }
  }
  guard isNumericSwiftArray(a) || isNumericSwiftArray(b) else { return nil }
  guard let operation = ArrayHost.binaryOperations[op] else { return nil }
  guard let x = asArray(a), let y = asArray(b) else { return nil }
  return arrayValue(try arrays { try x.applying(operation, y) })
}
