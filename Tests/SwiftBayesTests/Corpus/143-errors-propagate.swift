// Error Handling: propagating errors, catching in the caller.
enum VendingMachineError: Error {
    case invalidSelection
    case insufficientFunds(coinsNeeded: Int)
    case outOfStock
}
let favoriteSnacks = [
    "Alice": "Chips",
    "Bob": "Licorice",
    "Eve": "Pretzels",
]
func vend(_ name: String, coins: Int) throws -> String {
    if name == "Licorice" { throw VendingMachineError.invalidSelection }
    if coins < 10 { throw VendingMachineError.insufficientFunds(coinsNeeded: 10 - coins) }
    return name
}
func buyFavoriteSnack(person: String, coins: Int) throws -> String {
    let snackName = favoriteSnacks[person] ?? "Candy Bar"
    return try vend(snackName, coins: coins)
}
func nourish(with person: String, coins: Int) {
    do {
        let got = try buyFavoriteSnack(person: person, coins: coins)
        print("\(person) got \(got)")
    } catch is VendingMachineError {
        print("Couldn't buy that from the vending machine.")
    } catch {
        print("Unexpected non-vending-machine-related error: \(error)")
    }
}
nourish(with: "Alice", coins: 20)
nourish(with: "Bob", coins: 20)
nourish(with: "Eve", coins: 3)
do {
    _ = try buyFavoriteSnack(person: "Eve", coins: 4)
} catch VendingMachineError.insufficientFunds(let needed) where needed > 5 {
    print("need \(needed) more")
} catch {
    print("other", error)
}
