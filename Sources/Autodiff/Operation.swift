import Arrays

/// What a graph node computes. Shapes and layout attributes (reduction extents, gather
/// indices) are fixed when the node is built, so the tape's kernels do no shape logic.
public enum Operation {
  case parameter(offset: Int)
  case constant
  case unary(UnaryOp)
  case binary(BinaryOp)
  case compare(ComparisonOp)
  /// `where(condition, a, b)` with broadcasting; the condition is a 0/1 node.
  case select
  /// Rows of the input (its first axis) at constant indices; `rowSize` elements a row.
  case gather(indices: [Int], rowSize: Int)
  /// A reduction over the middle extent of the input viewed as (outer, length, inner).
  case reduce(ReduceOp, outer: Int, length: Int, inner: Int)
  /// (m × k) · (k × n).
  case matmul(m: Int, k: Int, n: Int)
  /// Inputs viewed as (outer, size_i) joined along the second extent.
  case concat(outer: Int, sizes: [Int])
  /// The same elements with another shape.
  case reshape
  /// A 2-d transpose of (rows × cols).
  case transpose(rows: Int, cols: Int)
  /// Cumulative sum over the last extent of the input viewed as (outer, length).
  case cumsum(outer: Int, length: Int)
  /// A fused operation defined outside this target (a distribution's log density, a
  /// bijector), with its own forward and backward kernels.
  case custom(CustomOperation)

  var kindKey: String {
    switch self {
    case .parameter: "parameter"
    case .constant: "constant"
    case .unary(let u): "unary.\(u)"
    case .binary(let b): "binary.\(b)"
    case .compare(let c): "compare.\(c)"
    case .select: "select"
    case .gather: "gather"
    case .reduce(let r, _, _, _): "reduce.\(r)"
    case .matmul: "matmul"
    case .concat: "concat"
    case .reshape: "reshape"
    case .transpose: "transpose"
    case .cumsum: "cumsum"
    case .custom(let c): "custom.\(c.key)"
    }
  }

  var attributeKey: [UInt64] {
    switch self {
    case .gather(let idx, let rowSize): [UInt64(rowSize)] + idx.map { UInt64(bitPattern: Int64($0)) }
    case .reduce(_, let o, let l, let i): [UInt64(o), UInt64(l), UInt64(i)]
    case .matmul(let m, let k, let n): [UInt64(m), UInt64(k), UInt64(n)]
    case .concat(let o, let sizes): [UInt64(o)] + sizes.map { UInt64($0) }
    case .transpose(let r, let c): [UInt64(r), UInt64(c)]
    case .cumsum(let o, let l): [UInt64(o), UInt64(l)]
    default: []
    }
  }

  var isFoldable: Bool {
    switch self {
    case .parameter, .constant: false
    default: true
    }
  }

  var isCacheable: Bool { isFoldable }
}

/// Whether (and how) a backward kernel writes an input's adjoint: the first
/// contribution in reverse order assigns, later ones add, so adjoint buffers never need
/// clearing between evaluations.
public enum GradMode: Sendable {
  case none, assign, accumulate
}

/// A fused operation supplied from outside (distributions, bijectors). Kernels read
/// their inputs (row-major, with the counts given) and write the output; `backward`
/// writes each input's adjoint contribution as `modes` says: `.assign` (the first
/// contribution: overwrite), `.accumulate` (add) or `.none` (no gradient needed).
///
/// Implementations must be immutable after construction (one tape serves several
/// chains on several threads at once) and must not allocate in the kernels.
public protocol CustomOperation: AnyObject {
  /// Identifies the operation and its attributes for common-subexpression elimination.
  var key: String { get }
  /// The output shape for the given input shapes; throws a `GraphError` if they do not fit.
  func outputShape(_ inputShapes: [[Int]]) throws -> [Int]
  func forward(_ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>, _ output: UnsafeMutablePointer<Double>, _ outputCount: Int)
  func backward(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>,
    _ output: UnsafePointer<Double>, _ outputAdjoint: UnsafePointer<Double>, _ outputCount: Int,
    _ inputAdjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>)

  /// Doubles of scratch memory per workspace that the kernels below receive (0 unless
  /// an operation asks): room to keep partials from the forward pass for the reverse.
  var scratchCount: Int { get }
  /// The forward kernel with the operation's scratch, told whether a reverse pass will
  /// follow (`gradient`), so an operation can compute its partials in the same loop as
  /// its value. The default calls the plain `forward`.
  func forward(_ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>, _ output: UnsafeMutablePointer<Double>, _ outputCount: Int,
               scratch: UnsafeMutablePointer<Double>, gradient: Bool)
  /// The backward kernel with the scratch the forward kernel filled. The default calls
  /// the plain `backward`.
  func backward(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>,
    _ output: UnsafePointer<Double>, _ outputAdjoint: UnsafePointer<Double>, _ outputCount: Int,
    _ inputAdjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>, scratch: UnsafeMutablePointer<Double>)
}

extension CustomOperation {
  public var scratchCount: Int { 0 }
  public func forward(_ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>, _ output: UnsafeMutablePointer<Double>, _ outputCount: Int,
                      scratch: UnsafeMutablePointer<Double>, gradient: Bool) {
    forward(inputs, counts, output, outputCount)
  }
  public func backward(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>,
    _ output: UnsafePointer<Double>, _ outputAdjoint: UnsafePointer<Double>, _ outputCount: Int,
    _ inputAdjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>, scratch: UnsafeMutablePointer<Double>
  ) {
    backward(inputs, counts, output, outputAdjoint, outputCount, inputAdjoints, modes)
  }
}
