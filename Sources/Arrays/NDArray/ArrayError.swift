/// An error from an array operation, worded as NumPy words it, naming what and where.
///
/// Operations validate their arguments once, up front, and throw one of these; the loops
/// that follow never throw or trap.
public enum ArrayError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Operand shapes that cannot be broadcast together.
  case broadcast([[Int]])
  /// An index outside its axis.
  case indexOutOfBounds(index: Int, axis: Int, size: Int)
  /// An axis argument outside 0..<ndim (after counting negatives from the end).
  case axisOutOfBounds(axis: Int, ndim: Int)
  /// More indices than dimensions.
  case tooManyIndices(given: Int, ndim: Int)
  /// A Bool mask whose shape does not match the indexed dimensions.
  case maskShape(mask: [Int], indexed: [Int], axis: Int)
  /// A reshape to a shape with a different number of elements.
  case reshape(size: Int, shape: [Int])
  /// Shapes that must agree (concatenate, stack, matmul, assignment) but do not.
  case shapeMismatch(String)
  /// An operation the element type does not support.
  case unsupportedType(String)
  /// Any other invalid argument, with NumPy's message.
  case invalidArgument(String)

  public var description: String {
    switch self {
    case .broadcast(let shapes):
      return "operands could not be broadcast together with shapes "
        + shapes.map(compactShapeDescription).joined(separator: " ")
    case .indexOutOfBounds(let index, let axis, let size):
      return "index \(index) is out of bounds for axis \(axis) with size \(size)"
    case .axisOutOfBounds(let axis, let ndim):
      return "axis \(axis) is out of bounds for array of dimension \(ndim)"
    case .tooManyIndices(let given, let ndim):
      return "too many indices for array: array is \(ndim)-dimensional, but \(given) were indexed"
    case .maskShape(let mask, let indexed, let axis):
      return "boolean index did not match indexed array along axis \(axis); size of axis is "
        + "\(indexed.first ?? 0) but size of corresponding boolean axis is \(mask.first ?? 0)"
    case .reshape(let size, let shape):
      return "cannot reshape array of size \(size) into shape \(shapeDescription(shape))"
    case .shapeMismatch(let message), .unsupportedType(let message),
      .invalidArgument(let message):
      return message
    }
  }
}

/// A shape as NumPy prints it: `(3,)`, `(2, 3)`, `()`.
public func shapeDescription(_ shape: [Int]) -> String {
  shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

/// A shape as NumPy's broadcast errors print it: `(3,)`, `(2,3)`.
public func compactShapeDescription(_ shape: [Int]) -> String {
  shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ",") + ")"
}
