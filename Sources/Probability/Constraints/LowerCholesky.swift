import Foundation

/// NumPyro's `LowerCholeskyTransform`: n(n+1)/2 reals onto lower-triangular n × n
/// matrices with positive diagonal (row-major, upper part 0).
///
/// The first n(n−1)/2 entries fill the strict lower triangle row by row ((1,0), (2,0),
/// (2,1), …, NumPyro's `vec_to_tril_matrix(…, diagonal=-1)`); the last n are the logs
/// of the diagonal:
///
///     Lᵢⱼ = u_{index(i,j)} (i > j),   Lᵢᵢ = e^{u_{m+i}}  (m = n(n−1)/2)
///     log|det J| = Σᵢ u_{m+i}
///     ū = L̄ᵢⱼ for strict-lower entries,   ū_{m+i} = L̄ᵢᵢ Lᵢᵢ + l̄
///
/// Adjoints of the upper triangle are ignored (those entries are constant 0).
enum LowerCholesky {
  static func forward(_ u: UnsafePointer<Double>, _ l: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
    let m = n * (n - 1) / 2
    var index = 0
    var logDet = 0.0
    for i in 0..<n {
      for j in 0..<n {
        if j < i {
          l[i * n + j] = u[index]
          index += 1
        } else if j == i {
          l[i * n + i] = Foundation.exp(u[m + i])
          logDet += u[m + i]
        } else {
          l[i * n + j] = 0
        }
      }
    }
    return logDet
  }

  static func inverse(_ l: UnsafePointer<Double>, _ u: UnsafeMutablePointer<Double>, _ n: Int) {
    let m = n * (n - 1) / 2
    var index = 0
    for i in 0..<n {
      for j in 0..<i {
        u[index] = l[i * n + j]
        index += 1
      }
      u[m + i] = Foundation.log(l[i * n + i])
    }
  }

  static func vjp(
    _ u: UnsafePointer<Double>, _ lBar: UnsafePointer<Double>, _ logDetBar: Double,
    _ gradient: UnsafeMutablePointer<Double>, _ n: Int
  ) {
    let m = n * (n - 1) / 2
    var index = 0
    for i in 0..<n {
      for j in 0..<i {
        gradient[index] += lBar[i * n + j]
        index += 1
      }
      gradient[m + i] += lBar[i * n + i] * Foundation.exp(u[m + i]) + logDetBar
    }
  }
}
