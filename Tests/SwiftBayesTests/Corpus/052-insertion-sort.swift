// Insertion sort and selection sort.
func insertionSort(_ input: [Int]) -> [Int] {
    var a = input
    if a.count < 2 { return a }
    for i in 1..<a.count {
        let key = a[i]
        var j = i - 1
        while j >= 0 && a[j] > key {
            a[j + 1] = a[j]
            j -= 1
        }
        a[j + 1] = key
    }
    return a
}
func selectionSort(_ input: [Int]) -> [Int] {
    var a = input
    for i in 0..<a.count {
        var m = i
        for j in (i + 1)..<a.count {
            if a[j] < a[m] { m = j }
        }
        if m != i {
            let t = a[i]
            a[i] = a[m]
            a[m] = t
        }
    }
    return a
}
let data = [9, -3, 5, 0, 12, 5, 1]
print(insertionSort(data))
print(selectionSort(data))
print(insertionSort([]))
print(selectionSort([1]))
print(insertionSort(data) == data.sorted())
print(selectionSort(data) == insertionSort(data))
