/// Swift collection habits on arrays: the pieces a binding needs so that `count`,
/// `for x in a`, `enumerated()`, `map` and `append(contentsOf:)` behave on a 1-d array
/// as they do on `[Double]`, and along the first axis for n-d arrays.
extension NDArray {
  /// The sub-arrays along axis 0 (scalars as 0-d arrays for a 1-d array), what
  /// `for x in a` iterates. A 0-d array yields itself.
  public var rows: [NDArray] {
    guard ndim > 0 else { return [self] }
    let rowShape = Array(shape.dropFirst())
    let rowSize = rowShape.reduce(1, *)
    return (0..<shape[0]).map { r in gathering(Array((r * rowSize)..<((r + 1) * rowSize)), shape: rowShape) }
  }

  /// Element `i` along axis 0 (`a[i]`); negative counts from the end.
  /// - Throws: `ArrayError.indexOutOfBounds` ("index 5 is out of bounds for axis 0 with size 3").
  public func row(_ i: Int) throws -> NDArray { try get([.at(i)]) }

  /// Appends `other` along axis 0 (Swift's `append(contentsOf:)` on arrays); a 0-d
  /// array appends one element. The dtype is promoted as in `concatenate`.
  /// - Throws: `ArrayError` if the shapes after axis 0 differ or `self` is 0-d.
  public mutating func append(contentsOf other: NDArray) throws {
    let piece = other.ndim == 0 ? NDArray(unchecked: other.storage, shape: [1]) : other
    if size == 0 && ndim == 1 {
      self = piece.converted(to: Swift.max(dtype, piece.dtype))
      return
    }
    self = try NDArray.concatenate([self, piece], axis: 0)
  }

  /// Applies `transform` to every element as a Double, keeping the shape.
  public func map(_ transform: (Double) throws -> Double) rethrows -> NDArray {
    NDArray(unchecked: .double(try doubles.map(transform)), shape: shape)
  }

  /// The shape as NumPy prints it, `(2, 3)`.
  public var shapeText: String { Arrays.shapeDescription(shape) }
}
