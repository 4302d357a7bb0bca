/// A sum of squares of a scaled linear predictor,
///
///     y = c · Σᵢ (Lᵢ / s)²        (or c · Σᵢ Lᵢ² without s),
///
/// with L a `LinearPredictor` (`Y − a[g] − b[g] * X`) and s one number — the Gaussian
/// log-density a user writes by hand: `sum(-0.5 * r * r)` with `r = (Y − mu) / sigma`.
/// The compiler finds it as the sum of a product whose two factors are the same r, r read
/// by nothing else, and r a division of a linear predictor by one number (or the
/// predictor itself). One pass over the data computes y and, when a reverse pass
/// follows, every partial (for ȳ = 1, into the instruction's scratch; the reverse pass
/// scales them by ȳ):
///   with zᵢ = Lᵢ/s and ∂ᵢ = 2c·ȳ·zᵢ,  L̄ᵢ = ∂ᵢ/s (passed to the predictor's leaves),
///   s̄ = −Σ ∂ᵢ zᵢ / s.
/// The value rounds exactly as the separate operations: Lᵢ is summed left to right, zᵢ
/// is a division, and c·(zᵢ·zᵢ) is added in element order.
struct QuadraticSumForm {
  var coefficient: Double
  var predictor: LinearPredictor
  /// The divisor s (one number), if any; it is input 0, the predictor's leaves follow.
  var scale: NodeID?
  var leaves: [NodeID]
  var length: Int
}

final class QuadraticSumInstruction: Instruction {
  let form: QuadraticSumForm
  let counts: [Int]
  /// Where each input's partials start in the scratch (nil: not a variable).
  let scratchOffsets: [Int?]
  let scratchCount: Int
  /// Where the scratch starts in the arena, and whether a reverse pass follows (both set
  /// by the tape): then the forward pass computes the partials too (for ȳ = 1), and the
  /// reverse pass only scales them by ȳ.
  @exclusivity(unchecked) var scratch = 0
  @exclusivity(unchecked) var differentiated = false

  init(_ form: QuadraticSumForm, inputs: [Int], counts: [Int], variable: [Bool], output: Int) {
    self.form = form
    self.counts = counts
    (scratchOffsets, scratchCount) = partialsLayout(counts: counts, variable: variable)
    super.init(output: output, count: 1, inputs: inputs)
  }

  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let s = form.scale == nil ? 1.0 : v[inputs[0]]
    let divides = form.scale != nil
    let k = inputs.count
    let partials = v + scratch
    if differentiated { partials.update(repeating: 0, count: scratchCount) }
    var results = (0.0, 0.0)
    withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: k) { ptrs in
      withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Double>?.self, capacity: k) { gptrs in
        for j in 0..<k {
          ptrs[j] = UnsafePointer(v + inputs[j])
          // The divisor's partial is the instruction's own, not a term's.
          gptrs[j] = differentiated && !(divides && j == 0) ? scratchOffsets[j].map { partials + $0 } : nil
        }
        withUnsafeMutablePointer(to: &results) { raw in
          raw.withMemoryRebound(to: Double.self, capacity: 2) { out in
            let p = UnsafePointer(ptrs.baseAddress!), g = UnsafePointer(gptrs.baseAddress!)
            if differentiated {
              form.predictor.withTerms(inputs: p, partials: g, QuadraticValueAndPartials(
                n: form.length, offset: form.predictor.offset, c: form.coefficient, s: s, divides: divides, out: out))
            } else {
              form.predictor.withTerms(inputs: p, partials: g, QuadraticValue(
                n: form.length, offset: form.predictor.offset, c: form.coefficient, s: s, divides: divides, out: out))
            }
          }
        }
      }
    }
    v[output] = results.0
    if differentiated, divides, let o = scratchOffsets[0] { partials[o] += results.1 }
  }

  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    let g = adj[output], partials = v + scratch
    for j in 0..<inputs.count where modes[j] != .none {
      guard let o = scratchOffsets[j] else { continue }
      let a = adj + inputs[j], p = partials + o
      if modes[j] == .assign { for i in 0..<counts[j] { a[i] = g * p[i] } } else { for i in 0..<counts[j] { a[i] += g * p[i] } }
    }
  }
}

/// c · Σᵢ (Lᵢ/s)².
struct QuadraticValue: TermsConsumer {
  let n: Int, offset: Double, c: Double, s: Double, divides: Bool
  let out: UnsafeMutablePointer<Double>
  @inline(__always) func consume<T: LinearTerms>(_ t: T) {
    var t = t
    var total = 0.0
    if divides {
      for i in 0..<n {
        let z = (offset + t.value(i)) / s
        total += c * (z * z)
      }
    } else {
      for i in 0..<n {
        let z = offset + t.value(i)
        total += c * (z * z)
      }
    }
    t.finish()
    out[0] = total
  }
}

/// The value and, for ȳ = 1, the partials: L̄ᵢ = 2c·zᵢ / s into the predictor's leaves,
/// s̄ = −Σ 2c·zᵢ² / s (into out[1]).
struct QuadraticValueAndPartials: TermsConsumer {
  let n: Int, offset: Double, c: Double, s: Double, divides: Bool
  let out: UnsafeMutablePointer<Double>
  @inline(__always) func consume<T: LinearTerms>(_ t: T) {
    var t = t
    var total = 0.0, sum = 0.0
    let twoC = 2 * c
    if divides {
      for i in 0..<n {
        let z = (offset + t.value(i)) / s
        total += c * (z * z)
        let dz = twoC * z
        t.deposit(i, dz / s)
        sum += dz * z
      }
    } else {
      for i in 0..<n {
        let z = offset + t.value(i)
        total += c * (z * z)
        t.deposit(i, twoC * z)
      }
    }
    t.finish()
    out[0] = total
    out[1] = -sum / s
  }
}
