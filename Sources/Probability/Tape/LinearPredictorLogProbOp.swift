import Autodiff
import Foundation

/// Σᵢ log p(xᵢ | θ) for an elementwise family whose *predictor* parameter (a normal's
/// location, Student's t's location, a Bernoulli's logits) is a linear predictor —
/// `a[g] + b[g] * x`, `alpha + beta * x`, `mu + tau * eta` — read straight from the nodes
/// it is computed from (Autodiff's `ProductSumForm`), never built as an array, and whose
/// other parameters are single numbers.
///
/// A term of the predictor is c·u[m(i)] (u read through a gather, broadcast or in
/// place) or c·u[m(i)]·d[i] with d read in place; up to three such terms, plus
/// constants. With ηᵢ the predictor and ∂ᵢ = ∂ log p(xᵢ | ηᵢ, …)/∂ηᵢ, a term passes ∂ᵢ on
/// as ū[m(i)] += c·d[i]·∂ᵢ and d̄[i] += c·u[m(i)]·∂ᵢ. When a reverse pass will follow, the
/// forward loop computes all partials as it goes (into the operation's scratch), so the
/// whole likelihood is one pass over the data — the loop a hand-written gradient has; the
/// reverse pass only scales them by ȳ. The loop is specialized for each combination of
/// term kinds and for the family.
///
/// The normal with one scale σ has its own element kernel, so no logarithm is taken per
/// element: with zᵢ = (xᵢ − ηᵢ)/σ,
///   f = −½ Σ zᵢ² − n (log σ + ½ log 2π),  ∂f/∂ηᵢ = zᵢ/σ = −∂f/∂xᵢ,  ∂f/∂σ = (Σ zᵢ² − n)/σ.
/// Other families use their `logProbAndPartials`.
public final class LinearPredictorLogProbOp<F: ElementwiseFamily>: CustomOperation {
  public let key: String
  let n: Int
  /// Stride of x: 1, or 0 for a scalar x.
  let xStride: Int
  /// Which parameter is the predictor.
  let slot: Int
  /// The predictor (its constant and terms).
  let predictor: LinearPredictor
  /// Per input slot, where its partials start in scratch (nil: the input is not a
  /// variable, so it gets none).
  let scratchOffsets: [Int?]
  let counts: [Int]
  public let scratchCount: Int

  /// The fused node's inputs and operation when `parameters[slot]` broadcast to `shape`
  /// is a linear predictor this operation reads and every other parameter is one
  /// number; nil otherwise. Inputs: x, the other parameters in order, then the
  /// predictor's leaves.
  public static func make(_ g: Graph, x: NodeID, parameters: [NodeID], slot: Int, shape: [Int]) -> (LinearPredictorLogProbOp, [NodeID])? {
    let n = shape.reduce(1, *)
    let others = parameters.enumerated().filter { $0.offset != slot }.map(\.element)
    guard n > 1, parameters.count == F.parameterNames.count, others.allSatisfy({ g.count($0) == 1 }),
          g.shape(x) == shape || g.count(x) == 1,
          let form = g.productSum(of: parameters[slot], broadcastTo: shape) else { return nil }
    let first = 1 + others.count
    let inputs = [x] + others + form.leaves
    guard let predictor = LinearPredictor(form, firstSlot: first, count: n, constantValues: { g.constantValues(inputs[$0]) },
                                          isVariable: { g.isVariable(inputs[$0]) }) else { return nil }
    let op = LinearPredictorLogProbOp(inputs.map { g.count($0) }, variable: inputs.map { g.isVariable($0) }, n: n, slot: slot, predictor: predictor)
    return (op, inputs)
  }

  init(_ counts: [Int], variable: [Bool], n: Int, slot: Int, predictor: LinearPredictor) {
    self.n = n
    self.counts = counts
    self.slot = slot
    xStride = counts[0] == 1 ? 0 : 1
    self.predictor = predictor
    (scratchOffsets, scratchCount) = partialsLayout(counts: counts, variable: variable)
    // The key names every attribute: the terms and a digest of their maps.
    key = "\(F.name).logProb.linear\(slot)[\(n)]\(counts)\(predictor.key)"
  }

  public func outputShape(_ inputShapes: [[Int]]) throws -> [Int] { [] }

  public func forward(_ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>, _ output: UnsafeMutablePointer<Double>, _ outputCount: Int) {
    // Only reached without a tape's scratch (never, in a compiled tape).
    withUnsafeTemporaryAllocation(of: Double.self, capacity: max(scratchCount, 1)) { s in
      forward(inputs, counts, output, outputCount, scratch: s.baseAddress!, gradient: false)
    }
  }

  public func backward(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>,
    _ output: UnsafePointer<Double>, _ outputAdjoint: UnsafePointer<Double>, _ outputCount: Int,
    _ inputAdjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>
  ) {
    preconditionFailure("LinearPredictorLogProbOp runs only inside a compiled tape")
  }

  public func forward(_ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>, _ output: UnsafeMutablePointer<Double>, _ outputCount: Int,
                      scratch: UnsafeMutablePointer<Double>, gradient: Bool) {
    if gradient { scratch.update(repeating: 0, count: scratchCount) }
    func partials(_ slot: Int) -> UnsafeMutablePointer<Double>? {
      guard gradient, let o = scratchOffsets[slot] else { return nil }
      return scratch + o
    }
    // The other parameters, in the family's order with the predictor's place empty.
    var p = (0.0, 0.0, 0.0)
    var k = 1
    for j in 0..<F.parameterNames.count where j != slot {
      let v = inputs[k][0]
      if j == 0 { p.0 = v } else if j == 1 { p.1 = v } else { p.2 = v }
      k += 1
    }
    // sums: Σ log p (or Σ z² for the normal), then Σ ∂/∂a, ∂/∂b, ∂/∂c.
    var sums = (0.0, 0.0, 0.0, 0.0)
    withUnsafeMutablePointer(to: &sums) { raw in
      raw.withMemoryRebound(to: Double.self, capacity: 4) { acc in
        let run = LinearRun<F>(x: inputs[0], xStride: xStride, gx: partials(0), parameters: p, slot: slot, n: n, offset: predictor.offset,
                               gradient: gradient, sums: acc)
        withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Double>?.self, capacity: self.counts.count) { gp in
          for j in 0..<self.counts.count { gp[j] = partials(j) }
          predictor.withTerms(inputs: inputs, partials: UnsafePointer(gp.baseAddress!), run)
        }
      }
    }
    if F.self == Normal.self {
      let scale = p.1, inverse = 1 / scale, ss = sums.0
      output[0] = -0.5 * ss - Double(n) * (Foundation.log(scale) + Normal.halfLog2Pi)
      if let gs = partials(1) { gs[0] += (ss - Double(n)) * inverse }
      return
    }
    output[0] = sums.0
    // The other parameters' partials: input k holds parameter j.
    k = 1
    for j in 0..<F.parameterNames.count where j != slot {
      if let gp = partials(k) { gp[0] += j == 0 ? sums.1 : (j == 1 ? sums.2 : sums.3) }
      k += 1
    }
  }

  public func backward(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>,
    _ output: UnsafePointer<Double>, _ outputAdjoint: UnsafePointer<Double>, _ outputCount: Int,
    _ inputAdjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>, scratch: UnsafeMutablePointer<Double>
  ) {
    let g = outputAdjoint[0]
    for j in 0..<self.counts.count where modes[j] != .none {
      guard let o = scratchOffsets[j] else { continue }
      let adj = inputAdjoints[j], p = scratch + o, c = self.counts[j]
      if modes[j] == .assign { for i in 0..<c { adj[i] = g * p[i] } } else { for i in 0..<c { adj[i] += g * p[i] } }
    }
  }
}

// MARK: The specialized loop (the terms are Autodiff's `LinearPredictor`)

/// The likelihood loop over the data.
struct LinearRun<F: ElementwiseFamily>: TermsConsumer {
  let x: UnsafePointer<Double>
  let xStride: Int
  let gx: UnsafeMutablePointer<Double>?
  /// The family's parameters (the predictor's place is filled per element).
  let parameters: (Double, Double, Double)
  let slot: Int
  let n: Int
  let offset: Double
  let gradient: Bool
  /// Σ log p (Σ z² for the normal), Σ ∂/∂a, Σ ∂/∂b, Σ ∂/∂c.
  let sums: UnsafeMutablePointer<Double>

  @inline(__always) func consume<T: LinearTerms>(_ t: T) {
    if F.self == Normal.self { normal(t) } else { family(t) }
  }

  /// The normal with one scale: no logarithm per element.
  @inline(__always) func normal<T: LinearTerms>(_ t: T) {
    var t = t
    defer { t.finish() }
    var s = 0.0
    let inverse = 1 / parameters.1, offset = self.offset, sx = xStride
    if gradient, let gx {
      for i in 0..<n {
        let z = (x[i &* sx] - (offset + t.value(i))) * inverse
        s += z * z
        let d = z * inverse
        t.deposit(i, d)
        gx[i &* sx] -= d
      }
    } else if gradient, offset == 0, sx == 1 {
      // The usual likelihood: observed data, no constant term.
      for i in 0..<n {
        let z = (x[i] - t.value(i)) * inverse
        s += z * z
        t.deposit(i, z * inverse)
      }
    } else if gradient {
      for i in 0..<n {
        let z = (x[i &* sx] - (offset + t.value(i))) * inverse
        s += z * z
        t.deposit(i, z * inverse)
      }
    } else {
      for i in 0..<n {
        let z = (x[i &* sx] - (offset + t.value(i))) * inverse
        s += z * z
      }
    }
    sums[0] = s
  }

  /// Any other family, through its `logProbAndPartials`.
  @inline(__always) func family<T: LinearTerms>(_ t: T) {
    var t = t
    defer { t.finish() }
    var lp = 0.0, sa = 0.0, sb = 0.0, sc = 0.0
    let offset = self.offset, sx = xStride, slot = self.slot
    var (a, b, c) = parameters
    if gradient {
      for i in 0..<n {
        let eta = offset + t.value(i)
        if slot == 0 { a = eta } else if slot == 1 { b = eta } else { c = eta }
        let r = F.logProbAndPartials(x[i &* sx], a, b, c)
        lp += r.logProb
        sa += r.da
        sb += r.db
        sc += r.dc
        t.deposit(i, slot == 0 ? r.da : (slot == 1 ? r.db : r.dc))
        if let gx { gx[i &* sx] += r.dx }
      }
    } else {
      for i in 0..<n {
        let eta = offset + t.value(i)
        if slot == 0 { a = eta } else if slot == 1 { b = eta } else { c = eta }
        lp += F.logProb(x[i &* sx], a, b, c)
      }
    }
    sums[0] = lp
    sums[1] = sa
    sums[2] = sb
    sums[3] = sc
  }
}
