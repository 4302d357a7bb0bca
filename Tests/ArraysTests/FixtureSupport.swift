import Foundation
import Testing

/// Loads the JSON fixtures written by `scripts/fixtures/make_arrays_fixtures.py`.
enum Fixture {
  static func load(_ name: String) throws -> Any {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
      "missing fixture \(name).json")
    return try JSONSerialization.jsonObject(with: Data(contentsOf: url))
  }

  /// A double stored as the hex of its IEEE-754 bits.
  static func double(fromBits hex: String) -> Double {
    Double(bitPattern: UInt64(hex, radix: 16)!)
  }

  static func doubles(fromBits value: Any?) -> [Double] {
    ((value as? [String]) ?? []).map(double(fromBits:))
  }

  static func ints(_ value: Any?) -> [Int] {
    ((value as? [Any]) ?? []).map { ($0 as! NSNumber).intValue }
  }

  /// A double stored as a decimal string (parsed by Swift, correctly rounded) or number.
  static func number(_ value: Any) -> Double {
    if let s = value as? String { return Double(s) ?? .nan }
    return (value as? NSNumber)?.doubleValue ?? .nan
  }

  static func numbers(_ value: Any?) -> [Double] {
    ((value as? [Any]) ?? []).map(number)
  }
}
