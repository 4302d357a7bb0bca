import Foundation

extension Interpreter {
  func registerStandardLibrary() {
    registerGlobals()
    registerTypes()
    registerSequenceMethods()
    registerArrayMethods()
    registerStringMethods()
    registerDictionaryMethods()
    registerNumericMethods()
  }

  private func registerGlobals() {
    let b = builtins
    b.function("print", "print(_ items: Any..., separator: String = \" \", terminator: String = \"\\n\")",
      "Writes the textual representations of the items to standard output, separated by `separator` and followed by `terminator`.") { args, interp in
      var parts: [String] = []
      var separator = " ", terminator = "\n"
      for (v, l) in zip(args.values, args.labels) {
        switch l {
        case nil: parts.append(describe(v))
        case "separator": separator = try Arg.string(v, "separator")
        case "terminator": terminator = try Arg.string(v, "terminator")
        case let other?: throw HostError("print has no parameter '\(other)'", kind: "TypeError")
        }
      }
      interp.write(parts.joined(separator: separator) + terminator, .stdout)
      return .void
    }
    b.function("debugPrint", "debugPrint(_ items: Any..., separator: String = \" \", terminator: String = \"\\n\")",
      "Like `print`, but writes each item's debug description (strings keep their quotes).") { args, interp in
      let parts = zip(args.values, args.labels).filter { $0.1 == nil }.map { debugDescription($0.0) }
      let sep = try args.labeled("separator").map { try Arg.string($0, "separator") } ?? " "
      let term = try args.labeled("terminator").map { try Arg.string($0, "terminator") } ?? "\n"
      interp.write(parts.joined(separator: sep) + term, .stdout)
      return .void
    }
    b.function("printError", "printError(_ items: Any..., separator: String = \" \")",
      "Writes the items to standard error (shown in red in notebooks).") { args, interp in
      interp.write(args.values.map(describe).joined(separator: " ") + "\n", .stderr)
      return .void
    }
    b.function("readLine", "readLine(prompt: String = \"\") -> String?",
      "Reads a line of input from the user (in Jupyter, an input box). Returns nil when input is not available.") { args, interp in
      let prompt = try args.labeled("prompt").map { try Arg.string($0, "prompt") } ?? ""
      guard let read = interp.readInput else {
        throw HostError("input is not available here: the client did not allow stdin", kind: "StdinNotImplementedError")
      }
      return .some(.string(try read(prompt, false)))
    }
    b.function("abs", "abs(_ x: Int or Double) -> same type", "The absolute value of `x`. Overflows (an error) for Int.min.") { args, _ in
      guard args.count == 1 else { throw HostError("abs takes one argument", kind: "TypeError") }
      switch args[0] {
      case .int(let i):
        guard i != Int.min else { throw HostError("arithmetic overflow: abs(Int.min) does not fit in Int", kind: "OverflowError") }
        return .int(Swift.abs(i))
      case .double(let d): return .double(Swift.abs(d))
      case .host, .array: return try b.callHostFunction("abs", args)
      case let v: throw HostError("abs needs a number, not \(v.typeName)", kind: "TypeError")
      }
    }
    for name in ["min", "max"] {
      b.function(name, "\(name)(_ x: T, _ y: T, _ rest: T...) -> T", "The \(name == "min" ? "smallest" : "largest") of two or more comparable values.") { args, interp in
        guard args.count >= 2 else {
          throw HostError("\(name) needs at least two arguments; for an array use array.\(name)()", kind: "TypeError")
        }
        var best = args[0]
        for v in args.values.dropFirst() {
          let less = try interp.binary("<", v, best)
          let greater = try interp.binary(">", v, best)
          if case .bool(true) = (name == "min" ? less : greater) { best = v }
        }
        if case .double = best { return .double(try Arg.double(best, name)) }
        if args.values.contains(where: { if case .double = $0 { return true }; return false }) {
          return .double(try Arg.double(best, name))
        }
        return best
      }
    }
    b.function("zip", "zip(_ a: Sequence, _ b: Sequence) -> [(A, B)]", "Pairs up the elements of two sequences, stopping at the shorter one.") { args, interp in
      guard args.count == 2 else { throw HostError("zip takes two sequences", kind: "TypeError") }
      let x = try interp.collectElements(of: args[0]), y = try interp.collectElements(of: args[1])
      try interp.reserve(Swift.min(x.count, y.count))
      return .array(ArrayValue(zip(x, y).map { .tuple(TupleValue([$0, $1])) }))
    }
    b.function("stride", "stride(from: T, to: T, by: T) / stride(from: T, through: T, by: T)",
      "A sequence from `from` toward `to` (exclusive) or `through` (inclusive), stepping by `by`.") { args, _ in
      if let v = try? args.bind("stride", ["from", "to", "by"]) {
        return .host(StrideSequence(start: v[0]!, end: v[1]!, step: v[2]!, inclusive: false))
      }
      let v = try args.bind("stride", ["from", "through", "by"])
      return .host(StrideSequence(start: v[0]!, end: v[1]!, step: v[2]!, inclusive: true))
    }
    b.function("repeatElement", "repeatElement(_ element: T, count: Int) -> [T]", "A collection holding `element` `count` times.") { args, interp in
      let v = try args.bind("repeatElement", [nil, "count"])
      let n = try Arg.int(v[1]!, "count")
      guard n >= 0 && n <= maxElements else { throw HostError("count must be between 0 and \(maxElements), got \(n)", kind: "ValueError") }
      try interp.reserve(n)
      return .array(makeArrayLiteral(Array(repeating: v[0]!, count: n)))
    }
    b.function("sleep", "sleep(_ seconds: Double)", "Pauses the cell for `seconds` (an interrupt ends the pause).") { args, interp in
      let seconds = try Arg.double(try args.bind("sleep", [nil])[0]!, "seconds")
      guard seconds >= 0, seconds.isFinite else { throw HostError("sleep needs a finite, non-negative number of seconds", kind: "ValueError") }
      let end = Date().addingTimeInterval(seconds)
      while Date() < end {
        try interp.checkInterrupt()
        Thread.sleep(forTimeInterval: min(0.01, max(0, end.timeIntervalSinceNow)))
      }
      return .void
    }
    b.function("type", "type(of: value) -> Type", "The type of a value, as a name.") { args, _ in
      let v = try args.bind("type", ["of"])
      return .string(v[0]!.typeName)
    }
    b.function("fatalError", "fatalError(_ message: String = \"\") -> Never", "Stops the cell with an error carrying `message`.") { args, _ in
      throw HostError("fatal error" + (args.count > 0 ? ": " + describe(args[0]) : ""), kind: "FatalError")
    }
    b.function("precondition", "precondition(_ condition: Bool, _ message: String = \"\")", "Stops the cell with an error when `condition` is false.") { args, _ in
      if case .bool(false) = args[0] {
        throw HostError("precondition failed" + (args.count > 1 ? ": " + describe(args[1]) : ""), kind: "AssertionError")
      }
      return .void
    }
    b.values["assert"] = b.values["precondition"]
    b.docs["assert"] = BuiltinDoc(signature: "assert(_ condition: Bool, _ message: String = \"\")", doc: "Stops the cell with an error when `condition` is false.")

    // Foundation's math, which `import Foundation` brings in compiled Swift.
    let unary: [(String, (Double) -> Double, String)] = [
      ("sqrt", Foundation.sqrt, "The square root."), ("exp", Foundation.exp, "e raised to x."),
      ("log", Foundation.log, "The natural logarithm."), ("log2", Foundation.log2, "The base-2 logarithm."),
      ("log10", Foundation.log10, "The base-10 logarithm."), ("log1p", Foundation.log1p, "log(1 + x), accurate for small x."),
      ("expm1", Foundation.expm1, "exp(x) − 1, accurate for small x."), ("sin", Foundation.sin, "The sine."),
      ("cos", Foundation.cos, "The cosine."), ("tan", Foundation.tan, "The tangent."), ("asin", Foundation.asin, "The arcsine."),
      ("acos", Foundation.acos, "The arccosine."), ("atan", Foundation.atan, "The arctangent."), ("sinh", Foundation.sinh, "Hyperbolic sine."),
      ("cosh", Foundation.cosh, "Hyperbolic cosine."), ("tanh", Foundation.tanh, "Hyperbolic tangent."),
      ("floor", Foundation.floor, "Rounds toward −∞."), ("ceil", Foundation.ceil, "Rounds toward +∞."),
      ("round", Foundation.round, "Rounds to nearest, halves away from zero."), ("trunc", Foundation.trunc, "Rounds toward zero."),
      ("fabs", Foundation.fabs, "The absolute value."), ("cbrt", Foundation.cbrt, "The cube root."),
      ("erf", Foundation.erf, "The error function."), ("erfc", Foundation.erfc, "The complementary error function."),
      ("lgamma", Foundation.lgamma, "log|Γ(x)|."), ("tgamma", Foundation.tgamma, "Γ(x)."),
    ]
    for (name, fn, doc) in unary {
      b.function(name, "\(name)(_ x: Double) -> Double", doc) { args, _ in
        guard args.count == 1 else { throw HostError("\(name) takes one argument", kind: "TypeError") }
        if case .host = args[0] { return try b.callHostFunction(name, args) }
        if case .array = args[0] { return try b.callHostFunction(name, args) }
        return .double(fn(try Arg.double(args[0], "the argument of \(name)")))
      }
    }
    let binaryMath: [(String, (Double, Double) -> Double, String)] = [
      ("pow", Foundation.pow, "x raised to the power y."), ("atan2", Foundation.atan2, "The angle of the point (x: b, y: a)."),
      ("hypot", Foundation.hypot, "sqrt(x² + y²) without overflow."), ("fmod", Foundation.fmod, "The remainder of x / y, truncating."),
    ]
    for (name, fn, doc) in binaryMath {
      b.function(name, "\(name)(_ x: Double, _ y: Double) -> Double", doc) { args, _ in
        guard args.count == 2 else { throw HostError("\(name) takes two arguments", kind: "TypeError") }
        if case .host = args[0] { return try b.callHostFunction(name, args) }
        if case .host = args[1] { return try b.callHostFunction(name, args) }
        if case .array = args[0] { return try b.callHostFunction(name, args) }
        if case .array = args[1] { return try b.callHostFunction(name, args) }
        return .double(fn(try Arg.double(args[0], "x"), try Arg.double(args[1], "y")))
      }
    }
    b.value("M_PI", .double(Double.pi), doc: "π.")
  }
}

extension BuiltinRegistry {
  /// Math builtins applied to host values (n-d arrays): the session registers these.
  public func registerHostFunction(_ name: String, _ impl: @escaping (Arguments) throws -> Value) {
    hostFunctions[name] = impl
  }

  func callHostFunction(_ name: String, _ args: Arguments) throws -> Value {
    guard let f = hostFunctions[name] else {
      throw HostError("\(name) does not accept a value of type '\(args[0].typeName)'", kind: "TypeError")
    }
    return try f(args)
  }
}
