import Foundation

/// A binary elementwise operation, with NumPy's name in the doc of each case.
public enum BinaryOperation: String, Sendable, CaseIterable {
  case add, subtract, multiply
  /// True division: always Double.
  case divide
  /// Floor division (`//`): Int for integer operands.
  case floorDivide
  /// Remainder with the sign of the divisor (`%`, `np.remainder`).
  case remainder
  case power, minimum, maximum
  case equal, notEqual, less, lessEqual, greater, greaterEqual
  case logicalAnd, logicalOr, logicalXor

  var isComparison: Bool {
    switch self {
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
    default: false
    }
  }
}

extension NDArray {
  /// Applies `operation` elementwise with broadcasting and NumPy's type promotion:
  /// Bool < Int < Double; `divide` always gives Double; comparisons and logical
  /// operations give Bool. Bool + Bool is logical or and Bool × Bool logical and, as
  /// in NumPy. Integer division by zero gives 0, as NumPy does (with its warning).
  /// - Throws: `ArrayError.broadcast` naming both shapes; `.unsupportedType` for Bool
  ///   subtraction and integer powers with negative exponents.
  public func applying(_ operation: BinaryOperation, _ other: NDArray) throws -> NDArray {
    guard let outShape = Broadcast.shape([shape, other.shape]) else {
      throw ArrayError.broadcast([shape, other.shape])
    }
    try ArrayLimits.check(outShape)
    if case .double(let x) = storage, case .double(let y) = other.storage,
      let result = Self.fastArithmetic(operation, x, y, shape, other.shape)
    {
      return NDArray(unchecked: .double(result), shape: outShape)
    }
    let promoted = Swift.max(dtype, other.dtype)
    func doubles(_ f: (Double, Double) -> Double) -> NDArray {
      NDArray(unchecked: .double(Broadcast.combine(self.doubles, shape, other.doubles, other.shape, outShape, f)), shape: outShape)
    }
    func ints(_ f: (Int, Int) -> Int) -> NDArray {
      NDArray(unchecked: .int(Broadcast.combine(self.ints, shape, other.ints, other.shape, outShape, f)), shape: outShape)
    }
    func bools(_ f: (Bool, Bool) -> Bool) -> NDArray {
      NDArray(unchecked: .bool(Broadcast.combine(self.bools, shape, other.bools, other.shape, outShape, f)), shape: outShape)
    }
    func compare(_ fd: (Double, Double) -> Bool, _ fi: (Int, Int) -> Bool) -> NDArray {
      let result: [Bool] =
        promoted == .double
        ? Broadcast.combine(self.doubles, shape, other.doubles, other.shape, outShape, fd)
        : Broadcast.combine(self.ints, shape, other.ints, other.shape, outShape, fi)
      return NDArray(unchecked: .bool(result), shape: outShape)
    }
    if operation.isComparison || [.logicalAnd, .logicalOr, .logicalXor].contains(operation) {
      switch operation {
      case .equal: return compare(==, ==)
      case .notEqual: return compare(!=, !=)
      case .less: return compare(<, <)
      case .lessEqual: return compare(<=, <=)
      case .greater: return compare(>, >)
      case .greaterEqual: return compare(>=, >=)
      case .logicalAnd: return bools { $0 && $1 }
      case .logicalOr: return bools { $0 || $1 }
      default: return bools { $0 != $1 }
      }
    }
    if operation == .divide { return doubles(/) }
    if promoted == .bool {
      switch operation {
      case .add, .maximum: return bools { $0 || $1 }
      case .multiply, .minimum: return bools { $0 && $1 }
      case .subtract:
        throw ArrayError.unsupportedType(
          "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
      default: break  // floorDivide, remainder, power: computed as Int below
      }
    }
    if promoted == .double {
      switch operation {
      case .add: return doubles(+)
      case .subtract: return doubles(-)
      case .multiply: return doubles(*)
      case .floorDivide: return doubles { Self.floorDivmod($0, $1).quotient }
      case .remainder: return doubles { Self.floorDivmod($0, $1).remainder }
      case .power: return doubles { Foundation.pow($0, $1) }
      case .minimum: return doubles { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
      case .maximum: return doubles { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
      default: break
      }
    }
    switch operation {
    case .add: return ints(&+)
    case .subtract: return ints(&-)
    case .multiply: return ints(&*)
    case .floorDivide: return ints(Self.floorDivide)
    case .remainder: return ints(Self.floorRemainder)
    case .power:
      if other.ints.contains(where: { $0 < 0 }) {
        throw ArrayError.unsupportedType("Integers to negative integer powers are not allowed.")
      }
      return ints(Self.integerPower)
    case .minimum: return ints { Swift.min($0, $1) }
    default: return ints { Swift.max($0, $1) }
    }
  }

  // MARK: Operators

  public static func + (a: NDArray, b: NDArray) throws -> NDArray { try a.applying(.add, b) }
  public static func - (a: NDArray, b: NDArray) throws -> NDArray { try a.applying(.subtract, b) }
  public static func * (a: NDArray, b: NDArray) throws -> NDArray { try a.applying(.multiply, b) }
  public static func / (a: NDArray, b: NDArray) throws -> NDArray { try a.applying(.divide, b) }
  public static func % (a: NDArray, b: NDArray) throws -> NDArray { try a.applying(.remainder, b) }
  public static func .== (a: NDArray, b: NDArray) throws -> NDArray { try a.applying(.equal, b) }
  public static func .!= (a: NDArray, b: NDArray) throws -> NDArray { try a.applying(.notEqual, b) }
  public static func .< (a: NDArray, b: NDArray) throws -> NDArray { try a.applying(.less, b) }
  public static func .<= (a: NDArray, b: NDArray) throws -> NDArray { try a.applying(.lessEqual, b) }
  public static func .> (a: NDArray, b: NDArray) throws -> NDArray { try a.applying(.greater, b) }
  public static func .>= (a: NDArray, b: NDArray) throws -> NDArray { try a.applying(.greaterEqual, b) }

  /// Elementwise negation (Bool is promoted to Int).
  public static prefix func - (a: NDArray) -> NDArray {
    switch a.storage {
    case .double(let v): NDArray(unchecked: .double(v.map { -$0 }), shape: a.shape)
    default: NDArray(unchecked: .int(a.ints.map { 0 &- $0 }), shape: a.shape)
    }
  }
}

extension NDArray: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
  public init(floatLiteral value: Double) { self.init(scalar: value) }
  public init(integerLiteral value: Int) { self.init(scalar: value) }
  public init(booleanLiteral value: Bool) { self.init(scalar: value) }
}
