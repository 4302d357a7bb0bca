// Error Handling: rethrowing functions and throwing closures.
enum MathError: Error {
    case negative(Int)
    case tooLarge
}
func checked(_ x: Int) throws -> Int {
    if x < 0 { throw MathError.negative(x) }
    if x > 1000 { throw MathError.tooLarge }
    return x
}
func applyAll(_ values: [Int], _ f: (Int) throws -> Int) rethrows -> [Int] {
    var out: [Int] = []
    for v in values {
        out.append(try f(v))
    }
    return out
}
print(applyAll([1, 2, 3]) { $0 * 2 })
do {
    let r = try applyAll([1, -4, 3], checked)
    print(r)
} catch MathError.negative(let v) {
    print("negative value \(v)")
}
do {
    let squares = try [10, 20, 40].map { try checked($0 * $0) }
    print(squares)
} catch {
    print("failed:", error)
}
let safe = [5, -5, 2000].map { try? checked($0) }
print(safe)
