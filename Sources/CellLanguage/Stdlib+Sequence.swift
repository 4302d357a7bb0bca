extension Interpreter {
  /// Methods every sequence has: arrays, strings, ranges, dictionaries (as key-value pairs).
  func registerSequenceMethods() {
    let b = builtins
    let all: [ValueKind] = [.array, .string, .range, .dictionary]
    func truthy(_ v: Value, _ what: String) throws -> Bool {
      guard case .bool(let x) = v else { throw HostError("\(what) must return a Bool, not \(v.typeName)", kind: "TypeError") }
      return x
    }
    // Every method walks its receiver with `forEachElement` (ranges lazily, an interrupt
    // check per element) and builds results with `ValueCollector` (memory budget).
    b.method(all, "map", "map(_ transform: (Element) -> T) -> [T]", "The results of calling `transform` on each element.") { v, args, interp in
      let fn = try Arg.function(args.bind("map", [nil])[0]!, "map's transform")
      var out = ValueCollector(interp)
      if let n = try interp.resultCount(of: v) { try out.reserve(n) }
      try interp.forEachElement(of: v) { x in
        try out.append(try interp.call(fn, [x]))
        return true
      }
      return .array(makeArrayLiteral(out.items))
    }
    b.method(all, "compactMap", "compactMap(_ transform: (Element) -> T?) -> [T]", "The non-nil results of `transform`.") { v, args, interp in
      let fn = try Arg.function(args.bind("compactMap", [nil])[0]!, "compactMap's transform")
      var out = ValueCollector(interp)
      try interp.forEachElement(of: v) { x in
        if let r = try interp.call(fn, [x]).unwrappedOptional { try out.append(r) }
        return true
      }
      return .array(makeArrayLiteral(out.items))
    }
    b.method(all, "flatMap", "flatMap(_ transform: (Element) -> [T]) -> [T]", "The concatenated results of `transform`.") { v, args, interp in
      let fn = try Arg.function(args.bind("flatMap", [nil])[0]!, "flatMap's transform")
      var out = ValueCollector(interp)
      try interp.forEachElement(of: v) { x in
        let r = try interp.call(fn, [x])
        if case .array = r { try out.append(contentsOf: try sequenceElements(r)) } else if let u = r.unwrappedOptional { try out.append(u) }
        return true
      }
      return .array(makeArrayLiteral(out.items))
    }
    b.method([.array, .range], "filter", "filter(_ isIncluded: (Element) -> Bool) -> [Element]", "The elements for which `isIncluded` is true.") { v, args, interp in
      let fn = try Arg.function(args.bind("filter", [nil])[0]!, "filter's predicate")
      var out = ValueCollector(interp)
      try interp.forEachElement(of: v) { x in
        if try truthy(interp.call(fn, [x]), "filter's predicate") { try out.append(x) }
        return true
      }
      if case .array(let a) = v { return .array(ArrayValue(out.items, elementType: a.elementType)) }
      return .array(ArrayValue(out.items, elementType: .int))
    }
    b.method([.string], "filter", "filter(_ isIncluded: (Character) -> Bool) -> String", "The characters for which `isIncluded` is true.") { v, args, interp in
      let fn = try Arg.function(args.bind("filter", [nil])[0]!, "filter's predicate")
      var out = ""
      try interp.forEachElement(of: v) { x in
        if try truthy(interp.call(fn, [x]), "filter's predicate") { out += describe(x) }
        return true
      }
      return .string(out)
    }
    b.method([.dictionary], "filter", "filter(_ isIncluded: ((key: Key, value: Value)) -> Bool) -> [Key: Value]", "The entries for which `isIncluded` is true.") { v, args, interp in
      guard case .dictionary(let d) = v else { return v }
      let fn = try Arg.function(args.bind("filter", [nil])[0]!, "filter's predicate")
      var out = DictionaryValue(keyType: d.keyType, valueType: d.valueType)
      for (k, x) in zip(d.keys, d.values) {
        try interp.checkInterrupt()
        if try truthy(interp.call(fn, [.tuple(TupleValue([k, x], labels: ["key", "value"]))]), "filter's predicate") {
          try out.set(k, x)
        }
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
        try interp.forEachElement(of: v) { x in
          let frame = try uf.makeFrame(Arguments([acc, x]))
          acc = .void  // the closure's frame holds the only reference, so `inout` mutates in place
          _ = try interp.invoke(uf.code, frame, site: nil)
          acc = frame.slots[uf.code.paramSlots[0]]
          return true
        }
        return acc
      }
      let p = try args.bind("reduce", [nil, nil])
      var acc = p[0]!
      let fn = try Arg.function(p[1]!, "reduce's combine")
      try interp.forEachElement(of: v) { x in
        acc = try interp.call(fn, [acc, x])
        return true
      }
      return acc
    }
    b.method(all, "forEach", "forEach(_ body: (Element) -> Void)", "Calls `body` on each element in order.") { v, args, interp in
      let fn = try Arg.function(args.bind("forEach", [nil])[0]!, "forEach's body")
      try interp.forEachElement(of: v) { x in
        _ = try interp.call(fn, [x])
        return true
      }
      return .void
    }
    b.method(all, "contains", "contains(_ element: Element) / contains(where: (Element) -> Bool) -> Bool", "Whether the sequence contains the element (or one satisfying the predicate).") { v, args, interp in
      var found = false
      if args.count == 1, args.has(0, label: "where") {
        try interp.forEachElement(of: v) { x in
          found = try truthy(interp.call(args[0], [x]), "contains(where:)'s predicate")
          return !found
        }
        return .bool(found)
      }
      let target = try args.bind("contains", [nil])[0]!
      if case .string(let s) = v, case .string(let t) = target { return .bool(t.isEmpty ? true : s.contains(t)) }
      if case .range(let r) = v, case .int(let i) = target {
        return .bool((r.lower.map { i >= $0 } ?? true) && (r.halfOpenUpper.map { i < $0 } ?? true))
      }
      try interp.forEachElement(of: v) { x in
        found = valuesEqual(x, target)
        return !found
      }
      return .bool(found)
    }
    b.method(all, "allSatisfy", "allSatisfy(_ predicate: (Element) -> Bool) -> Bool", "Whether every element satisfies the predicate.") { v, args, interp in
      let fn = try Arg.function(args.bind("allSatisfy", [nil])[0]!, "allSatisfy's predicate")
      var all = true
      try interp.forEachElement(of: v) { x in
        all = try truthy(interp.call(fn, [x]), "allSatisfy's predicate")
        return all
      }
      return .bool(all)
    }
    b.method(all, "count", "count(where: (Element) -> Bool) -> Int", "How many elements satisfy the predicate.") { v, args, interp in
      let fn = try Arg.function(args.bind("count", ["where"])[0]!, "count(where:)'s predicate")
      var n = 0
      try interp.forEachElement(of: v) { x in
        if try truthy(interp.call(fn, [x]), "count(where:)'s predicate") { n += 1 }
        return true
      }
      return .int(n)
    }
    b.method(all, "first", "first(where: (Element) -> Bool) -> Element?", "The first element satisfying the predicate, or nil.") { v, args, interp in
      let fn = try Arg.function(args.bind("first", ["where"])[0]!, "first(where:)'s predicate")
      var found: Value? = nil
      try interp.forEachElement(of: v) { x in
        if try truthy(interp.call(fn, [x]), "first(where:)'s predicate") { found = x }
        return found == nil
      }
      if let found { return .some(found) }
      if case .array(let a) = v { interp.nilTypeHint = a.elementType }
      return .nilValue
    }
    b.method(all, "last", "last(where: (Element) -> Bool) -> Element?", "The last element satisfying the predicate, or nil.") { v, args, interp in
      let fn = try Arg.function(args.bind("last", ["where"])[0]!, "last(where:)'s predicate")
      for x in try interp.collectElements(of: v).reversed() {
        try interp.checkInterrupt()
        if try truthy(interp.call(fn, [x]), "last(where:)'s predicate") { return .some(x) }
      }
      return .nilValue
    }
    func compare(_ interp: Interpreter, _ by: Value?) -> (Value, Value) throws -> Bool {
      if let by {
        return { a, b in
          try interp.checkInterrupt()
          return try truthy(interp.call(by, [a, b]), "the comparison")
        }
      }
      return { a, b in
        try interp.checkInterrupt()
        guard case .bool(let r) = try interp.binary("<", a, b) else { return false }
        return r
      }
    }
    b.method(all, "sorted", "sorted() / sorted(by: (Element, Element) -> Bool) -> [Element]", "The elements in ascending order (or the order `by` defines).") { v, args, interp in
      let by = try args.bind("sorted", ["by"], optional: ["by"])[0]
      var items = try interp.collectElements(of: v)
      try items.sort(by: compare(interp, by))
      if case .array(let a) = v { return .array(ArrayValue(items, elementType: a.elementType)) }
      return .array(makeArrayLiteral(items))
    }
    for name in ["min", "max"] {
      b.method(all, name, "\(name)() / \(name)(by: (Element, Element) -> Bool) -> Element?", "The \(name == "min" ? "smallest" : "largest") element, or nil when empty.") { v, args, interp in
        let by = try args.bind(name, ["by"], optional: ["by"])[0]
        let less = compare(interp, by)
        var best: Value? = nil
        try interp.forEachElement(of: v) { x in
          if let b = best {
            if name == "min" ? try less(x, b) : try less(b, x) { best = x }
          } else {
            best = x
          }
          return true
        }
        return best.map { .some($0) } ?? .nilValue
      }
    }
    b.method(all, "enumerated", "enumerated() -> [(offset: Int, element: Element)]", "Pairs of (offset, element).") { v, _, interp in
      var out = ValueCollector(interp)
      if let n = try interp.resultCount(of: v) { try out.reserve(n) }
      try interp.forEachElement(of: v) { x in
        try out.append(.tuple(TupleValue([.int(out.items.count), x], labels: ["offset", "element"])))
        return true
      }
      return .array(ArrayValue(out.items))
    }
    b.method(all, "reversed", "reversed() -> [Element]", "The elements in reverse order.") { v, _, interp in
      if case .array(let a) = v { return .array(ArrayValue(a.items.reversed(), elementType: a.elementType)) }
      return .array(makeArrayLiteral(try interp.collectElements(of: v).reversed()))
    }
    func slicing(_ name: String, _ doc: String, _ f: @escaping ([Value], Int) -> [Value]) {
      b.method(all, name, "\(name)(_ k: Int = 1)", doc) { v, args, interp in
        let k = try args.values.first.map { try Arg.int($0, "\(name)'s count") } ?? 1
        guard k >= 0 else { throw HostError("\(name) needs a count >= 0", kind: "ValueError") }
        let out = f(try interp.collectElements(of: v), k)
        if case .string = v { return .string(out.map(describe).joined()) }
        if case .array(let a) = v { return .array(ArrayValue(out, elementType: a.elementType)) }
        return .array(makeArrayLiteral(out))
      }
    }
    slicing("dropFirst", "All but the first k elements.") { Array($0.dropFirst($1)) }
    slicing("dropLast", "All but the last k elements.") { Array($0.dropLast($1)) }
    slicing("prefix", "The first k elements.") { Array($0.prefix($1)) }
    slicing("suffix", "The last k elements.") { Array($0.suffix($1)) }
    b.method(all, "elementsEqual", "elementsEqual(_ other: Sequence) -> Bool", "Whether both sequences hold equal elements in the same order.") { v, args, interp in
      let x = try interp.collectElements(of: v), y = try interp.collectElements(of: args[0])
      return .bool(x.count == y.count && zip(x, y).allSatisfy { valuesEqual($0, $1) })
    }
    b.method(all, "starts", "starts(with: Sequence) -> Bool", "Whether the sequence begins with the other's elements.") { v, args, interp in
      let x = try interp.collectElements(of: v), y = try interp.collectElements(of: try args.bind("starts", ["with"])[0]!)
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
      if case .range(let r) = v, let lo = r.lower, r.upper != nil { return r.count == 0 ? .nilValue : .some(.int(lo)) }
      return (try sequenceElements(v).first).map { .some($0) } ?? .nilValue
    }
    b.property([.array, .string, .range], "last", "The last element, or nil when empty.") { v in
      if case .range(let r) = v, r.lower != nil, let u = r.upper { return r.count == 0 ? .nilValue : .some(.int(r.closed ? u : u - 1)) }
      return (try sequenceElements(v).last).map { .some($0) } ?? .nilValue
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
