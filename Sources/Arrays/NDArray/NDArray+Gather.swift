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
    let result = try values.withUnsafeBufferPointer { p in
      try [Double](unsafeUninitializedCapacity: raw.count) { out, count in
        for (k, i) in raw.enumerated() {
          let j = i < 0 ? i + n : i
          guard j >= 0, j < n else {
            count = k
            throw ArrayError.indexOutOfBounds(index: i, axis: 0, size: n)
          }
          out[k] = p[j]
        }
        count = raw.count
      }
    }
    return NDArray(unchecked: .double(result), shape: idx.shape)
  }
}
