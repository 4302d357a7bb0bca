// compactMap and flatMap with optionals and nested arrays.
let raw = ["10", "x", "-3", "", "7", "3.5"]
let ints = raw.compactMap { Int($0) }
print(ints)
let doubles = raw.compactMap { Double($0) }
print(doubles)
let lookup = ["a": 1, "c": 3]
print(["a", "b", "c"].compactMap { lookup[$0] })
let matrix = [[1, 2, 3], [4, 5], [6]]
print(matrix.flatMap { $0 })
print(matrix.flatMap { $0.map { $0 * 10 } })
let pairs = [1, 2, 3].flatMap { x in [x, x * 100] }
print(pairs)
let opts: [Int?] = [1, nil, 2, nil, 3]
print(opts.compactMap { $0 })
print(opts.count, opts.compactMap { $0 }.count)
let sentences = ["the cat", "a dog ran"]
let allWords = sentences.flatMap { $0.split(separator: " ").map { String($0) } }
print(allWords)
print(allWords.count)
