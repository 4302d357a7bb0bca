import Arrays
import Foundation
import Probability
import Testing

/// Shared helpers: fixture loading, tolerances, finite differences and a seeded stream.
enum Fixture {
  /// The parsed JSON of a committed fixture file.
  static func json(_ name: String) throws -> Any {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)
      ?? Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return try JSONSerialization.jsonObject(with: Data(contentsOf: url))
  }

  /// A double stored as its shortest round-trip string ("inf", "-inf", "nan" included).
  static func double(_ value: Any?) -> Double {
    guard let string = value as? String, let x = Double(string) else {
      Issue.record("not a number string: \(String(describing: value))")
      return .nan
    }
    return x
  }

  static func doubles(_ value: Any?) -> [Double] { (value as? [Any] ?? []).map { double($0) } }
}

/// |got − expected| ≤ tolerance · max(1, |expected|), with non-finite values equal.
func close(_ got: Double, _ expected: Double, _ tolerance: Double) -> Bool {
  if expected.isNaN { return got.isNaN }
  if !expected.isFinite { return got == expected }
  return Swift.abs(got - expected) <= tolerance * Swift.max(1, Swift.abs(expected))
}

/// Central difference of f at v with a step relative to |v|.
func centralDifference(_ v: Double, step: Double = 1e-6, _ f: (Double) -> Double) -> Double {
  let h = step * Swift.max(Swift.abs(v), 1e-3)
  return (f(v + h) - f(v - h)) / (2 * h)
}

/// Uniform in [low, high) from a stream.
func uniform(_ s: inout KeyStream, _ low: Double, _ high: Double) -> Double {
  low + (high - low) * s.nextDouble()
}

/// log-uniform in [low, high).
func logUniform(_ s: inout KeyStream, _ low: Double, _ high: Double) -> Double {
  Foundation.exp(uniform(&s, Foundation.log(low), Foundation.log(high)))
}
