// Error Handling: converting errors to optional values; disabling propagation.
enum DataError: Error {
    case missing
    case corrupt(line: Int)
}
func someThrowingFunction(_ n: Int) throws -> Int {
    if n < 0 { throw DataError.missing }
    if n > 100 { throw DataError.corrupt(line: n) }
    return n * 2
}
let x = try? someThrowingFunction(21)
let y: Int?
do {
    y = try someThrowingFunction(-1)
} catch {
    y = nil
}
print(x as Any, y as Any)
func fetchData(_ sources: [Int]) -> Int? {
    for s in sources {
        if let data = try? someThrowingFunction(s) { return data }
    }
    return nil
}
print(fetchData([-5, 200, 7]) as Any)
print(fetchData([-5]) as Any)
let sure = try! someThrowingFunction(4)
print(sure)
let values = [3, -1, 150].map { try? someThrowingFunction($0) }
print(values)
do {
    _ = try someThrowingFunction(101)
} catch DataError.corrupt(let line) {
    print("corrupt at line \(line)")
}
