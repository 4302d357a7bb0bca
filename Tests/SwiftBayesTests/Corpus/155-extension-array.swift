// Extensions of Array with a where clause.
extension Array where Element == Double {
    func mean() -> Double {
        return reduce(0, +) / Double(count)
    }
    func variance() -> Double {
        let m = mean()
        return map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(count - 1)
    }
}
extension Array where Element == Int {
    var total: Int { reduce(0, +) }
}
let data = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]
print(data.mean())
print(data.variance())
print([1, 2, 3, 4].total)
extension String {
    func shout() -> String { uppercased() + "!" }
    var wordCount: Int { split(separator: " ").count }
}
print("hello world".shout(), "a b c".wordCount)
