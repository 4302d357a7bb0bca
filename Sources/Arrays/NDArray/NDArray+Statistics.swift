/// Variance, standard deviation and product along an axis, in NumPy's arithmetic:
/// var = Σ(x − mean)²/(n − ddof) with both sums pairwise.
extension NDArray {
  /// Variance along `axis` with `ddof` delta degrees of freedom: Σ(x − x̄)²/(n − ddof),
  /// NaN or ∞ when n − ddof ≤ 0, as NumPy.
  public func variance(axis: Int? = nil, ddof: Int = 0, keepDimensions: Bool = false) throws -> NDArray {
    let layout = try reductionLayout(axis)
    if axis == nil, case .double(let v) = storage {
      // The same arithmetic as the general path, without intermediate arrays of shape.
      let n = Double(v.count)
      let squares = v.withUnsafeBufferPointer { p -> [Double] in
        let mean = Self.pairwiseSum(p, 0, p.count, 1) / n
        return [Double](unsafeUninitializedCapacity: p.count) { out, count in
          for i in 0..<p.count {
            let d = p[i] - mean
            out[i] = d * d
          }
          count = p.count
        }
      }
      let total = squares.withUnsafeBufferPointer { Self.pairwiseSum($0, 0, $0.count, 1) }
      let result = NDArray(scalar: total / Double(Swift.max(v.count - ddof, 0)))
      return keepDimensions ? try keepingDimensions(result, nil) : result
    }
    let x = converted(to: .double)
    let means = try x.mean(axis: axis, keepDimensions: true)
    let deviations = try x.applying(.subtract, means)
    let squares = NDArray(unchecked: .double(deviations.doubles.map { $0 * $0 }), shape: deviations.shape)
    let sums = try squares.sum(axis: axis, keepDimensions: keepDimensions)
    let divisor = Double(Swift.max(layout.length - ddof, 0))
    return NDArray(unchecked: .double(sums.doubles.map { $0 / divisor }), shape: sums.shape)
  }

  /// Standard deviation: √variance.
  public func standardDeviation(axis: Int? = nil, ddof: Int = 0, keepDimensions: Bool = false) throws -> NDArray {
    let v = try variance(axis: axis, ddof: ddof, keepDimensions: keepDimensions)
    return NDArray(unchecked: .double(v.doubles.map { $0.squareRoot() }), shape: v.shape)
  }

  /// Product along `axis` (sequential, as NumPy); Int for Int and Bool input.
  public func product(axis: Int? = nil, keepDimensions: Bool = false) throws -> NDArray {
    let layout = try reductionLayout(axis)
    let result: NDArray
    if dtype == .double {
      let products = Self.reduceDoubles(doubles, layout) { p, base, n, stride in
        var r = 1.0
        for k in 0..<n { r *= p[base + k * stride] }
        return r
      }
      result = NDArray(unchecked: .double(products), shape: layout.outShape)
    } else {
      let v = ints
      var products = [Int](repeating: 1, count: layout.outer * layout.inner)
      for o in 0..<layout.outer {
        for k in 0..<layout.length {
          let row = (o * layout.length + k) * layout.inner
          for i in 0..<layout.inner { products[o * layout.inner + i] &*= v[row + i] }
        }
      }
      result = NDArray(unchecked: .int(products), shape: layout.outShape)
    }
    return keepDimensions ? try keepingDimensions(result, axis) : result
  }
}
