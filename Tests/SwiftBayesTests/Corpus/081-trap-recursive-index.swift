// An off-by-one in a recursive function indexes past the end.
let data = [3, 1, 4, 1, 5]
func sumFrom(_ i: Int) -> Int {
    if i > data.count {
        return 0
    }
    print("visiting index", i)
    return data[i] + sumFrom(i + 1)
}
print(data.count)
print(sumFrom(0))
print("unreachable")
