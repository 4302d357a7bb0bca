import Autodiff
import Foundation

/// The event families a fused log-density operation evaluates, with the parameters that
/// are tape inputs (LKJCholesky's dimension is part of the shapes, not an input).
public enum EventFamilyKind: String, Sendable, Hashable, CaseIterable {
  case categoricalProbs = "CategoricalProbs"
  case categoricalLogits = "CategoricalLogits"
  case dirichlet = "Dirichlet"
  case multivariateNormalScaleTril = "MultivariateNormal.scaleTril"
  case multivariateNormalCovariance = "MultivariateNormal.covarianceMatrix"
  case multivariateNormalPrecision = "MultivariateNormal.precisionMatrix"
  case lkjCholesky = "LKJCholesky"

  /// How many trailing axes of each input (the value first, then the parameters) make
  /// one event; the axes before them are batch axes and broadcast.
  public var inputEventRanks: [Int] {
    switch self {
    case .categoricalProbs, .categoricalLogits: return [0, 1]
    case .dirichlet: return [1, 1]
    case .multivariateNormalScaleTril, .multivariateNormalCovariance, .multivariateNormalPrecision: return [1, 1, 2]
    case .lkjCholesky: return [2, 0]
    }
  }

  /// Checks that the inputs' event shapes fit together; throws a `GraphError` naming
  /// the family otherwise.
  func checkEventShapes(_ events: [[Int]]) throws {
    func fail(_ what: String) -> GraphError { GraphError("\(rawValue): \(what)") }
    switch self {
    case .categoricalProbs, .categoricalLogits:
      guard events[1].count == 1, events[1][0] >= 1 else { throw fail("needs at least one class") }
    case .dirichlet:
      guard events[0] == events[1] else {
        throw fail("a value with event shape \(Graph.shapeText(events[0])) for concentration with \(Graph.shapeText(events[1]))")
      }
    case .multivariateNormalScaleTril, .multivariateNormalCovariance, .multivariateNormalPrecision:
      let n = events[0].first ?? 0
      guard events[1] == [n], events[2] == [n, n] else {
        throw fail("value event \(Graph.shapeText(events[0])), loc event \(Graph.shapeText(events[1])) and matrix \(Graph.shapeText(events[2])) do not fit (n, (n,), (n, n))")
      }
    case .lkjCholesky:
      guard events[0].count == 2, events[0][0] == events[0][1], events[0][0] >= 2 else {
        throw fail("the value must be a square matrix of dimension at least 2, got \(Graph.shapeText(events[0]))")
      }
    }
  }
}

/// The fused tape operation for a `sample` site of an event family (Categorical,
/// Dirichlet, MultivariateNormal, LKJCholesky): inputs are the value and the family's
/// parameters, each shaped batch + its event shape (`EventFamilyKind.inputEventRanks`),
/// the batch parts broadcasting together. The output is Σ_b log p(x_b | θ_b) over the
/// broadcast batch (or, `pointwise`, the batch of log densities).
///
/// Each event is evaluated by the family's buffer kernel in `Families/Event` (whose doc
/// comments give f and its derivatives); the reverse pass runs the same kernels' VJPs:
///
///     x̄_b += ȳ_b · ∂ log p/∂x_b,   θ̄_b += ȳ_b · ∂ log p/∂θ_b   (summed over broadcast batch)
///
/// A covariance or precision matrix shared by many events is factored once per run of
/// equal batch indices, not once per event; for the covariance, the adjoints of the
/// factor are accumulated and pulled back through the Cholesky VJP once
/// (`MultivariateNormal.choleskyVJP`, Murray 2016). Out-of-support values give −∞ and
/// no gradient; a covariance that is not positive definite gives NaN.
public final class EventLogProbOp: CustomOperation {
  public let key: String
  public let kind: EventFamilyKind
  let pointwise: Bool
  /// The broadcast batch shape and its element count.
  public let batchShape: [Int]
  let batchCount: Int
  /// Per input: elements in one event, and the input's batch index for each output
  /// batch index (nil: the identity, or 0 throughout when the input has one event).
  let eventSizes: [Int]
  let maps: [[Int]?]
  let single: [Bool]
  /// The event dimension: K classes, n of the MVN, n of the n × n LKJ factor.
  let dimension: Int

  public init(_ kind: EventFamilyKind, _ shapes: [[Int]], pointwise: Bool = false) throws {
    let ranks = kind.inputEventRanks
    guard shapes.count == ranks.count else {
      throw GraphError("\(kind.rawValue): \(shapes.count) inputs for \(ranks.count)")
    }
    var batch: [Int] = []
    var events: [[Int]] = []
    var batches: [[Int]] = []
    for (s, r) in zip(shapes, ranks) {
      guard s.count >= r else {
        throw GraphError("\(kind.rawValue): an input of shape \(Graph.shapeText(s)) has fewer than \(r) event dimensions")
      }
      events.append(Array(s.suffix(r)))
      batches.append(Array(s.dropLast(r)))
      do { batch = try Graph.broadcastShape(batch, batches.last!) } catch {
        throw GraphError("\(kind.rawValue): batch shapes " + batches.map { Graph.shapeText($0) }.joined(separator: " ") + " do not broadcast")
      }
    }
    try kind.checkEventShapes(events)
    self.kind = kind
    self.pointwise = pointwise
    batchShape = batch
    batchCount = batch.reduce(1, *)
    eventSizes = events.map { $0.reduce(1, *) }
    var maps: [[Int]?] = []
    var single: [Bool] = []
    for b in batches {
      let n = b.reduce(1, *)
      single.append(n == 1)
      maps.append(n == batchCount || n == 1 ? nil : Graph.broadcastMap(b, to: batch))
    }
    self.maps = maps
    self.single = single
    switch kind {
    case .categoricalProbs, .categoricalLogits: dimension = events[1][0]
    case .dirichlet, .multivariateNormalScaleTril, .multivariateNormalCovariance, .multivariateNormalPrecision:
      dimension = events[0].first ?? 0
    case .lkjCholesky: dimension = events[0][0]
    }
    key = "\(kind.rawValue).logProb\(pointwise ? ".pointwise" : "")" + shapes.map { "\($0)" }.joined()
  }

  public func outputShape(_ inputShapes: [[Int]]) throws -> [Int] { pointwise ? batchShape : [] }

  /// Input `k`'s batch index for output batch index `b`.
  @inline(__always) func batchIndex(_ k: Int, _ b: Int) -> Int {
    if single[k] { return 0 }
    if let m = maps[k] { return m[b] }
    return b
  }

  @inline(__always) func event(_ inputs: UnsafePointer<UnsafePointer<Double>>, _ k: Int, _ b: Int) -> UnsafeBufferPointer<Double> {
    UnsafeBufferPointer(start: inputs[k] + batchIndex(k, b) &* eventSizes[k], count: eventSizes[k])
  }

  @inline(__always) func gradient(_ adjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>, _ k: Int, _ b: Int) -> UnsafeMutableBufferPointer<Double>? {
    guard modes[k] != .none else { return nil }
    return UnsafeMutableBufferPointer(start: adjoints[k] + batchIndex(k, b) &* eventSizes[k], count: eventSizes[k])
  }

  public func forward(_ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>, _ output: UnsafeMutablePointer<Double>, _ outputCount: Int) {
    var total = 0.0
    let n = dimension
    switch kind {
    case .categoricalProbs, .dirichlet, .lkjCholesky:
      for b in 0..<batchCount {
        let lp = logProb(inputs, b)
        if pointwise { output[b] = lp } else { total += lp }
      }
    case .categoricalLogits:
      // logsumexp(ℓ) once per run of equal logits batch indices.
      var lastLogits = -1
      var normalizer = 0.0
      for b in 0..<batchCount {
        let m = batchIndex(1, b)
        let logits = event(inputs, 1, b)
        if m != lastLogits {
          lastLogits = m
          normalizer = Categorical.logSumExp(logits)
        }
        let x = event(inputs, 0, b)[0]
        let lp = Categorical.classIndex(x, n).map { logits[$0] - normalizer } ?? (x.isNaN ? .nan : -.infinity)
        if pointwise { output[b] = lp } else { total += lp }
      }
    case .multivariateNormalScaleTril:
      // Σ log Lᵢᵢ once per run of equal matrix batch indices.
      withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { r in
        var lastMatrix = -1
        var logDet = 0.0
        for b in 0..<batchCount {
          let m = batchIndex(2, b)
          let l = event(inputs, 2, b)
          if m != lastMatrix {
            lastMatrix = m
            logDet = 0
            for i in 0..<n { logDet += Foundation.log(l[i * n + i]) }
          }
          let lp = matrixLogProb(inputs, b, l, logDet, r)
          if pointwise { output[b] = lp } else { total += lp }
        }
      }
    case .multivariateNormalCovariance, .multivariateNormalPrecision:
      // The factor of the matrix (and its log-determinant) is reused while the matrix's
      // batch index stays the same.
      withUnsafeTemporaryAllocation(of: Double.self, capacity: n * n + 2 * n) { work in
        let l = UnsafeMutableBufferPointer(rebasing: work[0..<(n * n)])
        let r = UnsafeMutableBufferPointer(rebasing: work[(n * n)..<(n * n + n)])
        var lastMatrix = -1
        var factored = false
        var logDet = 0.0
        for b in 0..<batchCount {
          let m = batchIndex(2, b)
          if m != lastMatrix {
            lastMatrix = m
            factored = MultivariateNormal.cholesky(event(inputs, 2, b), n: n, into: l)
            logDet = 0
            if factored { for i in 0..<n { logDet += Foundation.log(l[i * n + i]) } }
          }
          let lp = factored ? matrixLogProb(inputs, b, UnsafeBufferPointer(l), logDet, r) : .nan
          if pointwise { output[b] = lp } else { total += lp }
        }
      }
    }
    if !pointwise { output[0] = total }
  }

  /// log p of event b for the families without a shared matrix (Categorical, Dirichlet,
  /// LKJCholesky).
  @inline(__always) func logProb(_ inputs: UnsafePointer<UnsafePointer<Double>>, _ b: Int) -> Double {
    let x = event(inputs, 0, b)
    switch kind {
    case .categoricalProbs: return Categorical.logProb(x[0], probs: event(inputs, 1, b))
    case .dirichlet: return Dirichlet.logProb(x, concentration: event(inputs, 1, b))
    case .lkjCholesky: return LKJCholesky.logProb(x, dimension: dimension, concentration: event(inputs, 1, b)[0])
    default: preconditionFailure("matrix families go through matrixLogProb")
    }
  }

  /// log p of event b for a scale_tril or a covariance (l = the factor, logDet = Σ log lᵢᵢ)
  /// or a precision matrix (l = the precision's factor): r receives x − μ, then L⁻¹r for
  /// a factor of the covariance.
  func matrixLogProb(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ b: Int, _ l: UnsafeBufferPointer<Double>, _ logDet: Double,
    _ r: UnsafeMutableBufferPointer<Double>
  ) -> Double {
    let n = dimension
    let x = event(inputs, 0, b), loc = event(inputs, 1, b)
    if let bad = MultivariateNormal.nonFinite(x) { return bad }
    for i in 0..<n { r[i] = x[i] - loc[i] }
    var quadratic = 0.0
    if kind != .multivariateNormalPrecision {
      MultivariateNormal.forwardSubstitute(l, r, n)
      for i in 0..<n { quadratic += r[i] * r[i] }
      return -0.5 * quadratic - logDet - Double(n) * MultivariateNormal.halfLog2Pi
    }
    // rᵀPr = |L_Pᵀ r|²
    for j in 0..<n {
      var t = 0.0
      for i in j..<n { t += l[i * n + j] * r[i] }
      quadratic += t * t
    }
    return -0.5 * quadratic + logDet - Double(n) * MultivariateNormal.halfLog2Pi
  }

  public func backward(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>,
    _ output: UnsafePointer<Double>, _ outputAdjoint: UnsafePointer<Double>, _ outputCount: Int,
    _ inputAdjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>
  ) {
    let inputCount = kind.inputEventRanks.count
    for k in 0..<inputCount where modes[k] == .assign { inputAdjoints[k].update(repeating: 0, count: counts[k]) }
    switch kind {
    case .multivariateNormalCovariance:
      covarianceBackward(inputs, outputAdjoint, inputAdjoints, modes)
      return
    case .multivariateNormalPrecision:
      precisionBackward(inputs, outputAdjoint, inputAdjoints, modes)
      return
    case .multivariateNormalScaleTril:
      scaleTrilBackward(inputs, outputAdjoint, inputAdjoints, modes)
      return
    case .categoricalLogits:
      logitsBackward(inputs, outputAdjoint, inputAdjoints, modes)
      return
    default: break
    }
    for b in 0..<batchCount {
      let g = pointwise ? outputAdjoint[b] : outputAdjoint[0]
      let x = event(inputs, 0, b)
      let gx = gradient(inputAdjoints, modes, 0, b)
      switch kind {
      case .categoricalProbs:
        if let gp = gradient(inputAdjoints, modes, 1, b) {
          Categorical.logProbVJP(x[0], probs: event(inputs, 1, b), upstream: g, gradProbs: gp)
        }
      case .dirichlet:
        Dirichlet.logProbVJP(x, concentration: event(inputs, 1, b), upstream: g, gradValue: gx,
                             gradConcentration: gradient(inputAdjoints, modes, 1, b))
      case .lkjCholesky:
        var gEta = 0.0
        LKJCholesky.logProbVJP(x, dimension: dimension, concentration: event(inputs, 1, b)[0], upstream: g,
                               gradValue: gx, gradConcentration: &gEta)
        if let ge = gradient(inputAdjoints, modes, 1, b) { ge[0] += gEta }
      default: break
      }
    }
  }

  /// Logits ℓ (Categorical's VJP, ∂ log p(k)/∂ℓⱼ = [j = k] − softmax(ℓ)ⱼ): ℓ̄ₖ += ȳ per
  /// event; the softmax term is applied once per run of equal logits batch indices, with
  /// the run's Σȳ (one softmax per shared logits vector, not per event). Values that are
  /// not a class index contribute nothing.
  func logitsBackward(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ outputAdjoint: UnsafePointer<Double>,
    _ inputAdjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>
  ) {
    guard modes[1] != .none else { return }
    let k = dimension
    var lastLogits = -1, lastB = 0
    var runUpstream = 0.0
    func flush() {
      guard lastLogits >= 0, runUpstream != 0, let gl = gradient(inputAdjoints, modes, 1, lastB) else { return }
      let logits = event(inputs, 1, lastB)
      let normalizer = Categorical.logSumExp(logits)
      for j in 0..<k { gl[j] -= runUpstream * Foundation.exp(logits[j] - normalizer) }
    }
    for b in 0..<batchCount {
      let m = batchIndex(1, b)
      if m != lastLogits {
        flush()
        lastLogits = m
        lastB = b
        runUpstream = 0
      }
      guard let c = Categorical.classIndex(event(inputs, 0, b)[0], k), let gl = gradient(inputAdjoints, modes, 1, b) else { continue }
      let g = pointwise ? outputAdjoint[b] : outputAdjoint[0]
      runUpstream += g
      gl[c] += g
    }
    flush()
  }

  /// scale_tril L (MultivariateNormal's VJP, see there): with w = L⁻¹(x − μ) and
  /// v = L⁻ᵀw, x̄ −= ȳv, μ̄ += ȳv, L̄ᵢⱼ += ȳvᵢwⱼ (i ≥ j) per event; the −ȳ/Lᵢᵢ of the
  /// log-determinant is applied once per run of equal matrix batch indices, with the
  /// run's Σȳ (no division per event). Non-finite values contribute nothing.
  func scaleTrilBackward(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ outputAdjoint: UnsafePointer<Double>,
    _ inputAdjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>
  ) {
    let n = dimension
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { work in
      let w = UnsafeMutableBufferPointer(rebasing: work[0..<n])
      let v = UnsafeMutableBufferPointer(rebasing: work[n..<(2 * n)])
      var lastMatrix = -1, lastB = 0
      var runUpstream = 0.0
      func flush() {
        guard lastMatrix >= 0, let gl = gradient(inputAdjoints, modes, 2, lastB) else { return }
        let l = event(inputs, 2, lastB)
        for i in 0..<n { gl[i * n + i] -= runUpstream / l[i * n + i] }
      }
      for b in 0..<batchCount {
        let m = batchIndex(2, b)
        if m != lastMatrix {
          flush()
          lastMatrix = m
          lastB = b
          runUpstream = 0
        }
        let x = event(inputs, 0, b), loc = event(inputs, 1, b), l = event(inputs, 2, b)
        guard MultivariateNormal.nonFinite(x) == nil else { continue }
        let g = pointwise ? outputAdjoint[b] : outputAdjoint[0]
        runUpstream += g
        for i in 0..<n { w[i] = x[i] - loc[i] }
        MultivariateNormal.forwardSubstitute(l, w, n)
        for i in 0..<n { v[i] = w[i] }
        MultivariateNormal.backSubstitute(l, v, n)
        if let gx = gradient(inputAdjoints, modes, 0, b) { for i in 0..<n { gx[i] -= g * v[i] } }
        if let gm = gradient(inputAdjoints, modes, 1, b) { for i in 0..<n { gm[i] += g * v[i] } }
        if let gl = gradient(inputAdjoints, modes, 2, b) {
          for i in 0..<n {
            let gv = g * v[i]
            for j in 0...i { gl[i * n + j] += gv * w[j] }
          }
        }
      }
      flush()
    }
  }

  /// Covariance: per event, the scaleTril VJP with the factor L of Σ (L̄ accumulated while
  /// the matrix's batch index stays the same), then Σ̄ += choleskyVJP(L, L̄).
  func covarianceBackward(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ outputAdjoint: UnsafePointer<Double>,
    _ inputAdjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>
  ) {
    let n = dimension
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n * n) { work in
      let l = UnsafeMutableBufferPointer(rebasing: work[0..<(n * n)])
      let lBar = UnsafeMutableBufferPointer(rebasing: work[(n * n)..<(2 * n * n)])
      var lastMatrix = -1
      var lastB = 0
      var factored = false
      func flush() {
        guard lastMatrix >= 0, factored, let gm = gradient(inputAdjoints, modes, 2, lastB) else { return }
        MultivariateNormal.choleskyVJP(UnsafeBufferPointer(l), gradFactor: UnsafeBufferPointer(lBar), n: n, into: gm)
      }
      for b in 0..<batchCount {
        let m = batchIndex(2, b)
        if m != lastMatrix {
          flush()
          lastMatrix = m
          lastB = b
          factored = MultivariateNormal.cholesky(event(inputs, 2, b), n: n, into: l)
          lBar.update(repeating: 0)
        }
        guard factored else { continue }
        let g = pointwise ? outputAdjoint[b] : outputAdjoint[0]
        MultivariateNormal.logProbVJP(event(inputs, 0, b), loc: event(inputs, 1, b), scaleTril: UnsafeBufferPointer(l), upstream: g,
                                      gradValue: gradient(inputAdjoints, modes, 0, b), gradLoc: gradient(inputAdjoints, modes, 1, b),
                                      gradScaleTril: modes[2] != .none ? lBar : nil)
      }
      flush()
    }
  }

  /// Precision P (symmetric part used): x̄ −= ȳ·Pr, μ̄ += ȳ·Pr, P̄ += ȳ·½(P⁻¹ − rrᵀ), with
  /// P⁻¹ formed once per run of equal matrix batch indices.
  func precisionBackward(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ outputAdjoint: UnsafePointer<Double>,
    _ inputAdjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>
  ) {
    let n = dimension
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n * n + 2 * n) { work in
      let l = UnsafeMutableBufferPointer(rebasing: work[0..<(n * n)])
      let inverse = UnsafeMutableBufferPointer(rebasing: work[(n * n)..<(2 * n * n)])
      let r = UnsafeMutableBufferPointer(rebasing: work[(2 * n * n)..<(2 * n * n + n)])
      let pr = UnsafeMutableBufferPointer(rebasing: work[(2 * n * n + n)..<(2 * n * n + 2 * n)])
      var lastMatrix = -1
      var factored = false
      for b in 0..<batchCount {
        let p = event(inputs, 2, b)
        let m = batchIndex(2, b)
        if m != lastMatrix {
          lastMatrix = m
          factored = MultivariateNormal.cholesky(p, n: n, into: l)
          if factored && modes[2] != .none { MultivariateNormal.inverseFromCholesky(UnsafeBufferPointer(l), n, into: inverse) }
        }
        let x = event(inputs, 0, b), loc = event(inputs, 1, b)
        guard factored, MultivariateNormal.nonFinite(x) == nil else { continue }
        let g = pointwise ? outputAdjoint[b] : outputAdjoint[0]
        for i in 0..<n { r[i] = x[i] - loc[i] }
        for i in 0..<n {
          var t = 0.0
          for j in 0..<n { t += 0.5 * (p[i * n + j] + p[j * n + i]) * r[j] }
          pr[i] = t
        }
        if let gx = gradient(inputAdjoints, modes, 0, b) { for i in 0..<n { gx[i] -= g * pr[i] } }
        if let gl = gradient(inputAdjoints, modes, 1, b) { for i in 0..<n { gl[i] += g * pr[i] } }
        if let gp = gradient(inputAdjoints, modes, 2, b) {
          for i in 0..<n {
            for j in 0..<n { gp[i * n + j] += g * 0.5 * (inverse[i * n + j] - r[i] * r[j]) }
          }
        }
      }
    }
  }
}
