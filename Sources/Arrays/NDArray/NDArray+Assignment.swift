/// Assignment through indices (`a[i] = v`, `a[mask] = 0`, `a[idx] = values`).
extension NDArray {
  /// `a[indices...] = value`, with `value` broadcast to the selection and converted to
  /// this array's type (Double → Int truncates, as NumPy's assignment casts).
  /// - Throws: as `get`, and `ArrayError.broadcast` if `value` does not fit the selection.
  public mutating func set(_ indices: [ArrayIndex], to value: NDArray) throws {
    let (outShape, offsets) = try resolve(indices)
    guard let target = Broadcast.shape([value.shape, outShape]), target == outShape else {
      throw ArrayError.shapeMismatch(
        "could not broadcast input array from shape \(shapeDescription(value.shape)) into shape \(shapeDescription(outShape))")
    }
    let source = value.converted(to: dtype)
    switch storage {
    case .double(var v):
      let s = Broadcast.expand(source.doubles, source.shape, to: outShape)
      storage = .int([])  // release the reference so `v` is uniquely owned
      for (k, o) in offsets.enumerated() { v[o] = s[k] }
      storage = .double(v)
    case .int(var v):
      let s = Broadcast.expand(source.ints, source.shape, to: outShape)
      storage = .bool([])
      for (k, o) in offsets.enumerated() { v[o] = s[k] }
      storage = .int(v)
    case .bool(var v):
      let s = Broadcast.expand(source.bools, source.shape, to: outShape)
      storage = .int([])
      for (k, o) in offsets.enumerated() { v[o] = s[k] }
      storage = .bool(v)
    }
  }
}
