// Bubble sort with swap counting.
func bubbleSort(_ input: [Int]) -> (sorted: [Int], swaps: Int) {
    var a = input
    var swaps = 0
    var swapped = true
    var n = a.count
    while swapped {
        swapped = false
        for i in 1..<max(n, 1) {
            if a[i - 1] > a[i] {
                let t = a[i - 1]
                a[i - 1] = a[i]
                a[i] = t
                swaps += 1
                swapped = true
            }
        }
        n -= 1
    }
    return (a, swaps)
}
let data = [5, 1, 4, 2, 8, 0, 2]
let result = bubbleSort(data)
print(result.sorted)
print("swaps:", result.swaps)
print(bubbleSort([1, 2, 3]))
print(bubbleSort([3, 2, 1]))
print(bubbleSort([42]).sorted)
print(data)
