// Access control: the keywords are accepted, including private(set) and open.
public struct TrackedString {
    public private(set) var numberOfEdits = 0
    public var value: String = "" {
        didSet {
            numberOfEdits += 1
        }
    }
    public init() {}
}
var stringToEdit = TrackedString()
stringToEdit.value = "This string will be tracked."
stringToEdit.value += " This edit will increment numberOfEdits."
stringToEdit.value += " So will this one."
print("The number of edits is \(stringToEdit.numberOfEdits)")
open class SomeOpenClass {
    open var label = "open"
    fileprivate func helper() -> String { "helper" }
    internal func visible() -> String { label + " " + helper() }
}
private struct Hidden {
    fileprivate let code: Int
}
private let hidden = Hidden(code: 7)
print(SomeOpenClass().visible(), hidden.code)
final class Account {
    private var balance = 0
    public func deposit(_ x: Int) { balance += x }
    public var current: Int { balance }
}
let account = Account()
account.deposit(30)
account.deposit(12)
print(account.current)
