// Simulating accounts with a dictionary and transaction tuples.
var balances: [String: Int] = ["alice": 100, "bob": 50]
let transactions = [("alice", "bob", 30), ("bob", "carol", 70), ("carol", "alice", 10), ("bob", "alice", 500)]
func transfer(_ from: String, _ to: String, _ amount: Int) -> Bool {
    guard let available = balances[from], available >= amount else {
        return false
    }
    balances[from] = available - amount
    balances[to, default: 0] += amount
    return true
}
for (from, to, amount) in transactions {
    let ok = transfer(from, to, amount)
    print("\(from) -> \(to) \(amount): \(ok ? "ok" : "declined")")
}
for name in balances.keys.sorted() {
    print(name, balances[name]!)
}
print("total:", balances.values.reduce(0, +))
