/// Array constructors named as in NumPy.
extension NDArray {
  static func checkShape(_ shape: [Int]) throws {
    guard let count = ArrayLimits.elementCount(shape) else {
      throw ArrayError.invalidArgument(ArrayLimits.message(shape))
    }
    try ArrayLimits.reserve(count)
  }

  /// An array of `shape` filled with `value` (`np.full`).
  /// - Throws: `ArrayError.invalidArgument` for a negative extent.
  public static func full(_ shape: [Int], _ value: Double) throws -> NDArray {
    try checkShape(shape)
    return NDArray(unchecked: .double(Array(repeating: value, count: ArrayLimits.elementCount(shape)!)), shape: shape)
  }

  /// An Int array of `shape` filled with `value`.
  public static func full(_ shape: [Int], _ value: Int) throws -> NDArray {
    try checkShape(shape)
    return NDArray(unchecked: .int(Array(repeating: value, count: ArrayLimits.elementCount(shape)!)), shape: shape)
  }

  /// Zeros of `shape` (`np.zeros`, Double).
  public static func zeros(_ shape: [Int]) throws -> NDArray { try full(shape, 0.0) }
  /// Ones of `shape` (`np.ones`, Double).
  public static func ones(_ shape: [Int]) throws -> NDArray { try full(shape, 1.0) }

  /// The n×m identity-like matrix with ones on diagonal `k` (`np.eye`).
  public static func eye(_ n: Int, _ m: Int? = nil, k: Int = 0) throws -> NDArray {
    let columns = m ?? n
    try checkShape([n, columns])
    var values = [Double](repeating: 0, count: n * columns)
    for i in 0..<n where i + k >= 0 && i + k < columns { values[i * columns + i + k] = 1 }
    return NDArray(unchecked: .double(values), shape: [n, columns])
  }

  /// `count` evenly spaced values from `start` to `stop` (`np.linspace`), computed as
  /// NumPy does: start + i·step with step = (stop − start)/(count − 1) and the last
  /// value set to `stop` exactly when `endpoint`.
  /// - Throws: `ArrayError.invalidArgument` for a negative count.
  public static func linspace(_ start: Double, _ stop: Double, _ count: Int, endpoint: Bool = true) throws -> NDArray {
    guard count >= 0 else {
      throw ArrayError.invalidArgument("Number of samples, \(count), must be non-negative.")
    }
    try ArrayLimits.checkCount(count)
    let divisions = Double(endpoint ? count - 1 : count)
    let delta = stop - start
    var values = [Double](repeating: 0, count: count)
    if divisions > 0 {
      let step = delta / divisions
      if step == 0 {
        for i in 0..<count { values[i] = (Double(i) / divisions) * delta + start }
      } else {
        for i in 0..<count { values[i] = Double(i) * step + start }
      }
    } else {
      for i in 0..<count { values[i] = Double(i) * delta + start }
    }
    if endpoint && count > 1 { values[count - 1] = stop }
    return NDArray(unchecked: .double(values), shape: [count])
  }

  /// Integers start, start + step, … below `stop` (`np.arange` with Ints).
  /// - Throws: `ArrayError.invalidArgument("Maximum allowed size exceeded")` for step 0.
  public static func arange(_ start: Int, _ stop: Int, step: Int = 1) throws -> NDArray {
    guard step != 0 else { throw ArrayError.invalidArgument("Maximum allowed size exceeded") }
    let (span, overflow) = stop.subtractingReportingOverflow(start)
    if !overflow && span / step > ArrayLimits.maximumElementCount || overflow {
      throw ArrayError.invalidArgument("Maximum allowed size exceeded")
    }
    return NDArray(Array(stride(from: start, to: stop, by: step)))
  }

  /// Doubles start + i·step below `stop` (`np.arange` with floats): length
  /// ⌈(stop − start)/step⌉, values start + i·step as NumPy computes them.
  public static func arange(_ start: Double, _ stop: Double, step: Double = 1) throws -> NDArray {
    guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
      throw ArrayError.invalidArgument("arange requires finite bounds and a nonzero step")
    }
    let length = ((stop - start) / step).rounded(.up)
    guard length <= Double(ArrayLimits.maximumElementCount) else {
      throw ArrayError.invalidArgument("Maximum allowed size exceeded")
    }
    let n = Swift.max(0, Int(length))
    // NumPy fills the first two values and then adds the delta repeatedly via `fill`,
    // which computes start + i·delta with delta = (start + step) − start.
    let delta = (start + step) - start
    return NDArray((0..<n).map { $0 == 0 ? start : start + Double($0) * delta })
  }
}
