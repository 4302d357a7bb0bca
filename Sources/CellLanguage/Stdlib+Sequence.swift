extension Interpreter {
  /// Methods every sequence has: arrays, strings, ranges, dictionaries (as key-value pairs).
  func registerSequenceMethods() {
    let b = builtins
    let all: [ValueKind] = [.array, .string, .range, .dictionary]
    func truthy(_ v: Value, _ what: String) throws -> Bool {
      guard case .bool(let x) = v else { throw HostError("\(what) must return a Bool, not \(v.typeName)", kind: "TypeError") }
      return x
    }
    b.method(all, "map", "map(_ transform: (Element) -> T) -> [T]", "The results of calling `transform` on each element.") { v, args, interp in
      let fn = try Arg.function(args.bind("map", [nil])[0]!, "map's transform")
      var out: [Value] = []
      for x in try sequenceElements(v) {
        try interp.checkInterrupt()
        out.append(try interp.call(fn, [x]))
      }
      return .array(makeArrayLiteral(out))
    }
    b.method(all, "compactMap", "compactMap(_ transform: (Element) -> T?) -> [T]", "The non-nil results of `transform`.") { v, args, interp in
      let fn = try Arg.function(args.bind("compactMap", [nil])[0]!, "compactMap's transform")
      var out: [Value] = []
      for x in try sequenceElements(v) {
        if let r = try interp.call(fn, [x]).unwrappedOptional { out.append(r) }
      }
      return .array(makeArrayLiteral(out))
    }
    b.method(all, "flatMap", "flatMap(_ transform: (Element) -> [T]) -> [T]", "The concatenated results of `transform`.") { v, args, interp in
      let fn = try Arg.function(args.bind("flatMap", [nil])[0]!, "flatMap's transform")
      var out: [Value] = []
      for x in try sequenceElements(v) {
        let r = try interp.call(fn, [x])
        if case .array = r { out += try sequenceElements(r) } else if let u = r.unwrappedOptional { out.append(u) }
      }
      return .array(makeArrayLiteral(out))
    }
    b.method([.array, .range], "filter", "filter(_ isIncluded: (Element) -> Bool) -> [Element]", "The elements for which `isIncluded` is true.") { v, args, interp in
      let fn = try Arg.function(args.bind("filter", [nil])[0]!, "filter's predicate")
      var out: [Value] = []
      for x in try sequenceElements(v) where try truthy(interp.call(fn, [x]), "filter's predicate") { out.append(x) }
      if case .array(let a) = v { return .array(ArrayValue(out, elementType: a.elementType)) }
      return .array(makeArrayLiteral(out))
    }
    b.method([.string], "filter", "filter(_ isIncluded: (Character) -> Bool) -> String", "The characters for which `isIncluded` is true.") { v, args, interp in
      let fn = try Arg.function(args.bind("filter", [nil])[0]!, "filter's predicate")
      var out = ""
      for x in try sequenceElements(v) where try truthy(interp.call(fn, [x]), "filter's predicate") { out += describe(x) }
      return .string(out)
    }
    b.method([.dictionary], "filter", "filter(_ isIncluded: ((key: Key, value: Value)) -> Bool) -> [Key: Value]", "The entries for which `isIncluded` is true.") { v, args, interp in
      guard case .dictionary(let d) = v else { return v }
      let fn = try Arg.function(args.bind("filter", [nil])[0]!, "filter's predicate")
      var out = DictionaryValue(keyType: d.keyType, valueType: d.valueType)
      for (k, x) in zip(d.keys, d.values) where try truthy(interp.call(fn, [.tuple(TupleValue([k, x], labels: ["key", "value"]))]), "filter's predicate") {
        try out.set(k, x)
      }
      return .dictionary(out)
    }
    b.method(all, "reduce", "reduce(_ initial: T, _ next: (T, Element) -> T) -> T / reduce(into: T, _ update: (inout T, Element) -> ())",
      "Combines the elements, starting from `initial`.") { v, args, interp in
      if args.count == 2, args.labels[0] == "into" {
        var acc = args[0]
        let fn = try Arg.function(args[1], "reduce(into:)'s update")
        guard case .function(let f) = fn, f.isUser else { throw HostError("reduce(into:) needs a closure", kind: "TypeError") }
        let uf = unsafeDowncast(f, to: UserFunction.self)
        for x in try sequenceElements(v) {
          let frame = try uf.makeFrame(Arguments([acc, x]))
          _ = try interp.invoke(uf.code, frame, site: nil)
          acc = frame.slots[uf.code.paramSlots[0]]
        }
        return acc
      }
      let p = try args.bind("reduce", [nil, nil])
      var acc = p[0]!
      let fn = try Arg.function(p[1]!, "reduce's combine")
      for x in try sequenceElements(v) {
        try interp.checkInterrupt()
        acc = try interp.call(fn, [acc, x])
      }
      return acc
    }
    b.method(all, "forEach", "forEach(_ body: (Element) -> Void)", "Calls `body` on each element in order.") { v, args, interp in
      let fn = try Arg.function(args.bind("forEach", [nil])[0]!, "forEach's body")
      for x in try sequenceElements(v) { _ = try interp.call(fn, [x]) }
      return .void
    }
    b.method(all, "contains", "contains(_ element: Element) / contains(where: (Element) -> Bool) -> Bool", "Whether the sequence contains the element (or one satisfying the predicate).") { v, args, interp in
      if args.count == 1, args.has(0, label: "where") {
        for x in try sequenceElements(v) where try truthy(interp.call(args[0], [x]), "contains(where:)'s predicate") { return .bool(true) }
        return .bool(false)
      }
      let target = try args.bind("contains", [nil])[0]!
      if case .string(let s) = v, case .string(let t) = target { return .bool(t.isEmpty ? true : s.contains(t)) }
      if case .range(let r) = v, case .int(let i) = target {
        return .bool((r.lower.map { i >= $0 } ?? true) && (r.halfOpenUpper.map { i < $0 } ?? true))
      }
      return .bool(try sequenceElements(v).contains { valuesEqual($0, target) })
    }
    b.method(all, "allSatisfy", "allSatisfy(_ predicate: (Element) -> Bool) -> Bool", "Whether every element satisfies the predicate.") { v, args, interp in
      let fn = try Arg.function(args.bind("allSatisfy", [nil])[0]!, "allSatisfy's predicate")
      for x in try sequenceElements(v) where !(try truthy(interp.call(fn, [x]), "allSatisfy's predicate")) { return .bool(false) }
      return .bool(true)
    }
    b.method(all, "count", "count(where: (Element) -> Bool) -> Int", "How many elements satisfy the predicate.") { v, args, interp in
      let fn = try Arg.function(args.bind("count", ["where"])[0]!, "count(where:)'s predicate")
      var n = 0
      for x in try sequenceElements(v) where try truthy(interp.call(fn, [x]), "count(where:)'s predicate") { n += 1 }
      return .int(n)
    }
    b.method(all, "first", "first(where: (Element) -> Bool) -> Element?", "The first element satisfying the predicate, or nil.") { v, args, interp in
      let fn = try Arg.function(args.bind("first", ["where"])[0]!, "first(where:)'s predicate")
      for x in try sequenceElements(v) where try truthy(interp.call(fn, [x]), "first(where:)'s predicate") { return .some(x) }
      if case .array(let a) = v { interp.nilTypeHint = a.elementType }
      return .nilValue
    }
    b.method(all, "last", "last(where: (Element) -> Bool) -> Element?", "The last element satisfying the predicate, or nil.") { v, args, interp in
      let fn = try Arg.function(args.bind("last", ["where"])[0]!, "last(where:)'s predicate")
      for x in try sequenceElements(v).reversed() where try truthy(interp.call(fn, [x]), "last(where:)'s predicate") { return .some(x) }
      return .nilValue
    }
    func compare(_ interp: Interpreter, _ by: Value?) -> (Value, Value) throws -> Bool {
      if let by {
        return { a, b in try truthy(interp.call(by, [a, b]), "the comparison") }
      }
      return { a, b in
        guard case .bool(let r) = try interp.binary("<", a, b) else { return false }
        return r
      }
    }
    b.method(all, "sorted", "sorted() / sorted(by: (Element, Element) -> Bool) -> [Element]", "The elements in ascending order (or the order `by` defines).") { v, args, interp in
      let by = try args.bind("sorted", ["by"], optional: ["by"])[0]
      var items = try sequenceElements(v)
      try items.sort(by: compare(interp, by))
      if case .array(let a) = v { return .array(ArrayValue(items, elementType: a.elementType)) }
      return .array(makeArrayLiteral(items))
    }
    for name in ["min", "max"] {
      b.method(all, name, "\(name)() / \(name)(by: (Element, Element) -> Bool) -> Element?", "The \(name == "min" ? "smallest" : "largest") element, or nil when empty.") { v, args, interp in
        let by = try args.bind(name, ["by"], optional: ["by"])[0]
        let less = compare(interp, by)
        let items = try sequenceElements(v)
        guard var best = items.first else { return .nilValue }
        for x in items.dropFirst() {
          if name == "min" ? try less(x, best) : try less(best, x) { best = x }
        }
        return .some(best)
      }
    }
    b.method(all, "enumerated", "enumerated() -> [(offset: Int, element: Element)]", "Pairs of (offset, element).") { v, _, _ in
      .array(ArrayValue(try sequenceElements(v).enumerated().map { .tuple(TupleValue([.int($0.offset), $0.element], labels: ["offset", "element"])) }))
    }
    b.method(all, "reversed", "reversed() -> [Element]", "The elements in reverse order.") { v, _, _ in
      if case .array(let a) = v { return .array(ArrayValue(a.items.reversed(), elementType: a.elementType)) }
      return .array(makeArrayLiteral(try sequenceElements(v).reversed()))
    }
    func slicing(_ name: String, _ doc: String, _ f: @escaping ([Value], Int) -> [Value]) {
      b.method(all, name, "\(name)(_ k: Int = 1)", doc) { v, args, _ in
        let k = try args.values.first.map { try Arg.int($0, "\(name)'s count") } ?? 1
        guard k >= 0 else { throw HostError("\(name) needs a count >= 0", kind: "ValueError") }
        let out = f(try sequenceElements(v), k)
        if case .string = v { return .string(out.map(describe).joined()) }
        if case .array(let a) = v { return .array(ArrayValue(out, elementType: a.elementType)) }
        return .array(makeArrayLiteral(out))
      }
    }
    slicing("dropFirst", "All but the first k elements.") { Array($0.dropFirst($1)) }
    slicing("dropLast", "All but the last k elements.") { Array($0.dropLast($1)) }
    slicing("prefix", "The first k elements.") { Array($0.prefix($1)) }
    slicing("suffix", "The last k elements.") { Array($0.suffix($1)) }
    b.method(all, "elementsEqual", "elementsEqual(_ other: Sequence) -> Bool", "Whether both sequences hold equal elements in the same order.") { v, args, _ in
      let x = try sequenceElements(v), y = try sequenceElements(args[0])
      return .bool(x.count == y.count && zip(x, y).allSatisfy { valuesEqual($0, $1) })
    }
    b.method(all, "starts", "starts(with: Sequence) -> Bool", "Whether the sequence begins with the other's elements.") { v, args, _ in
      let x = try sequenceElements(v), y = try sequenceElements(try args.bind("starts", ["with"])[0]!)
      return .bool(x.count >= y.count && zip(x, y).allSatisfy { valuesEqual($0, $1) })
    }
    b.property([.array, .string, .range, .dictionary], "count", "The number of elements.") { v in
      switch v {
      case .array(let a): return .int(a.items.count)
      case .string(let s): return .int(s.count)
      case .range(let r):
        guard let n = r.exactCount else { throw HostError("arithmetic overflow: the count of \(describe(v)) does not fit in Int", kind: "OverflowError") }
        return .int(n)
      case .dictionary(let d): return .int(d.count)
      default: return .int(0)
      }
    }
    b.property([.array, .string, .range, .dictionary], "isEmpty", "Whether there are no elements.") { v in
      switch v {
      case .array(let a): return .bool(a.items.isEmpty)
      case .string(let s): return .bool(s.isEmpty)
      case .range(let r): return .bool(r.count == 0)
      case .dictionary(let d): return .bool(d.count == 0)
      default: return .bool(true)
      }
    }
    b.property([.array, .string, .range], "first", "The first element, or nil when empty.") { v in
      (try sequenceElements(v).first).map { .some($0) } ?? .nilValue
    }
    b.property([.array, .string, .range], "last", "The last element, or nil when empty.") { v in
      (try sequenceElements(v).last).map { .some($0) } ?? .nilValue
    }
    b.property([.range], "lowerBound", "The range's lower bound.") { v in
      if case .range(let r) = v, let l = r.lower { return .int(l) }
      if case .doubleRange(let l, _, _) = v { return .double(l) }
      throw HostError("this range has no lower bound", kind: "AttributeError")
    }
    b.property([.range], "upperBound", "The range's upper bound.") { v in
      if case .range(let r) = v, let u = r.upper { return .int(u) }
      if case .doubleRange(_, let u, _) = v { return .double(u) }
      throw HostError("this range has no upper bound", kind: "AttributeError")
    }
  }
}
