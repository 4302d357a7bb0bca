/// The pieces of indexing that do not depend on the resolver: Python slice positions and
/// the one-pass gather that `a[idx]` on a 1-d Double array takes.
extension NDArray {
  /// Positions selected by a Python slice on an axis of length n.
  static func slicePositions(_ start: Int?, _ stop: Int?, _ step: Int, _ n: Int) -> [Int] {
    func clip(_ v: Int?, _ defaultValue: Int, _ lo: Int, _ hi: Int) -> Int {
      guard var v else { return defaultValue }
      if v < 0 { v += n }
      return Swift.min(Swift.max(v, lo), hi)
    }
    if step > 0 {
      let s = clip(start, 0, 0, n)
      let e = clip(stop, n, 0, n)
      return Array(stride(from: s, to: e, by: step))
    }
    let s = clip(start, n - 1, -1, n - 1)
    let e = clip(stop, -1, -1, n - 1)
    return Array(stride(from: s, to: e, by: step))
  }

  /// `a[idx]` for a 1-d Double array and an Int index array, in one pass.
  static func fastGather(_ values: [Double], _ idx: NDArray) throws -> NDArray {
    let n = values.count
    let raw = idx.ints
    if raw.isEmpty { return NDArray(unchecked: .double([]), shape: idx.shape) }
    // Validate first (a tight min/max pass), then gather without checks.
    let (low, high) = raw.withUnsafeBufferPointer { r -> (Int, Int) in
      var low = Int.max
      var high = Int.min
      for i in r {
        low = Swift.min(low, i)
        high = Swift.max(high, i)
      }
      return (low, high)
    }
    if low < -n || high >= n {
      let bad = raw.first { $0 < -n || $0 >= n }!
      throw ArrayError.indexOutOfBounds(index: bad, axis: 0, size: n)
    }
    let result = values.withUnsafeBufferPointer { p in
      raw.withUnsafeBufferPointer { r in
        [Double](unsafeUninitializedCapacity: r.count) { out, count in
          let (src, dst, indices) = (p.baseAddress!, out.baseAddress!, r.baseAddress!)
          if low >= 0 {
            for k in 0..<r.count { dst[k] = src[indices[k]] }
          } else {
            for k in 0..<r.count {
              let i = indices[k]
              dst[k] = src[i < 0 ? i &+ n : i]
            }
          }
          count = r.count
        }
      }
    }
    return NDArray(unchecked: .double(result), shape: idx.shape)
  }
}
