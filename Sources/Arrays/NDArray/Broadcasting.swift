/// NumPy broadcasting: shapes are aligned on their last axes; an extent of 1 stretches
/// to match the other operand; missing leading axes count as 1.
///
/// References: NumPy manual, "Broadcasting" (numpy.org/doc/stable/user/basics.broadcasting).
enum Broadcast {
  /// The broadcast shape of `shapes`, or `nil` when they are incompatible.
  static func shape(_ shapes: [[Int]]) -> [Int]? {
    let ndim = shapes.map(\.count).max() ?? 0
    var result = [Int](repeating: 1, count: ndim)
    for shape in shapes {
      let offset = ndim - shape.count
      for (i, extent) in shape.enumerated() {
        let current = result[offset + i]
        if current == extent || extent == 1 { continue }
        if current == 1 { result[offset + i] = extent } else { return nil }
      }
    }
    return result
  }

  /// Row-major strides for a contiguous array of `shape`.
  static func strides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var step = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) {
      strides[axis] = step
      step *= shape[axis]
    }
    return strides
  }

  /// Strides of `shape` viewed as `outShape`: 0 along stretched or missing axes.
  static func strides(_ shape: [Int], broadcastTo outShape: [Int]) -> [Int] {
    let own = strides(shape)
    let offset = outShape.count - shape.count
    return (0..<outShape.count).map { axis in
      axis < offset || shape[axis - offset] == 1 ? 0 : own[axis - offset]
    }
  }

  /// Calls `body(outIndex, aOffset, bOffset)` for every element of `outShape` in
  /// row-major order, with the offsets of the broadcast operands.
  @inline(__always)
  static func forEach(
    _ outShape: [Int], _ aStrides: [Int], _ bStrides: [Int], _ body: (Int, Int, Int) -> Void
  ) {
    let ndim = outShape.count
    let total = outShape.reduce(1, *)
    if total == 0 { return }
    if ndim == 0 {
      body(0, 0, 0)
      return
    }
    let inner = outShape[ndim - 1]
    let aInner = aStrides[ndim - 1]
    let bInner = bStrides[ndim - 1]
    var counter = [Int](repeating: 0, count: ndim)
    var aBase = 0
    var bBase = 0
    var out = 0
    while out < total {
      var a = aBase
      var b = bBase
      for _ in 0..<inner {
        body(out, a, b)
        out += 1
        a += aInner
        b += bInner
      }
      // Advance the odometer over the outer axes.
      var axis = ndim - 2
      while axis >= 0 {
        counter[axis] += 1
        aBase += aStrides[axis]
        bBase += bStrides[axis]
        if counter[axis] < outShape[axis] { break }
        aBase -= aStrides[axis] * outShape[axis]
        bBase -= bStrides[axis] * outShape[axis]
        counter[axis] = 0
        axis -= 1
      }
    }
  }

  /// Applies `f` elementwise over broadcast operands into a new contiguous array.
  @inline(__always)
  static func combine<A, B, R>(
    _ a: [A], _ aShape: [Int], _ b: [B], _ bShape: [Int], _ outShape: [Int],
    _ f: (A, B) -> R
  ) -> [R] {
    let total = outShape.reduce(1, *)
    return a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        [R](unsafeUninitializedCapacity: total) { out, initialized in
          if aShape == bShape {
            for i in 0..<total { (out.baseAddress! + i).initialize(to: f(pa[i], pb[i])) }
          } else if pb.count == 1 {
            let y = pb[0]
            for i in 0..<total { (out.baseAddress! + i).initialize(to: f(pa[i], y)) }
          } else if pa.count == 1 && total == pb.count {
            let x = pa[0]
            for i in 0..<total { (out.baseAddress! + i).initialize(to: f(x, pb[i])) }
          } else {
            let sa = strides(aShape, broadcastTo: outShape)
            let sb = strides(bShape, broadcastTo: outShape)
            forEach(outShape, sa, sb) { o, i, j in (out.baseAddress! + o).initialize(to: f(pa[i], pb[j])) }
          }
          initialized = total
        }
      }
    }
  }

  /// Copies `values` of `shape` broadcast to `outShape`.
  static func expand<T>(_ values: [T], _ shape: [Int], to outShape: [Int]) -> [T] {
    if shape == outShape { return values }
    let total = outShape.reduce(1, *)
    let sa = strides(shape, broadcastTo: outShape)
    var result: [T] = []
    result.reserveCapacity(total)
    forEach(outShape, sa, sa) { _, i, _ in result.append(values[i]) }
    return result
  }
}
