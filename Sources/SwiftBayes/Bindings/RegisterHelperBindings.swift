import Arrays
import CellLanguage

extension Session {
  /// Registers the random-stream, table and special-function bindings
  /// (`RandomBindings.swift`, `TableBindings.swift`, `SpecialBindings.swift`).
  /// Call from `configure()` after the array bindings, so these names win.
  public func registerHelperBindings() {
    registerRandomBindings()
    registerTableBindings()
    registerSpecialBindings()
  }
}

/// Arguments matched by parameter name, NumPy style: unlabeled arguments fill the
/// `positional` parameters in order, and any parameter may also be passed by its label
/// (`rng.normal(0, 0.3, size: 5)`, `rng.normal(loc: 0, scale: 0.3)`). `nil` counts as
/// not passed.
struct NamedArguments {
  private var values: [String: Value] = [:]

  init(_ function: String, _ args: Arguments, positional: [String], labeled: [String] = [], required: Set<String> = []) throws {
    let all = positional + labeled
    let spelling = "\(function)(" + positional.map { "_ \($0)" }.joined(separator: ", ")
      + (labeled.isEmpty ? "" : (positional.isEmpty ? "" : ", ") + labeled.map { "\($0):" }.joined(separator: ", ")) + ")"
    var next = 0
    for (value, label) in zip(args.values, args.labels) {
      let name: String
      if let label {
        guard all.contains(label) else {
          throw HostError("\(function) has no parameter '\(label)'; expected \(spelling)", kind: "TypeError")
        }
        name = label
      } else {
        while next < positional.count, values[positional[next]] != nil { next += 1 }
        guard next < positional.count else {
          throw HostError("too many arguments in call to \(function); expected \(spelling)", kind: "TypeError")
        }
        name = positional[next]
        next += 1
      }
      guard values[name] == nil else {
        throw HostError("\(function) got two values for '\(name)'", kind: "TypeError")
      }
      switch value {
      case .nilValue: values[name] = .void  // passed, but nil: treated as absent
      case .some(let inner): values[name] = inner
      default: values[name] = value
      }
    }
    for name in all where required.contains(name) && self[name] == nil {
      throw HostError("missing argument '\(name)' in call to \(function); expected \(spelling)", kind: "TypeError")
    }
  }

  /// The value passed for `name`, or nil when absent (or passed as nil).
  subscript(_ name: String) -> Value? {
    guard let v = values[name] else { return nil }
    if case .void = v { return nil }
    return v
  }

  func double(_ name: String, _ fallback: Double, _ function: String) throws -> Double {
    guard let v = self[name] else { return fallback }
    return try scalarDouble(v, "\(function)'s \(name)")
  }

  func int(_ name: String, _ fallback: Int, _ function: String) throws -> Int {
    guard let v = self[name] else { return fallback }
    return try Arg.int(v, "\(function)'s \(name)")
  }
}

/// A Double from a number or a one-element array, with a message that says array
/// parameters are not supported.
func scalarDouble(_ v: Value, _ what: String) throws -> Double {
  switch v {
  case .int(let i): return Double(i)
  case .double(let d): return d
  default:
    if let a = asArray(v), a.ndim == 0, let d = a.scalarDouble { return d }
    throw HostError("\(what) must be a number, not \(v.typeName)", kind: "TypeError")
  }
}

/// A shape from `size:`/`shape:`: an Int (a 1-d shape) or an array or tuple of Ints.
func shapeArgument(_ v: Value, _ what: String) throws -> [Int] {
  switch v {
  case .int(let n): return [n]
  case .tuple(let t): return try t.items.map { try Arg.int($0, what) }
  case .array(let a): return try a.items.map { try Arg.int($0, what) }
  case .host:
    if let a = asArray(v), a.dtype == .int, a.ndim <= 1 { return a.ints }
    throw HostError("\(what) must be an Int or an array of Ints, not \(v.typeName)", kind: "TypeError")
  default:
    throw HostError("\(what) must be an Int or an array of Ints, not \(v.typeName)", kind: "TypeError")
  }
}

/// A Swift array of strings (optional strings when any is missing).
func stringArrayValue(_ strings: [String?]) -> Value {
  if strings.contains(where: { $0 == nil }) {
    return .array(ArrayValue(strings.map { $0.map { .some(.string($0)) } ?? .nilValue }, elementType: .optional(.string)))
  }
  return .array(ArrayValue(strings.map { .string($0!) }, elementType: .string))
}

/// Broadcasts the operands of an elementwise function with NumPy's rules (to `target`
/// when given, which every operand must broadcast to) and returns the common shape and
/// each operand's Doubles in row-major order. (Multiplying by ones broadcasts without
/// changing any value, −0.0 and NaN included.)
func broadcastDoubles(_ operands: [NDArray], to target: [Int]? = nil) throws -> (shape: [Int], values: [[Double]]) {
  try arrays {
    var shape: [Int] = target ?? []
    for a in operands { shape = try NDArray.ones(shape).applying(.multiply, NDArray.ones(a.shape)).shape }
    if let target, shape != target {
      let shapes = operands.map(\.shapeText).joined(separator: " ")
      throw HostError("shape mismatch: parameters of shapes \(shapes) cannot be broadcast to size \(NDArray.shapeTextOf(target))", kind: "ShapeError")
    }
    let ones = try NDArray.ones(shape)
    return (shape, try operands.map { try $0.converted(to: .double).applying(.multiply, ones).doubles })
  }
}

extension NDArray {
  static func shapeTextOf(_ shape: [Int]) -> String {
    (try? NDArray.zeros(shape).shapeText) ?? "\(shape)"
  }
}
