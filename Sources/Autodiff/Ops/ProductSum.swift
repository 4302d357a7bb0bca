/// Fusion of elementwise sums and products into one instruction.
///
/// A linear predictor such as `a[g] + b[g] * x` is, op by op, a gather, a gather, a
/// product and a sum: four passes over the data forward, four back, and two
/// intermediate arrays. The compiler rewrites such a tree — sums, differences, products,
/// negations, squares, gathers of vectors and reshapes whose intermediate results
/// nothing else reads — as one *product sum*
///
///     y[i] = Σₖ cₖ · Πⱼ u_{kj}[m_{kj}(i)]
///
/// where each u is a node computed elsewhere (a parameter, data, any other node), read
/// through an index map m (the same element, one element for all, or a gather /
/// broadcast map), and cₖ a constant coefficient (±1, or a folded scalar constant).
/// The value rounds exactly as the separate operations would: terms are added left to
/// right (a right operand that is itself a sum keeps its own instruction), factors are
/// multiplied left to right, and a coefficient other than a power of two never moves
/// across a product.
///
/// Forward: one pass per term. Reverse: for each factor that needs a gradient,
/// ū[m(i)] += ȳ[i] · cₖ · Π_{l≠j} u_{kl}[m_{kl}(i)] — the product rule, summed over the
/// elements that read the same u element (a scatter-add for a gather, a sum for a
/// broadcast scalar). Each pass is a loop specialized at compile time for how each
/// factor is read (see `Reader`), so the per-element work is a few loads and
/// multiply-adds.

/// How one output element reads an operand.
protocol Reader {
  func callAsFunction(_ i: Int) -> Double
}

struct DenseReader: Reader {
  let p: UnsafePointer<Double>
  @inline(__always) func callAsFunction(_ i: Int) -> Double { p[i] }
}

struct ScalarReader: Reader {
  let v: Double
  @inline(__always) func callAsFunction(_ i: Int) -> Double { v }
}

struct GatherReader: Reader {
  let p: UnsafePointer<Double>
  let m: UnsafePointer<Int>
  @inline(__always) func callAsFunction(_ i: Int) -> Double { p[m[i]] }
}

struct ProductReader<A: Reader, B: Reader>: Reader {
  let a: A, b: B
  @inline(__always) func callAsFunction(_ i: Int) -> Double { a(i) * b(i) }
}

struct ScaledReader<A: Reader>: Reader {
  let a: A, c: Double
  @inline(__always) func callAsFunction(_ i: Int) -> Double { c * a(i) }
}

/// Calls `body` with a reader specialized for `layout` (the gather map stays valid for
/// the call).
protocol ReaderConsumer {
  func consume<R: Reader>(_ r: R)
}

@inline(__always)
func withReader<C: ReaderConsumer>(_ layout: Layout, _ p: UnsafePointer<Double>, _ c: C) {
  switch layout {
  case .same: c.consume(DenseReader(p: p))
  case .scalar: c.consume(ScalarReader(v: p[0]))
  case .map(let m): m.withUnsafeBufferPointer { c.consume(GatherReader(p: p, m: $0.baseAddress!)) }
  }
}

/// out[i] = r(i) (assign) or out[i] += r(i).
struct StoreTerm: ReaderConsumer {
  let out: UnsafeMutablePointer<Double>
  let n: Int
  let assign: Bool
  let c: Double
  @inline(__always) func consume<R: Reader>(_ r: R) {
    if c == 1 {
      if assign { for i in 0..<n { out[i] = r(i) } } else { for i in 0..<n { out[i] += r(i) } }
    } else {
      if assign { for i in 0..<n { out[i] = c * r(i) } } else { for i in 0..<n { out[i] += c * r(i) } }
    }
  }
}

/// Multiplies the reader it is given by the operand at `layout`, then passes the
/// product on.
struct TimesOperand<Next: ReaderConsumer>: ReaderConsumer {
  let layout: Layout
  let p: UnsafePointer<Double>
  let next: Next
  @inline(__always) func consume<R: Reader>(_ r: R) {
    withReader(layout, p, Bind(r: r, next: next))
  }
  struct Bind<R0: Reader>: ReaderConsumer {
    let r: R0
    let next: Next
    @inline(__always) func consume<R: Reader>(_ r1: R) { next.consume(ProductReader(a: r, b: r1)) }
  }
}

/// Adds (or assigns) the per-element contributions `r(i)` into an operand's adjoint
/// laid out as `layout`.
struct DepositTerm: ReaderConsumer {
  let adj: UnsafeMutablePointer<Double>
  let layout: Layout
  let assign: Bool
  let n: Int
  let operandCount: Int
  /// Whether the gather map comes in runs of equal indices (data sorted by group):
  /// then a run's sum is kept in a register and added once, instead of a chain of
  /// read-modify-writes on one element.
  var runs = false
  @inline(__always) func consume<R: Reader>(_ r: R) {
    if runs, case .map(let m) = layout, n > 0 {
      if assign { adj.update(repeating: 0, count: operandCount) }
      m.withUnsafeBufferPointer { m in
        let m = m.baseAddress!
        var k = m[0], sum = 0.0
        for i in 0..<n {
          let j = m[i]
          if j != k {
            adj[k] += sum
            sum = 0
            k = j
          }
          sum += r(i)
        }
        adj[k] += sum
      }
      return
    }
    switch layout {
    case .same:
      if assign { for i in 0..<n { adj[i] = r(i) } } else { for i in 0..<n { adj[i] += r(i) } }
    case .scalar:
      var s = 0.0
      for i in 0..<n { s += r(i) }
      if assign { adj[0] = s } else { adj[0] += s }
    case .map(let m):
      if assign { adj.update(repeating: 0, count: operandCount) }
      m.withUnsafeBufferPointer { m in
        let m = m.baseAddress!
        for i in 0..<n { adj[m[i]] += r(i) }
      }
    }
  }
}

/// A product sum y[i] = Σₖ cₖ · Πⱼ leaf_{kj}[layout_{kj}.index(i)]: the terms and, per
/// factor, the leaf it reads (an index into `leaves`) and how.
public struct ProductSumForm: Sendable {
  public struct Factor: Sendable {
    public var slot: Int
    public var layout: Layout
  }
  public struct Term: Sendable {
    public var coefficient: Double
    public var factors: [Factor]
  }
  public var terms: [Term]
  /// The graph nodes read, one slot each.
  public var leaves: [NodeID]
  /// Whether the form is summed over its `length` elements into one number (a
  /// `sum(...)` of a product, such as `sum(-0.5 * r * r)`), never building the array.
  public var reduces = false
  public var length = 0
}

extension Graph {
  /// `node`, broadcast to `shape`, as a product sum of the nodes it is computed from —
  /// when it is a tree of sums, differences, products, negations, gathers of vectors
  /// and reshapes with more than one operation (at most 4 terms of at most 3 factors),
  /// else nil. Fused operations (a distribution's log density) use this to read a
  /// linear predictor without materializing it; intermediate nodes that something else
  /// reads are still computed for it by the tape.
  public func productSum(of node: NodeID, broadcastTo shape: [Int]) -> ProductSumForm? {
    ProductSumFusion(nodes: nodes, outputs: [], everyNodeSingleUse: true)
      .form(of: node, layout: Layout(self.shape(node), to: shape), count: shape.reduce(1, *))
  }
}

/// Builds product sums from a graph's nodes (see the file comment).
struct ProductSumFusion {
  static let maxTerms = 4
  static let maxFactors = 3

  let nodes: [Graph.Node]
  /// How many instructions (or outputs) read each node.
  let uses: [Int]

  init(nodes: [Graph.Node], outputs: [NodeID], everyNodeSingleUse: Bool = false) {
    self.nodes = nodes
    var uses = [Int](repeating: everyNodeSingleUse ? 1 : 0, count: nodes.count)
    if !everyNodeSingleUse {
      for n in nodes { for i in n.inputs { uses[i.index] += 1 } }
      for o in outputs { uses[o.index] += 1 }
    }
    self.uses = uses
  }

  /// The form of one node read through `layout` (nil when it is a single operation or
  /// a leaf).
  func form(of id: NodeID, layout: Layout, count: Int) -> ProductSumForm? {
    guard isFusable(nodes[id.index].op) else { return nil }
    var inner: [Int] = []
    let terms = expand(id, layout, count: count, inner: &inner, isRoot: true)
    guard !inner.isEmpty else { return nil }
    return Self.slotted(terms)
  }

  private static func slotted(_ terms: [RawTerm]) -> ProductSumForm {
    var leaves: [NodeID] = []
    var slotOf: [NodeID: Int] = [:]
    let fused = terms.map { t in
      ProductSumForm.Term(coefficient: t.coefficient, factors: t.factors.map { f in
        let slot: Int
        if let s = slotOf[f.node] { slot = s } else { slot = leaves.count; slotOf[f.node] = slot; leaves.append(f.node) }
        return ProductSumForm.Factor(slot: slot, layout: f.layout)
      })
    }
    return ProductSumForm(terms: fused, leaves: leaves)
  }

  private struct RawTerm {
    var coefficient: Double
    var factors: [(node: NodeID, layout: Layout)]
  }

  private func isFusable(_ op: Operation) -> Bool {
    switch op {
    case .binary(.add), .binary(.subtract), .binary(.multiply), .unary(.negate), .unary(.square): true
    default: false
    }
  }

  /// The nodes to rewrite, by root index: product sums and quadratic sums
  /// (`QuadraticSumInstruction`); the intermediate nodes they replace are absorbed.
  func fuse() -> (forms: [Int: ProductSumForm], quadratics: [Int: QuadraticSumForm]) {
    var forms: [Int: ProductSumForm] = [:]
    var quadratics: [Int: QuadraticSumForm] = [:]
    var absorbed = [Bool](repeating: false, count: nodes.count)
    for i in stride(from: nodes.count - 1, through: 0, by: -1) {
      let node = nodes[i]
      if !absorbed[i], node.values == nil, case .reduce(.sum, outer: 1, let length, inner: 1) = node.op {
        // sum(one product): summed as it is computed. One term only, so the sum adds
        // the same numbers in the same order as the reduction would.
        let source = node.inputs[0]
        guard uses[source.index] == 1, nodes[source.index].values == nil, isFusable(nodes[source.index].op) else { continue }
        var inner: [Int] = []
        let terms = expand(source, .same, count: length, inner: &inner, isRoot: true)
        guard terms.count == 1, !(terms[0].factors.count == 1 && terms[0].factors[0].node == source) else { continue }
        if let (q, more) = quadratic(terms[0], length: length, tree: inner + [source.index]) {
          for j in inner + more + [source.index] { absorbed[j] = true }
          quadratics[i] = q
          continue
        }
        for j in inner + [source.index] { absorbed[j] = true }
        var form = Self.slotted(terms)
        form.reduces = true
        form.length = length
        forms[i] = form
        continue
      }
      guard !absorbed[i], node.values == nil, node.count > 1, isFusable(node.op) else { continue }
      var inner: [Int] = []
      let terms = expand(NodeID(index: i), .same, count: node.count, inner: &inner, isRoot: true)
      // Only worth it when the tree had more than one operation.
      guard !inner.isEmpty else { continue }
      for j in inner { absorbed[j] = true }
      forms[i] = Self.slotted(terms)
    }
    return (forms, quadratics)
  }

  /// c·r·r summed, with r = L/s (s one number) or r = L for a linear predictor L that
  /// nothing else reads: the quadratic sum's form and the nodes it absorbs.
  private func quadratic(_ t: RawTerm, length: Int, tree: [Int]) -> (QuadraticSumForm, [Int])? {
    guard t.factors.count == 2, t.factors[0].node == t.factors[1].node,
          case .same = t.factors[0].layout, case .same = t.factors[1].layout else { return nil }
    let r = t.factors[0].node
    // Every read of r is the product's own (r·r, square(r), (c·r)·r).
    let reads = tree.reduce(0) { n, j in n + nodes[j].inputs.filter { $0 == r }.count }
    guard uses[r.index] == reads, nodes[r.index].values == nil, nodes[r.index].count == length else { return nil }
    var scale: NodeID? = nil
    var l = r
    var more = [r.index]
    var expandL = true
    if case .binary(.divide) = nodes[r.index].op {
      let (a, b) = (nodes[r.index].inputs[0], nodes[r.index].inputs[1])
      guard nodes[b.index].count == 1, nodes[a.index].count == length else { return nil }
      scale = b
      l = a
      // A predictor built here is taken in; a node read elsewhere is one term.
      expandL = isFusable(nodes[a.index].op) && uses[a.index] == 1
      if expandL { more.append(a.index) }
    } else if !isFusable(nodes[r.index].op) {
      return nil
    }
    var inner: [Int] = []
    let terms = expandL ? expand(l, .same, count: length, inner: &inner, isRoot: true) : [RawTerm(coefficient: 1, factors: [(l, .same)])]
    let form = Self.slotted(terms)
    let first = scale == nil ? 0 : 1
    let inputs = (scale.map { [$0] } ?? []) + form.leaves
    guard let predictor = LinearPredictor(form, firstSlot: first, count: length, constantValues: { nodes[inputs[$0].index].values },
                                          isVariable: { nodes[inputs[$0].index].isVariable }) else { return nil }
    return (QuadraticSumForm(coefficient: t.coefficient, predictor: predictor, scale: scale, leaves: form.leaves, length: length), more + inner)
  }

  /// `node` as terms over `count` output elements, each reading the node's element
  /// `layout.index(i)`. Nodes taken into the form (computed by it, so needing no
  /// instruction of their own) are appended to `inner`.
  private func expand(_ id: NodeID, _ layout: Layout, count: Int, inner: inout [Int], isRoot: Bool = false) -> [RawTerm] {
    let node = nodes[id.index]
    let leaf = [RawTerm(coefficient: 1, factors: [(id, layout)])]
    if let v = node.values, v.count == 1 { return [RawTerm(coefficient: v[0], factors: [])] }
    let single = uses[id.index] == 1
    if !isRoot && isTransparent(node) {
      // A gather of a vector or a reshape is read through its map; its source is
      // expanded further only when nothing else reads either of them.
      let source = node.inputs[0]
      var l = layout
      if case .gather(let indices, _) = node.op { l = compose(layout, .map(indices), count: count) }
      if single { inner.append(id.index) }
      if single && isFusable(nodes[source.index].op) && uses[source.index] == 1 {
        return expand(source, l, count: count, inner: &inner)
      }
      return [RawTerm(coefficient: 1, factors: [(source, l)])]
    }
    guard isRoot || (single && isFusable(node.op)) else { return leaf }
    let mark = inner.count
    func childLayout(_ c: NodeID) -> Layout { compose(layout, Layout(nodes[c.index].shape, to: node.shape), count: count) }
    var result: [RawTerm]
    switch node.op {
    case .binary(.add), .binary(.subtract):
      let a = expand(node.inputs[0], childLayout(node.inputs[0]), count: count, inner: &inner)
      // The terms are added left to right, so a right operand that is itself a sum
      // keeps its own instruction: the fused result then rounds exactly as the ops do.
      let rightMark = inner.count
      var b = expand(node.inputs[1], childLayout(node.inputs[1]), count: count, inner: &inner)
      if b.count > 1 {
        inner.removeSubrange(rightMark...)
        b = [RawTerm(coefficient: 1, factors: [(node.inputs[1], childLayout(node.inputs[1]))])]
      }
      if case .binary(.subtract) = node.op { b[0].coefficient = -b[0].coefficient }
      result = a + b
    case .binary(.multiply):
      let a = expand(node.inputs[0], childLayout(node.inputs[0]), count: count, inner: &inner)
      let b = expand(node.inputs[1], childLayout(node.inputs[1]), count: count, inner: &inner)
      // A product of two single terms, multiplied left to right as the ops would; a
      // coefficient other than ±1 only where that order is kept (see `exactProduct`).
      guard a.count == 1, b.count == 1, Self.exactProduct(a[0].coefficient, a[0].factors.count, b[0].coefficient, b[0].factors.count) else {
        inner.removeSubrange(mark...)
        return leaf
      }
      result = [RawTerm(coefficient: a[0].coefficient * b[0].coefficient, factors: a[0].factors + b[0].factors)]
    case .unary(.negate):
      result = expand(node.inputs[0], layout, count: count, inner: &inner).map { RawTerm(coefficient: -$0.coefficient, factors: $0.factors) }
    case .unary(.square):
      // x² is x·x exactly: a factor read twice.
      let t = expand(node.inputs[0], layout, count: count, inner: &inner)
      guard t.count == 1, t[0].factors.count == 1, abs(t[0].coefficient) == 1 else {
        inner.removeSubrange(mark...)
        return leaf
      }
      result = [RawTerm(coefficient: 1, factors: t[0].factors + t[0].factors)]
    default:
      return leaf
    }
    // Too many terms or factors: this node keeps its own instruction.
    if result.count > Self.maxTerms || result.contains(where: { $0.factors.count > Self.maxFactors }) {
      inner.removeSubrange(mark...)
      return leaf
    }
    if !isRoot { inner.append(id.index) }
    return result
  }

  /// Whether (cₐ·Πa)·(c_b·Πb), evaluated as (cₐ·c_b)·(Πa·Πb) left to right, rounds as
  /// the two products would: true when no coefficient other than a power of two meets a
  /// product.
  /// A power of two (±1, ±0.5, ±2, …) scales exactly, so it may move anywhere in a
  /// product.
  static func exactProduct(_ ca: Double, _ na: Int, _ cb: Double, _ nb: Int) -> Bool {
    func exact(_ c: Double) -> Bool { c.isNormal && c.significandBitPattern == 0 }
    if na == 0 { return nb <= 1 && exact(cb) || nb == 0 }
    return exact(ca) && (nb == 0 || (nb == 1 && exact(cb)))
  }

  /// Gathers of vectors and reshapes are read through their maps wherever they are,
  /// so they never need their own copy when a product sum reads them.
  private func isTransparent(_ node: Graph.Node) -> Bool {
    switch node.op {
    case .gather(_, rowSize: 1): nodes[node.inputs[0].index].shape.count == 1
    case .reshape: true
    default: false
    }
  }

  /// The layout reading element `inner.index(outer.index(i))`.
  private func compose(_ outer: Layout, _ inner: Layout, count: Int) -> Layout {
    switch (outer, inner) {
    case (_, .same): return outer
    case (_, .scalar): return .scalar
    case (.same, .map(let m)): return .map(m)
    case (.scalar, .map(let m)): return .map(Array(repeating: m[0], count: count))
    case (.map(let o), .map(let m)): return .map(o.map { m[$0] })
    }
  }
}

/// The instruction for a fused product sum.
final class ProductSumInstruction: Instruction {
  let form: ProductSumForm
  let counts: [Int]
  /// Per term and factor j, the term's other factors (the partial's product).
  let others: [[[ProductSumForm.Factor]]]
  /// Per term and factor, whether its gather map comes in runs (see `DepositTerm`).
  let runs: [[Bool]]
  /// Per term and factor, how many identical factors (same leaf, same layout) the
  /// partial counts — 2 for the first r of r·r, 0 for the second, which it covers.
  let multiplicity: [[Int]]
  /// The number of elements each pass runs over.
  let length: Int

  init(_ form: ProductSumForm, inputs: [Int], counts: [Int], output: Int, count: Int) {
    self.form = form
    self.counts = counts
    others = form.terms.map { t in t.factors.indices.map { j in var o = t.factors; o.remove(at: j); return o } }
    runs = form.terms.map { t in t.factors.map { f in
      if case .map(let m) = f.layout { return Layout.comesInRuns(m) }
      return false
    } }
    multiplicity = form.terms.map { t in t.factors.indices.map { j in
      let f = t.factors[j]
      let same = { (h: ProductSumForm.Factor) in h.slot == f.slot && h.layout == f.layout }
      return t.factors[..<j].contains(where: same) ? 0 : t.factors.filter(same).count
    } }
    length = form.reduces ? form.length : count
    precondition(inputs.count <= 64)
    super.init(output: output, count: count, inputs: inputs)
  }

  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let out = v + output, n = length
    if form.reduces {
      let t = form.terms[0]
      apply(t.factors[...], v, SumTerm(out: out, n: n, c: t.coefficient))
      return
    }
    for (k, t) in form.terms.enumerated() {
      apply(t.factors[...], v, StoreTerm(out: out, n: n, assign: k == 0, c: t.coefficient))
    }
  }

  /// Feeds the product of `factors` to `consumer` (a constant 1 when empty).
  private func apply<C: ReaderConsumer>(_ factors: ArraySlice<ProductSumForm.Factor>, _ v: UnsafeMutablePointer<Double>, _ consumer: C) {
    let s = factors.startIndex
    switch factors.count {
    case 0: consumer.consume(ScalarReader(v: 1))
    case 1: withReader(factors[s].layout, v + inputs[factors[s].slot], consumer)
    case 2:
      withReader(factors[s].layout, v + inputs[factors[s].slot],
                 TimesOperand(layout: factors[s + 1].layout, p: v + inputs[factors[s + 1].slot], next: consumer))
    default:
      // Three or more (rare): the last two specialized, the rest read generically.
      withReader(factors[s].layout, v + inputs[factors[s].slot],
                 TimesOperand(layout: factors[s + 1].layout, p: v + inputs[factors[s + 1].slot],
                              next: TimesRest(factors: factors.dropFirst(2), inputs: inputs, v: v, next: consumer)))
    }
  }

  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    let g = UnsafePointer(adj + output), n = length
    var started: UInt64 = 0
    for (k, t) in form.terms.enumerated() {
      for (j, f) in t.factors.enumerated() where modes[f.slot] != .none && multiplicity[k][j] > 0 {
        let bit: UInt64 = 1 << UInt64(f.slot)
        let assign = modes[f.slot] == .assign && started & bit == 0
        started |= bit
        let deposit = DepositTerm(adj: adj + inputs[f.slot], layout: f.layout, assign: assign, n: n, operandCount: counts[f.slot],
                                  runs: runs[k][j])
        let c = t.coefficient * Double(multiplicity[k][j])
        if form.reduces {
          // ȳ is one number: the partial is ȳ·c·Π others.
          apply(others[k][j][...], v, ScaleByConstant(c: c * g[0], next: deposit))
        } else {
          apply(others[k][j][...], v, ScaleBy(c: c, g: g, next: deposit))
        }
      }
    }
  }
}

/// Σᵢ c·r(i), added in element order, into out[0].
struct SumTerm: ReaderConsumer {
  let out: UnsafeMutablePointer<Double>
  let n: Int
  let c: Double
  @inline(__always) func consume<R: Reader>(_ r: R) {
    var s = 0.0
    if c == 1 { for i in 0..<n { s += r(i) } } else { for i in 0..<n { s += c * r(i) } }
    out[0] = s
  }
}

/// Multiplies the reader by one number before passing it on.
struct ScaleByConstant<Next: ReaderConsumer>: ReaderConsumer {
  let c: Double
  let next: Next
  @inline(__always) func consume<R: Reader>(_ r: R) { next.consume(ScaledReader(a: r, c: c)) }
}

/// Multiplies the reader by ȳ[i]·c before passing it on.
struct ScaleBy<Next: ReaderConsumer>: ReaderConsumer {
  let c: Double
  let g: UnsafePointer<Double>
  let next: Next
  @inline(__always) func consume<R: Reader>(_ r: R) {
    if c == 1 { next.consume(ProductReader(a: DenseReader(p: g), b: r)) } else {
      next.consume(ScaledReader(a: ProductReader(a: DenseReader(p: g), b: r), c: c))
    }
  }
}

/// Multiplies the reader by further factors read generically (terms of three or more
/// factors, which are rare).
struct TimesRest<Next: ReaderConsumer>: ReaderConsumer {
  let factors: ArraySlice<ProductSumForm.Factor>
  let inputs: [Int]
  let v: UnsafeMutablePointer<Double>
  let next: Next
  struct Generic<R0: Reader>: Reader {
    let r: R0
    let factors: ArraySlice<ProductSumForm.Factor>
    let inputs: [Int]
    let v: UnsafeMutablePointer<Double>
    @inline(__always) func callAsFunction(_ i: Int) -> Double {
      var p = r(i)
      for f in factors { p *= v[inputs[f.slot] + f.layout.index(i)] }
      return p
    }
  }
  func consume<R: Reader>(_ r: R) { next.consume(Generic(r: r, factors: factors, inputs: inputs, v: v)) }
}
