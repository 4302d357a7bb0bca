extension Interpreter {
  func registerTypes() {
    let b = builtins
    let intType = TypeObject(name: "Int", doc: "A 64-bit signed integer. Arithmetic that overflows is an error.") { args, _ in
      if args.count == 2, args.labels[1] == "radix" {
        let s = try Arg.string(args[0], "the text"), r = try Arg.int(args[1], "radix")
        return Int(s, radix: r).map { .some(.int($0)) } ?? .nilValue
      }
      guard args.count == 1 else { throw HostError("Int(_:) takes one argument", kind: "TypeError") }
      if args.labels[0] == "exactly" {
        let d = try Arg.double(args[0], "exactly")
        return Int(exactly: d).map { .some(.int($0)) } ?? .nilValue
      }
      switch args[0] {
      case .int: return args[0]
      case .double(let d):
        guard d.isFinite else { throw HostError("Double value cannot be converted to Int because it is either infinite or NaN", kind: "ValueError") }
        guard d > -9.223372036854775808e18 - 1 && d < 9.223372036854775808e18 else {
          throw HostError("Double value cannot be converted to Int because the result would be greater than Int.max", kind: "OverflowError")
        }
        return .int(Int(d))
      case .string(let s): return Int(s).map { .some(.int($0)) } ?? .nilValue
      case .bool(let v): return .int(v ? 1 : 0)
      case .host(let h) where h.conversionError(to: "Int") != nil:
        throw HostError(h.conversionError(to: "Int")!, kind: "ConcretizationTypeError")
      case let v: throw HostError("cannot convert a value of type '\(v.typeName)' to Int", kind: "TypeError")
      }
    }
    intType.staticMembers = ["max": .int(Int.max), "min": .int(Int.min), "bitWidth": .int(64)]
    intType.staticMethods["random"] = { args, _ in
      let v = try args.bind("Int.random", ["in"])
      guard case .range(let r) = v[0]!, let lo = r.lower, let hi = r.halfOpenUpper, lo < hi else {
        throw HostError("Int.random(in:) needs a non-empty range", kind: "ValueError")
      }
      return .int(Int.random(in: lo..<hi))
    }
    b.type(intType, signature: "Int(_ value: Double | String | Int) -> Int (or Int? from a String)")

    let doubleConstruct: (Arguments, Interpreter) throws -> Value = { args, _ in
      guard args.count == 1 else { throw HostError("Double(_:) takes one argument", kind: "TypeError") }
      switch args[0] {
      case .int(let i): return .double(Double(i))
      case .double: return args[0]
      case .string(let s): return Double(s).map { .some(.double($0)) } ?? .nilValue
      case .host(let h) where h.conversionError(to: "Double") != nil:
        throw HostError(h.conversionError(to: "Double")!, kind: "ConcretizationTypeError")
      case let v: throw HostError("cannot convert a value of type '\(v.typeName)' to Double", kind: "TypeError")
      }
    }
    for name in ["Double", "Float"] {
      let t = TypeObject(name: name, doc: "A 64-bit floating-point number.", construct: doubleConstruct)
      t.staticMembers = [
        "pi": .double(Double.pi), "infinity": .double(Double.infinity), "nan": .double(Double.nan),
        "greatestFiniteMagnitude": .double(Double.greatestFiniteMagnitude),
        "leastNormalMagnitude": .double(Double.leastNormalMagnitude),
        "leastNonzeroMagnitude": .double(Double.leastNonzeroMagnitude), "ulpOfOne": .double(Double.ulpOfOne),
        "signalingNaN": .double(Double.nan),
      ]
      t.staticMethods["random"] = { args, _ in
        let v = try args.bind("Double.random", ["in"])
        switch v[0]! {
        case .doubleRange(let lo, let hi, _): return .double(Double.random(in: lo..<hi))
        case .range(let r): return .double(Double.random(in: Double(r.lower ?? 0)..<Double(r.upper ?? 1)))
        default: throw HostError("Double.random(in:) needs a range", kind: "ValueError")
        }
      }
      b.type(t, signature: "Double(_ value: Int | String) -> Double (or Double? from a String)")
    }

    let stringType = TypeObject(name: "String", doc: "A Unicode string.") { args, interp in
      if args.count == 2, args.labels == ["repeating", "count"] {
        let n = try Arg.int(args[1], "count")
        guard n >= 0 else { throw HostError("String(repeating:count:) needs count >= 0", kind: "ValueError") }
        let s = try Arg.string(args[0], "repeating")
        let (size, overflow) = n.multipliedReportingOverflow(by: s.utf8.count)
        guard !overflow && size <= maxElements else {
          throw HostError("String(repeating:count:) would build a string of more than \(maxElements) bytes", kind: "MemoryError")
        }
        try interp.reserve(size, of: 1)
        return .string(String(repeating: s, count: n))
      }
      if args.count == 2, args.labels[1] == "radix" {
        return .string(String(try Arg.int(args[0], "value"), radix: try Arg.int(args[1], "radix")))
      }
      guard args.count == 1 else { throw HostError("String(_:) takes one argument", kind: "TypeError") }
      if case .array(let a) = args[0], args.labels[0] == nil, a.items.allSatisfy({ if case .string = $0 { return true }; return false }) {
        return .string(a.items.map(describe).joined())
      }
      return .string(describe(args[0]))
    }
    b.type(stringType, signature: "String(_ value: Any) / String(describing:) / String(repeating:count:)")

    let characterType = TypeObject(name: "Character", doc: "A single extended grapheme cluster (a one-character String here).") { args, _ in
      let s = try Arg.string(args[0], "Character")
      guard s.count == 1 else { throw HostError("Character(_:) needs a string of exactly one character, got \(quoteString(s))", kind: "ValueError") }
      return .string(s)
    }
    b.type(characterType, signature: "Character(_ s: String)")

    let boolType = TypeObject(name: "Bool", doc: "true or false.") { args, _ in
      switch args.count == 1 ? args[0] : .void {
      case .bool: return args[0]
      case .string(let s): return Bool(s).map { .some(.bool($0)) } ?? .nilValue
      default: throw HostError("Bool(_:) takes a Bool or a String", kind: "TypeError")
      }
    }
    boolType.staticMethods["random"] = { _, _ in .bool(Bool.random()) }
    b.type(boolType, signature: "Bool(_ text: String) -> Bool?")

    let arrayType = TypeObject(name: "Array", doc: "An ordered collection with value semantics.") { args, interp in
      if args.count == 2, args.labels == ["repeating", "count"] {
        let n = try Arg.int(args[1], "count")
        guard n >= 0 && n <= maxElements else { throw HostError("Array(repeating:count:) needs 0 <= count <= \(maxElements), got \(n)", kind: "ValueError") }
        try interp.reserve(n)
        return .array(makeArrayLiteral(Array(repeating: args[0], count: n)))
      }
      guard args.count == 1 else { throw HostError("Array(_:) takes one sequence", kind: "TypeError") }
      if case .array = args[0] { return args[0] }
      if case .range = args[0] { return .array(ArrayValue(try interp.collectElements(of: args[0]), elementType: .int)) }
      return .array(makeArrayLiteral(try interp.collectElements(of: args[0])))
    }
    b.type(arrayType, signature: "Array(_ sequence) / Array(repeating: x, count: n)")

    let dictType = TypeObject(name: "Dictionary", doc: "A collection of key-value pairs (kept in insertion order).") { args, interp in
      if args.count == 1, args.labels[0] == "uniqueKeysWithValues" {
        var d = DictionaryValue()
        for pair in try sequenceElements(args[0]) {
          try interp.checkInterrupt()
          guard case .tuple(let t) = pair, t.items.count == 2 else { throw HostError("uniqueKeysWithValues needs (key, value) pairs", kind: "TypeError") }
          if try d.get(t.items[0]) != nil { throw HostError("duplicate key \(debugDescription(t.items[0]))", kind: "KeyError") }
          try d.set(t.items[0], t.items[1])
        }
        return .dictionary(d)
      }
      if args.count == 2, args.labels == ["grouping", "by"] {
        var d = DictionaryValue()
        try interp.forEachElement(of: args[0]) { x in
          let k = try interp.call(args[1], [x])
          _ = try d.modify(k, initial: .array(ArrayValue([]))) { v in
            if case .array(var a) = v {
              v = .void
              a.items.append(x)
              v = .array(a)
            }
            return .void
          }
          return true
        }
        return .dictionary(d)
      }
      if args.count == 0 { return .dictionary(DictionaryValue()) }
      throw HostError("Dictionary(uniqueKeysWithValues:) or Dictionary(grouping:by:)", kind: "TypeError")
    }
    b.type(dictType, signature: "Dictionary(uniqueKeysWithValues:) / Dictionary(grouping:by:)")
  }
}
