/// Conversions builtins use to read their arguments, with messages that name the
/// function and the parameter.
public enum Arg {
  public static func int(_ v: Value, _ what: String) throws -> Int {
    switch v {
    case .int(let i): return i
    case .double(let d) where d == d.rounded() && abs(d) < 9.2e18: return Int(d)
    default: throw HostError("\(what) must be an Int, not \(v.typeName)", kind: "TypeError")
    }
  }

  public static func double(_ v: Value, _ what: String) throws -> Double {
    switch v {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: throw HostError("\(what) must be a Double, not \(v.typeName)", kind: "TypeError")
    }
  }

  public static func string(_ v: Value, _ what: String) throws -> String {
    guard case .string(let s) = v else { throw HostError("\(what) must be a String, not \(v.typeName)", kind: "TypeError") }
    return s
  }

  public static func bool(_ v: Value, _ what: String) throws -> Bool {
    guard case .bool(let b) = v else { throw HostError("\(what) must be a Bool, not \(v.typeName)", kind: "TypeError") }
    return b
  }

  /// A file system path: a String without NUL bytes (the C calls underneath would
  /// silently cut the path at the first one, as Python refuses to).
  public static func path(_ v: Value, _ what: String) throws -> String {
    let s = try string(v, what)
    guard !s.utf8.contains(0) else {
      throw HostError("\(what) contains a NUL byte (\\0), which no file path may contain", kind: "ValueError")
    }
    return s
  }

  public static func function(_ v: Value, _ what: String) throws -> Value {
    switch v {
    case .function, .type: return v
    case .host(let h) where h.memberNames.contains("callAsFunction"): return v
    default: throw HostError("\(what) must be a function or closure, not \(v.typeName)", kind: "TypeError")
    }
  }
}

/// The most elements a builtin will materialize, so `Array(0..<Int.max)` is an error
/// rather than an out-of-memory crash.
let maxElements = 200_000_000

/// The elements of anything `for … in` accepts.
public func sequenceElements(_ v: Value) throws -> [Value] {
  switch v {
  case .array(let a): return a.items
  case .string(let s): return s.map { .string(String($0)) }
  case .range(let r):
    guard let lo = r.lower, r.upper != nil else {
      throw HostError("cannot iterate over a one-sided range", kind: "TypeError")
    }
    guard let n = r.exactCount, n <= maxElements else {
      throw HostError("range \(describe(v)) has \(r.exactCount.map(String.init) ?? "more than Int.max") elements, more than the \(maxElements) a builtin will materialize", kind: "MemoryError")
    }
    return (0..<n).map { .int(lo + $0) }
  case .dictionary(let d):
    return zip(d.keys, d.values).map { .tuple(TupleValue([$0, $1], labels: ["key", "value"])) }
  case .host(let h):
    if let e = try h.elements() { return e }
    throw HostError("value of type '\(h.typeName)' is not a sequence", kind: "TypeError")
  default:
    throw HostError("value of type '\(v.typeName)' is not a sequence", kind: "TypeError")
  }
}

extension Interpreter {
  /// Calls `body` with each element of a sequence value, in order, until it returns
  /// false. Ranges are walked lazily, as Swift's are (never built as arrays); an
  /// interrupt stops the walk before the next element.
  func forEachElement(of v: Value, _ body: (Value) throws -> Bool) throws {
    switch v {
    case .range(let r):
      guard let lo = r.lower, let u = r.upper else {
        throw HostError("cannot iterate over a one-sided range", kind: "TypeError")
      }
      guard r.closed || u != Int.min else { return }
      let last = r.closed ? u : u - 1
      guard lo <= last else { return }
      var i = lo
      while true {
        try checkInterrupt()
        guard try body(.int(i)) else { return }
        if i == last { return }
        i += 1
      }
    case .array(let a):
      for x in a.items {
        try checkInterrupt()
        guard try body(x) else { return }
      }
    default:
      for x in try sequenceElements(v) {
        try checkInterrupt()
        guard try body(x) else { return }
      }
    }
  }

  /// The size of an array with one element per element of `v` (`map`, `Array(_:)`), when
  /// known up front.
  /// - Throws: `MemoryError` for a range of more than `maxElements` (such an array
  ///   cannot be built; Swift would run out of memory).
  func resultCount(of v: Value) throws -> Int? {
    if case .range(let r) = v, r.lower != nil, r.upper != nil {
      guard let n = r.exactCount, n <= maxElements else {
        throw HostError("range \(describe(v)) has \(r.exactCount.map(String.init) ?? "more than Int.max") elements, more than the \(maxElements) a builtin will materialize", kind: "MemoryError")
      }
      return n
    }
    return elementCount(of: v)
  }

  /// The number of elements `forEachElement` will visit, when known up front.
  func elementCount(of v: Value) -> Int? {
    switch v {
    case .range(let r): return r.exactCount
    case .array(let a): return a.items.count
    case .dictionary(let d): return d.count
    default: return nil
    }
  }

  /// The elements of a sequence as an array, built with interrupt checks and charged to
  /// the memory budget (`Array(0..<n)`, `sorted()`, `reversed()` of a range).
  func collectElements(of v: Value) throws -> [Value] {
    if case .array(let a) = v { return a.items }
    var out = ValueCollector(self)
    if let n = try resultCount(of: v) { try out.reserve(n) }
    try forEachElement(of: v) { x in
      try out.append(x)
      return true
    }
    return out.items
  }
}

/// An array a builtin builds element by element: growth past 64K elements is checked
/// against the session's memory budget before the storage doubles.
struct ValueCollector {
  private(set) var items: [Value] = []
  let interp: Interpreter
  init(_ interp: Interpreter) { self.interp = interp }

  mutating func reserve(_ n: Int) throws {
    try interp.reserve(n)
    items.reserveCapacity(n)
  }

  @inline(__always)
  mutating func append(_ x: Value) throws {
    if items.count == items.capacity { try interp.reserve(items.count) }
    items.append(x)
  }

  mutating func append(contentsOf xs: [Value]) throws {
    try interp.reserve(xs.count)
    for x in xs { try append(x) }
  }
}

/// `stride(from:to:by:)` and `stride(from:through:by:)`.
final class StrideSequence: HostObject {
  let start: Value, end: Value, step: Value
  let inclusive: Bool

  init(start: Value, end: Value, step: Value, inclusive: Bool) {
    self.start = start
    self.end = end
    self.step = step
    self.inclusive = inclusive
  }

  var typeName: String { inclusive ? "StrideThrough" : "StrideTo" }
  var description: String {
    "\(typeName)(start: \(describe(start)), end: \(describe(end)), stride: \(describe(step)))"
  }
  var memberNames: [String] { ["map", "filter", "reduce", "forEach", "contains"] }

  func elements() throws -> [Value]? {
    if case .int(let a) = start, case .int(let b) = end, case .int(let s) = step {
      guard s != 0 else { throw HostError("stride step must not be zero", kind: "ValueError") }
      let n = s > 0 ? (b - a) / s : (a - b) / (-s)
      if n > maxElements { throw HostError("stride has more than \(maxElements) elements", kind: "MemoryError") }
      return inclusive ? stride(from: a, through: b, by: s).map { .int($0) } : stride(from: a, to: b, by: s).map { .int($0) }
    }
    let a = try Arg.double(start, "from"), b = try Arg.double(end, inclusive ? "through" : "to"), s = try Arg.double(step, "by")
    guard s != 0 else { throw HostError("stride step must not be zero", kind: "ValueError") }
    if abs((b - a) / s) > Double(maxElements) { throw HostError("stride has more than \(maxElements) elements", kind: "MemoryError") }
    return inclusive ? stride(from: a, through: b, by: s).map { .double($0) } : stride(from: a, to: b, by: s).map { .double($0) }
  }

  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    guard let items = try elements() else { return nil }
    return try interpreter.callMethod(.array(makeArrayLiteral(items)), name, args)
  }
}
