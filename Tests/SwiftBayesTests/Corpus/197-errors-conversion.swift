// Error handling: errors with associated values, converting errors to optionals, rethrowing from catch.
enum ParseError: Error {
    case empty
    case badCharacter(Character, at: Int)
    case tooLong(limit: Int)
}
func parseDigits(_ s: String) throws -> Int {
    if s.isEmpty { throw ParseError.empty }
    if s.count > 6 { throw ParseError.tooLong(limit: 6) }
    var n = 0
    for (i, ch) in s.enumerated() {
        guard let d = Int(String(ch)) else { throw ParseError.badCharacter(ch, at: i) }
        n = n * 10 + d
    }
    return n
}
for input in ["123", "", "12x4", "12345678"] {
    do {
        let n = try parseDigits(input)
        print("parsed \(n)")
    } catch ParseError.badCharacter(let c, let at) {
        print("bad character \(c) at \(at)")
    } catch ParseError.tooLong(let limit) where limit < 10 {
        print("longer than \(limit)")
    } catch {
        print("other error: \(error)")
    }
}
let values = ["7", "x", "42"].map { try? parseDigits($0) }
print(values)
func sum(_ xs: [String]) throws -> Int {
    var total = 0
    for x in xs {
        do {
            total += try parseDigits(x)
        } catch ParseError.empty {
            continue
        }
    }
    return total
}
print(try sum(["1", "", "20"]))
do {
    _ = try sum(["1", "9z"])
} catch let e as ParseError {
    print("caught", e)
}
