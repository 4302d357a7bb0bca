/// The public operations of a graph. Each checks and infers shapes (NumPy's rules) and
/// throws a `GraphError` that says what does not fit.
extension Graph {
  /// NumPy's broadcast of two shapes.
  public static func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
    let n = max(a.count, b.count)
    var out = [Int](repeating: 1, count: n)
    for i in 0..<n {
      let x = i < n - a.count ? 1 : a[i - (n - a.count)]
      let y = i < n - b.count ? 1 : b[i - (n - b.count)]
      guard x == y || x == 1 || y == 1 else {
        throw GraphError("operands could not be broadcast together with shapes \(shapeText(a)) \(shapeText(b))")
      }
      out[i] = x == 1 ? y : x
    }
    return out
  }

  /// For each element of the broadcast shape `out`, the row-major index of the element
  /// of an operand of shape `shape` it reads (NumPy broadcasting).
  public static func broadcastMap(_ shape: [Int], to out: [Int]) -> [Int] {
    let pad = out.count - shape.count
    var strides = [Int](repeating: 0, count: out.count)
    var s = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) {
      strides[axis + pad] = shape[axis] == 1 ? 0 : s
      s *= shape[axis]
    }
    let n = out.reduce(1, *)
    var map = [Int](repeating: 0, count: n)
    var index = [Int](repeating: 0, count: out.count)
    var offset = 0
    for i in 0..<n {
      map[i] = offset
      var axis = out.count - 1
      while axis >= 0 {
        index[axis] += 1
        offset += strides[axis]
        if index[axis] < out[axis] { break }
        offset -= strides[axis] * index[axis]
        index[axis] = 0
        axis -= 1
      }
    }
    return map
  }

  public static func shapeText(_ s: [Int]) -> String {
    s.count == 1 ? "(\(s[0]),)" : "(" + s.map(String.init).joined(separator: ", ") + ")"
  }

  public func unary(_ op: UnaryOp, _ x: NodeID) -> NodeID {
    add(.unary(op), [x], shape: shape(x))
  }

  public func binary(_ op: BinaryOp, _ a: NodeID, _ b: NodeID) throws -> NodeID {
    let s = try Graph.broadcastShape(shape(a), shape(b))
    // Algebraic identities that keep traced code from growing needless nodes.
    if let v = constantValues(b), v.count == 1, s == shape(a) {
      if (op == .add || op == .subtract) && v[0] == 0 { return a }
      if (op == .multiply || op == .divide) && v[0] == 1 { return a }
    }
    if let v = constantValues(a), v.count == 1, s == shape(b) {
      if op == .add && v[0] == 0 { return b }
      if op == .multiply && v[0] == 1 { return b }
    }
    return add(.binary(op), [a, b], shape: s)
  }

  public func compare(_ op: ComparisonOp, _ a: NodeID, _ b: NodeID) throws -> NodeID {
    add(.compare(op), [a, b], shape: try Graph.broadcastShape(shape(a), shape(b)))
  }

  /// `where(condition, a, b)`.
  public func select(_ condition: NodeID, _ a: NodeID, _ b: NodeID) throws -> NodeID {
    let s = try Graph.broadcastShape(try Graph.broadcastShape(shape(condition), shape(a)), shape(b))
    return add(.select, [condition, a, b], shape: s)
  }

  /// Rows of `x` (its first axis) at `indices` (negative counts from the end).
  public func gather(_ x: NodeID, _ indices: [Int]) throws -> NodeID {
    let s = shape(x)
    guard let rows = s.first else { throw GraphError("cannot index a scalar", kind: "IndexError") }
    var idx = indices
    for (k, i) in indices.enumerated() {
      guard i >= -rows, i < rows else {
        throw GraphError("index \(i) is out of bounds for axis 0 with size \(rows)", kind: "IndexError")
      }
      if i < 0 { idx[k] = i + rows }
    }
    return add(.gather(indices: idx, rowSize: s.dropFirst().reduce(1, *)), [x], shape: [idx.count] + s.dropFirst())
  }

  /// One row of `x` (drops the first axis): `x[i]`.
  public func row(_ x: NodeID, _ i: Int) throws -> NodeID {
    let g = try gather(x, [i])
    return try reshape(g, Array(shape(x).dropFirst()))
  }

  private func axisExtents(_ s: [Int], _ axis: Int?) throws -> (outer: Int, length: Int, inner: Int, out: [Int]) {
    guard let axis else { return (1, s.reduce(1, *), 1, []) }
    guard axis >= -s.count, axis < s.count else {
      throw GraphError("axis \(axis) is out of bounds for an array of dimension \(s.count)", kind: "IndexError")
    }
    let a = axis < 0 ? axis + s.count : axis
    var out = s
    out.remove(at: a)
    return (s[..<a].reduce(1, *), s[a], s[(a + 1)...].reduce(1, *), out)
  }

  public func reduce(_ op: ReduceOp, _ x: NodeID, axis: Int? = nil) throws -> NodeID {
    let e = try axisExtents(shape(x), axis)
    if e.length == 0, op == .max || op == .min {
      throw GraphError("zero-size array to reduction operation \(op) which has no identity", kind: "ValueError")
    }
    return add(.reduce(op, outer: e.outer, length: e.length, inner: e.inner), [x], shape: e.out)
  }

  public func sum(_ x: NodeID, axis: Int? = nil) throws -> NodeID { try reduce(.sum, x, axis: axis) }

  public func mean(_ x: NodeID, axis: Int? = nil) throws -> NodeID {
    let e = try axisExtents(shape(x), axis)
    return try binary(.multiply, try sum(x, axis: axis), scalar(1 / Double(e.length)))
  }

  public func logSumExp(_ x: NodeID, axis: Int? = nil) throws -> NodeID { try reduce(.logSumExp, x, axis: axis) }

  /// The matrix product for 1-d and 2-d operands (NumPy's `matmul`/`dot` rules).
  public func matmul(_ a: NodeID, _ b: NodeID) throws -> NodeID {
    let sa = shape(a), sb = shape(b)
    guard (1...2).contains(sa.count), (1...2).contains(sb.count) else {
      throw GraphError("matmul of traced values needs 1-d or 2-d operands, not \(Graph.shapeText(sa)) and \(Graph.shapeText(sb))")
    }
    let m = sa.count == 2 ? sa[0] : 1, k = sa.last!
    let k2 = sb[0], n = sb.count == 2 ? sb[1] : 1
    guard k == k2 else {
      throw GraphError("matmul: shapes \(Graph.shapeText(sa)) and \(Graph.shapeText(sb)) are not aligned (\(k) ≠ \(k2))")
    }
    var out: [Int] = []
    if sa.count == 2 { out.append(m) }
    if sb.count == 2 { out.append(n) }
    return add(.matmul(m: m, k: k, n: n), [a, b], shape: out)
  }

  /// Joins tensors along `axis`; the other extents must agree.
  public func concat(_ xs: [NodeID], axis: Int = 0) throws -> NodeID {
    guard let first = xs.first else { throw GraphError("concatenate needs at least one array", kind: "ValueError") }
    let s0 = shape(first)
    guard !s0.isEmpty else { throw GraphError("zero-dimensional arrays cannot be concatenated", kind: "ValueError") }
    guard axis >= -s0.count, axis < s0.count else {
      throw GraphError("axis \(axis) is out of bounds for an array of dimension \(s0.count)", kind: "IndexError")
    }
    let a = axis < 0 ? axis + s0.count : axis
    var total = 0
    for x in xs {
      let s = shape(x)
      guard s.count == s0.count, s[..<a] == s0[..<a], s[(a + 1)...] == s0[(a + 1)...] else {
        throw GraphError("concatenate: shapes \(Graph.shapeText(s0)) and \(Graph.shapeText(s)) differ off axis \(a)")
      }
      total += s[a]
    }
    var out = s0
    out[a] = total
    let outer = s0[..<a].reduce(1, *)
    return add(.concat(outer: outer, sizes: xs.map { count($0) / outer }), xs, shape: out)
  }

  public func reshape(_ x: NodeID, _ newShape: [Int]) throws -> NodeID {
    var s = newShape
    let n = count(x)
    if let k = s.firstIndex(of: -1) {
      let rest = s.enumerated().filter { $0.offset != k }.map(\.element).reduce(1, *)
      guard rest > 0, n % rest == 0 else { throw GraphError("cannot reshape array of size \(n) into shape \(Graph.shapeText(newShape))") }
      s[k] = n / rest
    }
    guard s.reduce(1, *) == n, s.allSatisfy({ $0 >= 0 }) else {
      throw GraphError("cannot reshape array of size \(n) into shape \(Graph.shapeText(newShape))")
    }
    if s == shape(x) { return x }
    return add(.reshape, [x], shape: s)
  }

  public func transpose(_ x: NodeID) throws -> NodeID {
    let s = shape(x)
    if s.count < 2 { return x }
    guard s.count == 2 else { throw GraphError("transposing traced values supports 2-d arrays, not \(Graph.shapeText(s))") }
    return add(.transpose(rows: s[0], cols: s[1]), [x], shape: [s[1], s[0]])
  }

  /// Cumulative sum along the last axis (all elements, flattened, when `axis` is nil).
  public func cumsum(_ x: NodeID, axis: Int? = nil) throws -> NodeID {
    let s = shape(x)
    guard let axis else {
      let flat = try reshape(x, [count(x)])
      return add(.cumsum(outer: 1, length: count(x)), [flat], shape: [count(x)])
    }
    guard axis == -1 || axis == s.count - 1 else {
      throw GraphError("cumsum of traced values supports the last axis only", kind: "ValueError")
    }
    return add(.cumsum(outer: s.dropLast().reduce(1, *), length: s.last ?? 1), [x], shape: s)
  }

  /// A fused operation from outside this target.
  public func custom(_ op: CustomOperation, _ inputs: [NodeID]) throws -> NodeID {
    let s = try op.outputShape(inputs.map { shape($0) })
    return add(.custom(op), inputs, shape: s)
  }
}
