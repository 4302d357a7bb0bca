// Error Handling: specifying cleanup actions with defer.
var log: [String] = []
func processFile(_ name: String, fail: Bool) throws -> Int {
    log.append("open \(name)")
    defer {
        log.append("close \(name)")
    }
    if fail { throw CleanupError.failed(name) }
    log.append("read \(name)")
    return name.count
}
enum CleanupError: Error {
    case failed(String)
}
print(try processFile("data.txt", fail: false))
do {
    _ = try processFile("bad.txt", fail: true)
} catch {
    print("error: \(error)")
}
print(log)
func countdown() {
    for i in 1...3 {
        defer { print("end of iteration \(i)") }
        print("iteration \(i)")
    }
    defer { print("first defer written, runs last") }
    defer { print("second defer written, runs first") }
    print("body done")
}
countdown()
