import Autodiff
import Foundation

/// The fused tape operation for a `sample` site of an elementwise family: inputs are the
/// value x and the family's parameters (each broadcast to a common shape), the output is
/// Σ log p(xᵢ | θᵢ) (or, `pointwise`, the log densities themselves, for the pointwise
/// log-likelihood). One loop computes every element with the family's own `logProb`;
/// the reverse pass uses `logProbAndPartials` (x̄ᵢ += ȳ·∂/∂x, θ̄ += ȳ·∂/∂θ, summed over
/// broadcast elements).
public final class ElementwiseLogProbOp<F: ElementwiseFamily>: CustomOperation {
  public let key: String
  let pointwise: Bool
  let shape: [Int]
  let count: Int
  /// Per input: the element index for each output element, or nil when the input has
  /// `count` elements (stride 1) or one (stride 0).
  let maps: [[Int]?]
  let strides: [Int]
  let simple: Bool
  let parameterCount: Int

  /// - Parameters:
  ///   - shapes: the shapes of x and of each parameter, in the family's order.
  ///   - pointwise: whether to output the per-element log densities instead of their sum.
  public init(_ shapes: [[Int]], pointwise: Bool = false) throws {
    parameterCount = F.parameterNames.count
    precondition(shapes.count == parameterCount + 1, "\(F.name): \(shapes.count) inputs for \(parameterCount) parameters")
    var out: [Int] = []
    for s in shapes { out = try Graph.broadcastShape(out, s) }
    shape = out
    count = out.reduce(1, *)
    self.pointwise = pointwise
    var maps: [[Int]?] = []
    var strides: [Int] = []
    for s in shapes {
      let n = s.reduce(1, *)
      if n == count || n == 1 {
        maps.append(nil)
        strides.append(n == 1 && count != 1 ? 0 : 1)
      } else {
        maps.append(Graph.broadcastMap(s, to: out))
        strides.append(1)
      }
    }
    self.maps = maps
    self.strides = strides
    simple = maps.allSatisfy { $0 == nil }
    key = "\(F.name).logProb\(pointwise ? ".pointwise" : "")" + shapes.map { "\($0)" }.joined()
  }

  public func outputShape(_ inputShapes: [[Int]]) throws -> [Int] { pointwise ? shape : [] }

  @inline(__always) func index(_ k: Int, _ i: Int) -> Int {
    if let m = maps[k] { return m[i] }
    return i &* strides[k]
  }

  public func forward(_ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>, _ output: UnsafeMutablePointer<Double>, _ outputCount: Int) {
    let x = inputs[0]
    let a = inputs[1]
    let b = parameterCount > 1 ? inputs[2] : a
    let c = parameterCount > 2 ? inputs[3] : a
    let sb = parameterCount > 1 ? 2 : 1, sc = parameterCount > 2 ? 3 : 1
    let n = count
    if n == 1 {
      // One element (a scalar site's prior): no loops, no broadcasting.
      output[0] = F.logProb(x[0], a[0], parameterCount > 1 ? b[0] : 0, parameterCount > 2 ? c[0] : 0)
      return
    }
    if F.self == Normal.self, !pointwise, simple, strides[2] == 0 {
      // Normal with one scale: Σ log p = −½ Σ zᵢ² − n (log σ + ½ log 2π), so the
      // logarithm is taken once, not per element.
      let scale = b[0], inverse = 1 / scale, sx = strides[0], sa = strides[1]
      var ss = 0.0
      for i in 0..<n {
        let z = (x[i &* sx] - a[i &* sa]) * inverse
        ss += z * z
      }
      output[0] = -0.5 * ss - Double(n) * (Foundation.log(scale) + Normal.halfLog2Pi)
      return
    }
    if pointwise {
      for i in 0..<n { output[i] = F.logProb(x[index(0, i)], a[index(1, i)], b[index(sb, i)], parameterCount > 2 ? c[index(sc, i)] : 0) }
      return
    }
    var total = 0.0
    if simple, strides[1...].allSatisfy({ $0 == 0 }) {
      // Every parameter broadcast: the family's parameter-only terms (logarithms,
      // lgamma) are computed once (`parameterTerms`), not per element.
      let a0 = a[0], b0 = b[0], c0 = parameterCount > 2 ? c[0] : 0, s0 = strides[0]
      let terms = F.parameterTerms(a0, b0, c0)
      for i in 0..<n { total += F.logProb(x[i &* s0], a0, b0, c0, terms) }
    } else if simple {
      let s0 = strides[0], s1 = strides[1], s2 = strides[sb], s3 = strides[sc]
      for i in 0..<n { total += F.logProb(x[i &* s0], a[i &* s1], b[i &* s2], c[i &* s3]) }
    } else {
      for i in 0..<n { total += F.logProb(x[index(0, i)], a[index(1, i)], b[index(sb, i)], c[index(sc, i)]) }
    }
    output[0] = total
  }

  public func backward(
    _ inputs: UnsafePointer<UnsafePointer<Double>>, _ counts: UnsafePointer<Int>,
    _ output: UnsafePointer<Double>, _ outputAdjoint: UnsafePointer<Double>, _ outputCount: Int,
    _ inputAdjoints: UnsafePointer<UnsafeMutablePointer<Double>>, _ modes: UnsafePointer<GradMode>
  ) {
    let x = inputs[0]
    let a = inputs[1]
    let b = parameterCount > 1 ? inputs[2] : a
    let c = parameterCount > 2 ? inputs[3] : a
    let sb = parameterCount > 1 ? 2 : 1, sc = parameterCount > 2 ? 3 : 1
    let n = count
    let gx = inputAdjoints[0], ga = inputAdjoints[1]
    let gb = parameterCount > 1 ? inputAdjoints[2] : ga, gc = parameterCount > 2 ? inputAdjoints[3] : ga
    if n == 1 {
      let g = outputAdjoint[0]
      let r = F.logProbAndPartials(x[0], a[0], parameterCount > 1 ? b[0] : 0, parameterCount > 2 ? c[0] : 0)
      write(gx, modes[0], g * r.dx)
      write(ga, modes[1], g * r.da)
      if parameterCount > 1 { write(gb, modes[2], g * r.db) }
      if parameterCount > 2 { write(gc, modes[3], g * r.dc) }
      return
    }
    if F.self == Normal.self, !pointwise, simple, strides[2] == 0, modes[0] == .none || strides[0] == 0 {
      // Normal with one scale and a constant (or scalar) value: the loc adjoint is
      // written in one pass, assigned when this is its first contribution.
      let g = outputAdjoint[0], scale = b[0], inverse = 1 / scale, sx = strides[0], sa = strides[1]
      let gi = g * inverse * inverse
      var ss = 0.0, sumD = 0.0
      if sa == 1 && modes[1] == .assign {
        for i in 0..<n {
          let r = x[i &* sx] - a[i]
          ss += r * r
          ga[i] = gi * r
        }
      } else if sa == 1 && modes[1] == .accumulate {
        for i in 0..<n {
          let r = x[i &* sx] - a[i]
          ss += r * r
          ga[i] += gi * r
        }
      } else {
        for i in 0..<n {
          let r = x[i &* sx] - a[i &* sa]
          ss += r * r
          sumD += r
        }
        if sa == 0 { write(ga, modes[1], gi * sumD) }
      }
      // ∂/∂x = −∂/∂loc for a scalar x.
      if modes[0] != .none { write(gx, modes[0], -gi * (sa == 1 ? sumResiduals(x, a, n, sx) : sumD)) }
      if modes[2] != .none { write(gb, modes[2], g * (ss * inverse * inverse - Double(n)) * inverse) }
      return
    }
    if F.self == Normal.self, !pointwise, simple, strides[2] == 0 {
      // Normal with one scale and a variable value (a group-level prior such as
      // a ~ Normal(mu, sigma)): ∂/∂x = −(x − loc)/σ², ∂/∂loc = (x − loc)/σ², one pass.
      let g = outputAdjoint[0], scale = b[0], inverse = 1 / scale, sx = strides[0], sa = strides[1]
      let gi = g * inverse * inverse
      let mx = modes[0], ma = modes[1]
      var ss = 0.0, sumR = 0.0
      if sx == 1, sa == 0, mx != .none {
        // The group-level prior a ~ Normal(mu, sigma).expand([G]).
        let a0 = a[0]
        if mx == .assign {
          for i in 0..<n {
            let r = x[i] - a0
            ss += r * r
            sumR += r
            gx[i] = -gi * r
          }
        } else {
          for i in 0..<n {
            let r = x[i] - a0
            ss += r * r
            sumR += r
            gx[i] -= gi * r
          }
        }
        if ma != .none { write(ga, ma, gi * sumR) }
        if modes[2] != .none { write(gb, modes[2], g * (ss * inverse * inverse - Double(n)) * inverse) }
        return
      }
      for i in 0..<n {
        let r = x[i &* sx] - a[i &* sa]
        ss += r * r
        sumR += r
        if sx == 1 { if mx == .assign { gx[i] = -gi * r } else if mx == .accumulate { gx[i] -= gi * r } }
        if sa == 1 { if ma == .assign { ga[i] = gi * r } else if ma == .accumulate { ga[i] += gi * r } }
      }
      if sx == 0 && mx != .none { write(gx, mx, -gi * sumR) }
      if sa == 0 && ma != .none { write(ga, ma, gi * sumR) }
      if modes[2] != .none { write(gb, modes[2], g * (ss * inverse * inverse - Double(n)) * inverse) }
      return
    }
    // General paths: clear assigned buffers, then add.
    for j in 0..<(parameterCount + 1) where modes[j] == .assign { inputAdjoints[j].update(repeating: 0, count: counts[j]) }
    let needX = modes[0] != .none, needA = modes[1] != .none
    let needB = parameterCount > 1 && modes[2] != .none, needC = parameterCount > 2 && modes[3] != .none
    var sumA = 0.0, sumB = 0.0, sumC = 0.0, sumX = 0.0
    if simple, !pointwise, strides[1...].allSatisfy({ $0 == 0 }) {
      let g = outputAdjoint[0], a0 = a[0], b0 = b[0], c0 = parameterCount > 2 ? c[0] : 0, s0 = strides[0]
      let terms = F.parameterTerms(a0, b0, c0)
      for i in 0..<n {
        let r = F.logProbAndPartials(x[i &* s0], a0, b0, c0, terms)
        if needX { if s0 == 0 { sumX += g * r.dx } else { gx[i] += g * r.dx } }
        sumA += r.da
        sumB += r.db
        sumC += r.dc
      }
      if needX && s0 == 0 { gx[0] += sumX }
      if needA { ga[0] += g * sumA }
      if needB { gb[0] += g * sumB }
      if needC { gc[0] += g * sumC }
      return
    }
    for i in 0..<n {
      let g = pointwise ? outputAdjoint[i] : outputAdjoint[0]
      let ix = index(0, i), ia = index(1, i), ib = index(sb, i), ic = index(sc, i)
      let r = F.logProbAndPartials(x[ix], a[ia], b[ib], parameterCount > 2 ? c[ic] : 0)
      if needX { if strides[0] == 0 { sumX += g * r.dx } else { gx[ix] += g * r.dx } }
      if needA { if strides[1] == 0 { sumA += g * r.da } else { ga[ia] += g * r.da } }
      if needB { if strides[sb] == 0 { sumB += g * r.db } else { gb[ib] += g * r.db } }
      if needC { if strides[sc] == 0 { sumC += g * r.dc } else { gc[ic] += g * r.dc } }
    }
    if needX && strides[0] == 0 { gx[0] += sumX }
    if needA && strides[1] == 0 { ga[0] += sumA }
    if needB && strides[sb] == 0 { gb[0] += sumB }
    if needC && strides[sc] == 0 { gc[0] += sumC }
  }

  @inline(__always) private func write(_ p: UnsafeMutablePointer<Double>, _ mode: GradMode, _ v: Double) {
    if mode == .assign { p[0] = v } else if mode == .accumulate { p[0] += v }
  }

  private func sumResiduals(_ x: UnsafePointer<Double>, _ a: UnsafePointer<Double>, _ n: Int, _ sx: Int) -> Double {
    var s = 0.0
    for i in 0..<n { s += x[i &* sx] - a[i] }
    return s
  }
}
