/// One subscript component, as `a[i]`, `a[1..<3]`, `a[:, j]`, `a[idx]`, `a[mask]`.
public enum ArrayIndex: Sendable, Equatable {
  /// A single position (negative counts from the end); removes the axis.
  case at(Int)
  /// A Swift range: strict, so any bound outside 0...size throws.
  case range(Range<Int>)
  /// A NumPy slice `start:stop:step`: bounds are clipped, negatives count from the end.
  case slice(start: Int?, stop: Int?, step: Int)
  /// Every position of the axis (`:`).
  case all
  /// An integer array (gather); negative entries count from the end.
  case gather(NDArray)
  /// A Bool mask over one or more axes, selecting where it is true.
  case mask(NDArray)
}

/// Indexing and assignment with NumPy's rules for basic and advanced indices.
///
/// Basic indices (`at`, `range`, `slice`, `all`) select along their own axes.
/// Advanced indices (`gather`, and `mask`, which becomes one integer array per masked
/// axis) are broadcast together; their result axes go where the first advanced index
/// stood when the advanced indices are adjacent, and first otherwise.
///
/// References: NumPy manual, "Indexing on ndarrays" (advanced indexing).
extension NDArray {
  /// One axis of the result: either source positions along one input axis, or a block
  /// of precomputed offsets from the broadcast advanced indices.
  enum Selector {
    case positions(axis: Int, [Int], keepsAxis: Bool)
    case advanced(shape: [Int], offsets: [Int])
  }

  /// Resolves `indices` into (result shape, flat source offsets in result order).
  func resolve(_ indices: [ArrayIndex]) throws -> (shape: [Int], offsets: [Int]) {
    // Expand masks into integer arrays, one per masked axis.
    var expanded: [(index: ArrayIndex, axis: Int)] = []
    var axis = 0
    for original in indices {
      // A Bool array used as an index is a mask, as in NumPy.
      var index = original
      if case .gather(let g) = original, g.dtype == .bool { index = .mask(g) }
      if case .mask(let mask) = index {
        let k = Swift.max(mask.ndim, 1)
        let covered = Array(shape[Swift.min(axis, ndim)..<Swift.min(axis + k, ndim)])
        guard axis + k <= ndim else { throw ArrayError.tooManyIndices(given: axis + k, ndim: ndim) }
        guard covered == mask.shape else {
          let bad = (0..<Swift.min(covered.count, mask.shape.count)).first { covered[$0] != mask.shape[$0] } ?? 0
          throw ArrayError.maskShape(mask: Array(mask.shape[bad...]), indexed: Array(covered[bad...]), axis: axis + bad)
        }
        let selected = mask.bools.indices.filter { mask.bools[$0] }
        let maskStrides = Broadcast.strides(mask.shape)
        for d in 0..<k {
          let positions = selected.map { ($0 / maskStrides[d]) % mask.shape[d] }
          expanded.append((.gather(NDArray(positions)), axis + d))
        }
        axis += k
      } else {
        expanded.append((index, axis))
        axis += 1
      }
    }
    guard axis <= ndim else { throw ArrayError.tooManyIndices(given: axis, ndim: ndim) }
    for d in axis..<ndim { expanded.append((.all, d)) }

    let strides = Broadcast.strides(shape)
    var base = 0
    var selectors: [Selector] = []
    var advanced: [(axis: Int, values: NDArray)] = []
    var advancedSlot: Int? = nil
    var advancedContiguous = true
    var lastAdvanced = -2
    for (position, (index, d)) in expanded.enumerated() {
      let n = shape[d]
      switch index {
      case .at(let i):
        let j = i < 0 ? i + n : i
        guard j >= 0, j < n else { throw ArrayError.indexOutOfBounds(index: i, axis: d, size: n) }
        base += j * strides[d]
      case .range(let r):
        guard r.lowerBound >= 0, r.upperBound <= n else {
          throw ArrayError.invalidArgument("range \(r.lowerBound)..<\(r.upperBound) is out of bounds for axis \(d) with size \(n)")
        }
        selectors.append(.positions(axis: d, Array(r), keepsAxis: true))
      case .slice(let start, let stop, let step):
        guard step != 0 else { throw ArrayError.invalidArgument("slice step cannot be zero") }
        selectors.append(.positions(axis: d, Self.slicePositions(start, stop, step, n), keepsAxis: true))
      case .all:
        selectors.append(.positions(axis: d, Array(0..<n), keepsAxis: true))
      case .gather(let values):
        guard values.dtype != .double else {
          throw ArrayError.invalidArgument("arrays used as indices must be of integer (or boolean) type")
        }
        if lastAdvanced >= 0 && lastAdvanced != position - 1 { advancedContiguous = false }
        lastAdvanced = position
        if advancedSlot == nil { advancedSlot = selectors.count }
        var normalized = values.ints
        for (k, i) in normalized.enumerated() {
          let j = i < 0 ? i + n : i
          guard j >= 0, j < n else { throw ArrayError.indexOutOfBounds(index: i, axis: d, size: n) }
          normalized[k] = j
        }
        advanced.append((d, NDArray(unchecked: .int(normalized), shape: values.shape)))
      case .mask:
        break  // expanded above
      }
    }
    if !advanced.isEmpty {
      guard let blockShape = Broadcast.shape(advanced.map(\.values.shape)) else {
        throw ArrayError.shapeMismatch(
          "shape mismatch: indexing arrays could not be broadcast together with shapes "
            + advanced.map { shapeDescription($0.values.shape) }.joined(separator: " "))
      }
      try ArrayLimits.check(blockShape)
      var offsets = [Int](repeating: 0, count: ArrayLimits.elementCount(blockShape)!)
      for (d, values) in advanced {
        let spread = Broadcast.expand(values.ints, values.shape, to: blockShape)
        for k in offsets.indices { offsets[k] += spread[k] * strides[d] }
      }
      let block = Selector.advanced(shape: blockShape, offsets: offsets)
      selectors.insert(block, at: advancedContiguous ? advancedSlot! : 0)
    }
    var resultShape: [Int] = []
    for selector in selectors {
      switch selector {
      case .positions(_, let positions, _): resultShape.append(positions.count)
      case .advanced(let blockShape, _): resultShape += blockShape
      }
    }
    try ArrayLimits.check(resultShape)
    var outShape: [Int] = []
    var offsets = [base]
    for selector in selectors {
      let steps: [Int]
      switch selector {
      case .positions(let d, let positions, _):
        outShape.append(positions.count)
        steps = positions.map { $0 * strides[d] }
      case .advanced(let blockShape, let blockOffsets):
        outShape += blockShape
        steps = blockOffsets
      }
      var next: [Int] = []
      next.reserveCapacity(offsets.count * steps.count)
      for o in offsets { for s in steps { next.append(o + s) } }
      offsets = next
    }
    return (outShape, offsets)
  }

  /// `a[indices...]`. A 0-d result is returned as a 0-d array.
  /// - Throws: `ArrayError` naming the index, axis and size for out-of-range indices,
  ///   mask-shape mismatches and too many indices.
  public func get(_ indices: [ArrayIndex]) throws -> NDArray {
    if indices.count == 1, ndim == 1, case .gather(let idx) = indices[0], idx.dtype == .int,
      case .double(let v) = storage
    {
      return try Self.fastGather(v, idx)
    }
    let (outShape, offsets) = try resolve(indices)
    return gathering(offsets, shape: outShape)
  }


}
