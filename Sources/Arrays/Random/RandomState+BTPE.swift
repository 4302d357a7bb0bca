import Foundation

extension RandomState {
  /// The BTPE binomial sampler for n·p > 30, p ≤ 0.5, step for step as NumPy runs it.
  ///
  /// References: V. Kachitvichyanukul and B. W. Schmeiser, "Binomial random variate
  /// generation", CACM 31(2), 1988; NumPy `random_binomial_btpe`.
  mutating func binomialBTPE(_ n: Int, _ p: Double) -> Int {
    let dn = Double(n)
    let r = Swift.min(p, 1.0 - p)
    let q = 1.0 - r
    let fm = dn * r + r
    let m = Int(fm.rounded(.down))
    let dm = Double(m)
    let p1 = (2.195 * (dn * r * q).squareRoot() - 4.6 * q).rounded(.down) + 0.5
    let xm = dm + 0.5
    let xl = xm - p1
    let xr = xm + p1
    let c = 0.134 + 20.5 / (15.3 + dm)
    var a = (fm - xl) / (fm - xl * r)
    let laml = a * (1.0 + a / 2.0)
    a = (xr - fm) / (xr * q)
    let lamr = a * (1.0 + a / 2.0)
    let p2 = p1 * (1.0 + 2.0 * c)
    let p3 = p2 + c / laml
    let p4 = p3 + c / lamr
    let nrq = dn * r * q

    while true {  // Step 10
      let u = generator.nextDouble() * p4
      var v = generator.nextDouble()
      var y: Int
      if u <= p1 {
        y = Int((xm - p1 * v + u).rounded(.down))
        return p > 0.5 ? n - y : y
      }
      if u <= p2 {  // Step 20: parallelogram
        let x = xl + (u - p1) / c
        v = v * c + 1.0 - Swift.abs(dm - x + 0.5) / p1
        if v > 1.0 { continue }
        y = Int(x.rounded(.down))
      } else if u <= p3 {  // Step 30: left tail
        let t = (xl + Foundation.log(v) / laml).rounded(.down)
        if v == 0.0 || t < 0 { continue }
        y = Int(t)
        v = v * (u - p2) * laml
      } else {  // Step 40: right tail
        let t = (xr - Foundation.log(v) / lamr).rounded(.down)
        if v == 0.0 || t > dn { continue }
        y = Int(t)
        v = v * (u - p3) * lamr
      }
      // Step 50
      let k = Swift.abs(y - m)
      let dk = Double(k)
      if !(k > 20 && dk < nrq / 2.0 - 1) {
        let s = r / q
        let aa = s * (dn + 1)
        var f = 1.0
        if m < y {
          for i in (m + 1)...y { f *= (aa / Double(i) - s) }
        } else if m > y {
          for i in (y + 1)...m { f /= (aa / Double(i) - s) }
        }
        if v > f { continue }
        return p > 0.5 ? n - y : y
      }
      // Step 52: squeeze using upper and lower bounds on log(f(x))
      let rho = (dk / nrq) * ((dk * (dk / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5)
      let t = -dk * dk / (2 * nrq)
      let bigA = Foundation.log(v)
      if bigA < t - rho { return p > 0.5 ? n - y : y }
      if bigA > t + rho { continue }
      let x1 = Double(y + 1)
      let f1 = dm + 1
      let z = dn + 1 - dm
      let w = dn - Double(y) + 1
      let x2 = x1 * x1
      let f2 = f1 * f1
      let z2 = z * z
      let w2 = w * w
      func stirling(_ v: Double, _ v2: Double) -> Double {
        (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / v2) / v2) / v2) / v2) / v / 166320.0
      }
      let bound = xm * Foundation.log(f1 / x1) + (dn - dm + 0.5) * Foundation.log(z / w)
        + Double(y - m) * Foundation.log(w * r / (x1 * q))
        + stirling(f1, f2) + stirling(z, z2) + stirling(x1, x2) + stirling(w, w2)
      if bigA > bound { continue }
      return p > 0.5 ? n - y : y
    }
  }

  static func checkBinomial(_ n: Int, _ p: Double) throws {
    guard n >= 0 else { throw RandomArgumentError("n < 0") }
    guard !p.isNaN else { throw RandomArgumentError("p is nan") }
    guard p >= 0 else { throw RandomArgumentError("p < 0") }
    guard p <= 1 else { throw RandomArgumentError("p > 1") }
  }

  /// `binomial(n, p)`.
  /// - Throws: `RandomArgumentError` for n < 0 or p outside [0, 1], as NumPy.
  public mutating func binomial(_ n: Int, _ p: Double) throws -> Int {
    try Self.checkBinomial(n, p)
    return binomialVariate(n, p)
  }

  /// `binomial(n, p, size=count)`.
  public mutating func binomial(_ n: Int, _ p: Double, count: Int) throws -> [Int] {
    try Self.checkCount(count)
    try Self.checkBinomial(n, p)
    return (0..<max(count, 0)).map { _ in binomialVariate(n, p) }
  }
}
