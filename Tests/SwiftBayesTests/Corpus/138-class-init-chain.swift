// Initialization: designated initializers, super.init, overriding.
class Food {
    var name: String
    init(name: String) {
        self.name = name
    }
    func label() -> String { name }
}
class RecipeIngredient: Food {
    var quantity: Int
    init(name: String, quantity: Int) {
        self.quantity = quantity
        super.init(name: name)
    }
    override func label() -> String { "\(quantity) x \(name)" }
}
class ShoppingListItem: RecipeIngredient {
    var purchased = false
    var description: String {
        var output = "\(quantity) x \(name)"
        output += purchased ? " ✔" : " ✘"
        return output
    }
}
let namedMeat = Food(name: "Bacon")
print(namedMeat.name)
let sixEggs = RecipeIngredient(name: "Eggs", quantity: 6)
print(sixEggs.label())
var breakfastList = [
    ShoppingListItem(name: "Orange juice", quantity: 1),
    ShoppingListItem(name: "Bacon", quantity: 1),
    ShoppingListItem(name: "Eggs", quantity: 6),
]
breakfastList[0].name = "Orange juice"
breakfastList[0].purchased = true
for item in breakfastList {
    print(item.description)
}
let foods: [Food] = [namedMeat, sixEggs, breakfastList[2]]
print(foods.map { $0.label() })
