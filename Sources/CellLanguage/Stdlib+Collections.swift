extension Interpreter {
  /// Runs `body` on the array stored in `v` without copying it.
  @inline(__always)
  func withArray(_ v: inout Value, _ name: String, _ body: (inout ArrayValue) throws -> Value) throws -> Value {
    guard case .array(var a) = v else { throw HostError("'\(name)' needs an array, not \(v.typeName)", kind: "TypeError") }
    v = .void
    defer { v = .array(a) }
    return try body(&a)
  }

  func registerArrayMethods() {
    let b = builtins
    b.mutating([.array, .string], "append", "append(_ element: Element) / append(contentsOf: Sequence)", "Adds an element (or a sequence's elements) at the end.") { v, args, _ in
      if case .string(var s) = v {
        let p = try args.bind("append", [args.labels.first ?? nil])
        v = .void
        s += describe(p[0]!)
        v = .string(s)
        return .void
      }
      return try self.withArray(&v, "append") { a in
        guard args.count == 1 else { throw HostError("append takes one argument", kind: "TypeError") }
        if args.labels[0] == "contentsOf" {
          let items = try self.collectElements(of: args[0])
          if let et = a.elementType { for x in items { a.items.append(try et.coerce(x)) } } else { a.items.append(contentsOf: items) }
        } else if args.labels[0] == nil {
          a.items.append(try a.elementType.map { try $0.coerce(args[0]) } ?? args[0])
        } else {
          throw HostError("append has no parameter '\(args.labels[0]!)'; use append(_:) or append(contentsOf:)", kind: "TypeError")
        }
        return .void
      }
    }
    b.mutating([.array], "insert", "insert(_ element: Element, at: Int)", "Inserts an element at a position (0...count).") { v, args, _ in
      let p = try args.bind("insert", [nil, "at"])
      let i = try Arg.int(p[1]!, "at")
      return try self.withArray(&v, "insert") { a in
        guard i >= 0 && i <= a.items.count else { throw HostError("insert position \(i) out of range 0...\(a.items.count)", kind: "IndexError") }
        a.items.insert(try a.elementType.map { try $0.coerce(p[0]!) } ?? p[0]!, at: i)
        return .void
      }
    }
    b.mutating([.array], "remove", "remove(at: Int) -> Element", "Removes and returns the element at a position.") { v, args, _ in
      let i = try Arg.int(try args.bind("remove", ["at"])[0]!, "at")
      return try self.withArray(&v, "remove") { a in
        guard i >= 0 && i < a.items.count else {
          throw HostError("index \(i) out of range for an array of \(a.items.count) element\(a.items.count == 1 ? "" : "s")", kind: "IndexError")
        }
        return a.items.remove(at: i)
      }
    }
    b.mutating([.array], "removeLast", "removeLast() -> Element", "Removes and returns the last element (an error when empty).") { v, args, _ in
      try self.withArray(&v, "removeLast") { a in
        guard !a.items.isEmpty else { throw HostError("can't remove last element from an empty collection", kind: "IndexError") }
        if let k = args.values.first {
          let n = try Arg.int(k, "count")
          guard n <= a.items.count else { throw HostError("can't remove more items from a collection than it contains", kind: "IndexError") }
          a.items.removeLast(n)
          return .void
        }
        return a.items.removeLast()
      }
    }
    b.mutating([.array], "removeFirst", "removeFirst() -> Element", "Removes and returns the first element (an error when empty).") { v, args, _ in
      try self.withArray(&v, "removeFirst") { a in
        guard !a.items.isEmpty else { throw HostError("can't remove first element from an empty collection", kind: "IndexError") }
        if let k = args.values.first {
          let n = try Arg.int(k, "count")
          guard n <= a.items.count else { throw HostError("can't remove more items from a collection than it contains", kind: "IndexError") }
          a.items.removeFirst(n)
          return .void
        }
        return a.items.removeFirst()
      }
    }
    b.mutating([.array], "popLast", "popLast() -> Element?", "Removes and returns the last element, or nil when empty.") { v, _, _ in
      try self.withArray(&v, "popLast") { a in a.items.popLast().map { .some($0) } ?? .nilValue }
    }
    b.mutating([.array, .dictionary, .string], "removeAll", "removeAll() / removeAll(where: (Element) -> Bool)", "Removes every element (or those satisfying the predicate).") { v, args, interp in
      if case .dictionary(var d) = v {
        v = .void
        d.removeAll()
        v = .dictionary(d)
        return .void
      }
      if case .string = v {
        v = .string("")
        return .void
      }
      return try self.withArray(&v, "removeAll") { a in
        if let pred = args.labeled("where") {
          var kept: [Value] = []
          for x in a.items {
            try interp.checkInterrupt()
            guard case .bool(let r) = try interp.call(pred, [x]) else { throw HostError("removeAll(where:)'s predicate must return a Bool", kind: "TypeError") }
            if !r { kept.append(x) }
          }
          a.items = kept
        } else {
          a.items.removeAll()
        }
        return .void
      }
    }
    b.mutating([.array], "sort", "sort() / sort(by: (Element, Element) -> Bool)", "Sorts the array in place.") { v, args, interp in
      let by = try args.bind("sort", ["by"], optional: ["by"])[0]
      return try self.withArray(&v, "sort") { a in
        try a.items.sort { x, y in
          try interp.checkInterrupt()
          let r = try by.map { try interp.call($0, [x, y]) } ?? interp.binary("<", x, y)
          guard case .bool(let less) = r else { throw HostError("the sort comparison must return a Bool", kind: "TypeError") }
          return less
        }
        return .void
      }
    }
    b.mutating([.array], "reverse", "reverse()", "Reverses the array in place.") { v, _, _ in
      try self.withArray(&v, "reverse") { a in
        a.items.reverse()
        return .void
      }
    }
    b.mutating([.array], "swapAt", "swapAt(_ i: Int, _ j: Int)", "Exchanges two elements.") { v, args, _ in
      let p = try args.bind("swapAt", [nil, nil])
      let i = try Arg.int(p[0]!, "i"), j = try Arg.int(p[1]!, "j")
      return try self.withArray(&v, "swapAt") { a in
        guard a.items.indices.contains(i), a.items.indices.contains(j) else { throw HostError("swapAt(\(i), \(j)) out of range for \(a.items.count) elements", kind: "IndexError") }
        a.items.swapAt(i, j)
        return .void
      }
    }
    b.mutating([.array], "shuffle", "shuffle()", "Shuffles the array in place.") { v, _, _ in
      try self.withArray(&v, "shuffle") { a in
        a.items.shuffle()
        return .void
      }
    }
    b.mutating([.array, .dictionary], "reserveCapacity", "reserveCapacity(_ n: Int)", "Reserves storage for n elements.") { v, args, _ in
      if case .array = v {
        let n = try Arg.int(args[0], "n")
        return try self.withArray(&v, "reserveCapacity") { a in
          a.items.reserveCapacity(Swift.min(n, maxElements))
          return .void
        }
      }
      return .void
    }
    for name in ["firstIndex", "lastIndex"] {
      b.method([.array], name, "\(name)(of: Element) / \(name)(where: (Element) -> Bool) -> Int?", "The \(name == "firstIndex" ? "first" : "last") index of a matching element, or nil.") { v, args, interp in
        guard case .array(let a) = v, args.count == 1 else { throw HostError("\(name)(of:) or \(name)(where:)", kind: "TypeError") }
        let indices = name == "firstIndex" ? Array(a.items.indices) : a.items.indices.reversed()
        for i in indices {
          try interp.checkInterrupt()
          let hit: Bool
          if args.has(0, label: "where") {
            guard case .bool(let r) = try interp.call(args[0], [a.items[i]]) else { throw HostError("the predicate must return a Bool", kind: "TypeError") }
            hit = r
          } else {
            hit = valuesEqual(a.items[i], args[0])
          }
          if hit { return .some(.int(i)) }
        }
        return .nilValue
      }
    }
    b.method([.array], "joined", "joined(separator: String = \"\") -> String / joined() -> [T] for nested arrays", "Concatenates the elements.") { v, args, _ in
      guard case .array(let a) = v else { return v }
      let sep = try args.labeled("separator").map { try Arg.string($0, "separator") }
      if sep == nil, a.items.allSatisfy({ if case .array = $0 { return true }; return false }) {
        return .array(makeArrayLiteral(try a.items.flatMap { try sequenceElements($0) }))
      }
      var parts: [String] = []
      for x in a.items {
        guard case .string(let s) = x else { throw HostError("joined(separator:) needs an array of Strings; this one holds \(x.typeName) (use .map { String($0) } first)", kind: "TypeError") }
        parts.append(s)
      }
      return .string(parts.joined(separator: sep ?? ""))
    }
    b.property([.array], "indices", "The valid indices, 0..<count.") { v in
      guard case .array(let a) = v else { return v }
      return .range(RangeValue(lower: 0, upper: a.items.count, closed: false))
    }
    b.property([.array], "startIndex", "Always 0.") { _ in .int(0) }
    b.property([.array], "endIndex", "The count.") { v in
      guard case .array(let a) = v else { return v }
      return .int(a.items.count)
    }
  }

  func registerDictionaryMethods() {
    let b = builtins
    b.property([.dictionary], "keys", "The keys, in insertion order.") { v in
      guard case .dictionary(let d) = v else { return v }
      return .array(ArrayValue(d.keys, elementType: d.keyType))
    }
    b.property([.dictionary], "values", "The values, in insertion order.") { v in
      guard case .dictionary(let d) = v else { return v }
      return .array(ArrayValue(d.values, elementType: d.valueType))
    }
    b.mutating([.dictionary], "removeValue", "removeValue(forKey: Key) -> Value?", "Removes a key; returns its old value or nil.") { v, args, _ in
      let k = try args.bind("removeValue", ["forKey"])[0]!
      guard case .dictionary(var d) = v else { return .nilValue }
      v = .void
      defer { v = .dictionary(d) }
      return try d.remove(k).map { .some($0) } ?? .nilValue
    }
    b.mutating([.dictionary], "updateValue", "updateValue(_ value: Value, forKey: Key) -> Value?", "Sets a key's value; returns the old value or nil.") { v, args, _ in
      let p = try args.bind("updateValue", [nil, "forKey"])
      guard case .dictionary(var d) = v else { return .nilValue }
      v = .void
      defer { v = .dictionary(d) }
      let old = try d.get(p[1]!)
      try d.set(p[1]!, try d.valueType.map { try $0.coerce(p[0]!) } ?? p[0]!)
      return old.map { .some($0) } ?? .nilValue
    }
    b.mutating([.dictionary], "merge", "merge(_ other: [Key: Value], uniquingKeysWith: (Value, Value) -> Value)", "Adds the other dictionary's entries, combining values of keys present in both.") { v, args, interp in
      let p = try args.bind("merge", [nil, "uniquingKeysWith"])
      guard case .dictionary(var d) = v, case .dictionary(let o) = p[0]! else { throw HostError("merge needs a dictionary", kind: "TypeError") }
      v = .void
      defer { v = .dictionary(d) }
      for (k, x) in zip(o.keys, o.values) {
        if let old = try d.get(k) { try d.set(k, try interp.call(p[1]!, [old, x])) } else { try d.set(k, x) }
      }
      return .void
    }
    b.method([.dictionary], "mapValues", "mapValues(_ transform: (Value) -> T) -> [Key: T]", "The same keys with transformed values.") { v, args, interp in
      guard case .dictionary(let d) = v else { return v }
      let fn = try args.bind("mapValues", [nil])[0]!
      var out = DictionaryValue(keyType: d.keyType)
      for (k, x) in zip(d.keys, d.values) {
        try interp.checkInterrupt()
        try out.set(k, try interp.call(fn, [x]))
      }
      return .dictionary(out)
    }
    b.method([.dictionary], "compactMapValues", "compactMapValues(_ transform: (Value) -> T?) -> [Key: T]", "The keys whose transformed value is not nil.") { v, args, interp in
      guard case .dictionary(let d) = v else { return v }
      let fn = try args.bind("compactMapValues", [nil])[0]!
      var out = DictionaryValue(keyType: d.keyType)
      for (k, x) in zip(d.keys, d.values) {
        try interp.checkInterrupt()
        if let r = try interp.call(fn, [x]).unwrappedOptional { try out.set(k, r) }
      }
      return .dictionary(out)
    }
  }
}
