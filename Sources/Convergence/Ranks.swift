import Arrays

/// Rank normalization (Vehtari et al. 2021, §4): ranks with ties averaged, then
/// z = Φ⁻¹((r − 3/8)/(S − 2·3/8 + 1)) (Blom's offset), exactly as ArviZ's `_z_scale`
/// (SciPy `rankdata(method="average")`, `norm.ppf`).
///
/// Sorting is an LSD radix argsort on order-preserving integer keys; the folded draws
/// |x − c| are ordered by merging the two halves of the already sorted draws, so a
/// parameter is sorted once however many rank transforms it needs.

/// Φ⁻¹((r − 3/8)/(S + 1/4)) for every average rank r of S values. Average ranks are
/// multiples of ½ when ties are pairs or runs of even length… or any (i + j + 2)/2, so
/// the table is indexed by 2r ∈ [2, 2S].
final class NormalScores {
  let size: Int
  private var table: [Double]

  init(size: Int) {
    self.size = size
    table = [Double](repeating: .nan, count: 2 * size + 1)
  }

  /// z for the average rank (twoR / 2).
  @inline(__always) func score(twoR: Int) -> Double {
    let cached = table[twoR]
    if !cached.isNaN { return cached }
    let r = 0.5 * Double(twoR)
    let c = 3.0 / 8.0
    let z = Special.normalQuantile((r - c) / (Double(size) - 2 * c + 1))
    table[twoR] = z
    return z
  }
}

/// Order-preserving key of a Double (no NaNs): unsigned order of keys is numeric order.
@inline(__always) func orderKey(_ x: Double) -> UInt64 {
  let b = x.bitPattern
  return (b >> 63) == 1 ? ~b : b | (1 << 63)
}

/// The indices that sort `values` (no NaNs) ascending, stable. LSD radix sort, 8 bits a
/// pass, skipping passes whose byte is the same for every key.
func argsortValues(_ values: UnsafeBufferPointer<Double>) -> [Int32] {
  let n = values.count
  if n < 64 {
    return (0..<n).sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }.map { Int32($0) }
  }
  var keys = [UInt64](unsafeUninitializedCapacity: n) { buf, c in
    for i in 0..<n { buf[i] = orderKey(values[i]) }
    c = n
  }
  var idx = [Int32](unsafeUninitializedCapacity: n) { buf, c in
    for i in 0..<n { buf[i] = Int32(i) }
    c = n
  }
  var keys2 = [UInt64](repeating: 0, count: n)
  var idx2 = [Int32](repeating: 0, count: n)
  var counts = [Int](repeating: 0, count: 256)
  var orAll: UInt64 = 0, andAll: UInt64 = ~0
  for k in keys { orAll |= k; andAll &= k }
  let varying = orAll ^ andAll
  for pass in 0..<8 {
    let shift = UInt64(pass * 8)
    if (varying >> shift) & 0xFF == 0 { continue }
    for i in 0..<256 { counts[i] = 0 }
    keys.withUnsafeBufferPointer { k in
      for i in 0..<n { counts[Int((k[i] >> shift) & 0xFF)] += 1 }
    }
    var total = 0
    for i in 0..<256 { let c = counts[i]; counts[i] = total; total += c }
    keys.withUnsafeBufferPointer { k in
      idx.withUnsafeBufferPointer { ix in
        keys2.withUnsafeMutableBufferPointer { k2 in
          idx2.withUnsafeMutableBufferPointer { ix2 in
            for i in 0..<n {
              let b = Int((k[i] >> shift) & 0xFF)
              let p = counts[b]
              counts[b] = p + 1
              k2[p] = k[i]
              ix2[p] = ix[i]
            }
          }
        }
      }
    }
    swap(&keys, &keys2)
    swap(&idx, &idx2)
  }
  return idx
}

/// Draws (chains × draws, row-major) sorted once, for the rank transforms of their split
/// chains. Split chains (ArviZ `_split_chains`): the first ⌊N/2⌋ draws of every chain,
/// then the last ⌊N/2⌋ draws of every chain, as 2M chains; the middle draw of an odd N
/// is dropped.
struct SortedDraws {
  let chains: Int
  let draws: Int
  let half: Int
  /// Indices into the draws in ascending order of value (all draws).
  let order: [Int32]

  init(_ x: UnsafeBufferPointer<Double>, chains: Int, draws: Int) {
    self.chains = chains
    self.draws = draws
    self.half = draws / 2
    order = argsortValues(x)
  }

  /// Where draw `i` (flat index) goes in the split layout, or −1 when it is dropped.
  @inline(__always) func splitPosition(_ i: Int) -> Int {
    let c = i / draws, d = i - c * draws
    if d < half { return c * half + d }
    if d >= draws - half { return (chains + c) * half + d - (draws - half) }
    return -1
  }

  /// The kept draws (split layout) in ascending order, as flat indices into x.
  func keptOrder() -> [Int32] {
    if draws == 2 * half { return order }
    return order.filter { splitPosition(Int($0)) >= 0 }
  }

  /// z-scores of the split draws, in the split layout (2M × half).
  func zSplit(_ x: UnsafeBufferPointer<Double>, scores: NormalScores) -> [Double] {
    let kept = keptOrder()
    var z = [Double](repeating: 0, count: kept.count)
    assignScores(kept.count, value: { x[Int(kept[$0])] }, position: { splitPosition(Int(kept[$0])) }, scores: scores, into: &z)
    return z
  }

  /// The median of the kept (split) draws, or of all draws when `allDraws`.
  func median(_ x: UnsafeBufferPointer<Double>, allDraws: Bool) -> Double {
    let o = allDraws ? order : keptOrder()
    let n = o.count
    if n == 0 { return .nan }
    if n % 2 == 1 { return x[Int(o[n / 2])] }
    let a = x[Int(o[n / 2 - 1])], b = x[Int(o[n / 2])]
    return (a + b) / 2  // NumPy's median: mean of the two middle values
  }

  /// z-scores of |x − center| over the split draws, in the split layout, ordering the
  /// folded values by merging the sorted draws below and above `center`.
  func zFoldedSplit(_ x: UnsafeBufferPointer<Double>, center: Double, scores: NormalScores) -> [Double] {
    let kept = keptOrder()
    let n = kept.count
    // First kept index with value > center: left part [0, split) folds in reverse order.
    var lo = 0, hi = n
    while lo < hi {
      let mid = (lo + hi) / 2
      if x[Int(kept[mid])] > center { hi = mid } else { lo = mid + 1 }
    }
    var merged = [Int32](repeating: 0, count: n)
    var folded = [Double](repeating: 0, count: n)
    var l = lo - 1, r = lo, k = 0
    while l >= 0 || r < n {
      let fl = l >= 0 ? Swift.abs(x[Int(kept[l])] - center) : .infinity
      let fr = r < n ? Swift.abs(x[Int(kept[r])] - center) : .infinity
      if l >= 0 && (r >= n || fl <= fr) {
        merged[k] = kept[l]; folded[k] = fl; l -= 1
      } else {
        merged[k] = kept[r]; folded[k] = fr; r += 1
      }
      k += 1
    }
    var z = [Double](repeating: 0, count: n)
    assignScores(n, value: { folded[$0] }, position: { splitPosition(Int(merged[$0])) }, scores: scores, into: &z)
    return z
  }
}

/// Walks values in ascending order, averages the ranks of equal runs, and writes each
/// value's normal score at its position.
@inline(__always) func assignScores(
  _ n: Int, value: (Int) -> Double, position: (Int) -> Int, scores: NormalScores, into z: inout [Double]
) {
  var i = 0
  while i < n {
    var j = i
    let v = value(i)
    while j + 1 < n && value(j + 1) == v { j += 1 }
    let s = scores.score(twoR: i + j + 2)
    for k in i...j { z[position(k)] = s }
    i = j + 1
  }
}

/// Rank-normalized values of a buffer in its own layout (`_z_scale` on any array).
func zScale(_ x: [Double]) -> [Double] {
  x.withUnsafeBufferPointer { p in
    let order = argsortValues(p)
    var z = [Double](repeating: 0, count: x.count)
    let scores = NormalScores(size: x.count)
    assignScores(x.count, value: { p[Int(order[$0])] }, position: { Int(order[$0]) }, scores: scores, into: &z)
    return z
  }
}
