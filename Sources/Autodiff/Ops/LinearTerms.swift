/// A linear predictor — `a[g] + b[g] * x`, `alpha + beta * x`, `mu + tau * eta` — laid
/// out for a fused loop that reads it from its leaves, element by element, and passes
/// each element's partial back to them: the engine of the fused likelihoods
/// (`Probability.LinearPredictorLogProbOp`) and of the quadratic sums
/// (`QuadraticSumInstruction`).
///
/// A term is c·u[m(i)] (u read through a gather, broadcast or in place) or c·u[m(i)]·d[i]
/// with d read in place; up to three terms plus a constant. For each combination of
/// term kinds the loop is specialized (`withTerms` hands a consumer a value of a concrete
/// `LinearTerms` type), so an element costs a few loads and multiply-adds: u's partial
/// is deposited as ū[m(i)] += c·d[i]·∂ᵢ and d̄[i] += c·u[m(i)]·∂ᵢ, and when the map comes
/// in runs of equal indices (data sorted by group) u and its partial stay in registers
/// along a run.
public struct LinearPredictor: Sendable {
  /// The sum of the constant terms.
  public let offset: Double
  public let terms: [LinearTermLayout]

  /// The predictor read from `form` (a product sum over `n` elements whose leaf k is
  /// input slot `firstSlot + k`); nil when a term is not of a kind the loop reads (three
  /// factors, two gathered factors) or there are more than three.
  /// `constantValues(slot)` gives a data input's values, `isVariable(slot)` whether an
  /// input needs partials.
  public init?(_ form: ProductSumForm, firstSlot first: Int, count n: Int,
               constantValues: (Int) -> [Double]?, isVariable: (Int) -> Bool) {
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
      case 1:
        var term = LinearTermLayout(coefficient: t.coefficient, u: first + t.factors[0].slot, map: explicit(t.factors[0].layout), dense: nil)
        if case .same = t.factors[0].layout { term.inPlace = true }
        terms.append(term)
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
    for k in terms.indices {
      terms[k].runs = Layout.comesInRuns(terms[k].map)
      if let d = terms[k].dense, abs(terms[k].coefficient) == 1, let w = constantValues(d), isVariable(terms[k].u) {
        let c = terms[k].coefficient
        terms[k].scaledData = w.map { c * $0 }
      }
    }
    self.offset = offset
    self.terms = terms
  }

  /// A 64-bit FNV-1a digest of the terms' maps, for operation keys.
  public var digest: UInt64 {
    var digest: UInt64 = 0xcbf2_9ce4_8422_2325
    for t in terms { for i in t.map { digest = (digest ^ UInt64(bitPattern: Int64(i))) &* 0x100_0000_01b3 } }
    return digest
  }

  /// A description of the terms for operation keys.
  public var key: String {
    "\(offset)" + terms.map { "\($0.coefficient)·[\($0.u)]\($0.dense.map { "·[\($0)]" } ?? "")" }.joined(separator: "+") + "#\(digest)"
  }

  /// Calls `consumer` with the terms as one specialized `LinearTerms` value reading
  /// `inputs` and depositing partials into `partials[slot]` (nil: none wanted).
  @inlinable @inline(__always)
  public func withTerms<C: TermsConsumer>(inputs: UnsafePointer<UnsafePointer<Double>>, partials: UnsafePointer<UnsafeMutablePointer<Double>?>,
                                          _ consumer: C) {
    let env = TermEnvironment(inputs: inputs, partials: partials)
    let t0 = terms[0]
    t0.map.withUnsafeBufferPointer { m0 in
      switch terms.count {
      case 1: env.withTerm(t0, m0.baseAddress!, consumer)
      case 2:
        terms[1].map.withUnsafeBufferPointer { m1 in
          env.withTerm(t0, m0.baseAddress!, Then(env: env, layout: terms[1], map: m1.baseAddress!, next: consumer))
        }
      default:
        terms[1].map.withUnsafeBufferPointer { m1 in
          terms[2].map.withUnsafeBufferPointer { m2 in
            // Three terms: the first of a general kind (typically the data, `Y − …`), so
            // there are 2·6·6 loops, not 6³.
            env.withGeneralTerm(t0, m0.baseAddress!, Then(env: env, layout: terms[1], map: m1.baseAddress!,
                                                          next: Then(env: env, layout: terms[2], map: m2.baseAddress!, next: consumer)))
          }
        }
      }
    }
  }
}

/// Where each input's partials go in a fused loop's scratch: one region per input that
/// is a variable (nil for data), laid end to end.
public func partialsLayout(counts: [Int], variable: [Bool]) -> (offsets: [Int?], total: Int) {
  var offsets: [Int?] = []
  var total = 0
  for (c, v) in zip(counts, variable) {
    offsets.append(v ? total : nil)
    if v { total += c }
  }
  return (offsets, total)
}

/// One term of a linear predictor as the loop reads it.
public struct LinearTermLayout: Sendable {
  public var coefficient: Double
  /// Input slot of u and its index for each element.
  public var u: Int
  public var map: [Int]
  /// Input slot of the in-place factor d, if any.
  public var dense: Int?
  /// c·d when d is data and c = ±1 (exact), so the loop multiplies once.
  public var scaledData: [Double]? = nil
  /// Whether the map repeats each index in runs (4 elements or more on average), so
  /// the loop keeps u and its partial in registers along a run.
  public var runs = false
  /// Whether u is read in place (the map is the identity).
  public var inPlace = false
}

/// One term (or a sum of terms) of the predictor: its value at element i, and the
/// deposit of the partial with respect to the predictor's element i into the partials
/// of the factors that are variables.
public protocol LinearTerms {
  /// The value at element i; called for i = 0, 1, 2, … in order, each before
  /// `deposit(i, _)`.
  mutating func value(_ i: Int) -> Double
  mutating func deposit(_ i: Int, _ d: Double)
  /// Called once after the last element.
  mutating func finish()
}

extension LinearTerms {
  @inlinable @inline(__always) public mutating func finish() {}
}

/// What a fused loop implements: it is handed the terms as one concrete type.
public protocol TermsConsumer {
  func consume<T: LinearTerms>(_ t: T)
}

/// c·u[m(i)] for a variable u read in runs of equal indices (data sorted by group): c·u
/// and the run's partial stay in registers while the index repeats, and c·(the
/// partial) is added to ū once per run — no store-to-load chain through ū.
public struct RunScaledGatheredTerm: LinearTerms {
  @usableFromInline let c: Double
  @usableFromInline let u: UnsafePointer<Double>
  @usableFromInline let m: UnsafePointer<Int>
  @usableFromInline let gu: UnsafeMutablePointer<Double>
  @usableFromInline var k = -1, current = 0.0, partial = 0.0
  @inlinable init(c: Double, u: UnsafePointer<Double>, m: UnsafePointer<Int>, gu: UnsafeMutablePointer<Double>) { (self.c, self.u, self.m, self.gu) = (c, u, m, gu) }
  @inlinable @inline(__always) public mutating func value(_ i: Int) -> Double {
    let j = m[i]
    if j != k {
      if k >= 0 { gu[k] += c * partial }
      k = j
      current = c * u[j]
      partial = 0
    }
    return current
  }
  @inlinable @inline(__always) public mutating func deposit(_ i: Int, _ d: Double) { partial += d }
  @inlinable @inline(__always) public mutating func finish() { if k >= 0 { gu[k] += c * partial } }
}

/// c·u[i] for data u read in place (the observations in `Y − mu`): no map, no partial.
public struct DenseDataTerm: LinearTerms {
  @usableFromInline let c: Double
  @usableFromInline let u: UnsafePointer<Double>
  @inlinable init(c: Double, u: UnsafePointer<Double>) { (self.c, self.u) = (c, u) }
  @inlinable @inline(__always) public func value(_ i: Int) -> Double { c * u[i] }
  @inlinable @inline(__always) public func deposit(_ i: Int, _ d: Double) {}
}

/// u[m(i)]·w[i] (coefficient folded into the data w) with u read in runs, as above.
public struct RunScaledDataTerm: LinearTerms {
  @usableFromInline let u: UnsafePointer<Double>
  @usableFromInline let m: UnsafePointer<Int>
  @usableFromInline let w: UnsafePointer<Double>
  @usableFromInline let gu: UnsafeMutablePointer<Double>
  @usableFromInline var k = -1, current = 0.0, partial = 0.0
  @inlinable init(u: UnsafePointer<Double>, m: UnsafePointer<Int>, w: UnsafePointer<Double>, gu: UnsafeMutablePointer<Double>) {
    (self.u, self.m, self.w, self.gu) = (u, m, w, gu)
  }
  @inlinable @inline(__always) public mutating func value(_ i: Int) -> Double {
    let j = m[i]
    if j != k {
      if k >= 0 { gu[k] += partial }
      k = j
      current = u[j]
      partial = 0
    }
    return current * w[i]
  }
  @inlinable @inline(__always) public mutating func deposit(_ i: Int, _ d: Double) { partial += d * w[i] }
  @inlinable @inline(__always) public mutating func finish() { if k >= 0 { gu[k] += partial } }
}

/// u[m(i)] for a variable u (a parameter, gathered by group).
public struct GatheredVariableTerm: LinearTerms {
  @usableFromInline let u: UnsafePointer<Double>
  @usableFromInline let m: UnsafePointer<Int>
  @usableFromInline let gu: UnsafeMutablePointer<Double>
  @inlinable init(u: UnsafePointer<Double>, m: UnsafePointer<Int>, gu: UnsafeMutablePointer<Double>) { (self.u, self.m, self.gu) = (u, m, gu) }
  @inlinable @inline(__always) public func value(_ i: Int) -> Double { u[m[i]] }
  @inlinable @inline(__always) public func deposit(_ i: Int, _ d: Double) { gu[m[i]] += d }
}

/// u[m(i)]·w[i] for a variable u and data w with the coefficient (±1) folded in (a
/// slope times a covariate).
public struct ScaledDataTerm: LinearTerms {
  @usableFromInline let u: UnsafePointer<Double>
  @usableFromInline let m: UnsafePointer<Int>
  @usableFromInline let w: UnsafePointer<Double>
  @usableFromInline let gu: UnsafeMutablePointer<Double>
  @inlinable init(u: UnsafePointer<Double>, m: UnsafePointer<Int>, w: UnsafePointer<Double>, gu: UnsafeMutablePointer<Double>) {
    (self.u, self.m, self.w, self.gu) = (u, m, w, gu)
  }
  @inlinable @inline(__always) public func value(_ i: Int) -> Double { u[m[i]] * w[i] }
  @inlinable @inline(__always) public func deposit(_ i: Int, _ d: Double) { gu[m[i]] += d * w[i] }
}

/// c·u[m(i)], u a variable or not.
public struct GatheredTerm: LinearTerms {
  @usableFromInline let c: Double
  @usableFromInline let u: UnsafePointer<Double>
  @usableFromInline let m: UnsafePointer<Int>
  @usableFromInline let gu: UnsafeMutablePointer<Double>?
  @inlinable init(c: Double, u: UnsafePointer<Double>, m: UnsafePointer<Int>, gu: UnsafeMutablePointer<Double>?) { (self.c, self.u, self.m, self.gu) = (c, u, m, gu) }
  @inlinable @inline(__always) public func value(_ i: Int) -> Double { c * u[m[i]] }
  @inlinable @inline(__always) public func deposit(_ i: Int, _ d: Double) {
    if let gu { gu[m[i]] += c * d }
  }
}

/// c·u[m(i)]·d[i].
public struct ScaledTerm: LinearTerms {
  @usableFromInline let c: Double
  @usableFromInline let u: UnsafePointer<Double>
  @usableFromInline let m: UnsafePointer<Int>
  @usableFromInline let w: UnsafePointer<Double>
  @usableFromInline let gu: UnsafeMutablePointer<Double>?
  @usableFromInline let gw: UnsafeMutablePointer<Double>?
  @inlinable init(c: Double, u: UnsafePointer<Double>, m: UnsafePointer<Int>, w: UnsafePointer<Double>,
                  gu: UnsafeMutablePointer<Double>?, gw: UnsafeMutablePointer<Double>?) {
    (self.c, self.u, self.m, self.w, self.gu, self.gw) = (c, u, m, w, gu, gw)
  }
  @inlinable @inline(__always) public func value(_ i: Int) -> Double { c * (u[m[i]] * w[i]) }
  @inlinable @inline(__always) public func deposit(_ i: Int, _ d: Double) {
    if let gu { gu[m[i]] += c * d * w[i] }
    if let gw { gw[i] += c * d * u[m[i]] }
  }
}

/// a + b, added left to right.
public struct TermPair<A: LinearTerms, B: LinearTerms>: LinearTerms {
  @usableFromInline var a: A, b: B
  @inlinable init(a: A, b: B) { (self.a, self.b) = (a, b) }
  @inlinable @inline(__always) public mutating func value(_ i: Int) -> Double { a.value(i) + b.value(i) }
  @inlinable @inline(__always) public mutating func deposit(_ i: Int, _ d: Double) {
    a.deposit(i, d)
    b.deposit(i, d)
  }
  @inlinable @inline(__always) public mutating func finish() {
    a.finish()
    b.finish()
  }
}

/// Pointers for building terms.
@usableFromInline
struct TermEnvironment {
  @usableFromInline let inputs: UnsafePointer<UnsafePointer<Double>>
  @usableFromInline let partials: UnsafePointer<UnsafeMutablePointer<Double>?>
  @inlinable init(inputs: UnsafePointer<UnsafePointer<Double>>, partials: UnsafePointer<UnsafeMutablePointer<Double>?>) {
    (self.inputs, self.partials) = (inputs, partials)
  }

  /// Passes the term on as the most specific kind that fits (so the loop has no tests
  /// for partials that are never needed).
  @inlinable @inline(__always) func withTerm<C: TermsConsumer>(_ t: LinearTermLayout, _ m: UnsafePointer<Int>, _ c: C) {
    let gu = partials[t.u]
    if let d = t.dense {
      if let gu, let w = t.scaledData {
        w.withUnsafeBufferPointer {
          if t.runs { c.consume(RunScaledDataTerm(u: inputs[t.u], m: m, w: $0.baseAddress!, gu: gu)) } else {
            c.consume(ScaledDataTerm(u: inputs[t.u], m: m, w: $0.baseAddress!, gu: gu))
          }
        }
      } else {
        c.consume(ScaledTerm(c: t.coefficient, u: inputs[t.u], m: m, w: inputs[d], gu: gu, gw: partials[d]))
      }
    } else if let gu, t.runs {
      c.consume(RunScaledGatheredTerm(c: t.coefficient, u: inputs[t.u], m: m, gu: gu))
    } else if let gu, t.coefficient == 1 {
      c.consume(GatheredVariableTerm(u: inputs[t.u], m: m, gu: gu))
    } else if gu == nil, t.inPlace {
      c.consume(DenseDataTerm(c: t.coefficient, u: inputs[t.u]))
    } else {
      c.consume(GatheredTerm(c: t.coefficient, u: inputs[t.u], m: m, gu: gu))
    }
  }
}

extension TermEnvironment {
  /// The term as one of the two general kinds (fewer specializations of the loop, at
  /// the cost of a test per element for its partials).
  @inlinable @inline(__always) func withGeneralTerm<C: TermsConsumer>(_ t: LinearTermLayout, _ m: UnsafePointer<Int>, _ c: C) {
    if let d = t.dense {
      c.consume(ScaledTerm(c: t.coefficient, u: inputs[t.u], m: m, w: inputs[d], gu: partials[t.u], gw: partials[d]))
    } else {
      c.consume(GatheredTerm(c: t.coefficient, u: inputs[t.u], m: m, gu: partials[t.u]))
    }
  }
}

/// Adds one more term to the terms it is given.
@usableFromInline
struct Then<Next: TermsConsumer>: TermsConsumer {
  @usableFromInline let env: TermEnvironment
  @usableFromInline let layout: LinearTermLayout
  @usableFromInline let map: UnsafePointer<Int>
  @usableFromInline let next: Next
  @inlinable init(env: TermEnvironment, layout: LinearTermLayout, map: UnsafePointer<Int>, next: Next) {
    (self.env, self.layout, self.map, self.next) = (env, layout, map, next)
  }
  @inlinable @inline(__always) func consume<T: LinearTerms>(_ t: T) { env.withTerm(layout, map, Append(a: t, next: next)) }
  @usableFromInline
  struct Append<A: LinearTerms>: TermsConsumer {
    @usableFromInline let a: A
    @usableFromInline let next: Next
    @inlinable init(a: A, next: Next) { (self.a, self.next) = (a, next) }
    @inlinable @inline(__always) func consume<B: LinearTerms>(_ b: B) { next.consume(TermPair(a: a, b: b)) }
  }
}
