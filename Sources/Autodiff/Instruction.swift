/// One step of a compiled tape: reads its inputs at fixed offsets of the workspace's
/// value arena, writes its output, and in the reverse pass moves the output's adjoint
/// (same offsets, adjoint arena) to its inputs. Offsets are fixed at compile time, so
/// kernels do no bookkeeping and allocate nothing.
class Instruction {
  let output: Int
  let count: Int
  /// Offsets of the inputs (for custom kernels and the compiler).
  let inputs: [Int]
  /// How the backward kernel writes each input's adjoint; set by the compiler.
  @exclusivity(unchecked) var modes: [GradMode]

  init(output: Int, count: Int, inputs: [Int]) {
    self.output = output
    self.count = count
    self.inputs = inputs
    self.modes = Array(repeating: .none, count: inputs.count)
  }

  func forward(_ v: UnsafeMutablePointer<Double>) {}
  func backward(_ v: UnsafeMutablePointer<Double>, _ a: UnsafeMutablePointer<Double>) {}
  /// Whether this instruction's backward kernel can assign (rather than only add);
  /// custom kernels only add, so the compiler clears their first-written buffers.
  var canAssign: Bool { true }
}

/// How an operand of an elementwise operation lines up with the output.
public enum Layout: Sendable, Equatable {
  /// The same elements in the same order.
  case same
  /// One element, used for every output element.
  case scalar
  /// The operand element for each output element (general broadcasting).
  case map([Int])

  /// The layout of an operand of shape `shape` broadcast to `out`.
  public init(_ shape: [Int], to out: [Int]) {
    let n = shape.reduce(1, *), nOut = out.reduce(1, *)
    if n == 1 { self = .scalar; return }
    if n == nOut { self = .same; return }
    let map = Graph.broadcastMap(shape, to: out)
    self = .map(map)
  }

  /// Whether a gather map repeats each index in runs (at least 4 elements a run on
  /// average), as a map by group does for data sorted by group; kernels then keep a
  /// run's value and partial in registers.
  public static func comesInRuns(_ map: [Int]) -> Bool {
    guard !map.isEmpty else { return false }
    var changes = 1
    for i in 1..<map.count where map[i] != map[i - 1] { changes += 1 }
    return map.count >= 4 * changes
  }

  @inline(__always) public func index(_ i: Int) -> Int {
    switch self {
    case .same: return i
    case .scalar: return 0
    case .map(let m): return m[i]
    }
  }
}

/// Adds (or assigns, per `mode`) per-output-element contributions `c(i)` into an
/// operand's adjoint laid out as `layout`: elementwise, summed into one element, or
/// scattered through a broadcast map.
@inline(__always)
func deposit(_ n: Int, _ layout: Layout, _ mode: GradMode, _ adj: UnsafeMutablePointer<Double>, operandCount: Int, _ c: (Int) -> Double) {
  switch (layout, mode) {
  case (_, .none): return
  case (.same, .assign): for i in 0..<n { adj[i] = c(i) }
  case (.same, .accumulate): for i in 0..<n { adj[i] += c(i) }
  case (.scalar, _):
    var s = 0.0
    for i in 0..<n { s += c(i) }
    if mode == .assign { adj[0] = s } else { adj[0] += s }
  case (.map(let m), _):
    if mode == .assign { adj.update(repeating: 0, count: operandCount) }
    m.withUnsafeBufferPointer { m in for i in 0..<n { adj[m[i]] += c(i) } }
  }
}
