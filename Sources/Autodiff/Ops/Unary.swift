import Arrays
import Foundation

/// Elementwise functions of one tensor. Each case documents f and f′, which the
/// backward kernel applies as x̄ += ȳ · f′(x) (written with y = f(x) where that is
/// cheaper or more accurate).
public enum UnaryOp: String, CaseIterable, Sendable {
  /// y = −x; f′ = −1.
  case negate
  /// y = eˣ; f′ = y.
  case exp
  /// y = log x; f′ = 1/x.
  case log
  /// y = log(1 + x) (accurate near 0); f′ = 1/(1 + x).
  case log1p
  /// y = eˣ − 1 (accurate near 0); f′ = y + 1.
  case expm1
  /// y = √x; f′ = 1/(2y).
  case sqrt
  /// y = x²; f′ = 2x.
  case square
  /// y = 1/x; f′ = −y².
  case reciprocal
  /// y = |x|; f′ = sign(x) (0 at 0, the subgradient JAX uses).
  case abs
  /// y = sin x; f′ = cos x.
  case sin
  /// y = cos x; f′ = −sin x.
  case cos
  /// y = tanh x; f′ = 1 − y².
  case tanh
  /// y = σ(x) = 1/(1 + e⁻ˣ) (Special.sigmoid, no overflow); f′ = y(1 − y).
  case sigmoid
  /// y = log σ(x) = −softplus(−x); f′ = σ(−x) = 1 − σ(x).
  case logSigmoid
  /// y = softplus(x) = log(1 + eˣ) (= log1pexp; Special.softplus, no overflow); f′ = σ(x).
  case softplus
  /// y = logit(x) = log(x/(1 − x)); f′ = 1/(x(1 − x)).
  case logit
  /// y = log Γ(x); f′ = ψ(x) (digamma).
  case lgamma
  /// y = ψ(x); f′ = ψ′(x) = ζ(2, x) (trigamma, by the Hurwitz zeta function; for x < 0
  /// by the reflection ψ′(1 − x) + ψ′(x) = π²/sin²(πx)).
  case digamma
  /// y = erf x; f′ = (2/√π) e^{−x²}.
  case erf
  /// y = erfc x; f′ = −(2/√π) e^{−x²}.
  case erfc
  /// y = Φ(x), the standard normal CDF; f′ = φ(x).
  case normalCDF
  /// y = log Φ(x) (Special.logNormalCDF, accurate in the lower tail);
  /// f′ = φ(x)/Φ(x) = exp(log φ(x) − y), which stays finite where Φ underflows.
  case logNormalCDF
  /// Rounding functions: piecewise constant, f′ = 0 (as JAX).
  case floor, ceil, round

  @inline(__always)
  func apply(_ x: Double) -> Double {
    switch self {
    case .negate: return -x
    case .exp: return Foundation.exp(x)
    case .log: return Foundation.log(x)
    case .log1p: return Foundation.log1p(x)
    case .expm1: return Foundation.expm1(x)
    case .sqrt: return x.squareRoot()
    case .square: return x * x
    case .reciprocal: return 1 / x
    case .abs: return Swift.abs(x)
    case .sin: return Foundation.sin(x)
    case .cos: return Foundation.cos(x)
    case .tanh: return Foundation.tanh(x)
    case .sigmoid: return Special.sigmoid(x)
    case .logSigmoid: return Special.logSigmoid(x)
    case .softplus: return Special.softplus(x)
    case .logit: return Special.logit(x)
    case .lgamma: return Special.lgamma(x)
    case .digamma: return Special.digamma(x)
    case .erf: return Foundation.erf(x)
    case .erfc: return Foundation.erfc(x)
    case .normalCDF: return Special.normalCDF(x)
    case .logNormalCDF: return Special.logNormalCDF(x)
    case .floor: return Foundation.floor(x)
    case .ceil: return Foundation.ceil(x)
    case .round: return Foundation.round(x)
    }
  }

  /// f′(x), given y = f(x).
  @inline(__always)
  func derivative(_ x: Double, _ y: Double) -> Double {
    switch self {
    case .negate: return -1
    case .exp: return y
    case .log: return 1 / x
    case .log1p: return 1 / (1 + x)
    case .expm1: return y + 1
    case .sqrt: return 0.5 / y
    case .square: return 2 * x
    case .reciprocal: return -y * y
    case .abs: return x > 0 ? 1 : (x < 0 ? -1 : 0)
    case .sin: return Foundation.cos(x)
    case .cos: return -Foundation.sin(x)
    case .tanh: return 1 - y * y
    case .sigmoid: return y * (1 - y)
    case .logSigmoid: return Special.sigmoid(-x)
    case .softplus: return Special.sigmoid(x)
    case .logit: return 1 / (x * (1 - x))
    case .lgamma: return Special.digamma(x)
    case .digamma: return trigamma(x)
    case .erf: return 2 / Double.pi.squareRoot() * Foundation.exp(-x * x)
    case .erfc: return -2 / Double.pi.squareRoot() * Foundation.exp(-x * x)
    case .normalCDF: return Special.normalPDF(x)
    case .logNormalCDF: return Foundation.exp(-0.5 * x * x - 0.5 * Foundation.log(2 * Double.pi) - y)
    case .floor, .ceil, .round: return 0
    }
  }
}

/// ψ′(x) = ζ(2, x) for x > 0; the reflection formula below 0; NaN at the poles.
func trigamma(_ x: Double) -> Double {
  if x > 0 { return Special.hurwitzZeta(2, x) }
  if x == x.rounded() { return .nan }
  let s = Foundation.sin(Double.pi * x)
  return Double.pi * Double.pi / (s * s) - trigamma(1 - x)
}

final class UnaryInstruction: Instruction {
  let op: UnaryOp
  let x: Int
  init(_ op: UnaryOp, x: Int, output: Int, count: Int) {
    self.op = op
    self.x = x
    super.init(output: output, count: count, inputs: [x])
  }

  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let xs = v + x, ys = v + output, op = self.op
    switch op {
    case .negate: for i in 0..<count { ys[i] = -xs[i] }
    case .exp: for i in 0..<count { ys[i] = Foundation.exp(xs[i]) }
    case .log: for i in 0..<count { ys[i] = Foundation.log(xs[i]) }
    case .square: for i in 0..<count { ys[i] = xs[i] * xs[i] }
    case .sqrt: for i in 0..<count { ys[i] = xs[i].squareRoot() }
    default: for i in 0..<count { ys[i] = op.apply(xs[i]) }
    }
  }

  override func backward(_ v: UnsafeMutablePointer<Double>, _ a: UnsafeMutablePointer<Double>) {
    let mode = modes[0]
    if mode == .none { return }
    let xs = v + x, ys = v + output, g = a + output, gx = a + x, op = self.op
    switch (op, mode) {
    case (.exp, .assign): for i in 0..<count { gx[i] = g[i] * ys[i] }
    case (.exp, _): for i in 0..<count { gx[i] += g[i] * ys[i] }
    case (.negate, .assign): for i in 0..<count { gx[i] = -g[i] }
    case (.negate, _): for i in 0..<count { gx[i] -= g[i] }
    case (_, .assign): for i in 0..<count { gx[i] = g[i] * op.derivative(xs[i], ys[i]) }
    default: for i in 0..<count { gx[i] += g[i] * op.derivative(xs[i], ys[i]) }
    }
  }
}
