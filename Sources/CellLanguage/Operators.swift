/// Swift's operators on built-in values. Int arithmetic reports overflow instead of
/// wrapping, integer division truncates toward zero, and Int/Double mixes promote to
/// Double (the cell language's documented departure).
func binaryOperator(_ op: String, _ a: Value, _ b: Value) throws -> Value {
  switch (a, b) {
  case (.int(let x), .int(let y)):
    return try intOperator(op, x, y)
  case (.double(let x), .double(let y)):
    return try doubleOperator(op, x, y)
  case (.int(let x), .double(let y)):
    return try doubleOperator(op, Double(x), y)
  case (.double(let x), .int(let y)):
    return try doubleOperator(op, x, Double(y))
  case (.string(let x), .string(let y)):
    switch op {
    case "+": return .string(x + y)
    case "...", "..<":
      throw HostError("ranges of strings are not supported", kind: "TypeError")
    default:
      if let r = comparison(op, x, y) { return r }
    }
  case (.bool(let x), .bool(let y)):
    switch op {
    case "==": return .bool(x == y)
    case "!=": return .bool(x != y)
    default: break
    }
  case (.array(let x), .array(let y)) where op == "+":
    var out = x
    if let et = x.elementType {
      for v in y.items { out.items.append(try et.coerce(v)) }
    } else {
      out.items.append(contentsOf: y.items)
      out.elementType = y.elementType
    }
    return .array(out)
  case (.tuple(let x), .tuple(let y)) where ["<", "<=", ">", ">="].contains(op) && x.items.count == y.items.count:
    for (p, q) in zip(x.items, y.items) where !valuesEqual(p, q) {
      return try binaryOperator(op, p, q)
    }
    return .bool(op == "<=" || op == ">=")
  default:
    break
  }
  switch op {
  case "==": return .bool(valuesEqual(a, b))
  case "!=": return .bool(!valuesEqual(a, b))
  case "===": return .bool(valuesIdentical(a, b))
  case "!==": return .bool(!valuesIdentical(a, b))
  case "~=":
    if case .range(let r) = a, case .int(let i) = b {
      return .bool((r.lower.map { i >= $0 } ?? true) && (r.upper.map { r.closed ? i <= $0 : i < $0 } ?? true))
    }
    return .bool(valuesEqual(a, b))
  default:
    break
  }
  if case .some(let inner) = a, !["==", "!="].contains(op) {
    throw HostError("value of optional type '\(a.typeName)' must be unwrapped to use '\(op)'; use '!', '??' or 'if let' (it holds \(describe(inner)))", kind: "TypeError")
  }
  throw HostError("binary operator '\(op)' cannot be applied to operands of type '\(a.typeName)' and '\(b.typeName)'", kind: "TypeError")
}

/// `==`, `!=`, `<`, `<=`, `>`, `>=` on any Comparable pair; nil for other operators.
@inline(__always)
func comparison<T: Comparable>(_ op: String, _ x: T, _ y: T) -> Value? {
  switch op {
  case "==": return .bool(x == y)
  case "!=": return .bool(x != y)
  case "<": return .bool(x < y)
  case "<=": return .bool(x <= y)
  case ">": return .bool(x > y)
  case ">=": return .bool(x >= y)
  default: return nil
  }
}

func valuesIdentical(_ a: Value, _ b: Value) -> Bool {
  switch (a, b) {
  case (.host(let x), .host(let y)): return x === y
  case (.function(let x), .function(let y)): return x === y
  case (.instance(let x), .instance(let y)): return x === y
  default: return false
  }
}

func overflow(_ x: Int, _ op: String, _ y: Int) -> HostError {
  HostError("arithmetic overflow: \(x) \(op) \(y) does not fit in Int", kind: "OverflowError")
}

/// The Int implementation of an operator, chosen once at compile time.
func intOperatorFunction(_ op: String) -> ((Int, Int) throws -> Value)? {
  switch op {
  case "+": return { x, y in let (r, o) = x.addingReportingOverflow(y); if o { throw overflow(x, op, y) }; return .int(r) }
  case "-": return { x, y in let (r, o) = x.subtractingReportingOverflow(y); if o { throw overflow(x, op, y) }; return .int(r) }
  case "*": return { x, y in let (r, o) = x.multipliedReportingOverflow(by: y); if o { throw overflow(x, op, y) }; return .int(r) }
  case "/", "%": return { x, y in try intOperator(op, x, y) }
  case "<": return { x, y in .bool(x < y) }
  case "<=": return { x, y in .bool(x <= y) }
  case ">": return { x, y in .bool(x > y) }
  case ">=": return { x, y in .bool(x >= y) }
  case "==": return { x, y in .bool(x == y) }
  case "!=": return { x, y in .bool(x != y) }
  default: return nil
  }
}

/// The Double implementation of an arithmetic or comparison operator.
func doubleOperatorFunction(_ op: String) -> ((Double, Double) -> Value)? {
  switch op {
  case "+": return { .double($0 + $1) }
  case "-": return { .double($0 - $1) }
  case "*": return { .double($0 * $1) }
  case "/": return { .double($0 / $1) }
  case "<": return { .bool($0 < $1) }
  case "<=": return { .bool($0 <= $1) }
  case ">": return { .bool($0 > $1) }
  case ">=": return { .bool($0 >= $1) }
  case "==": return { .bool($0 == $1) }
  case "!=": return { .bool($0 != $1) }
  default: return nil
  }
}

func intOperator(_ op: String, _ x: Int, _ y: Int) throws -> Value {
  switch op {
  case "+", "-", "*":
    return try intOperatorFunction(op)!(x, y)
  case "/":
    if y == 0 { throw HostError("division by zero", kind: "ZeroDivisionError") }
    let (r, o) = x.dividedReportingOverflow(by: y)
    if o { throw overflow(x, op, y) }
    return .int(r)
  case "%":
    if y == 0 { throw HostError("division by zero in remainder operation", kind: "ZeroDivisionError") }
    let (r, o) = x.remainderReportingOverflow(dividingBy: y)
    if o { throw overflow(x, op, y) }
    return .int(r)
  case "&+": return .int(x &+ y)
  case "&-": return .int(x &- y)
  case "&*": return .int(x &* y)
  case "&": return .int(x & y)
  case "|": return .int(x | y)
  case "^": return .int(x ^ y)
  case "<<": return .int(x << y)
  case ">>": return .int(x >> y)
  case "..<":
    guard x <= y else { throw HostError("range requires lowerBound <= upperBound (got \(x)..<\(y))", kind: "RangeError") }
    return .range(RangeValue(lower: x, upper: y, closed: false))
  case "...":
    guard x <= y else { throw HostError("range requires lowerBound <= upperBound (got \(x)...\(y))", kind: "RangeError") }
    return .range(RangeValue(lower: x, upper: y, closed: true))
  default:
    if let r = comparison(op, x, y) { return r }
    throw HostError("binary operator '\(op)' cannot be applied to operands of type 'Int' and 'Int'", kind: "TypeError")
  }
}

func doubleOperator(_ op: String, _ x: Double, _ y: Double) throws -> Value {
  switch op {
  case "+": return .double(x + y)
  case "-": return .double(x - y)
  case "*": return .double(x * y)
  case "/": return .double(x / y)
  case "%":
    throw HostError("'%' is unavailable for Double: use x.truncatingRemainder(dividingBy: y)", kind: "TypeError")
  case "..<", "...":
    guard x <= y else { throw HostError("range requires lowerBound <= upperBound (got \(x)\(op)\(y))", kind: "RangeError") }
    return .doubleRange(x, y, closed: op == "...")
  default:
    if let r = comparison(op, x, y) { return r }
    throw HostError("binary operator '\(op)' cannot be applied to operands of type 'Double' and 'Double'", kind: "TypeError")
  }
}

func prefixOperator(_ op: String, _ v: Value) throws -> Value {
  switch (op, v) {
  case ("-", .int(let i)):
    let (r, o) = (0).subtractingReportingOverflow(i)
    if o { throw HostError("arithmetic overflow: -(\(i)) does not fit in Int", kind: "OverflowError") }
    return .int(r)
  case ("-", .double(let d)): return .double(-d)
  case ("+", .int), ("+", .double): return v
  case ("!", .bool(let b)): return .bool(!b)
  case ("~", .int(let i)): return .int(~i)
  case ("..<", .int(let i)): return .range(RangeValue(lower: nil, upper: i, closed: false))
  case ("...", .int(let i)): return .range(RangeValue(lower: nil, upper: i, closed: true))
  case (_, .host(let h)):
    if let r = try h.prefixOperator(op) { return r }
  default: break
  }
  throw HostError("unary operator '\(op)' cannot be applied to an operand of type '\(v.typeName)'", kind: "TypeError")
}

extension Interpreter {
  /// A binary operator on any two values: host values and the session's hook first.
  public func binary(_ op: String, _ a: Value, _ b: Value) throws -> Value {
    if let hook = operatorHook, let r = try hook(op, a, b) { return r }
    if case .host(let h) = a, let r = try h.binaryOperator(op, b, selfIsLeft: true) { return r }
    if case .host(let h) = b, let r = try h.binaryOperator(op, a, selfIsLeft: false) { return r }
    if case .instance = a, let r = try userBinary(op, a, b) { return r }
    if case .instance = b, let r = try userBinary(op, a, b) { return r }
    return try binaryOperator(op, a, b)
  }
}
