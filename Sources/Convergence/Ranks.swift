import Arrays

/// Rank normalization (Vehtari et al. 2021, §4): ranks with ties averaged, then
/// z = Φ⁻¹((r − 3/8)/(S − 2·3/8 + 1)) (Blom's offset), exactly as ArviZ's `_z_scale`
/// (SciPy `rankdata(method="average")`, `norm.ppf`).
///
/// Sorting is a bucket argsort on the quantized values (an LSD radix argsort on
/// order-preserving integer keys when the values crowd into few buckets); the folded
/// draws |x − c| are ordered by merging the two halves of the already sorted draws, so a
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

  /// Fills every entry (2r = 2 … 2S), so the table can be shared read-only by threads.
  func fillAll() {
    for twoR in 2...max(2, 2 * size) where twoR < table.count { _ = score(twoR: twoR) }
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

/// The indices that sort `values` (no NaNs) ascending, stable (equal values keep their
/// index order).
///
/// `bucketArgsort` when the values spread over their range; otherwise an LSD radix sort on 11-bit digits of order-preserving keys. Draws from a continuous
/// posterior rarely share their top 33 key bits (sign, exponent and 21 mantissa bits), so
/// the three top digits are sorted first and an insertion pass on full keys finishes the
/// few runs of equal prefixes; when there are many (draws spanning a tiny range, such as
/// 1e8 + noise), all six digits are sorted instead.
func argsortValues(_ values: UnsafeBufferPointer<Double>) -> [Int32] {
  let n = values.count
  if n < 64 {
    return (0..<n).sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }.map { Int32($0) }
  }
  if let order = bucketArgsort(values) { return order }
  let keys = [UInt64](unsafeUninitializedCapacity: n) { buf, count in
    for i in 0..<n { buf[i] = orderKey(values[i]) }
    count = n
  }
  var (sortedKeys, order) = radixArgsort(keys, digits: 3..<6)
  // Adjacent keys sharing their top 33 bits may be out of order.
  let prefixShift: UInt64 = 33
  var collisions = 0
  for i in 1..<n where sortedKeys[i] >> prefixShift == sortedKeys[i - 1] >> prefixShift { collisions += 1 }
  if collisions > n / 16 {
    return radixArgsort(keys, digits: 0..<6).order
  }
  if collisions > 0 {
    sortedKeys.withUnsafeMutableBufferPointer { k in
      order.withUnsafeMutableBufferPointer { o in
        for i in 1..<n {
          let key = k[i], index = o[i]
          var j = i - 1
          while j >= 0 && k[j] > key {
            k[j + 1] = k[j]
            o[j + 1] = o[j]
            j -= 1
          }
          k[j + 1] = key
          o[j + 1] = index
        }
      }
    }
  }
  return order
}

/// The indices that sort `values` (no NaNs) ascending, stable, by one counting pass on
/// the value quantized to about n equal-width buckets between the minimum and the
/// maximum (a monotone map, so the buckets come out in order and equal values stay in
/// index order), then an insertion pass that orders each bucket by value. Draws of a
/// posterior put a few values in a bucket, so this is about three passes over the draws;
/// nil when the values are not spread that way (infinite, all equal, or crowded buckets
/// such as heavy tails: Σ count² > 8n), for the radix sort.
func bucketArgsort(_ v: UnsafeBufferPointer<Double>) -> [Int32]? {
  let n = v.count
  var lo = v[0], hi = v[0]
  for x in v {
    lo = x < lo ? x : lo
    hi = x > hi ? x : hi
  }
  let buckets = bucketsPerValue * nextPowerOfTwo(n)
  let scale = Double(buckets) / (hi - lo)
  guard lo.isFinite, hi.isFinite, hi > lo, scale.isFinite else { return nil }
  let last = buckets - 1
  var counts = [Int32](repeating: 0, count: buckets)
  // Σ count² accumulates as (c + 1)² − c² = 2c + 1 per value.
  var crowding = 0
  let slot = [Int32](unsafeUninitializedCapacity: n) { buf, count in
    counts.withUnsafeMutableBufferPointer { c in
      for i in 0..<n {
        let b = Swift.min(Int((v[i] - lo) * scale), last)
        buf[i] = Int32(truncatingIfNeeded: b)
        let k = c[b]
        crowding &+= 2 &* Int(k) &+ 1
        c[b] = k &+ 1
      }
    }
    count = n
  }
  var total: Int32 = 0
  counts.withUnsafeMutableBufferPointer { c in
    for j in 0..<buckets {
      let k = c[j]
      c[j] = total
      total &+= k
    }
  }
  guard crowding <= 8 * n else { return nil }
  var sortedValues = [Double](unsafeUninitializedCapacity: n) { _, count in count = n }
  var order = [Int32](unsafeUninitializedCapacity: n) { buf, count in
    counts.withUnsafeMutableBufferPointer { c in
      sortedValues.withUnsafeMutableBufferPointer { sv in
        slot.withUnsafeBufferPointer { sl in
          for i in 0..<n {
            let b = Int(sl[i])
            let at = Int(c[b])
            c[b] = Int32(at + 1)
            buf[at] = Int32(truncatingIfNeeded: i)
            sv[at] = v[i]
          }
        }
      }
    }
    count = n
  }
  // Insertion pass: strict comparison keeps equal values in index order.
  sortedValues.withUnsafeMutableBufferPointer { sv in
    order.withUnsafeMutableBufferPointer { o in
      for i in 1..<n {
        let x = sv[i]
        if !(sv[i - 1] > x) { continue }
        let index = o[i]
        var j = i - 1
        while j >= 0 && sv[j] > x {
          sv[j + 1] = sv[j]
          o[j + 1] = o[j]
          j -= 1
        }
        sv[j + 1] = x
        o[j + 1] = index
      }
    }
  }
  return order
}

/// Buckets per value (times n rounded up to a power of two) in `bucketArgsort`: more
/// buckets leave fewer values out of order for the insertion pass but cost a longer
/// prefix sum (on Benchmarks/convergence 4 is 7% faster in the sort than 1 and 2, 8 slower).
let bucketsPerValue = 4

/// Stable LSD radix sort of `keys` on the given 11-bit digits (digit d covers bits
/// 11d ..< 11d + 11); returns the keys in that order and their original indices. Digits
/// that are the same for every key are skipped.
func radixArgsort(_ keys: [UInt64], digits: Range<Int>) -> (keys: [UInt64], order: [Int32]) {
  let n = keys.count
  let digitBits = 11, radix = 1 << digitBits
  let mask = UInt64(radix - 1)
  var a = keys
  var b = [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n }
  var ia = [Int32](unsafeUninitializedCapacity: n) { buf, count in
    for i in 0..<n { buf[i] = Int32(i) }
    count = n
  }
  var ib = [Int32](unsafeUninitializedCapacity: n) { _, count in count = n }
  var counts = [Int32](repeating: 0, count: radix * digits.count)
  var inA = true
  a.withUnsafeMutableBufferPointer { k in
    b.withUnsafeMutableBufferPointer { k2 in
      ia.withUnsafeMutableBufferPointer { ix in
        ib.withUnsafeMutableBufferPointer { ix2 in
          counts.withUnsafeMutableBufferPointer { cnt in
            for i in 0..<n {
              let key = k[i]
              for (p, d) in digits.enumerated() { cnt[p * radix + Int((key >> UInt64(d * digitBits)) & mask)] += 1 }
            }
            var src = (k, ix), dst = (k2, ix2)
            for (p, d) in digits.enumerated() {
              let base = p * radix
              let shift = UInt64(d * digitBits)
              // A digit shared by every key leaves the order as it is.
              if Int(cnt[base + Int((src.0[0] >> shift) & mask)]) == n { continue }
              var total: Int32 = 0
              for j in 0..<radix { let c = cnt[base + j]; cnt[base + j] = total; total += c }
              for i in 0..<n {
                let key = src.0[i]
                let slot = base + Int((key >> shift) & mask)
                let at = Int(cnt[slot])
                cnt[slot] += 1
                dst.0[at] = key
                dst.1[at] = src.1[i]
              }
              swap(&src, &dst)
              inA.toggle()
            }
          }
        }
      }
    }
  }
  return inA ? (a, ia) : (b, ib)
}

/// Where each draw of a (chains × draws) buffer goes when chains are split
/// (`_split_chains`): the first ⌊N/2⌋ draws of every chain, then the last ⌊N/2⌋ draws of
/// every chain, as 2M chains; −1 for the middle draw of an odd N, which is dropped.
/// Shared read-only by all components of a summary.
final class SplitLayout: @unchecked Sendable {
  let chains: Int
  let draws: Int
  let half: Int
  let positions: [Int32]

  init(chains: Int, draws: Int) {
    self.chains = chains
    self.draws = draws
    half = draws / 2
    var p = [Int32](repeating: -1, count: chains * draws)
    for c in 0..<chains {
      for d in 0..<draws {
        if d < half { p[c * draws + d] = Int32(c * half + d) }
        else if d >= draws - half { p[c * draws + d] = Int32((chains + c) * half + d - (draws - half)) }
      }
    }
    positions = p
  }

  var splitCount: Int { 2 * chains * half }
}

/// Draws (chains × draws, row-major) sorted once, for the rank transforms of their split
/// chains.
struct SortedDraws {
  let layout: SplitLayout
  /// Indices into the draws in ascending order of value (all draws).
  let order: [Int32]
  /// The kept (split) draws' indices in ascending order of value.
  let kept: [Int32]
  /// The kept draws' values in ascending order.
  let keptValues: [Double]

  init(_ x: UnsafeBufferPointer<Double>, layout: SplitLayout) {
    self.layout = layout
    order = argsortValues(x)
    if layout.draws == 2 * layout.half {
      kept = order
    } else {
      kept = order.filter { layout.positions[Int($0)] >= 0 }
    }
    keptValues = kept.map { x[Int($0)] }
  }

  init(_ x: UnsafeBufferPointer<Double>, chains: Int, draws: Int) {
    self.init(x, layout: SplitLayout(chains: chains, draws: draws))
  }

  var half: Int { layout.half }

  /// z-scores of the split draws, in the split layout (2M × half).
  func zSplit(_ x: UnsafeBufferPointer<Double>, scores: NormalScores) -> [Double] {
    // Every split slot is written once (the kept draws fill the split layout).
    var z = [Double](unsafeUninitializedCapacity: kept.count) { _, count in count = kept.count }
    keptValues.withUnsafeBufferPointer { v in
      kept.withUnsafeBufferPointer { o in
        layout.positions.withUnsafeBufferPointer { pos in
          z.withUnsafeMutableBufferPointer { zp in
            let n = v.count
            var i = 0
            while i < n {
              var j = i
              let value = v[i]
              while j + 1 < n && v[j + 1] == value { j += 1 }
              let score = scores.score(twoR: i + j + 2)
              for k in i...j { zp[Int(pos[Int(o[k])])] = score }
              i = j + 1
            }
          }
        }
      }
    }
    return z
  }

  /// The median of the kept (split) draws, or of all draws when `allDraws`.
  func median(_ x: UnsafeBufferPointer<Double>, allDraws: Bool) -> Double {
    let n = allDraws ? order.count : kept.count
    if n == 0 { return .nan }
    func at(_ k: Int) -> Double { allDraws ? x[Int(order[k])] : keptValues[k] }
    if n % 2 == 1 { return at(n / 2) }
    return (at(n / 2 - 1) + at(n / 2)) / 2  // NumPy's median: mean of the two middle values
  }

  /// z-scores of |x − center| over the split draws, in the split layout, ordering the
  /// folded values by merging the sorted draws below and above `center`.
  func zFoldedSplit(_ x: UnsafeBufferPointer<Double>, center: Double, scores: NormalScores) -> [Double] {
    let n = kept.count
    var z = [Double](unsafeUninitializedCapacity: n) { _, count in count = n }
    keptValues.withUnsafeBufferPointer { v in
      kept.withUnsafeBufferPointer { o in
        layout.positions.withUnsafeBufferPointer { pos in
          z.withUnsafeMutableBufferPointer { zp in
            // First kept index with value > center: [0, lo) folds in reverse order.
            var lo = 0, hi = n
            while lo < hi {
              let mid = (lo + hi) / 2
              if v[mid] > center { hi = mid } else { lo = mid + 1 }
            }
            // Merge the two sides by folded value, then average ranks over equal runs.
            var merged = [Int32](unsafeUninitializedCapacity: n) { _, count in count = n }
            var folded = [Double](unsafeUninitializedCapacity: n) { _, count in count = n }
            merged.withUnsafeMutableBufferPointer { mp in
              folded.withUnsafeMutableBufferPointer { fp in
                if n > 0, v[0].isFinite, v[n - 1].isFinite {
                  mergeFolded(v, o, center: center, split: lo, into: mp, fp)
                } else {
                var l = lo - 1, r = lo, k = 0
                while l >= 0 && r < n {
                  // Branch-free: which side comes next is data-dependent and unpredictable.
                  let fl = center - v[l], fr = v[r] - center
                  let left = fl <= fr
                  mp[k] = left ? o[l] : o[r]
                  fp[k] = left ? fl : fr
                  let step = left ? 1 : 0
                  l -= step
                  r += 1 - step
                  k += 1
                }
                while l >= 0 { mp[k] = o[l]; fp[k] = center - v[l]; l -= 1; k += 1 }
                while r < n { mp[k] = o[r]; fp[k] = v[r] - center; r += 1; k += 1 }
                }
                var i = 0
                while i < n {
                  var j = i
                  let value = fp[i]
                  while j + 1 < n && fp[j + 1] == value { j += 1 }
                  let score = scores.score(twoR: i + j + 2)
                  for q in i...j { zp[Int(pos[Int(mp[q])])] = score }
                  i = j + 1
                }
              }
            }
          }
        }
      }
    }
    return z
  }
}

/// Merges the folded draws |v − center| of the two sides of `split` (v ascending and
/// finite, [0, split) ≤ center < [split, n)) into ascending order: `mp` gets the draws'
/// indices (`o`), `fp` the folded values. Equal folded values put the left side first,
/// and each side keeps its own order (the left side walked down from `split` − 1).
///
/// Each step of a merge waits for the previous one (which side advanced), so the
/// smallest half is merged from the front and the largest half from the back at the
/// same time: two independent chains (−31% for this function against one merge; four
/// chains cut at merge-path points were no faster). The sides are copied with sentinels
/// (−∞ before, +∞ after) so neither merge tests for an exhausted side.
func mergeFolded(
  _ v: UnsafeBufferPointer<Double>, _ o: UnsafeBufferPointer<Int32>, center: Double, split lo: Int,
  into mp: UnsafeMutableBufferPointer<Int32>, _ fp: UnsafeMutableBufferPointer<Double>
) {
  let n = v.count
  let nl = lo, nr = n - lo
  withUnsafeTemporaryAllocation(of: Double.self, capacity: n + 4) { values in
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: n + 4) { indices in
      // Left side at [0, nl + 2): −∞, folded ascending, +∞; the right side after it.
      let fl = values.baseAddress!, il = indices.baseAddress!
      let fr = fl + nl + 2, ir = il + nl + 2
      fl[0] = -.infinity; il[0] = 0
      for j in 0..<nl { fl[j + 1] = center - v[lo - 1 - j]; il[j + 1] = o[lo - 1 - j] }
      fl[nl + 1] = .infinity; il[nl + 1] = 0
      fr[0] = -.infinity; ir[0] = 0
      for j in 0..<nr { fr[j + 1] = v[lo + j] - center; ir[j + 1] = o[lo + j] }
      fr[nr + 1] = .infinity; ir[nr + 1] = 0
      let backCount = n / 2, frontCount = n - backCount
      var i = 1, j = 1  // front: next unmerged on each side
      var bi = nl, bj = nr  // back: last unmerged on each side
      var k = 0, bk = n - 1
      for _ in 0..<backCount {
        let a = fl[i], b = fr[j]
        let left = a <= b
        mp[k] = left ? il[i] : ir[j]
        fp[k] = left ? a : b
        i &+= left ? 1 : 0
        j &+= left ? 0 : 1
        k &+= 1
        let c = fl[bi], d = fr[bj]
        let backLeft = c > d  // ties: the right side is later
        mp[bk] = backLeft ? il[bi] : ir[bj]
        fp[bk] = backLeft ? c : d
        bi &-= backLeft ? 1 : 0
        bj &-= backLeft ? 0 : 1
        bk &-= 1
      }
      if frontCount > backCount {
        let a = fl[i], b = fr[j]
        let left = a <= b
        mp[k] = left ? il[i] : ir[j]
        fp[k] = left ? a : b
      }
    }
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
