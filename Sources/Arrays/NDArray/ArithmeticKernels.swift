import Foundation

/// The scalar kernels behind `applying(_:_:)`: contiguous Double loops and NumPy's
/// integer and floating floor division, remainder and power.
///
/// References: NumPy `npy_math_internal.h.src` (`npy_divmod`).
extension NDArray {
  /// Direct loops for + − × ÷ on Doubles of the same shape or with a scalar operand;
  /// nil when the operands need general broadcasting.
  static func fastArithmetic(_ op: BinaryOperation, _ x: [Double], _ y: [Double], _ xs: [Int], _ ys: [Int]) -> [Double]? {
    guard xs == ys || y.count == 1 || (x.count == 1 && xs.count <= ys.count) else { return nil }
    guard [.add, .subtract, .multiply, .divide].contains(op) else { return nil }
    let n = Swift.max(x.count, y.count)
    return x.withUnsafeBufferPointer { a in
      y.withUnsafeBufferPointer { b in
        [Double](unsafeUninitializedCapacity: n) { out, count in
          let o = out.baseAddress!
          let pa = a.baseAddress!
          let pb = b.baseAddress!
          if a.count == b.count {
            switch op {
            case .add: for i in 0..<n { o[i] = pa[i] + pb[i] }
            case .subtract: for i in 0..<n { o[i] = pa[i] - pb[i] }
            case .multiply: for i in 0..<n { o[i] = pa[i] * pb[i] }
            default: for i in 0..<n { o[i] = pa[i] / pb[i] }
            }
          } else if b.count == 1 {
            let s = pb[0]
            switch op {
            case .add: for i in 0..<n { o[i] = pa[i] + s }
            case .subtract: for i in 0..<n { o[i] = pa[i] - s }
            case .multiply: for i in 0..<n { o[i] = pa[i] * s }
            default: for i in 0..<n { o[i] = pa[i] / s }
            }
          } else {
            let s = pa[0]
            switch op {
            case .add: for i in 0..<n { o[i] = s + pb[i] }
            case .subtract: for i in 0..<n { o[i] = s - pb[i] }
            case .multiply: for i in 0..<n { o[i] = s * pb[i] }
            default: for i in 0..<n { o[i] = s / pb[i] }
            }
          }
          count = n
        }
      }
    }
  }

  /// Python/NumPy floor division of integers; 0 when dividing by 0.
  static func floorDivide(_ a: Int, _ b: Int) -> Int {
    if b == 0 { return 0 }
    if b == -1 { return 0 &- a }
    let q = a / b
    return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q
  }

  /// Python/NumPy remainder of integers (sign of the divisor); 0 when dividing by 0.
  static func floorRemainder(_ a: Int, _ b: Int) -> Int {
    if b == 0 || b == -1 { return 0 }
    let r = a % b
    return r != 0 && ((r < 0) != (b < 0)) ? r + b : r
  }

  /// aᵇ for b ≥ 0 by repeated squaring, wrapping on overflow as NumPy does.
  static func integerPower(_ a: Int, _ b: Int) -> Int {
    var result = 1
    var base = a
    var exponent = b
    while exponent > 0 {
      if exponent & 1 == 1 { result = result &* base }
      base = base &* base
      exponent >>= 1
    }
    return result
  }

  /// NumPy's `npy_divmod` for doubles: floor quotient and remainder with the divisor's sign.
  static func floorDivmod(_ a: Double, _ b: Double) -> (quotient: Double, remainder: Double) {
    var mod = Foundation.fmod(a, b)
    if b == 0 { return (a / b, mod) }
    var div = (a - mod) / b
    if mod != 0 {
      if (b < 0) != (mod < 0) {
        mod += b
        div -= 1
      }
    } else {
      mod = Double(signOf: b, magnitudeOf: 0)
    }
    var floorDiv: Double
    if div != 0 {
      floorDiv = div.rounded(.down)
      if div - floorDiv > 0.5 { floorDiv += 1 }
    } else {
      floorDiv = Double(signOf: a / b, magnitudeOf: 0)
    }
    return (floorDiv, mod)
  }
}
