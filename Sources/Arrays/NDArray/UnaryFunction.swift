import Foundation

/// An elementwise function of one array.
public enum UnaryFunction: String, Sendable, CaseIterable {
  case exp, exp2, log, log2, log10, log1p, expm1, sqrt, square, abs, sign
  case floor, ceil, round, trunc
  case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh
  case sigmoid, logit, softplus, logSigmoid
  case lgamma, digamma, erf, erfc, normalCDF, logNormalCDF, normalQuantile
  case isnan, isinf, isfinite, logicalNot

  /// Functions whose result keeps an integer input integer (NumPy's `abs`, `sign`,
  /// `square`, `floor`…: floor/ceil/round/trunc of integers stay integers).
  var preservesInt: Bool {
    switch self {
    case .abs, .sign, .square, .floor, .ceil, .round, .trunc: true
    default: false
    }
  }

  var isPredicate: Bool {
    switch self {
    case .isnan, .isinf, .isfinite, .logicalNot: true
    default: false
    }
  }

  /// The scalar function on Doubles. NaN in gives NaN out; out-of-domain inputs give
  /// NaN (log of a negative) or ±∞ (log 0) as IEEE and NumPy do.
  var double: (Double) -> Double {
    switch self {
    case .exp: Foundation.exp
    case .exp2: Foundation.exp2
    case .log: Foundation.log
    case .log2: Foundation.log2
    case .log10: Foundation.log10
    case .log1p: Foundation.log1p
    case .expm1: Foundation.expm1
    case .sqrt: { $0.squareRoot() }
    case .square: { $0 * $0 }
    case .abs: { Swift.abs($0) }
    case .sign: { $0.isNaN ? .nan : ($0 > 0 ? 1 : ($0 < 0 ? -1 : 0)) }
    case .floor: { $0.rounded(.down) }
    case .ceil: { $0.rounded(.up) }
    case .round: { $0.rounded(.toNearestOrEven) }
    case .trunc: { $0.rounded(.towardZero) }
    case .sin: Foundation.sin
    case .cos: Foundation.cos
    case .tan: Foundation.tan
    case .asin: Foundation.asin
    case .acos: Foundation.acos
    case .atan: Foundation.atan
    case .sinh: Foundation.sinh
    case .cosh: Foundation.cosh
    case .tanh: Foundation.tanh
    case .sigmoid: Special.sigmoid
    case .logit: Special.logit
    case .softplus: Special.softplus
    case .logSigmoid: Special.logSigmoid
    case .lgamma: Special.lgamma
    case .digamma: Special.digamma
    case .erf: Special.erf
    case .erfc: Special.erfc
    case .normalCDF: Special.normalCDF
    case .logNormalCDF: Special.logNormalCDF
    case .normalQuantile: Special.normalQuantile
    case .isnan, .isinf, .isfinite, .logicalNot: { $0 }
    }
  }
}
