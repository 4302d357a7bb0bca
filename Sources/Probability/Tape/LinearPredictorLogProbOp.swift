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
  /// The sum of the constant terms.
  let offset: Double
  let terms: [LinearTermLayout]
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
    var offset = 0.0
    var terms: [LinearTermLayout] = []
    func explicit(_ l: Layout) -> [Int] {
      switch l {
      case .same: return Array(0..<n)
      case .scalar: return Array(repeating: 0, count: n)
      case .map(let m): return m
      }
    }
    for t in form.terms {
      switch t.factors.count {
      case 0: offset += t.coefficient
      case 1: terms.append(LinearTermLayout(coefficient: t.coefficient, u: first + t.factors[0].slot, map: explicit(t.factors[0].layout), dense: nil))
      case 2:
        let (f, h) = (t.factors[0], t.factors[1])
        if case .same = h.layout {
          terms.append(LinearTermLayout(coefficient: t.coefficient, u: first + f.slot, map: explicit(f.layout), dense: first + h.slot))
        } else if case .same = f.layout {
          terms.append(LinearTermLayout(coefficient: t.coefficient, u: first + h.slot, map: explicit(h.layout), dense: first + f.slot))
        } else {
          return nil
        }
      default: return nil
      }
    }
    guard (1...3).contains(terms.count) else { return nil }
    let inputs = [x] + others + form.leaves
    for k in terms.indices {
      terms[k].runs = Layout.comesInRuns(terms[k].map)
      if let d = terms[k].dense, abs(terms[k].coefficient) == 1, let w = g.constantValues(inputs[d]), g.isVariable(inputs[terms[k].u]) {
        let c = terms[k].coefficient
        terms[k].scaledData = w.map { c * $0 }
      }
    }
    let op = LinearPredictorLogProbOp(inputs.map { g.count($0) }, variable: inputs.map { g.isVariable($0) }, n: n, slot: slot, offset: offset, terms: terms)
    return (op, inputs)
  }

  init(_ counts: [Int], variable: [Bool], n: Int, slot: Int, offset: Double, terms: [LinearTermLayout]) {
    self.n = n
    self.counts = counts
    self.slot = slot
    xStride = counts[0] == 1 ? 0 : 1
    self.offset = offset
    self.terms = terms
    var offsets: [Int?] = []
    var total = 0
    for (c, v) in zip(counts, variable) {
      offsets.append(v ? total : nil)
      if v { total += c }
    }
    scratchOffsets = offsets
    scratchCount = total
    // The key names every attribute: the terms and a 64-bit FNV-1a digest of their maps.
    var digest: UInt64 = 0xcbf2_9ce4_8422_2325
    for t in terms { for i in t.map { digest = (digest ^ UInt64(bitPattern: Int64(i))) &* 0x100_0000_01b3 } }
    let description = terms.map { "\($0.coefficient)·[\($0.u)]\($0.dense.map { "·[\($0)]" } ?? "")" }.joined(separator: "+")
    key = "\(F.name).logProb.linear\(slot)[\(n)]\(counts)\(offset)\(description)#\(digest)"
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
        let run = LinearRun<F>(x: inputs[0], xStride: xStride, gx: partials(0), parameters: p, slot: slot, n: n, offset: offset,
                               gradient: gradient, sums: acc)
        let env = TermEnvironment(inputs: inputs, scratch: gradient ? scratch : nil, scratchOffsets: scratchOffsets)
        let t0 = terms[0]
        t0.map.withUnsafeBufferPointer { m0 in
          switch terms.count {
          case 1: env.withTerm(t0, m0.baseAddress!, run)
          case 2:
            terms[1].map.withUnsafeBufferPointer { m1 in
              env.withTerm(t0, m0.baseAddress!, Then(env: env, layout: terms[1], map: m1.baseAddress!, next: run))
            }
          default:
            terms[1].map.withUnsafeBufferPointer { m1 in
              terms[2].map.withUnsafeBufferPointer { m2 in
                env.withTerm(t0, m0.baseAddress!, Then(env: env, layout: terms[1], map: m1.baseAddress!,
                                                       next: Then(env: env, layout: terms[2], map: m2.baseAddress!, next: run)))
              }
            }
          }
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

/// One term of a linear predictor, as `LinearPredictorLogProbOp` lays it out.
struct LinearTermLayout {
  var coefficient: Double
  /// Input slot of u and its index for each element.
  var u: Int
  var map: [Int]
  /// Input slot of the in-place factor d, if any.
  var dense: Int?
  /// c·d when d is data and c = ±1 (exact), so the loop multiplies once.
  var scaledData: [Double]? = nil
  /// Whether the map repeats each index in runs (4 elements or more on average), so
  /// the loop keeps u and its partial in registers along a run.
  var runs = false
}

// MARK: The specialized loop

/// One term (or a sum of terms) of the location: its value at element i, and the
/// deposit of ∂f/∂locᵢ into the partials of the factors that are variables.
protocol LinearTerms {
  /// The term's value at element i; called for i = 0, 1, 2, … in order, each before
  /// `deposit(i, _)`.
  mutating func value(_ i: Int) -> Double
  mutating func deposit(_ i: Int, _ d: Double)
  /// Called once after the last element.
  mutating func finish()
}

extension LinearTerms {
  @inline(__always) mutating func finish() {}
}

/// u[m(i)] for a variable u read in runs of equal indices (data sorted by group): the
/// current u and its partial stay in registers while the index repeats, and the
/// partial is added to ū once per run — no store-to-load chain through ū.
struct RunGatheredVariableTerm: LinearTerms {
  let u: UnsafePointer<Double>
  let m: UnsafePointer<Int>
  let gu: UnsafeMutablePointer<Double>
  var k = -1, current = 0.0, partial = 0.0
  init(u: UnsafePointer<Double>, m: UnsafePointer<Int>, gu: UnsafeMutablePointer<Double>) { (self.u, self.m, self.gu) = (u, m, gu) }
  @inline(__always) mutating func value(_ i: Int) -> Double {
    let j = m[i]
    if j != k {
      if k >= 0 { gu[k] += partial }
      k = j
      current = u[j]
      partial = 0
    }
    return current
  }
  @inline(__always) mutating func deposit(_ i: Int, _ d: Double) { partial += d }
  @inline(__always) mutating func finish() { if k >= 0 { gu[k] += partial } }
}

/// u[m(i)]·w[i] (coefficient folded into the data w) with u read in runs, as above.
struct RunScaledDataTerm: LinearTerms {
  let u: UnsafePointer<Double>
  let m: UnsafePointer<Int>
  let w: UnsafePointer<Double>
  let gu: UnsafeMutablePointer<Double>
  var k = -1, current = 0.0, partial = 0.0
  init(u: UnsafePointer<Double>, m: UnsafePointer<Int>, w: UnsafePointer<Double>, gu: UnsafeMutablePointer<Double>) { (self.u, self.m, self.w, self.gu) = (u, m, w, gu) }
  @inline(__always) mutating func value(_ i: Int) -> Double {
    let j = m[i]
    if j != k {
      if k >= 0 { gu[k] += partial }
      k = j
      current = u[j]
      partial = 0
    }
    return current * w[i]
  }
  @inline(__always) mutating func deposit(_ i: Int, _ d: Double) { partial += d * w[i] }
  @inline(__always) mutating func finish() { if k >= 0 { gu[k] += partial } }
}

/// u[m(i)] for a variable u (the common case: a parameter, gathered by group).
struct GatheredVariableTerm: LinearTerms {
  let u: UnsafePointer<Double>
  let m: UnsafePointer<Int>
  let gu: UnsafeMutablePointer<Double>
  @inline(__always) func value(_ i: Int) -> Double { u[m[i]] }
  @inline(__always) func deposit(_ i: Int, _ d: Double) { gu[m[i]] += d }
}

/// u[m(i)]·w[i] for a variable u and data w with the coefficient (±1) folded in (a
/// slope times a covariate).
struct ScaledDataTerm: LinearTerms {
  let u: UnsafePointer<Double>
  let m: UnsafePointer<Int>
  let w: UnsafePointer<Double>
  let gu: UnsafeMutablePointer<Double>
  @inline(__always) func value(_ i: Int) -> Double { u[m[i]] * w[i] }
  @inline(__always) func deposit(_ i: Int, _ d: Double) { gu[m[i]] += d * w[i] }
}

/// c·u[m(i)], u a variable or not.
struct GatheredTerm: LinearTerms {
  let c: Double
  let u: UnsafePointer<Double>
  let m: UnsafePointer<Int>
  let gu: UnsafeMutablePointer<Double>?
  @inline(__always) func value(_ i: Int) -> Double { c * u[m[i]] }
  @inline(__always) func deposit(_ i: Int, _ d: Double) {
    if let gu { gu[m[i]] += c * d }
  }
}

/// c·u[m(i)]·d[i].
struct ScaledTerm: LinearTerms {
  let c: Double
  let u: UnsafePointer<Double>
  let m: UnsafePointer<Int>
  let w: UnsafePointer<Double>
  let gu: UnsafeMutablePointer<Double>?
  let gw: UnsafeMutablePointer<Double>?
  @inline(__always) func value(_ i: Int) -> Double { c * (u[m[i]] * w[i]) }
  @inline(__always) func deposit(_ i: Int, _ d: Double) {
    if let gu { gu[m[i]] += c * d * w[i] }
    if let gw { gw[i] += c * d * u[m[i]] }
  }
}

/// a + b, added left to right.
struct TermPair<A: LinearTerms, B: LinearTerms>: LinearTerms {
  var a: A, b: B
  @inline(__always) mutating func value(_ i: Int) -> Double { a.value(i) + b.value(i) }
  @inline(__always) mutating func deposit(_ i: Int, _ d: Double) {
    a.deposit(i, d)
    b.deposit(i, d)
  }
  @inline(__always) mutating func finish() {
    a.finish()
    b.finish()
  }
}

protocol TermsConsumer {
  func consume<T: LinearTerms>(_ t: T)
}

/// Pointers for building terms.
struct TermEnvironment {
  let inputs: UnsafePointer<UnsafePointer<Double>>
  let scratch: UnsafeMutablePointer<Double>?
  let scratchOffsets: [Int?]

  @inline(__always) func partials(_ slot: Int) -> UnsafeMutablePointer<Double>? {
    guard let scratch, let o = scratchOffsets[slot] else { return nil }
    return scratch + o
  }

  /// Passes the term on as the most specific kind that fits (so the loop has no tests
  /// for partials that are never needed).
  @inline(__always) func withTerm<C: TermsConsumer>(_ t: LinearTermLayout, _ m: UnsafePointer<Int>, _ c: C) {
    let gu = partials(t.u)
    if let d = t.dense {
      if let gu, let w = t.scaledData {
        w.withUnsafeBufferPointer {
          if t.runs { c.consume(RunScaledDataTerm(u: inputs[t.u], m: m, w: $0.baseAddress!, gu: gu)) } else {
            c.consume(ScaledDataTerm(u: inputs[t.u], m: m, w: $0.baseAddress!, gu: gu))
          }
        }
      } else {
        c.consume(ScaledTerm(c: t.coefficient, u: inputs[t.u], m: m, w: inputs[d], gu: gu, gw: partials(d)))
      }
    } else if let gu, t.coefficient == 1 {
      if t.runs { c.consume(RunGatheredVariableTerm(u: inputs[t.u], m: m, gu: gu)) } else {
        c.consume(GatheredVariableTerm(u: inputs[t.u], m: m, gu: gu))
      }
    } else {
      c.consume(GatheredTerm(c: t.coefficient, u: inputs[t.u], m: m, gu: gu))
    }
  }
}

/// Adds one more term to the terms it is given.
struct Then<Next: TermsConsumer>: TermsConsumer {
  let env: TermEnvironment
  let layout: LinearTermLayout
  let map: UnsafePointer<Int>
  let next: Next
  @inline(__always) func consume<T: LinearTerms>(_ t: T) { env.withTerm(layout, map, Append(a: t, next: next)) }
  struct Append<A: LinearTerms>: TermsConsumer {
    let a: A
    let next: Next
    @inline(__always) func consume<B: LinearTerms>(_ b: B) { next.consume(TermPair(a: a, b: b)) }
  }
}

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
