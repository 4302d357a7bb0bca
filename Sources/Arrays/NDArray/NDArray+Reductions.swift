import Foundation

/// Reductions along an axis (or over all elements), summing in NumPy's order so results
/// agree with NumPy to the last bit in the common cases.
///
/// NumPy sums a contiguous run with pairwise summation (8-way unrolled blocks of up to
/// 128, halving above), and sums across rows sequentially; `sum` here does the same.
///
/// References: N. J. Higham, "The accuracy of floating point summation", SIAM J. Sci.
/// Comput. 14(4), 1993; NumPy `loops_utils.h.src` (`pairwise_sum`).
extension NDArray {
  /// NumPy's pairwise summation of `count` elements starting at `base` with `stride`.
  static func pairwiseSum(_ p: UnsafeBufferPointer<Double>, _ base: Int, _ count: Int, _ stride: Int) -> Double {
    let a = p.baseAddress! + base
    if count < 8 {
      var result = 0.0
      for i in 0..<count { result += a[i * stride] }
      return result
    }
    if count <= 128 {
      var (r0, r1, r2, r3) = (a[0], a[stride], a[2 * stride], a[3 * stride])
      var (r4, r5, r6, r7) = (a[4 * stride], a[5 * stride], a[6 * stride], a[7 * stride])
      var i = 8
      let blocked = count - count % 8
      while i < blocked {
        let b = a + i * stride
        r0 += b[0]
        r1 += b[stride]
        r2 += b[2 * stride]
        r3 += b[3 * stride]
        r4 += b[4 * stride]
        r5 += b[5 * stride]
        r6 += b[6 * stride]
        r7 += b[7 * stride]
        i += 8
      }
      var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
      while i < count {
        result += a[i * stride]
        i += 1
      }
      return result
    }
    var half = count / 2
    half -= half % 8
    return pairwiseSum(p, base, half, stride) + pairwiseSum(p, base + half * stride, count - half, stride)
  }

  /// Resolves a possibly negative axis. - Throws: `ArrayError.axisOutOfBounds`.
  public func normalizedAxis(_ axis: Int) throws -> Int {
    let resolved = axis < 0 ? axis + ndim : axis
    guard resolved >= 0, resolved < Swift.max(ndim, 0) else {
      throw ArrayError.axisOutOfBounds(axis: axis, ndim: ndim)
    }
    return resolved
  }

  /// The (outer, length, inner) decomposition for reducing `axis` (nil: everything).
  func reductionLayout(_ axis: Int?) throws -> (outer: Int, length: Int, inner: Int, outShape: [Int]) {
    guard let axis else { return (1, size, 1, []) }
    let a = try normalizedAxis(axis)
    let outer = shape[..<a].reduce(1, *)
    let inner = shape[(a + 1)...].reduce(1, *)
    var outShape = shape
    outShape.remove(at: a)
    return (outer, shape[a], inner, outShape)
  }

  /// Reinserts the reduced axis with extent 1 (`keepdims=True`).
  func keepingDimensions(_ result: NDArray, _ axis: Int?) throws -> NDArray {
    guard let axis else { return NDArray(unchecked: result.storage, shape: shape.map { _ in 1 }) }
    var kept = shape
    kept[try normalizedAxis(axis)] = 1
    return NDArray(unchecked: result.storage, shape: kept)
  }

  /// Reduces Doubles along the layout with `body(pointer, base, length, stride)`.
  static func reduceDoubles(
    _ values: [Double], _ layout: (outer: Int, length: Int, inner: Int, outShape: [Int]),
    _ body: (UnsafeBufferPointer<Double>, Int, Int, Int) -> Double
  ) -> [Double] {
    values.withUnsafeBufferPointer { p in
      var result = [Double](repeating: 0, count: layout.outer * layout.inner)
      for o in 0..<layout.outer {
        for i in 0..<layout.inner {
          result[o * layout.inner + i] = body(p, o * layout.length * layout.inner + i, layout.length, layout.inner)
        }
      }
      return result
    }
  }

  /// Sum along `axis` (nil: all elements). Int and Bool sum to Int; empty sums are 0.
  /// - Throws: `ArrayError.axisOutOfBounds`.
  public func sum(axis: Int? = nil, keepDimensions: Bool = false) throws -> NDArray {
    let layout = try reductionLayout(axis)
    let result: NDArray
    if dtype == .double {
      let values = doubles
      var sums = [Double](repeating: 0, count: layout.outer * layout.inner)
      if layout.inner == 1 {
        sums = Self.reduceDoubles(values, layout) { p, base, n, _ in Self.pairwiseSum(p, base, n, 1) }
      } else {
        // Row after row, so each output still sums its lane sequentially (as NumPy does
        // across rows) while memory is read in order.
        values.withUnsafeBufferPointer { p in
          sums.withUnsafeMutableBufferPointer { s in
            for o in 0..<layout.outer {
              let out = s.baseAddress! + o * layout.inner
              for k in 0..<layout.length {
                let row = p.baseAddress! + (o * layout.length + k) * layout.inner
                for i in 0..<layout.inner { out[i] += row[i] }
              }
            }
          }
        }
      }
      result = NDArray(unchecked: .double(sums), shape: layout.outShape)
    } else {
      let v = ints
      var sums = [Int](repeating: 0, count: layout.outer * layout.inner)
      for o in 0..<layout.outer {
        for k in 0..<layout.length {
          let row = (o * layout.length + k) * layout.inner
          for i in 0..<layout.inner { sums[o * layout.inner + i] &+= v[row + i] }
        }
      }
      result = NDArray(unchecked: .int(sums), shape: layout.outShape)
    }
    return keepDimensions ? try keepingDimensions(result, axis) : result
  }

  /// Arithmetic mean along `axis`; NaN for an empty reduction, as NumPy (which warns).
  public func mean(axis: Int? = nil, keepDimensions: Bool = false) throws -> NDArray {
    let layout = try reductionLayout(axis)
    let asDouble = converted(to: .double)
    let sums = try asDouble.sum(axis: axis, keepDimensions: keepDimensions)
    let n = Double(layout.length)
    return NDArray(unchecked: .double(sums.doubles.map { $0 / n }), shape: sums.shape)
  }
}
