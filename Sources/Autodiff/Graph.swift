import Arrays

/// A node of a `Graph`: an index into its node list.
public struct NodeID: Hashable, Sendable, CustomStringConvertible {
  public let index: Int
  public var description: String { "%\(index)" }
}

/// An error building a graph: a shape that does not fit, an index out of range.
public struct GraphError: Error, CustomStringConvertible, Sendable {
  public let message: String
  public let kind: String
  public init(_ message: String, kind: String = "ShapeError") {
    self.message = message
    self.kind = kind
  }
  public var description: String { message }
}

/// A graph of operations on n-d Double tensors, recorded by tracing a function once.
///
/// Nodes are added in topological order (an operation's inputs always come first).
/// Building is where the cheap optimizations happen:
/// - **constant folding**: an operation whose inputs are all constants is computed at
///   once, with the same kernel the tape runs, and becomes a constant;
/// - **common-subexpression elimination**: an operation equal to an earlier one (same
///   kind, attributes and inputs) returns the earlier node (hash-consing).
/// `Tape(graph:output:)` then compiles the part the output depends on.
public final class Graph {
  public private(set) var nodes: [Node] = []
  /// The number of Doubles in the flat parameter vector (the sum of parameter sizes).
  public private(set) var parameterCount = 0
  private var memo: [NodeKey: Int] = [:]

  public init() {}

  /// A node: its operation, inputs and shape; constants carry their values.
  public struct Node {
    public let op: Operation
    public let inputs: [NodeID]
    public let shape: [Int]
    /// The values of a constant node (row-major).
    public let values: [Double]?
    public var count: Int { shape.reduce(1, *) }
    /// Whether the node depends on a parameter (so has a gradient).
    public let isVariable: Bool
  }

  public func shape(_ n: NodeID) -> [Int] { nodes[n.index].shape }
  public func count(_ n: NodeID) -> Int { nodes[n.index].count }
  public func isConstant(_ n: NodeID) -> Bool { nodes[n.index].values != nil }
  public func isVariable(_ n: NodeID) -> Bool { nodes[n.index].isVariable }
  /// The values of a constant node, nil for computed ones.
  public func constantValues(_ n: NodeID) -> [Double]? { nodes[n.index].values }

  // MARK: - Leaves

  /// A slice of the flat parameter vector, shaped `shape`, starting after the
  /// parameters declared before it.
  public func parameter(shape: [Int]) -> NodeID {
    let n = shape.reduce(1, *)
    let id = append(Node(op: .parameter(offset: parameterCount), inputs: [], shape: shape, values: nil, isVariable: true))
    parameterCount += n
    return id
  }

  /// A constant tensor. Equal small constants share a node.
  public func constant(_ values: [Double], shape: [Int]) -> NodeID {
    precondition(values.count == shape.reduce(1, *), "constant: \(values.count) values for shape \(shape)")
    let key = NodeKey(op: "constant", inputs: [], attributes: values.count <= 64 ? values.map { $0.bitPattern } : [], shape: shape, identity: values.count <= 64 ? nil : values.count)
    if values.count <= 64, let i = memo[key] { return NodeID(index: i) }
    let id = append(Node(op: .constant, inputs: [], shape: shape, values: values, isVariable: false))
    if values.count <= 64 { memo[key] = id.index }
    return id
  }

  public func scalar(_ value: Double) -> NodeID { constant([value], shape: []) }

  // MARK: - Adding operations

  /// Adds an operation after checking and inferring its shape; folds constants and
  /// reuses an equal earlier node.
  func add(_ op: Operation, _ inputs: [NodeID], shape: [Int]) -> NodeID {
    let key = NodeKey(op: op.kindKey, inputs: inputs.map(\.index), attributes: op.attributeKey, shape: shape, identity: nil)
    if op.isCacheable, let i = memo[key] { return NodeID(index: i) }
    let variable = inputs.contains { nodes[$0.index].isVariable }
    let id: NodeID
    if !variable, op.isFoldable {
      id = append(Node(op: .constant, inputs: [], shape: shape, values: fold(op, inputs, shape: shape), isVariable: false))
    } else {
      id = append(Node(op: op, inputs: inputs, shape: shape, values: nil, isVariable: variable))
    }
    if op.isCacheable { memo[key] = id.index }
    return id
  }

  private func append(_ node: Node) -> NodeID {
    nodes.append(node)
    return NodeID(index: nodes.count - 1)
  }

  /// Computes a data-only operation now, with the tape's own kernel.
  private func fold(_ op: Operation, _ inputs: [NodeID], shape: [Int]) -> [Double] {
    var offsets: [Int] = []
    var arena: [Double] = []
    for i in inputs {
      offsets.append(arena.count)
      arena.append(contentsOf: nodes[i.index].values!)
    }
    let outOffset = arena.count
    let outCount = shape.reduce(1, *)
    arena.append(contentsOf: repeatElement(0, count: outCount))
    let instruction = makeInstruction(op, inputs: zip(inputs, offsets).map { (nodes[$0.index].shape, $1) }, output: (shape, outOffset))
    arena.withUnsafeMutableBufferPointer { instruction.forward($0.baseAddress!) }
    return Array(arena[outOffset..<(outOffset + outCount)])
  }
}

/// The identity of an operation for common-subexpression elimination.
struct NodeKey: Hashable {
  let op: String
  let inputs: [Int]
  let attributes: [UInt64]
  let shape: [Int]
  let identity: Int?
}
