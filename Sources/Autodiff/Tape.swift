/// A compiled tape: the part of a graph that its outputs depend on, as a flat list of
/// instructions over one preallocated arena of Doubles.
///
/// Compilation (once): keep the nodes the outputs need, give each an offset in the
/// arena, copy the constants into a template arena, and decide for every adjoint
/// write whether it assigns or adds (the first write in reverse order assigns), so no
/// adjoint buffer has to be cleared per evaluation.
///
/// Evaluation (many times): `valueAndGradient` copies the parameters in, runs the
/// forward kernels, seeds the output's adjoint with 1, runs the backward kernels in
/// reverse and copies the parameters' adjoints out. It allocates nothing. The tape is
/// immutable, so several threads can evaluate it at once, each with its own
/// `Workspace`.
public final class Tape: @unchecked Sendable {
  public let parameterCount: Int
  let instructions: [Instruction]
  let template: [Double]
  let outputOffsets: [(offset: Int, count: Int, shape: [Int])]
  let gradientRoot: Int?
  /// (arena offset, parameter offset, count) of every parameter the outputs read.
  let allParameterSlices: [(arena: Int, parameter: Int, count: Int)]
  /// The same for the parameters whose adjoint the reverse pass writes.
  let parameterSlices: [(arena: Int, parameter: Int, count: Int)]
  /// Adjoint ranges cleared before the reverse pass (first written by custom kernels).
  let clears: [(offset: Int, count: Int)]
  /// Instructions with a backward pass, in reverse order.
  let reverse: [Instruction]
  /// The same two lists without reference counting (the arrays above keep the
  /// instructions alive), so evaluation retains and releases nothing.
  let forwardPass: [Unmanaged<Instruction>]
  let reversePass: [Unmanaged<Instruction>]

  /// The number of instructions, for reports.
  public var instructionCount: Int { instructions.count }
  /// The arena size in Doubles, for reports.
  public var arenaSize: Int { template.count }

  /// Compiles the nodes `outputs` depend on; with `gradientOf`, also the reverse pass
  /// of that scalar node with respect to the parameters.
  public init(graph: Graph, outputs: [NodeID], gradientOf root: NodeID? = nil) throws {
    if let root, graph.count(root) != 1 {
      throw GraphError("a gradient needs a scalar result, not an array of shape \(Graph.shapeText(graph.shape(root)))", kind: "TypeError")
    }
    parameterCount = graph.parameterCount
    let nodes = graph.nodes
    // Gathers of a vector feeding an elementwise binary operation are fused into it:
    // the operation reads the source through the gather's index map (and its backward
    // kernel scatters through the same map), so the gathered copy is never built.
    var inputsOf = nodes.map(\.inputs)
    var layoutOverrides: [Int: [Layout?]] = [:]
    for i in nodes.indices {
      guard case .binary = nodes[i].op else { continue }
      var overrides: [Layout?] = [nil, nil]
      for (slot, input) in nodes[i].inputs.enumerated() {
        let source = nodes[input.index]
        guard case .gather(let indices, rowSize: 1) = source.op, source.count == nodes[i].count,
              source.shape == nodes[i].shape, nodes[source.inputs[0].index].shape.count == 1 else { continue }
        overrides[slot] = .map(indices)
        inputsOf[i][slot] = source.inputs[0]
      }
      if overrides.contains(where: { $0 != nil }) && inputsOf[i][0] != inputsOf[i][1] { layoutOverrides[i] = overrides } else { inputsOf[i] = nodes[i].inputs }
    }
    // Trees of sums, products and gathers become one product-sum instruction each
    // (Ops/ProductSum.swift); their intermediate nodes drop out of the tape.
    let (productSums, quadratics) = ProductSumFusion(nodes: nodes, outputs: outputs + (root.map { [$0] } ?? [])).fuse()
    for (i, form) in productSums {
      inputsOf[i] = form.leaves
      layoutOverrides[i] = nil
    }
    // Sums of squares of a scaled linear predictor (Ops/QuadraticSum.swift).
    for (i, q) in quadratics {
      inputsOf[i] = (q.scale.map { [$0] } ?? []) + q.leaves
      layoutOverrides[i] = nil
    }
    var needed = [Bool](repeating: false, count: nodes.count)
    for o in outputs + (root.map { [$0] } ?? []) { needed[o.index] = true }
    for i in stride(from: nodes.count - 1, through: 0, by: -1) where needed[i] {
      for j in inputsOf[i] { needed[j.index] = true }
    }
    var offsets = [Int](repeating: -1, count: nodes.count)
    var template: [Double] = []
    for i in nodes.indices where needed[i] {
      offsets[i] = template.count
      if let v = nodes[i].values { template.append(contentsOf: v) } else { template.append(contentsOf: repeatElement(0, count: nodes[i].count)) }
    }
    var instructions: [Instruction] = []
    var byNode: [Int: Instruction] = [:]
    var slices: [(node: Int, arena: Int, parameter: Int, count: Int)] = []
    for i in nodes.indices where needed[i] && nodes[i].values == nil {
      let n = nodes[i]
      let inst: Instruction
      if let q = quadratics[i] {
        let quadratic = QuadraticSumInstruction(q, inputs: inputsOf[i].map { offsets[$0.index] }, counts: inputsOf[i].map { nodes[$0.index].count },
                                                variable: inputsOf[i].map { nodes[$0.index].isVariable }, output: offsets[i])
        quadratic.scratch = template.count
        template.append(contentsOf: repeatElement(0, count: quadratic.scratchCount))
        inst = quadratic
      } else if let form = productSums[i] {
        inst = ProductSumInstruction(form, inputs: form.leaves.map { offsets[$0.index] }, counts: form.leaves.map { nodes[$0.index].count },
                                     output: offsets[i], count: n.count)
      } else if let overrides = layoutOverrides[i], case .binary(let op) = n.op {
        let ins = inputsOf[i].map { (nodes[$0.index].shape, offsets[$0.index]) }
        inst = BinaryInstruction(op, a: ins[0], b: ins[1], output: (n.shape, offsets[i]), layouts: overrides)
      } else {
        inst = makeInstruction(n.op, inputs: n.inputs.map { (nodes[$0.index].shape, offsets[$0.index]) }, output: (n.shape, offsets[i]))
      }
      if let custom = inst as? CustomInstruction, custom.operation.scratchCount > 0 {
        custom.scratch = template.count
        template.append(contentsOf: repeatElement(0, count: custom.operation.scratchCount))
      }
      if case .parameter(let p) = n.op { slices.append((i, offsets[i], p, n.count)) } else { instructions.append(inst) }
      byNode[i] = inst
    }
    self.instructions = instructions
    self.template = template
    self.outputOffsets = outputs.map { (offsets[$0.index], graph.count($0), graph.shape($0)) }
    self.allParameterSlices = slices.map { ($0.arena, $0.parameter, $0.count) }

    // The reverse pass: nodes that depend on a parameter and feed the root.
    var clears: [(Int, Int)] = []
    var reverse: [Instruction] = []
    if let root, nodes[root.index].isVariable {
      var live = [Bool](repeating: false, count: nodes.count)
      live[root.index] = true
      var written = [Bool](repeating: false, count: nodes.count)
      written[root.index] = true
      for i in stride(from: root.index, through: 0, by: -1) where live[i] {
        guard let inst = byNode[i], !(inst is ParameterInstruction) else { continue }
        var any = false
        for (j, input) in inputsOf[i].enumerated() where nodes[input.index].isVariable {
          any = true
          live[input.index] = true
          if written[input.index] {
            inst.modes[j] = .accumulate
          } else {
            written[input.index] = true
            if inst.canAssign && !inputsOf[i][..<j].contains(input) {
              inst.modes[j] = .assign
            } else {
              inst.modes[j] = .accumulate
              clears.append((offsets[input.index], nodes[input.index].count))
            }
          }
        }
        if any {
          reverse.append(inst)
          (inst as? CustomInstruction)?.differentiated = true
          (inst as? QuadraticSumInstruction)?.differentiated = true
        }
      }
      gradientRoot = offsets[root.index]
      parameterSlices = slices.filter { written[$0.node] }.map { ($0.arena, $0.parameter, $0.count) }
    } else {
      gradientRoot = root.map { offsets[$0.index] }
      parameterSlices = []
    }
    self.clears = clears
    self.reverse = reverse
    forwardPass = instructions.map { Unmanaged.passUnretained($0) }
    reversePass = reverse.map { Unmanaged.passUnretained($0) }
  }

  /// A workspace for one thread: the value and adjoint arenas.
  public func makeWorkspace() -> Workspace { Workspace(template) }

  /// Runs the forward pass at `parameters`.
  public func forward(_ parameters: UnsafeBufferPointer<Double>, _ ws: Workspace) {
    precondition(parameters.count == parameterCount, "the tape takes \(parameterCount) parameters, got \(parameters.count)")
    let v = ws.values
    for s in allParameterSlices { (v + s.arena).update(from: parameters.baseAddress! + s.parameter, count: s.count) }
    forwardPass.withUnsafeBufferPointer { for inst in $0 { inst._withUnsafeGuaranteedRef { $0.forward(v) } } }
  }

  /// The value of the gradient root (a scalar) and its gradient with respect to the
  /// parameters, written into `gradient`.
  public func valueAndGradient(_ parameters: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>, _ ws: Workspace) -> Double {
    forward(parameters, ws)
    guard let root = gradientRoot else { preconditionFailure("this tape was compiled without a gradient") }
    let v = ws.values, a = ws.adjoints
    gradient.update(repeating: 0)
    guard !reverse.isEmpty || !parameterSlices.isEmpty else { return v[root] }
    for c in clears { (a + c.offset).update(repeating: 0, count: c.count) }
    a[root] = 1
    reversePass.withUnsafeBufferPointer { for inst in $0 { inst._withUnsafeGuaranteedRef { $0.backward(v, a) } } }
    for s in parameterSlices { (gradient.baseAddress! + s.parameter).update(from: a + s.arena, count: s.count) }
    return v[root]
  }

  /// Output `i` after `forward`, as row-major Doubles.
  public func output(_ i: Int, _ ws: Workspace) -> [Double] {
    let o = outputOffsets[i]
    return Array(UnsafeBufferPointer(start: ws.values + o.offset, count: o.count))
  }

  public func outputShape(_ i: Int) -> [Int] { outputOffsets[i].shape }

  /// Convenience for tests and one-off calls: value and gradient at `parameters`.
  public func valueAndGradient(_ parameters: [Double], workspace: Workspace? = nil) -> (value: Double, gradient: [Double]) {
    let ws = workspace ?? makeWorkspace()
    var g = [Double](repeating: 0, count: parameterCount)
    let v = parameters.withUnsafeBufferPointer { p in g.withUnsafeMutableBufferPointer { valueAndGradient(p, $0, ws) } }
    return (v, g)
  }
}

/// The arenas one thread evaluates a tape in.
public final class Workspace: @unchecked Sendable {
  let values: UnsafeMutablePointer<Double>
  let adjoints: UnsafeMutablePointer<Double>
  let size: Int
  init(_ template: [Double]) {
    size = max(template.count, 1)
    values = .allocate(capacity: size)
    adjoints = .allocate(capacity: size)
    values.initialize(repeating: 0, count: size)
    adjoints.initialize(repeating: 0, count: size)
    template.withUnsafeBufferPointer { values.update(from: $0.baseAddress!, count: template.count) }
  }
  deinit {
    values.deallocate()
    adjoints.deallocate()
  }
}
