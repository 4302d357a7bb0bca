/// Size limits that turn impossible allocations into errors instead of crashes.
public enum ArrayLimits {
  /// The most elements one array (or one random draw call) may hold: 2²⁸, which is
  /// 2 GiB of Doubles. Larger requests throw rather than exhaust memory.
  public static let maximumElementCount = 1 << 28

  /// The number of elements of `shape`, or nil if an extent is negative or the product
  /// of the nonzero extents exceeds `maximumElementCount` (so that no partial product
  /// of a valid shape can overflow, even for an empty array).
  public static func elementCount(_ shape: [Int]) -> Int? {
    guard shape.allSatisfy({ $0 >= 0 }) else { return nil }
    var total = 1
    for extent in shape where extent > 0 {
      let (product, overflow) = total.multipliedReportingOverflow(by: extent)
      guard !overflow, product <= maximumElementCount else { return nil }
      total = product
    }
    return shape.contains(0) ? 0 : total
  }

  /// Throws unless `shape` is a valid result shape that fits in the memory budget.
  static func check(_ shape: [Int]) throws {
    guard let count = elementCount(shape) else { throw ArrayError.invalidArgument(message(shape)) }
    try reserve(count)
  }

  /// Throws `MemoryBudgetError` if `count` 8-byte elements would pass the process's
  /// memory budget (see `MemoryBudget`).
  public static func reserve(_ count: Int) throws {
    try MemoryBudget.check(count: count, stride: 8)
  }

  /// The message for a shape `elementCount` rejects.
  static func message(_ shape: [Int]) -> String {
    shape.contains { $0 < 0 }
      ? "negative dimensions are not allowed"
      : "array of shape \(shapeDescription(shape)) is too large (the limit is \(maximumElementCount) elements)"
  }

  /// Validates a requested element count.
  static func checkCount(_ count: Int) throws {
    guard count >= 0 else { throw ArrayError.invalidArgument("negative dimensions are not allowed") }
    guard count <= maximumElementCount else {
      throw ArrayError.invalidArgument("\(count) elements is too large (the limit is \(maximumElementCount) elements)")
    }
    try reserve(count)
  }
}
