/// A sum of squares of a scaled linear predictor,
///
///     y = c · Σᵢ (Lᵢ / s)²        (or c · Σᵢ Lᵢ² without s),
///
/// with L a `LinearPredictor` (`Y − a[g] − b[g] * X`) and s one number — the Gaussian
/// log-density a user writes by hand: `sum(-0.5 * r * r)` with `r = (Y − mu) / sigma`.
/// The compiler finds it as the sum of a product whose two factors are the same r, r read
/// by nothing else, and r a division of a linear predictor by one number (or the
/// predictor itself). One pass over the data computes y; one pass computes the partials:
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

  init(_ form: QuadraticSumForm, inputs: [Int], counts: [Int], output: Int) {
    self.form = form
    self.counts = counts
    super.init(output: output, count: 1, inputs: inputs)
  }

  /// Runs `body` with the input pointers and the partials' pointers (nil for inputs
  /// whose adjoint is not wanted, or in the forward pass).
  @inline(__always)
  private func withPointers(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>?,
                            _ body: (UnsafePointer<UnsafePointer<Double>>, UnsafePointer<UnsafeMutablePointer<Double>?>) -> Void) {
    let k = inputs.count
    withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: k) { ptrs in
      withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Double>?.self, capacity: k) { gptrs in
        for j in 0..<k {
          ptrs[j] = UnsafePointer(v + inputs[j])
          // The divisor's partial is written by the instruction itself, not by a term.
          gptrs[j] = adj != nil && modes[j] != .none && !(form.scale != nil && j == 0) ? adj! + inputs[j] : nil
        }
        body(UnsafePointer(ptrs.baseAddress!), UnsafePointer(gptrs.baseAddress!))
      }
    }
  }

  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let s = form.scale == nil ? 1.0 : v[inputs[0]]
    var total = 0.0
    withPointers(v, nil) { ptrs, gptrs in
      withUnsafeMutablePointer(to: &total) { out in
        form.predictor.withTerms(inputs: ptrs, partials: gptrs,
                                 QuadraticValue(n: form.length, offset: form.predictor.offset, c: form.coefficient, s: s, divides: form.scale != nil, out: out))
      }
    }
    v[output] = total
  }

  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    // Assigned adjoints start from zero; every contribution below adds.
    for j in 0..<inputs.count where modes[j] == .assign { (adj + inputs[j]).update(repeating: 0, count: counts[j]) }
    let s = form.scale == nil ? 1.0 : v[inputs[0]]
    var ds = 0.0
    withPointers(v, adj) { ptrs, gptrs in
      withUnsafeMutablePointer(to: &ds) { out in
        form.predictor.withTerms(inputs: ptrs, partials: gptrs,
                                 QuadraticPartials(n: form.length, offset: form.predictor.offset, twoCG: 2 * form.coefficient * adj[output], s: s,
                                                   divides: form.scale != nil, ds: out))
      }
    }
    if form.scale != nil, modes[0] != .none { adj[inputs[0]] += ds }
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

/// The partials: L̄ᵢ = 2c·ȳ·zᵢ / s into the predictor's leaves, s̄ = −Σ 2c·ȳ·zᵢ² / s.
struct QuadraticPartials: TermsConsumer {
  let n: Int, offset: Double, twoCG: Double, s: Double, divides: Bool
  let ds: UnsafeMutablePointer<Double>
  @inline(__always) func consume<T: LinearTerms>(_ t: T) {
    var t = t
    var sum = 0.0
    if divides {
      for i in 0..<n {
        let z = (offset + t.value(i)) / s
        let dz = twoCG * z
        t.deposit(i, dz / s)
        sum += dz * z
      }
    } else {
      for i in 0..<n {
        let z = offset + t.value(i)
        t.deposit(i, twoCG * z)
      }
    }
    t.finish()
    ds[0] = -sum / s
  }
}
