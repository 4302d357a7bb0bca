import Foundation
import Testing

/// Loads the JSON fixtures written by `scripts/fixtures/make_convergence_fixtures.py`
/// (ArviZ 0.23; doubles as round-trip decimal strings, "nan", "inf").
enum Fixture {
  static func load(_ name: String) throws -> [String: Any] {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
      "missing fixture \(name).json")
    return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  }

  static func number(_ value: Any?) -> Double? {
    if let s = value as? String { return Double(s) }
    return (value as? NSNumber)?.doubleValue
  }

  static func numbers(_ value: Any?) -> [Double] {
    ((value as? [Any]) ?? []).map { number($0) ?? .nan }
  }
}

/// |a − b| ≤ rel·max(|a|, |b|) (+ abs), NaN equal to NaN, infinities equal when equal.
func close(_ a: Double, _ b: Double, rel: Double = 1e-8, abs: Double = 0) -> Bool {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
  if a.isInfinite || b.isInfinite { return a == b }
  return Swift.abs(a - b) <= rel * Swift.max(Swift.abs(a), Swift.abs(b)) + abs
}
