/// Matrix products.
extension NDArray {
  /// The matrix product (`np.matmul`, the `@` operator) of 1-d and 2-d arrays:
  /// (n,k)·(k,m) → (n,m); a 1-d left operand is a row, a 1-d right operand a column,
  /// and the added axis is removed afterwards. Int·Int stays Int.
  /// - Throws: `ArrayError.shapeMismatch` with NumPy's core-dimension message, or
  ///   `.invalidArgument` for 0-d or more than 2-d operands.
  public func matmul(_ other: NDArray) throws -> NDArray {
    guard (1...2).contains(ndim), (1...2).contains(other.ndim) else {
      throw ArrayError.invalidArgument(
        "matmul: operands must be 1-d or 2-d arrays, not \(ndim)-d and \(other.ndim)-d")
    }
    let a = ndim == 1 ? NDArray(unchecked: storage, shape: [1, shape[0]]) : self
    let b = other.ndim == 1 ? NDArray(unchecked: other.storage, shape: [other.shape[0], 1]) : other
    let (n, k, m) = (a.shape[0], a.shape[1], b.shape[1])
    guard b.shape[0] == k else {
      throw ArrayError.shapeMismatch(
        "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size \(b.shape[0]) is different from \(k))")
    }
    try ArrayLimits.check([n, m])
    var outShape: [Int] = []
    if ndim == 2 { outShape.append(n) }
    if other.ndim == 2 { outShape.append(m) }
    if Swift.max(dtype, other.dtype) == .double {
      let x = a.doubles
      let y = b.doubles
      var out = [Double](repeating: 0, count: n * m)
      x.withUnsafeBufferPointer { px in
        y.withUnsafeBufferPointer { py in
          out.withUnsafeMutableBufferPointer { po in
            for i in 0..<n {
              for p in 0..<k {
                let xip = px[i * k + p]
                let row = p * m
                for j in 0..<m { po[i * m + j] += xip * py[row + j] }
              }
            }
          }
        }
      }
      return NDArray(unchecked: .double(out), shape: outShape)
    }
    let x = a.ints
    let y = b.ints
    var out = [Int](repeating: 0, count: n * m)
    for i in 0..<n {
      for p in 0..<k {
        for j in 0..<m { out[i * m + j] &+= x[i * k + p] &* y[p * m + j] }
      }
    }
    return NDArray(unchecked: .int(out), shape: outShape)
  }
}
