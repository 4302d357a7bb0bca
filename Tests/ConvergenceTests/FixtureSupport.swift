import Foundation
import Testing

/// Loads the JSON fixtures written by `scripts/fixtures/make_convergence_fixtures.py`
/// (ArviZ 0.23; doubles as round-trip decimal strings, "nan", "inf").
enum Fixture {
  static func load(_ name: String) throws -> [String: Any] {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
      "missing fixture \(name).json")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    return try #require(native(json) as? [String: Any])
  }

  /// The JSON tree as native Swift values (String; NSNumber kept for numbers and Bools), so
  /// parallel tests never share bridged Foundation strings.
  static func native(_ v: Any) -> Any {
    if let d = v as? [String: Any] { return d.mapValues(native) }
    if let a = v as? [Any] { return a.map(native) }
    if let s = v as? String { return String(decoding: Array(s.utf8), as: UTF8.self) }
    return v
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
