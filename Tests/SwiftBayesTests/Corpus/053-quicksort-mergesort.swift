// Recursive quicksort (functional) and merge sort.
func quicksort(_ a: [Int]) -> [Int] {
    if a.count <= 1 { return a }
    let pivot = a[a.count / 2]
    var result: [Int] = []
    result.append(contentsOf: quicksort(a.filter { $0 < pivot }))
    result.append(contentsOf: a.filter { $0 == pivot })
    result.append(contentsOf: quicksort(a.filter { $0 > pivot }))
    return result
}
func merge(_ l: [Int], _ r: [Int]) -> [Int] {
    var out: [Int] = []
    var i = 0
    var j = 0
    while i < l.count && j < r.count {
        if l[i] <= r[j] {
            out.append(l[i])
            i += 1
        } else {
            out.append(r[j])
            j += 1
        }
    }
    out.append(contentsOf: Array(l.dropFirst(i)))
    out.append(contentsOf: Array(r.dropFirst(j)))
    return out
}
func mergeSort(_ a: [Int]) -> [Int] {
    if a.count <= 1 { return a }
    let mid = a.count / 2
    return merge(mergeSort(Array(a.prefix(mid))), mergeSort(Array(a.suffix(a.count - mid))))
}
let data = [38, 27, 43, 3, 9, 82, 10, 3]
print(quicksort(data))
print(mergeSort(data))
print(merge([1, 4, 9], [2, 3, 10, 11]))
var seed = 7
var big: [Int] = []
for _ in 0..<50 {
    seed = (seed * 1103515245 + 12345) % 2147483648
    big.append(seed % 100)
}
print(quicksort(big) == big.sorted(), mergeSort(big) == big.sorted())
print(Array(mergeSort(big).prefix(10)))
