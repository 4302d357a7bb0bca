/// Sorting, argsort and quantiles along an axis.
///
/// References: R. J. Hyndman and Y. Fan, "Sample quantiles in statistical packages",
/// The American Statistician 50(4), 1996 (definition 7, NumPy's default "linear");
/// NumPy `lib/_function_base_impl.py` (`_quantile`, `_lerp`).
extension NDArray {
  /// Gathers each lane of `axis` into its own array, transforms it, and scatters the
  /// results (each of length `resultLength`) back along the same axis.
  func mapLanes<T, R>(_ values: [T], axis: Int, resultLength: Int, _ f: ([T]) -> [R]) -> (values: [R], shape: [Int]) {
    let outer = shape[..<axis].reduce(1, *)
    let length = shape[axis]
    let inner = shape[(axis + 1)...].reduce(1, *)
    var outShape = shape
    outShape[axis] = resultLength
    var result: [R] = []
    result.reserveCapacity(outer * resultLength * inner)
    if inner == 1 {
      for o in 0..<outer { result += f(Array(values[(o * length)..<((o + 1) * length)])) }
      return (result, outShape)
    }
    var lanes: [[R]] = []
    lanes.reserveCapacity(inner)
    for o in 0..<outer {
      lanes.removeAll(keepingCapacity: true)
      for i in 0..<inner {
        let base = o * length * inner + i
        lanes.append(f((0..<length).map { values[base + $0 * inner] }))
      }
      for k in 0..<resultLength {
        for i in 0..<inner { result.append(lanes[i][k]) }
      }
    }
    return (result, outShape)
  }

  /// NumPy's sort order for doubles: ascending with NaN last.
  static func sortsBefore(_ a: Double, _ b: Double) -> Bool { a < b || (b.isNaN && !a.isNaN) }

  /// Sorts numbers ascending with `<` (specialized, fast) and puts NaNs at the end.
  static func sortedWithNaNLast(_ lane: [Double]) -> [Double] {
    var numbers = lane.filter { !$0.isNaN }
    let nanCount = lane.count - numbers.count
    RadixSort.sort(&numbers)
    if nanCount > 0 { numbers += repeatElement(Double.nan, count: nanCount) }
    return numbers
  }

  /// A sorted copy along `axis` (default last; nil sorts the flattened array).
  /// NaN sorts to the end, as in NumPy.
  public func sorted(axis: Int? = -1) throws -> NDArray {
    guard let axis else { return try NDArray(storage: storage, shape: [size]).sorted(axis: 0) }
    let a = try normalizedAxis(axis)
    switch storage {
    case .double(let v):
      let r = mapLanes(v, axis: a, resultLength: shape[a], Self.sortedWithNaNLast)
      return NDArray(unchecked: .double(r.values), shape: r.shape)
    case .int(let v):
      let r = mapLanes(v, axis: a, resultLength: shape[a]) { $0.sorted() }
      return NDArray(unchecked: .int(r.values), shape: r.shape)
    case .bool(let v):
      let r = mapLanes(v, axis: a, resultLength: shape[a]) { lane in lane.sorted { !$0 && $1 } }
      return NDArray(unchecked: .bool(r.values), shape: r.shape)
    }
  }

  /// Indices that sort each lane of `axis` (default last; nil: the flattened array).
  /// The sort is stable (NumPy's `kind="stable"`), so ties keep their order.
  public func argsort(axis: Int? = -1) throws -> NDArray {
    guard let axis else { return try NDArray(storage: storage, shape: [size]).argsort(axis: 0) }
    let a = try normalizedAxis(axis)
    let v = doubles
    let r = mapLanes(v, axis: a, resultLength: shape[a]) { lane in
      // Swift's sort is not guaranteed stable; break ties by index.
      lane.indices.sorted { i, j in
        Self.sortsBefore(lane[i], lane[j]) || (!Self.sortsBefore(lane[j], lane[i]) && i < j)
      }
    }
    return NDArray(unchecked: .int(r.values), shape: r.shape)
  }

  /// Quantiles with NumPy's default "linear" method (Hyndman & Fan type 7).
  ///
  /// The result has `qs.shape` followed by the shape without `axis` (nil: over all
  /// elements). A lane containing NaN gives NaN.
  /// - Throws: `ArrayError.invalidArgument("Quantiles must be in the range [0, 1]")`,
  ///   or for an empty lane or a bad axis.
  public func quantile(_ qs: NDArray, axis: Int? = nil) throws -> NDArray {
    let q = qs.doubles
    guard q.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
      throw ArrayError.invalidArgument("Quantiles must be in the range [0, 1]")
    }
    let source = axis == nil ? try NDArray(storage: storage, shape: [size]) : self
    let a = try source.normalizedAxis(axis ?? 0)
    guard source.shape[a] > 0 else {
      throw ArrayError.invalidArgument("cannot compute quantile of an empty axis")
    }
    let n = source.shape[a]
    let r = source.mapLanes(source.doubles, axis: a, resultLength: q.count) { lane in
      let sorted = Self.sortedWithNaNLast(lane)
      if sorted.last!.isNaN { return q.map { _ in Double.nan } }
      return q.map { Self.linearQuantile(sorted, n, $0) }
    }
    // r has the quantile axis at `a`; move it to the front.
    var moved = NDArray(unchecked: .double(r.values), shape: r.shape)
    if a != 0 {
      var order = Array(0..<moved.ndim)
      order.remove(at: a)
      order.insert(a, at: 0)
      moved = try moved.transposed(order)
    }
    var outShape = source.shape
    outShape.remove(at: a)
    return NDArray(unchecked: moved.storage, shape: qs.shape + outShape)
  }

  /// One linear-method quantile of a sorted lane, with NumPy's exact arithmetic.
  static func linearQuantile(_ sorted: [Double], _ n: Int, _ q: Double) -> Double {
    let virtualIndex = Double(n - 1) * q
    var previous = virtualIndex.rounded(.down)
    var previousIndex = Int(previous)
    var nextIndex = previousIndex + 1
    if virtualIndex >= Double(n - 1) {
      previous = -1
      previousIndex = n - 1
      nextIndex = n - 1
    }
    if virtualIndex < 0 {
      previous = 0
      previousIndex = 0
      nextIndex = 0
    }
    let gamma = virtualIndex - previous
    let a = sorted[previousIndex]
    let b = sorted[nextIndex]
    let difference = b - a
    return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
  }
}
