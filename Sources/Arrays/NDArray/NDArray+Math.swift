import Foundation
internal import _ArraysKernels

extension NDArray {
  /// Applies `function` elementwise. Integer and Bool inputs become Double except for
  /// the integer-preserving functions (abs, sign, square, floor, ceil, round, trunc);
  /// the predicates (isnan, isinf, isfinite, logicalNot) give Bool.
  public func applying(_ function: UnaryFunction) -> NDArray {
    if function.isPredicate {
      let result: [Bool]
      switch (function, storage) {
      case (.logicalNot, _): result = bools.map { !$0 }
      case (.isnan, .double(let v)): result = v.map(\.isNaN)
      case (.isinf, .double(let v)): result = v.map(\.isInfinite)
      case (.isfinite, .double(let v)): result = v.map(\.isFinite)
      case (.isfinite, _): result = [Bool](repeating: true, count: size)
      default: result = [Bool](repeating: false, count: size)
      }
      return NDArray(unchecked: .bool(result), shape: shape)
    }
    if function.preservesInt, dtype != .double {
      let v = ints
      let result: [Int]
      switch function {
      case .abs: result = v.map { $0 < 0 ? 0 &- $0 : $0 }
      case .sign: result = v.map { $0.signum() }
      case .square: result = v.map { $0 &* $0 }
      default: result = v
      }
      return NDArray(unchecked: .int(result), shape: shape)
    }
    let values = doubles
    switch function {  // direct loops for the cheap functions; a call per element costs more
    case .sqrt, .abs, .square:
      let result = values.withUnsafeBufferPointer { p in
        [Double](unsafeUninitializedCapacity: p.count) { out, count in
          let (src, dst) = (p.baseAddress!, out.baseAddress!)
          switch function {  // separate loops so each vectorizes
          case .sqrt: arrays_sqrt(src, dst, p.count)  // packed SSE2 square roots
          case .abs: for i in 0..<p.count { dst[i] = Swift.abs(src[i]) }
          default: for i in 0..<p.count { dst[i] = src[i] * src[i] }
          }
          count = p.count
        }
      }
      return NDArray(unchecked: .double(result), shape: shape)
    case .exp: return NDArray(unchecked: .double(Self.mapDoubles(values) { Foundation.exp($0) }), shape: shape)
    case .log: return NDArray(unchecked: .double(Self.mapDoubles(values) { Foundation.log($0) }), shape: shape)
    default:
      let f = function.double
      return NDArray(unchecked: .double(Self.mapDoubles(values, f)), shape: shape)
    }
  }

  @inline(__always)
  static func mapDoubles(_ values: [Double], _ f: (Double) -> Double) -> [Double] {
    values.withUnsafeBufferPointer { p in
      [Double](unsafeUninitializedCapacity: p.count) { out, n in
        for i in 0..<p.count { out[i] = f(p[i]) }
        n = p.count
      }
    }
  }

  /// Rounds to `decimals` places as `np.round` does: rint(x·10ᵈ)/10ᵈ, halves to even.
  public func rounded(decimals: Int) -> NDArray {
    if decimals == 0 || dtype != .double { return applying(.round) }
    let scale = Foundation.pow(10.0, Double(Swift.abs(decimals)))
    let f: (Double) -> Double =
      decimals > 0
      ? { ($0 * scale).rounded(.toNearestOrEven) / scale }
      : { ($0 / scale).rounded(.toNearestOrEven) * scale }
    return NDArray(unchecked: .double(Self.mapDoubles(doubles, f)), shape: shape)
  }

  /// Clips every element into [lower, upper] (`np.clip`); NaN stays NaN.
  public func clipped(_ lower: Double, _ upper: Double) -> NDArray {
    if dtype != .double, lower.rounded() == lower, upper.rounded() == upper,
      Swift.abs(lower) < 9e18, Swift.abs(upper) < 9e18
    {
      let lo = Int(lower)
      let hi = Int(upper)
      return NDArray(unchecked: .int(ints.map { Swift.min(Swift.max($0, lo), hi) }), shape: shape)
    }
    return NDArray(unchecked: .double(Self.mapDoubles(doubles) { $0.isNaN ? $0 : Swift.min(Swift.max($0, lower), upper) }), shape: shape)
  }

  /// `np.where(condition, a, b)`: elements of `a` where `condition` holds, else `b`,
  /// all three broadcast together; the result type is the promotion of `a` and `b`.
  /// - Throws: `ArrayError.broadcast` naming the three shapes.
  public static func `where`(_ condition: NDArray, _ a: NDArray, _ b: NDArray) throws -> NDArray {
    guard let outShape = Broadcast.shape([condition.shape, a.shape, b.shape]) else {
      throw ArrayError.broadcast([condition.shape, a.shape, b.shape])
    }
    try ArrayLimits.check(outShape)
    let c = Broadcast.expand(condition.bools, condition.shape, to: outShape)
    let dtype = Swift.max(a.dtype, b.dtype)
    let x = a.converted(to: dtype)
    let y = b.converted(to: dtype)
    func pick<T>(_ xs: [T], _ ys: [T]) -> [T] {
      let xe = Broadcast.expand(xs, x.shape, to: outShape)
      let ye = Broadcast.expand(ys, y.shape, to: outShape)
      return c.indices.map { c[$0] ? xe[$0] : ye[$0] }
    }
    switch dtype {
    case .double: return NDArray(unchecked: .double(pick(x.doubles, y.doubles)), shape: outShape)
    case .int: return NDArray(unchecked: .int(pick(x.ints, y.ints)), shape: outShape)
    case .bool: return NDArray(unchecked: .bool(pick(x.bools, y.bools)), shape: outShape)
    }
  }
}
