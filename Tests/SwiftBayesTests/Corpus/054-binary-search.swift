// Binary search, iterative and recursive.
func binarySearch(_ xs: [Int], _ target: Int) -> Int? {
    var lo = 0
    var hi = xs.count - 1
    while lo <= hi {
        let mid = (lo + hi) / 2
        if xs[mid] == target {
            return mid
        } else if xs[mid] < target {
            lo = mid + 1
        } else {
            hi = mid - 1
        }
    }
    return nil
}
func bsRec(_ xs: [Int], _ t: Int, _ lo: Int, _ hi: Int) -> Int {
    if lo > hi { return -1 }
    let mid = lo + (hi - lo) / 2
    if xs[mid] == t { return mid }
    return xs[mid] < t ? bsRec(xs, t, mid + 1, hi) : bsRec(xs, t, lo, mid - 1)
}
let sorted = Array(stride(from: 1, to: 40, by: 3))
print(sorted)
for t in [1, 4, 22, 37, 38, 0, 100] {
    let r = binarySearch(sorted, t)
    print(t, r ?? -1, bsRec(sorted, t, 0, sorted.count - 1))
}
print(binarySearch([], 3) == nil)
