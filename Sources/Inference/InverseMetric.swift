/// The inverse mass matrix M⁻¹ of a Euclidean metric: the kinetic energy is
/// K(p) = ½ pᵀ M⁻¹ p and momenta are drawn from N(0, M).
///
/// Diagonal (`values.count == dimension`) or dense (`values.count == dimension²`,
/// row-major, symmetric positive definite). Windowed adaptation estimates M⁻¹ as the
/// regularized posterior (co)variance of the unconstrained draws.
public struct InverseMetric: Sendable, Hashable {
  /// The number of coordinates.
  public let dimension: Int
  /// Whether `values` is a dense row-major matrix (else the diagonal).
  public let isDense: Bool
  /// The diagonal, or the full matrix row by row.
  public let values: [Double]

  /// The identity, Stan's and NumPyro's initial metric.
  public static func identity(dimension: Int, dense: Bool) -> InverseMetric {
    if !dense { return InverseMetric(unchecked: [Double](repeating: 1, count: dimension), dimension: dimension, dense: false) }
    var m = [Double](repeating: 0, count: dimension * dimension)
    for i in 0..<dimension { m[i * dimension + i] = 1 }
    return InverseMetric(unchecked: m, dimension: dimension, dense: true)
  }

  /// A diagonal inverse metric.
  /// - Throws: `InferenceError.invalidArgument` if an entry is not finite and positive.
  public init(diagonal: [Double]) throws {
    guard diagonal.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw InferenceError.invalidArgument("the diagonal inverse metric must be finite and positive")
    }
    self.init(unchecked: diagonal, dimension: diagonal.count, dense: false)
  }

  /// A dense inverse metric from its rows.
  /// - Throws: `InferenceError.invalidArgument` if the matrix is not square, symmetric and
  ///   positive definite.
  public init(dense matrix: [Double], dimension: Int) throws {
    guard matrix.count == dimension * dimension, matrix.allSatisfy(\.isFinite) else {
      throw InferenceError.invalidArgument("a dense inverse metric needs \(dimension)×\(dimension) finite entries")
    }
    for i in 0..<dimension {
      for j in 0..<i where matrix[i * dimension + j] != matrix[j * dimension + i] {
        throw InferenceError.invalidArgument("the dense inverse metric is not symmetric at (\(i), \(j))")
      }
    }
    guard choleskyLower(matrix, dimension) != nil else {
      throw InferenceError.invalidArgument("the dense inverse metric is not positive definite")
    }
    self.init(unchecked: matrix, dimension: dimension, dense: true)
  }

  init(unchecked values: [Double], dimension: Int, dense: Bool) {
    self.values = values
    self.dimension = dimension
    self.isDense = dense
  }

  /// The diagonal of M⁻¹ (the adapted variances), whichever the storage.
  public var diagonal: [Double] {
    isDense ? (0..<dimension).map { values[$0 * dimension + $0] } : values
  }
}

/// The lower Cholesky factor L (L·Lᵀ = A) of a row-major n×n matrix, or nil when A is
/// not positive definite.
func choleskyLower(_ a: [Double], _ n: Int) -> [Double]? {
  var l = [Double](repeating: 0, count: n * n)
  for j in 0..<n {
    var d = a[j * n + j]
    for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
    guard d > 0, d.isFinite else { return nil }
    let ljj = d.squareRoot()
    l[j * n + j] = ljj
    for i in (j + 1)..<max(n, j + 1) {
      var s = a[i * n + j]
      for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
      l[i * n + j] = s / ljj
    }
  }
  return l
}
