// Errors as structs with fields; catch with a type pattern and binding.
struct ValidationError: Error, CustomStringConvertible {
    let field: String
    let reason: String
    var description: String { "\(field): \(reason)" }
}
struct Account {
    var owner: String
    var balance: Double
    mutating func withdraw(_ amount: Double) throws {
        guard amount > 0 else {
            throw ValidationError(field: "amount", reason: "must be positive")
        }
        guard amount <= balance else {
            throw ValidationError(field: "balance", reason: "insufficient, has \(balance)")
        }
        balance -= amount
    }
}
var acct = Account(owner: "Ada", balance: 100)
for amount in [30.0, -5.0, 200.0, 70.0] {
    do {
        try acct.withdraw(amount)
        print("withdrew \(amount), left \(acct.balance)")
    } catch let e as ValidationError {
        print("rejected: \(e)")
    } catch {
        print("other")
    }
}
print(acct)
