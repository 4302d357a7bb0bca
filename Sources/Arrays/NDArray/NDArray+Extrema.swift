/// Minimum, maximum, their positions, cumulative sums and Boolean reductions.
extension NDArray {
  /// Runs `body(values, base, length, stride)` for each lane of the reduction layout.
  func lanes<T, R>(
    _ values: [T], _ layout: (outer: Int, length: Int, inner: Int, outShape: [Int]),
    _ body: ([T], Int, Int, Int) -> R
  ) -> [R] {
    var result: [R] = []
    result.reserveCapacity(layout.outer * layout.inner)
    for o in 0..<layout.outer {
      for i in 0..<layout.inner {
        result.append(body(values, o * layout.length * layout.inner + i, layout.length, layout.inner))
      }
    }
    return result
  }

  func requireNonEmpty(_ layout: (outer: Int, length: Int, inner: Int, outShape: [Int]), _ name: String) throws {
    if layout.length == 0 && layout.outer * layout.inner > 0 {
      if name.hasPrefix("arg") { throw ArrayError.invalidArgument("attempt to get \(name) of an empty sequence") }
      throw ArrayError.invalidArgument("zero-size array to reduction operation \(name) which has no identity")
    }
  }

  /// The index of the first extreme element of a lane; the first NaN wins, as in NumPy.
  static func extremeIndex<T: Comparable>(_ v: [T], _ base: Int, _ n: Int, _ stride: Int, isNaN: (T) -> Bool, _ better: (T, T) -> Bool) -> Int {
    var best = 0
    var bestValue = v[base]
    if isNaN(bestValue) { return 0 }
    for k in 1..<Swift.max(n, 1) {
      let x = v[base + k * stride]
      if isNaN(x) { return k }
      if better(x, bestValue) {
        best = k
        bestValue = x
      }
    }
    return best
  }

  func extreme(_ axis: Int?, _ name: String, _ better: @escaping (Double, Double) -> Bool, _ betterInt: @escaping (Int, Int) -> Bool) throws -> (values: NDArray, indices: NDArray) {
    let layout = try reductionLayout(axis)
    try requireNonEmpty(layout, name)
    if axis == nil, !name.hasPrefix("arg"), case .double(let v) = storage {
      // Values only: four lanes at a time, NaN detected separately (NaN propagates).
      let value = v.withUnsafeBufferPointer { p -> Double in
        let n = p.count
        var lanes = SIMD4<Double>(repeating: p[0])
        var sawNaN = SIMDMask<SIMD4<Int64>>(repeating: false)
        var i = 0
        let isMaximum = better(1, 0)
        while i + 4 <= n {
          let x = UnsafeRawPointer(p.baseAddress!).loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
          sawNaN .|= x .!= x
          // Compare-and-blend vectorizes; the generic pointwiseMax goes lane by lane.
          lanes.replace(with: x, where: isMaximum ? x .> lanes : x .< lanes)
          i += 4
        }
        var result = isMaximum ? lanes.max() : lanes.min()
        while i < n {
          let x = p[i]
          if x.isNaN { return x }
          if better(x, result) { result = x }
          i += 1
        }
        return Swift.any(sawNaN) || result.isNaN ? .nan : result
      }
      return (NDArray(scalar: value), NDArray(scalar: 0))
    }
    if axis == nil, case .double(let v) = storage {
      // Contiguous fast path: one pass, first NaN wins.
      let index = v.withUnsafeBufferPointer { p -> Int in
        var best = 0
        var bestValue = p[0]
        if bestValue.isNaN { return 0 }
        for k in 1..<p.count {
          let x = p[k]
          if better(x, bestValue) {
            best = k
            bestValue = x
          } else if x.isNaN {
            return k
          }
        }
        return best
      }
      return (NDArray(scalar: v[index]), NDArray(scalar: index))
    }
    switch storage {
    case .double(let v):
      let idx = lanes(v, layout) { v, b, n, s in Self.extremeIndex(v, b, n, s, isNaN: \.isNaN, better) }
      let values = lanes(v, layout) { v, b, n, s in (b, s) }.enumerated().map { v[$0.element.0 + idx[$0.offset] * $0.element.1] }
      return (NDArray(unchecked: .double(values), shape: layout.outShape), NDArray(unchecked: .int(idx), shape: layout.outShape))
    default:
      let v = ints
      let idx = lanes(v, layout) { v, b, n, s in Self.extremeIndex(v, b, n, s, isNaN: { _ in false }, betterInt) }
      let values = lanes(v, layout) { _, b, _, s in (b, s) }.enumerated().map { v[$0.element.0 + idx[$0.offset] * $0.element.1] }
      let result = NDArray(unchecked: .int(values), shape: layout.outShape)
      return (dtype == .bool ? result.converted(to: .bool) : result, NDArray(unchecked: .int(idx), shape: layout.outShape))
    }
  }

  /// Minimum along `axis`; NaN if any element of the lane is NaN.
  /// - Throws: `ArrayError` for an empty reduction or a bad axis.
  public func min(axis: Int? = nil) throws -> NDArray { try extreme(axis, "minimum", <, <).values }
  /// Maximum along `axis`; NaN if any element of the lane is NaN.
  public func max(axis: Int? = nil) throws -> NDArray { try extreme(axis, "maximum", >, >).values }
  /// Index of the first minimum along `axis` (of the flattened array when nil).
  public func argmin(axis: Int? = nil) throws -> NDArray { try extreme(axis, "argmin", <, <).indices }
  /// Index of the first maximum along `axis` (of the flattened array when nil).
  public func argmax(axis: Int? = nil) throws -> NDArray { try extreme(axis, "argmax", >, >).indices }

  /// Cumulative sum along `axis` (nil: of the flattened array), sequential as NumPy;
  /// Int for Int and Bool input.
  public func cumulativeSum(axis: Int? = nil) throws -> NDArray {
    let layout = try reductionLayout(axis)
    let outShape = axis == nil ? [size] : shape
    switch storage {
    case .double(var v):
      for o in 0..<layout.outer {
        for i in 0..<layout.inner {
          let base = o * layout.length * layout.inner + i
          for k in 1..<Swift.max(layout.length, 1) {
            v[base + k * layout.inner] += v[base + (k - 1) * layout.inner]
          }
        }
      }
      return NDArray(unchecked: .double(v), shape: outShape)
    default:
      var v = ints
      for o in 0..<layout.outer {
        for i in 0..<layout.inner {
          let base = o * layout.length * layout.inner + i
          for k in 1..<Swift.max(layout.length, 1) {
            v[base + k * layout.inner] &+= v[base + (k - 1) * layout.inner]
          }
        }
      }
      return NDArray(unchecked: .int(v), shape: outShape)
    }
  }

  /// Whether any element along `axis` is nonzero (false when empty).
  public func any(axis: Int? = nil) throws -> NDArray {
    let layout = try reductionLayout(axis)
    let r = lanes(bools, layout) { v, b, n, s in (0..<n).contains { v[b + $0 * s] } }
    return NDArray(unchecked: .bool(r), shape: layout.outShape)
  }

  /// Whether every element along `axis` is nonzero (true when empty).
  public func all(axis: Int? = nil) throws -> NDArray {
    let layout = try reductionLayout(axis)
    let r = lanes(bools, layout) { v, b, n, s in (0..<n).allSatisfy { v[b + $0 * s] } }
    return NDArray(unchecked: .bool(r), shape: layout.outShape)
  }
}
