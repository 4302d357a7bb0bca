import Arrays
import CellLanguage

/// An n-d array (`NDArray`) as a cell-language value: NumPy semantics for arithmetic
/// (elementwise, broadcasting), Swift's `description` for printing, an elided summary and
/// an HTML table when shown as a cell's result.
public final class ArrayHost: HostObject, RichDisplayable {
  public let array: NDArray

  public init(_ array: NDArray) { self.array = array }

  public var typeName: String { "NDArray" }
  public var description: String { array.description }

  public var mimeBundle: MimeBundle {
    var b: MimeBundle = ["text/plain": array.summary]
    if array.ndim == 2 { b["text/html"] = array.html }
    return b
  }

  public func conforms(toTypeNamed name: String) -> Bool { name == "NDArray" }

  public func isEqual(to other: any HostObject) -> Bool {
    (other as? ArrayHost)?.array == array
  }

  public func elements() throws -> [Value]? {
    if array.ndim <= 1 { return scalarValues(array.flattened) }
    return array.rows.map { .host(ArrayHost($0)) }
  }
}

// MARK: - Conversions between values and arrays

/// The value for an array: a scalar for 0-d arrays, an `NDArray` otherwise.
public func arrayValue(_ a: NDArray) -> Value {
  if a.ndim == 0 {
    switch a.storage {
    case .double(let d): return .double(d[0])
    case .int(let i): return .int(i[0])
    case .bool(let b): return .bool(b[0])
    }
  }
  return .host(ArrayHost(a))
}

/// The elements of an array as scalar values, in row-major order.
func scalarValues(_ a: NDArray) -> [Value] {
  switch a.storage {
  case .double(let d): return d.map { .double($0) }
  case .int(let i): return i.map { .int($0) }
  case .bool(let b): return b.map { .bool($0) }
  }
}

/// The array a value stands for: numbers, Bools, `NDArray`s, and Swift arrays of them
/// (nested arrays of equal length make higher dimensions). Nil when it is not numeric.
public func asArray(_ v: Value) -> NDArray? {
  switch v {
  case .int(let i): return NDArray(scalar: i)
  case .double(let d): return NDArray(scalar: d)
  case .bool(let b): return NDArray(scalar: b)
  case .host(let h): return (h as? ArrayHost)?.array
  case .array(let a): return swiftArrayToNDArray(a.items, elementType: a.elementType)
  default: return nil
  }
}

/// Like `asArray`, with an error naming the argument when the value is not numeric.
public func requireArray(_ v: Value, _ what: String) throws -> NDArray {
  guard let a = asArray(v) else {
    throw HostError("\(what) must be a number or an array of numbers, not \(v.typeName)", kind: "TypeError")
  }
  return a
}

func swiftArrayToNDArray(_ items: [Value], elementType: CompiledType?) -> NDArray? {
  if items.isEmpty {
    if case .int? = elementType { return NDArray([Int]()) }
    if case .bool? = elementType { return NDArray([Bool]()) }
    return NDArray([Double]())
  }
  var ints: [Int] = []
  var doubles: [Double] = []
  var bools: [Bool] = []
  var kind = 0  // 1 int, 2 double, 3 bool
  for item in items {
    switch item {
    case .int(let i):
      if kind == 3 { return nil }
      if kind == 2 { doubles.append(Double(i)) } else { kind = 1; ints.append(i) }
    case .double(let d):
      if kind == 3 { return nil }
      if kind == 1 {
        doubles = ints.map(Double.init)
        ints = []
      }
      kind = 2
      doubles.append(d)
    case .bool(let b):
      if kind != 0 && kind != 3 { return nil }
      kind = 3
      bools.append(b)
    case .array, .host:
      // Nested: stack rows of equal shape.
      var rows: [NDArray] = []
      for x in items {
        guard let r = asArray(x) else { return nil }
        rows.append(r)
      }
      return try? NDArray.stack(rows)
    default:
      return nil
    }
  }
  switch kind {
  case 1:
    if case .double? = elementType { return NDArray(ints.map(Double.init)) }
    return NDArray(ints)
  case 2: return NDArray(doubles)
  default: return NDArray(bools)
  }
}

/// Whether a value is a Swift array of numbers or Bools (what the arithmetic departure
/// from Swift applies to).
func isNumericSwiftArray(_ v: Value) -> Bool {
  guard case .array(let a) = v else { return false }
  func numeric(_ t: CompiledType) -> Bool {
    switch t {
    case .int, .double, .bool: return true
    case .array(let inner): return numeric(inner)
    default: return false
    }
  }
  if let t = a.elementType { return numeric(t) }
  return !a.items.isEmpty && asArray(v) != nil
}

/// Runs an `Arrays` call, turning its errors into the language's located errors.
@inline(__always)
func arrays<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let e as HostError {
    throw e
  } catch {
    throw HostError("\(error)", kind: errorKind(error))
  }
}

func errorKind(_ error: Error) -> String {
  if error is MemoryBudgetError { return "MemoryError" }
  let text = "\(error)"
  if text.contains("out of bounds") || text.contains("index") { return "IndexError" }
  if text.contains("broadcast") || text.contains("shape") { return "ShapeError" }
  return "ValueError"
}
