/// Reshaping, transposition, joining and repetition.
extension NDArray {
  /// Applies the same element gather to whichever typed storage this array has.
  func gathering(_ offsets: [Int], shape: [Int]) -> NDArray {
    switch storage {
    case .double(let v): NDArray(unchecked: .double(offsets.map { v[$0] }), shape: shape)
    case .int(let v): NDArray(unchecked: .int(offsets.map { v[$0] }), shape: shape)
    case .bool(let v): NDArray(unchecked: .bool(offsets.map { v[$0] }), shape: shape)
    }
  }

  /// The same elements with a new shape; one extent may be −1 (inferred).
  /// - Throws: `ArrayError.reshape` ("cannot reshape array of size 6 into shape (4,)").
  public func reshaped(_ newShape: [Int]) throws -> NDArray {
    var resolved = newShape
    let unknown = newShape.indices.filter { newShape[$0] == -1 }
    guard unknown.count <= 1, newShape.allSatisfy({ $0 >= -1 }) else {
      throw ArrayError.invalidArgument("can only specify one unknown dimension")
    }
    if let u = unknown.first {
      let others = newShape.enumerated().filter { $0.offset != u }.map(\.element)
      guard let known = ArrayLimits.elementCount(others), known > 0, size % known == 0 else { throw ArrayError.reshape(size: size, shape: newShape) }
      resolved[u] = size / known
    }
    guard ArrayLimits.elementCount(resolved) == size else { throw ArrayError.reshape(size: size, shape: newShape) }
    return NDArray(unchecked: storage, shape: resolved)
  }

  /// The elements as a 1-d array (`ravel`).
  public var flattened: NDArray { NDArray(unchecked: storage, shape: [size]) }

  /// Axes permuted (`np.transpose`): reversed when `axes` is nil.
  /// - Throws: `ArrayError.invalidArgument("axes don't match array")` for a bad permutation.
  public func transposed(_ axes: [Int]? = nil) throws -> NDArray {
    let order = try (axes ?? Array((0..<ndim).reversed())).map { try normalizedAxis($0) }
    guard order.count == ndim, Set(order).count == ndim else {
      throw ArrayError.invalidArgument("axes don't match array")
    }
    if ndim < 2 || order == Array(0..<ndim) { return self }
    let outShape = order.map { shape[$0] }
    let sourceStrides = Broadcast.strides(shape)
    let permuted = order.map { sourceStrides[$0] }
    var offsets: [Int] = []
    offsets.reserveCapacity(size)
    Broadcast.forEach(outShape, permuted, permuted) { _, offset, _ in offsets.append(offset) }
    return gathering(offsets, shape: outShape)
  }

  /// Joins arrays along an existing `axis` (`np.concatenate`); dtypes are promoted.
  /// - Throws: `ArrayError` when the list is empty, an array is 0-d, or the other
  ///   extents differ (naming the array index and the axis).
  public static func concatenate(_ arrays: [NDArray], axis: Int = 0) throws -> NDArray {
    guard let first = arrays.first else {
      throw ArrayError.invalidArgument("need at least one array to concatenate")
    }
    guard first.ndim > 0 else {
      throw ArrayError.invalidArgument("zero-dimensional arrays cannot be concatenated")
    }
    let a = try first.normalizedAxis(axis)
    for (index, array) in arrays.enumerated() {
      guard array.ndim == first.ndim else {
        throw ArrayError.shapeMismatch(
          "all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has \(first.ndim) dimension(s) and the array at index \(index) has \(array.ndim) dimension(s)")
      }
      for d in 0..<first.ndim where d != a && array.shape[d] != first.shape[d] {
        throw ArrayError.shapeMismatch(
          "all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(d), the array at index 0 has size \(first.shape[d]) and the array at index \(index) has size \(array.shape[d])")
      }
    }
    let dtype = arrays.map(\.dtype).max()!
    let outer = first.shape[..<a].reduce(1, *)
    let inner = first.shape[(a + 1)...].reduce(1, *)
    var outShape = first.shape
    outShape[a] = arrays.map { $0.shape[a] }.reduce(0, +)
    func join<T>(_ parts: [[T]]) -> [T] {
      var result: [T] = []
      result.reserveCapacity(outShape.reduce(1, *))
      for o in 0..<outer {
        for (part, array) in zip(parts, arrays) {
          let chunk = array.shape[a] * inner
          result.append(contentsOf: part[(o * chunk)..<((o + 1) * chunk)])
        }
      }
      return result
    }
    let converted = arrays.map { $0.converted(to: dtype) }
    switch dtype {
    case .double: return NDArray(unchecked: .double(join(converted.map(\.doubles))), shape: outShape)
    case .int: return NDArray(unchecked: .int(join(converted.map(\.ints))), shape: outShape)
    case .bool: return NDArray(unchecked: .bool(join(converted.map(\.bools))), shape: outShape)
    }
  }

  /// Joins equal-shaped arrays along a new `axis` (`np.stack`).
  /// - Throws: `ArrayError.shapeMismatch("all input arrays must have the same shape")`.
  public static func stack(_ arrays: [NDArray], axis: Int = 0) throws -> NDArray {
    guard let first = arrays.first else {
      throw ArrayError.invalidArgument("need at least one array to stack")
    }
    guard arrays.allSatisfy({ $0.shape == first.shape }) else {
      throw ArrayError.shapeMismatch("all input arrays must have the same shape")
    }
    let resolved = axis < 0 ? axis + first.ndim + 1 : axis
    guard resolved >= 0, resolved <= first.ndim else {
      throw ArrayError.axisOutOfBounds(axis: axis, ndim: first.ndim + 1)
    }
    var expanded = first.shape
    expanded.insert(1, at: resolved)
    return try concatenate(arrays.map { NDArray(unchecked: $0.storage, shape: expanded) }, axis: resolved)
  }

  /// The whole array repeated `count` times end to end along axis 0 of its flattened
  /// form (Swift's `Array(repeating:count:)` for arrays, NumPy's `np.tile` for 1-d).
  /// - Throws: `ArrayError.invalidArgument` if the result would exceed `ArrayLimits`.
  public func repeating(_ count: Int) throws -> NDArray {
    let n = Swift.max(count, 0)
    try ArrayLimits.checkCount(size.multipliedReportingOverflow(by: n).overflow ? Int.max : size * n)
    let offsets = (0..<n).flatMap { _ in 0..<size }
    return gathering(offsets, shape: [size * n])
  }

  /// Each element repeated `count` times in place (`np.repeat` on the flattened array).
  /// - Throws: `ArrayError.invalidArgument` if the result would exceed `ArrayLimits`.
  public func repeatingElements(_ count: Int) throws -> NDArray {
    let n = Swift.max(count, 0)
    try ArrayLimits.checkCount(size.multipliedReportingOverflow(by: n).overflow ? Int.max : size * n)
    let offsets = (0..<size).flatMap { repeatElement($0, count: n) }
    return gathering(offsets, shape: [size * n])
  }
}
