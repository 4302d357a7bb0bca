// Chained transformations over a dataset of tuples.
let orders = [
    (id: 1, customer: "ann", amount: 120.0, shipped: true),
    (id: 2, customer: "bob", amount: 35.5, shipped: false),
    (id: 3, customer: "ann", amount: 80.25, shipped: true),
    (id: 4, customer: "cy", amount: 220.0, shipped: true),
    (id: 5, customer: "bob", amount: 15.0, shipped: true)
]
let shipped = orders.filter { $0.shipped }
print(shipped.map { $0.id })
let big = orders.filter { $0.amount > 50 }.map { "#\($0.id) \($0.customer)" }
print(big)
print(orders.map { $0.amount }.reduce(0, +))
var perCustomer: [String: Double] = [:]
for o in orders {
    perCustomer[o.customer, default: 0] += o.amount
}
for c in perCustomer.keys.sorted() {
    print(c, perCustomer[c]!)
}
let maxOrder = orders.sorted { $0.amount > $1.amount }.first!
print(maxOrder.id, maxOrder.customer, maxOrder.amount)
print(orders.contains { !$0.shipped }, orders.allSatisfy { $0.amount > 10 })
print(orders[1])
