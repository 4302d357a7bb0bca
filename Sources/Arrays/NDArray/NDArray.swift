/// The element type of an `NDArray`, in NumPy's promotion order bool < int < double.
public enum DType: Int, Sendable, Comparable, CustomStringConvertible {
  case bool, int, double
  public static func < (a: DType, b: DType) -> Bool { a.rawValue < b.rawValue }
  public var description: String {
    switch self {
    case .bool: "Bool"
    case .int: "Int"
    case .double: "Double"
    }
  }
}

/// The contiguous row-major elements of an `NDArray`: one typed Swift array, so
/// copies are copy-on-write and hot loops run over a concrete element type.
public enum ArrayStorage: Sendable, Equatable {
  case double([Double])
  case int([Int])
  case bool([Bool])

  /// The number of elements.
  public var count: Int {
    switch self {
    case .double(let v): v.count
    case .int(let v): v.count
    case .bool(let v): v.count
    }
  }

  /// The element type.
  public var dtype: DType {
    switch self {
    case .double: .double
    case .int: .int
    case .bool: .bool
    }
  }
}

/// An n-dimensional array of `Double`, `Int` or `Bool` with NumPy semantics.
///
/// Elements are stored contiguously in row-major (C) order in a Swift array, so value
/// semantics and copy-on-write come for free; `shape` gives the extent of each axis
/// (empty for a 0-d scalar array). Arithmetic broadcasts as NumPy does and promotes
/// Bool → Int → Double; operations that can fail throw `ArrayError` before computing.
public struct NDArray: Sendable, Equatable {
  /// The extent of each axis; `[]` for a 0-d array.
  public internal(set) var shape: [Int]
  /// The elements in row-major order.
  public internal(set) var storage: ArrayStorage

  /// An array from storage and a shape whose product is the storage count.
  /// - Throws: `ArrayError.reshape` if the sizes differ or an extent is negative.
  public init(storage: ArrayStorage, shape: [Int]) throws {
    guard ArrayLimits.elementCount(shape) == storage.count else {
      throw ArrayError.reshape(size: storage.count, shape: shape)
    }
    self.storage = storage
    self.shape = shape
  }

  /// Internal unchecked initializer; callers guarantee `shape` matches.
  init(unchecked storage: ArrayStorage, shape: [Int]) {
    self.storage = storage
    self.shape = shape
  }

  /// A 1-d Double array.
  public init(_ values: [Double]) { self.init(unchecked: .double(values), shape: [values.count]) }
  /// A 1-d Int array.
  public init(_ values: [Int]) { self.init(unchecked: .int(values), shape: [values.count]) }
  /// A 1-d Bool array.
  public init(_ values: [Bool]) { self.init(unchecked: .bool(values), shape: [values.count]) }
  /// A 0-d Double array.
  public init(scalar value: Double) { self.init(unchecked: .double([value]), shape: []) }
  /// A 0-d Int array.
  public init(scalar value: Int) { self.init(unchecked: .int([value]), shape: []) }
  /// A 0-d Bool array.
  public init(scalar value: Bool) { self.init(unchecked: .bool([value]), shape: []) }

  /// Double elements with a shape. - Throws: `ArrayError.reshape` on a size mismatch.
  public init(_ values: [Double], shape: [Int]) throws { try self.init(storage: .double(values), shape: shape) }
  /// Int elements with a shape. - Throws: `ArrayError.reshape` on a size mismatch.
  public init(_ values: [Int], shape: [Int]) throws { try self.init(storage: .int(values), shape: shape) }
  /// Bool elements with a shape. - Throws: `ArrayError.reshape` on a size mismatch.
  public init(_ values: [Bool], shape: [Int]) throws { try self.init(storage: .bool(values), shape: shape) }

  /// The element type.
  public var dtype: DType { storage.dtype }
  /// The number of axes.
  public var ndim: Int { shape.count }
  /// The total number of elements.
  public var size: Int { storage.count }
  /// The length of the first axis (like `len(a)`); 1 for a 0-d array.
  public var count: Int { shape.first ?? 1 }

  /// The elements as Doubles (Int and Bool converted), row-major.
  public var doubles: [Double] {
    switch storage {
    case .double(let v): v
    case .int(let v): v.map(Double.init)
    case .bool(let v): v.map { $0 ? 1.0 : 0.0 }
    }
  }

  /// The elements as Ints (Doubles truncated toward zero, as NumPy's `astype(int)`;
  /// NaN and ±∞ become `Int.min`, as NumPy gives on x86-64).
  public var ints: [Int] {
    switch storage {
    case .double(let v): v.map(Self.truncatingToInt)
    case .int(let v): v
    case .bool(let v): v.map { $0 ? 1 : 0 }
    }
  }

  /// The elements as Bools (nonzero is true).
  public var bools: [Bool] {
    switch storage {
    case .double(let v): v.map { $0 != 0 }
    case .int(let v): v.map { $0 != 0 }
    case .bool(let v): v
    }
  }

  static func truncatingToInt(_ x: Double) -> Int {
    guard x.isFinite, x > -9.223372036854775808e18, x < 9.223372036854775808e18 else {
      return Int.min
    }
    return Int(x)
  }

  /// A copy converted to `dtype` (`astype`).
  public func converted(to dtype: DType) -> NDArray {
    if dtype == self.dtype { return self }
    switch dtype {
    case .double: return NDArray(unchecked: .double(doubles), shape: shape)
    case .int: return NDArray(unchecked: .int(ints), shape: shape)
    case .bool: return NDArray(unchecked: .bool(bools), shape: shape)
    }
  }

  /// The single element of a 0-d or one-element array as a Double.
  public var scalarDouble: Double? { size == 1 ? doubles[0] : nil }
  /// The single element of a 0-d or one-element array as an Int.
  public var scalarInt: Int? { size == 1 ? ints[0] : nil }
  /// The single element of a 0-d or one-element array as a Bool.
  public var scalarBool: Bool? { size == 1 ? bools[0] : nil }
}
