import Foundation

extension Interpreter {
  func registerStringMethods() {
    let b = builtins
    func str(_ v: Value) -> String {
      if case .string(let s) = v { return s }
      return describe(v)
    }
    b.method([.string], "uppercased", "uppercased() -> String", "The string in upper case.") { v, _, _ in .string(str(v).uppercased()) }
    b.method([.string], "lowercased", "lowercased() -> String", "The string in lower case.") { v, _, _ in .string(str(v).lowercased()) }
    b.method([.string], "hasPrefix", "hasPrefix(_ prefix: String) -> Bool", "Whether the string begins with `prefix`.") { v, args, _ in
      .bool(str(v).hasPrefix(try Arg.string(args.bind("hasPrefix", [nil])[0]!, "prefix")))
    }
    b.method([.string], "hasSuffix", "hasSuffix(_ suffix: String) -> Bool", "Whether the string ends with `suffix`.") { v, args, _ in
      .bool(str(v).hasSuffix(try Arg.string(args.bind("hasSuffix", [nil])[0]!, "suffix")))
    }
    b.method([.string], "split", "split(separator: Character, maxSplits: Int = Int.max, omittingEmptySubsequences: Bool = true) -> [String]", "The pieces between separators.") { v, args, _ in
      let p = try args.bind("split", ["separator", "maxSplits", "omittingEmptySubsequences"], optional: ["maxSplits", "omittingEmptySubsequences"])
      let sep = try Arg.string(p[0]!, "separator")
      let maxSplits = try p[1].map { try Arg.int($0, "maxSplits") } ?? Int.max
      let omit = try p[2].map { try Arg.bool($0, "omittingEmptySubsequences") } ?? true
      let s = str(v)
      let pieces: [Substring]
      if sep.count == 1 {
        pieces = s.split(separator: Character(sep), maxSplits: maxSplits, omittingEmptySubsequences: omit)
      } else {
        pieces = s.split(separator: sep, maxSplits: maxSplits, omittingEmptySubsequences: omit)
      }
      return .array(ArrayValue(pieces.map { .string(String($0)) }, elementType: .string))
    }
    b.method([.string], "components", "components(separatedBy: String) -> [String]", "The pieces between occurrences of the separator (empty pieces kept).") { v, args, _ in
      let sep = try Arg.string(args.bind("components", ["separatedBy"])[0]!, "separatedBy")
      return .array(ArrayValue(str(v).components(separatedBy: sep).map { .string($0) }, elementType: .string))
    }
    b.method([.string], "replacingOccurrences", "replacingOccurrences(of: String, with: String) -> String", "The string with every occurrence replaced.") { v, args, _ in
      let p = try args.bind("replacingOccurrences", ["of", "with"])
      return .string(str(v).replacingOccurrences(of: try Arg.string(p[0]!, "of"), with: try Arg.string(p[1]!, "with")))
    }
    b.method([.string], "trimmingCharacters", "trimmingCharacters(in: .whitespaces)", "The string without leading and trailing whitespace.") { v, _, _ in
      .string(str(v).trimmingCharacters(in: .whitespacesAndNewlines))
    }
    b.method([.string], "trimmed", "trimmed() -> String", "The string without leading and trailing whitespace and newlines.") { v, _, _ in
      .string(str(v).trimmingCharacters(in: .whitespacesAndNewlines))
    }
    b.method([.string], "padding", "padding(toLength: Int, withPad: String, startingAt: Int) -> String", "The string padded or cut to a length.") { v, args, _ in
      let p = try args.bind("padding", ["toLength", "withPad", "startingAt"], optional: ["startingAt"])
      return .string(str(v).padding(toLength: try Arg.int(p[0]!, "toLength"), withPad: try Arg.string(p[1]!, "withPad"), startingAt: 0))
    }
    // Character properties (a Character is a one-character String here).
    let charProps: [(String, (Character) -> Value, String)] = [
      ("isLetter", { .bool($0.isLetter) }, "Whether the character is a letter."),
      ("isNumber", { .bool($0.isNumber) }, "Whether the character is numeric."),
      ("isWholeNumber", { .bool($0.isWholeNumber) }, "Whether the character is a digit."),
      ("isWhitespace", { .bool($0.isWhitespace) }, "Whether the character is whitespace."),
      ("isUppercase", { .bool($0.isUppercase) }, "Whether the character is upper case."),
      ("isLowercase", { .bool($0.isLowercase) }, "Whether the character is lower case."),
      ("isPunctuation", { .bool($0.isPunctuation) }, "Whether the character is punctuation."),
      ("isHexDigit", { .bool($0.isHexDigit) }, "Whether the character is a hex digit."),
      ("isASCII", { .bool($0.isASCII) }, "Whether the character is ASCII."),
      ("asciiValue", { $0.asciiValue.map { .some(.int(Int($0))) } ?? .nilValue }, "The ASCII code, or nil."),
      ("wholeNumberValue", { $0.wholeNumberValue.map { .some(.int($0)) } ?? .nilValue }, "The digit's value, or nil."),
    ]
    for (name, f, doc) in charProps {
      b.property([.string], name, doc) { v in
        let s = str(v)
        guard s.count == 1, let c = s.first else {
          throw HostError("'\(name)' is a Character property; this String has \(s.count) characters", kind: "TypeError")
        }
        return f(c)
      }
    }
    b.property([.string], "utf8Count", "The number of UTF-8 bytes.") { v in .int(str(v).utf8.count) }
  }

  func registerNumericMethods() {
    let b = builtins
    b.method([.int], "isMultiple", "isMultiple(of: Int) -> Bool", "Whether the value is a multiple of the other.") { v, args, _ in
      guard case .int(let i) = v else { return .bool(false) }
      return .bool(i.isMultiple(of: try Arg.int(args.bind("isMultiple", ["of"])[0]!, "of")))
    }
    b.method([.int], "signum", "signum() -> Int", "−1, 0 or 1.") { v, _, _ in
      guard case .int(let i) = v else { return v }
      return .int(i.signum())
    }
    b.method([.int], "quotientAndRemainder", "quotientAndRemainder(dividingBy: Int) -> (quotient: Int, remainder: Int)", "Truncating division and its remainder.") { v, args, _ in
      guard case .int(let i) = v else { return v }
      let d = try Arg.int(args.bind("quotientAndRemainder", ["dividingBy"])[0]!, "dividingBy")
      guard d != 0 else { throw HostError("division by zero", kind: "ZeroDivisionError") }
      let r = i.quotientAndRemainder(dividingBy: d)
      return .tuple(TupleValue([.int(r.quotient), .int(r.remainder)], labels: ["quotient", "remainder"]))
    }
    b.property([.int, .double], "magnitude", "The absolute value.") { v in
      switch v {
      case .int(let i): return .int(Int(exactly: i.magnitude) ?? Int.max)
      case .double(let d): return .double(d.magnitude)
      default: return v
      }
    }
    let doubleProps: [(String, (Double) -> Value, String)] = [
      ("isNaN", { .bool($0.isNaN) }, "Whether the value is NaN."),
      ("isInfinite", { .bool($0.isInfinite) }, "Whether the value is ±∞."),
      ("isFinite", { .bool($0.isFinite) }, "Whether the value is neither NaN nor ±∞."),
      ("isZero", { .bool($0.isZero) }, "Whether the value is ±0."),
      ("ulp", { .double($0.ulp) }, "The unit in the last place."),
    ]
    for (name, f, doc) in doubleProps {
      b.property([.double], name, doc) { v in
        guard case .double(let d) = v else { return v }
        return f(d)
      }
    }
    b.method([.double], "squareRoot", "squareRoot() -> Double", "The square root.") { v, _, _ in
      guard case .double(let d) = v else { return v }
      return .double(d.squareRoot())
    }
    b.method([.double], "rounded", "rounded() -> Double", "Rounded to the nearest integer, halves away from zero.") { v, _, _ in
      guard case .double(let d) = v else { return v }
      return .double(d.rounded())
    }
    b.method([.double], "truncatingRemainder", "truncatingRemainder(dividingBy: Double) -> Double", "The remainder of truncating division (C's fmod).") { v, args, _ in
      guard case .double(let d) = v else { return v }
      return .double(d.truncatingRemainder(dividingBy: try Arg.double(args.bind("truncatingRemainder", ["dividingBy"])[0]!, "dividingBy")))
    }
    b.method([.double], "remainder", "remainder(dividingBy: Double) -> Double", "The IEEE remainder.") { v, args, _ in
      guard case .double(let d) = v else { return v }
      return .double(d.remainder(dividingBy: try Arg.double(args.bind("remainder", ["dividingBy"])[0]!, "dividingBy")))
    }
    b.mutating([.bool], "toggle", "toggle()", "Flips the Bool in place.") { v, _, _ in
      if case .bool(let x) = v { v = .bool(!x) }
      return .void
    }
  }
}
