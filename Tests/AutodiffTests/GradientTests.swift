import Testing
import Foundation
@testable import Autodiff

/// A small deterministic generator for test points (SplitMix64).
struct TestRNG {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * Double(next() >> 11) / Double(1 << 53) }
  mutating func array(_ n: Int, _ a: Double, _ b: Double) -> [Double] { (0..<n).map { _ in uniform(a, b) } }
}

/// Checks the tape's gradient of `build`'s scalar against central finite differences at
/// `point`, and the tape's value against a second, independent evaluation by folding
/// (the graph built on constants computes the same value eagerly).
func checkGradient(_ point: [Double], shapes: [[Int]], tolerance: Double = 1e-6, _ build: (Graph, [NodeID]) throws -> NodeID,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
  let g = Graph()
  let params = shapes.map { g.parameter(shape: $0) }
  let out = try build(g, params)
  let tape = try Tape(graph: g, outputs: [out], gradientOf: out)
  let (value, gradient) = tape.valueAndGradient(point)
  // The same function on constants folds to the same value.
  var offset = 0
  let g2 = Graph()
  let consts = shapes.map { s -> NodeID in
    let n = s.reduce(1, *)
    defer { offset += n }
    return g2.constant(Array(point[offset..<(offset + n)]), shape: s)
  }
  let folded = try build(g2, consts)
  let foldedValue = g2.constantValues(folded)![0]
  #expect(value == foldedValue || (value.isNaN && foldedValue.isNaN), "tape \(value) vs folded \(foldedValue)", sourceLocation: sourceLocation)
  let ws = tape.makeWorkspace()
  for i in point.indices {
    let h = 1e-6 * max(1, abs(point[i]))
    var p = point
    p[i] += h
    let up = tape.valueAndGradient(p, workspace: ws).value
    p[i] -= 2 * h
    let down = tape.valueAndGradient(p, workspace: ws).value
    let fd = (up - down) / (2 * h)
    let err = abs(fd - gradient[i]) / max(1, abs(fd))
    #expect(err < tolerance, "∂/∂θ[\(i)]: tape \(gradient[i]) vs finite difference \(fd)", sourceLocation: sourceLocation)
  }
  // A second evaluation in a reused workspace gives identical results (no stale adjoints).
  let again = tape.valueAndGradient(point, workspace: ws)
  #expect(again.value == value && again.gradient == gradient, "re-evaluation differs", sourceLocation: sourceLocation)
}

@Suite("Autodiff gradients against finite differences")
struct GradientTests {
  static let domains: [(UnaryOp, ClosedRange<Double>)] = [
    (.negate, -3...3), (.exp, -3...3), (.log, 0.2...5), (.log1p, -0.5...3), (.expm1, -3...3), (.sqrt, 0.2...5),
    (.square, -3...3), (.reciprocal, 0.3...4), (.abs, 0.1...3), (.sin, -3...3), (.cos, -3...3), (.tanh, -2...2),
    (.sigmoid, -5...5), (.logSigmoid, -30...30), (.softplus, -30...30), (.logit, 0.05...0.95), (.lgamma, 0.1...8),
    (.digamma, 0.2...8), (.erf, -2...2), (.erfc, -2...2), (.normalCDF, -3...3), (.logNormalCDF, -30...5),
  ]

  @Test("unary operations", arguments: domains)
  func unary(_ op: UnaryOp, _ domain: ClosedRange<Double>) throws {
    var rng = TestRNG(state: UInt64(op.rawValue.hashValue & 0xffff))
    for n in [1, 7] {
      let x = rng.array(n, domain.lowerBound, domain.upperBound)
      // Weighted sum so every element's gradient is distinct.
      try checkGradient(x, shapes: [[n]], tolerance: 1e-5) { g, p in
        let w = g.constant((0..<n).map { 1 + Double($0) }, shape: [n])
        return try g.sum(try g.binary(.multiply, g.unary(op, p[0]), w))
      }
    }
  }

  static let broadcastShapes: [([Int], [Int])] = [([5], [5]), ([5], []), ([], [5]), ([2, 3], [3]), ([3, 1], [1, 4]), ([2, 1, 3], [4, 1])]

  @Test("binary operations with broadcasting", arguments: BinaryOp.allCases)
  func binary(_ op: BinaryOp) throws {
    var rng = TestRNG(state: 7)
    for (sa, sb) in Self.broadcastShapes {
      let na = sa.reduce(1, *), nb = sb.reduce(1, *)
      let lo = op == .power ? 0.5 : -2.0
      var x = rng.array(na, lo, 2) + rng.array(nb, 0.5, 2)
      if op == .minimum || op == .maximum { x = x.enumerated().map { $0.element + Double($0.offset) * 0.013 } }
      try checkGradient(x, shapes: [sa, sb]) { g, p in
        let y = try g.binary(op, p[0], p[1])
        let w = g.constant((0..<g.count(y)).map { 0.5 + Double($0) * 0.25 }, shape: g.shape(y))
        return try g.sum(try g.binary(.multiply, y, w))
      }
    }
  }

  @Test("gather with repeated indices and its scatter-add adjoint")
  func gather() throws {
    var rng = TestRNG(state: 3)
    let idx = [0, 2, 2, 4, 1, 0, 0, -1]
    try checkGradient(rng.array(5, -1, 1), shapes: [[5]]) { g, p in
      let y = try g.gather(p[0], idx)
      return try g.sum(try g.binary(.multiply, y, g.constant((0..<8).map(Double.init), shape: [8])))
    }
    try checkGradient(rng.array(6, -1, 1), shapes: [[3, 2]]) { g, p in
      let y = try g.gather(p[0], [2, 0, 2])
      return try g.sum(try g.unary(.square, y))
    }
  }

  @Test("reductions: sum, mean, logsumexp, max, min over all elements and along axes")
  func reductions() throws {
    var rng = TestRNG(state: 11)
    let x = rng.array(12, -2, 2)
    for op in [ReduceOp.sum, .logSumExp, .max, .min] {
      for axis in [nil, 0, 1, -1] as [Int?] {
        try checkGradient(x, shapes: [[3, 4]]) { g, p in
          let r = try g.reduce(op, p[0], axis: axis)
          let w = g.constant((0..<g.count(r)).map { 1 + Double($0) }, shape: g.shape(r))
          return try g.sum(try g.binary(.multiply, r, w))
        }
      }
    }
    try checkGradient(x, shapes: [[12]]) { g, p in try g.mean(try g.unary(.square, p[0])) }
  }

  @Test("matrix products, concatenation, reshape, transpose, cumsum, where")
  func structural() throws {
    var rng = TestRNG(state: 5)
    try checkGradient(rng.array(6 + 12, -1, 1), shapes: [[2, 3], [3, 4]]) { g, p in
      try g.sum(try g.unary(.square, try g.matmul(p[0], p[1])))
    }
    try checkGradient(rng.array(6 + 3, -1, 1), shapes: [[2, 3], [3]]) { g, p in
      try g.sum(try g.unary(.sin, try g.matmul(p[0], p[1])))
    }
    try checkGradient(rng.array(6, -1, 1), shapes: [[3], [3]]) { g, p in try g.matmul(p[0], p[1]) }
    try checkGradient(rng.array(4 + 6, -1, 1), shapes: [[2, 2], [2, 3]]) { g, p in
      let c = try g.concat([p[0], p[1], p[0]], axis: 1)
      let w = g.constant((0..<14).map { Double($0) }, shape: [2, 7])
      return try g.sum(try g.binary(.multiply, c, w))
    }
    try checkGradient(rng.array(6, -1, 1), shapes: [[2, 3]]) { g, p in
      let t = try g.transpose(p[0])
      let r = try g.reshape(t, [6])
      let c = try g.cumsum(r)
      return try g.sum(try g.binary(.multiply, c, c))
    }
    try checkGradient(rng.array(6, -1, 1), shapes: [[6]]) { g, p in
      let cond = try g.compare(.greater, p[0], g.scalar(0))
      let y = try g.select(cond, try g.unary(.square, p[0]), try g.unary(.exp, p[0]))
      return try g.sum(y)
    }
  }

  @Test("a node used several times accumulates its adjoint; unused parameters get 0")
  func fanOut() throws {
    try checkGradient([0.3, -0.7, 2.0], shapes: [[], [], []]) { g, p in
      let a = try g.binary(.multiply, p[0], p[0])
      let b = try g.binary(.add, a, try g.binary(.multiply, a, p[1]))
      return try g.binary(.add, b, try g.unary(.exp, a))
    }
  }
}

@Suite("Product-sum fusion of elementwise trees")
struct ProductSumTests {
  /// Builds `build` twice — once compiled as is (fused) and once with every
  /// intermediate also an output of the tape, which keeps each op's own instruction —
  /// and checks the fused value is bit-identical, the gradients agree, and the fused
  /// gradient equals finite differences.
  func check(_ point: [Double], shapes: [[Int]], fusedInstructions: Int? = nil, _ build: (Graph, [NodeID]) throws -> NodeID,
             sourceLocation: SourceLocation = #_sourceLocation) throws {
    try checkGradient(point, shapes: shapes, build, sourceLocation: sourceLocation)
    let g = Graph()
    let params = shapes.map { g.parameter(shape: $0) }
    let out = try build(g, params)
    let fused = try Tape(graph: g, outputs: [out], gradientOf: out)
    if let fusedInstructions { #expect(fused.instructionCount == fusedInstructions, "instructions", sourceLocation: sourceLocation) }
    // Every node an output: nothing can be absorbed, so each op runs on its own.
    let unfused = try Tape(graph: g, outputs: (0..<g.nodes.count).map { NodeID(index: $0) }, gradientOf: out)
    let a = fused.valueAndGradient(point), b = unfused.valueAndGradient(point)
    #expect(a.value == b.value, "fused \(a.value) vs unfused \(b.value)", sourceLocation: sourceLocation)
    for i in point.indices {
      #expect(abs(a.gradient[i] - b.gradient[i]) <= 1e-12 * max(1, abs(b.gradient[i])), "∂[\(i)] fused \(a.gradient[i]) vs \(b.gradient[i])",
              sourceLocation: sourceLocation)
    }
  }

  @Test("a linear predictor a[g] + b[g]·x becomes one instruction (two groups, repeated indices)")
  func linearPredictor() throws {
    var rng = TestRNG(state: 11)
    let groups = [0, 1, 1, 2, 0, 2, 2, 1]
    let x = rng.array(8, -2, 2), y = rng.array(8, -1, 3)
    try check(rng.array(7, -1, 1), shapes: [[3], [3], []], fusedInstructions: 4) { g, p in
      let mu = try g.binary(.add, try g.gather(p[0], groups), try g.binary(.multiply, try g.gather(p[1], groups), g.constant(x, shape: [8])))
      let r = try g.binary(.subtract, g.constant(y, shape: [8]), mu)
      // (the residual's square, times a scalar parameter, summed)
      return try g.sum(try g.binary(.multiply, try g.unary(.square, r), p[2]))
    }
  }

  @Test("data sorted by group: the scatter of each run is summed in a register")
  func sortedGroups() throws {
    var rng = TestRNG(state: 15)
    let groups = Array(repeating: 0, count: 6) + Array(repeating: 1, count: 5) + Array(repeating: 2, count: 6) + Array(repeating: 0, count: 3)
    let x = rng.array(20, -2, 2), y = rng.array(20, -1, 3)
    try check(rng.array(6, -1, 1), shapes: [[3], [3]]) { g, p in
      let mu = try g.binary(.add, try g.gather(p[0], groups), try g.binary(.multiply, try g.gather(p[1], groups), g.constant(x, shape: [20])))
      let r = try g.binary(.subtract, g.constant(y, shape: [20]), mu)
      return try g.sum(try g.unary(.square, r))
    }
  }

  @Test("non-centred parametrization mu + tau·eta, negation, constants and broadcasting")
  func mixed() throws {
    var rng = TestRNG(state: 12)
    try check(rng.array(10, -1, 1), shapes: [[], [], [8]]) { g, p in
      let theta = try g.binary(.add, p[0], try g.binary(.multiply, p[1], p[2]))
      let t = try g.binary(.subtract, g.unary(.negate, theta), try g.binary(.multiply, g.scalar(2), p[2]))
      return try g.sum(try g.unary(.sin, t))
    }
    // Broadcasting (3, 1) against (4): the maps compose through the tree.
    try check(rng.array(3 + 4 + 1, -1, 1), shapes: [[3, 1], [4], []]) { g, p in
      let s = try g.binary(.subtract, try g.binary(.multiply, p[0], p[1]), try g.binary(.multiply, p[1], p[2]))
      let w = g.constant((0..<12).map { 1 + 0.1 * Double($0) }, shape: [3, 4])
      return try g.sum(try g.unary(.exp, try g.binary(.multiply, try g.binary(.add, s, g.scalar(0.5)), w)))
    }
  }

  @Test("a leaf read by several factors (x·x + x), three-factor terms, a gathered expression")
  func repeatedLeaves() throws {
    var rng = TestRNG(state: 13)
    try check(rng.array(6, -1, 1), shapes: [[6]]) { g, p in
      let y = try g.binary(.add, try g.binary(.multiply, p[0], p[0]), p[0])
      return try g.sum(try g.unary(.tanh, y))
    }
    try check(rng.array(5 + 5 + 1, -1, 1), shapes: [[5], [5], []]) { g, p in
      let y = try g.binary(.multiply, try g.binary(.multiply, p[0], p[1]), p[2])
      let z = try g.binary(.add, y, try g.binary(.multiply, try g.binary(.multiply, p[1], p[1]), p[0]))
      return try g.sum(try g.unary(.sin, z))
    }
    try check(rng.array(4 + 4, -1, 1), shapes: [[4], [4]]) { g, p in
      let e = try g.binary(.add, p[0], try g.binary(.multiply, p[1], g.scalar(3)))
      let y = try g.binary(.multiply, try g.gather(e, [3, 0, 0, 2, 1, 3]), g.constant([1, 2, 3, 4, 5, 6], shape: [6]))
      return try g.sum(try g.unary(.square, y))
    }
  }

  @Test("sum of a product: summed as computed; r·r deposits 2r once; squares of a scaled predictor in one pass")
  func summedProducts() throws {
    var rng = TestRNG(state: 16)
    try check(rng.array(9, -1, 1), shapes: [[8], []], fusedInstructions: 1) { g, p in
      let r = try g.binary(.divide, p[0], p[1])
      return try g.sum(try g.binary(.multiply, try g.binary(.multiply, g.scalar(-0.5), r), r))
    }
    try check(rng.array(7, -1, 1), shapes: [[6], []], fusedInstructions: 1) { g, p in
      let r = try g.binary(.subtract, p[0], p[1])
      return try g.sum(g.unary(.square, try g.binary(.divide, r, p[1])))
    }
    // The Gaussian log-density written by hand: sum(-0.5 * r * r), r = (Y − a[g] − b[g]·X) / s,
    // with data sorted by group and one group repeated later.
    let groups = Array(repeating: 0, count: 6) + Array(repeating: 1, count: 5) + Array(repeating: 2, count: 6) + Array(repeating: 0, count: 3)
    let x = rng.array(20, -2, 2), y = rng.array(20, -1, 3)
    try check(rng.array(3 + 3, -1, 1) + [0.7], shapes: [[3], [3], []], fusedInstructions: 1) { g, p in
      let l = try g.binary(.subtract, try g.binary(.subtract, g.constant(y, shape: [20]), try g.gather(p[0], groups)),
                           try g.binary(.multiply, try g.gather(p[1], groups), g.constant(x, shape: [20])))
      let r = try g.binary(.divide, l, p[2])
      return try g.sum(try g.binary(.multiply, try g.binary(.multiply, g.scalar(-0.5), r), r))
    }
    // The divisor also a leaf of the predictor; and r read elsewhere too (no quadratic sum).
    try check(rng.array(6, -1, 1) + [1.3], shapes: [[6], []]) { g, p in
      let r = try g.binary(.divide, try g.binary(.subtract, p[0], p[1]), p[1])
      return try g.sum(try g.unary(.square, r))
    }
    try check(rng.array(6, -1, 1) + [1.3], shapes: [[6], []]) { g, p in
      let r = try g.binary(.divide, try g.binary(.add, p[0], p[1]), p[1])
      return try g.binary(.add, try g.sum(try g.unary(.square, r)), try g.sum(try g.unary(.sin, r)))
    }
    try check(rng.array(12, -1, 1), shapes: [[6], [6]]) { g, p in
      let w = try g.binary(.multiply, try g.binary(.multiply, p[0], p[1]), p[0])
      return try g.binary(.add, try g.sum(w), try g.sum(try g.binary(.multiply, p[1], g.constant([1, 2, 3, 4, 5, 6], shape: [6]))))
    }
  }

  @Test("an intermediate read elsewhere keeps its own instruction and its gradient")
  func sharedIntermediate() throws {
    var rng = TestRNG(state: 14)
    try check(rng.array(8, -1, 1), shapes: [[4], [4]]) { g, p in
      let m = try g.binary(.multiply, p[0], p[1])
      let s = try g.binary(.add, m, p[0])
      return try g.binary(.add, try g.sum(try g.unary(.exp, s)), try g.sum(m))
    }
  }
}

@Suite("Tape compilation")
struct CompilationTests {
  @Test("data-only subexpressions fold to constants and equal subexpressions are shared")
  func foldingAndCSE() throws {
    let g = Graph()
    let x = g.parameter(shape: [4])
    let data = g.constant([1, 2, 3, 4], shape: [4])
    let scaled = try g.binary(.multiply, try g.unary(.exp, data), g.scalar(2))
    #expect(g.isConstant(scaled))
    let a = try g.binary(.multiply, x, scaled)
    let b = try g.binary(.multiply, x, scaled)
    #expect(a == b)
    // The product and its sum, with x and the folded constant read directly: one
    // instruction (a summed product sum).
    let tape = try Tape(graph: g, outputs: [], gradientOf: try g.sum(a))
    #expect(tape.instructionCount == 1)
    // Kept as an output, the product has its own instruction again.
    #expect(try Tape(graph: g, outputs: [a], gradientOf: try g.sum(a)).instructionCount == 2)
  }

  @Test("a non-scalar gradient root is refused")
  func nonScalarRoot() throws {
    let g = Graph()
    let x = g.parameter(shape: [3])
    #expect(throws: GraphError.self) { try Tape(graph: g, outputs: [], gradientOf: x) }
  }

  @Test("several workspaces on several threads give identical results")
  func threads() throws {
    let g = Graph()
    let x = g.parameter(shape: [50])
    let y = try g.sum(try g.unary(.softplus, try g.binary(.multiply, x, g.constant((0..<50).map(Double.init), shape: [50]))))
    let tape = try Tape(graph: g, outputs: [], gradientOf: y)
    let point = (0..<50).map { sin(Double($0)) }
    let expected = tape.valueAndGradient(point)
    final class Results: @unchecked Sendable { var ok = [Bool](repeating: false, count: 4) }
    let results = Results()
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: 4) { i in
      let ws = tape.makeWorkspace()
      var ok = true
      for _ in 0..<200 { let r = tape.valueAndGradient(point, workspace: ws); ok = ok && r.value == expected.value && r.gradient == expected.gradient }
      lock.lock()
      results.ok[i] = ok
      lock.unlock()
    }
    #expect(results.ok.allSatisfy { $0 })
  }
}
