// Properties: lazy stored properties are made on first use.
class DataImporter {
    var filename = "data.txt"
    init() {
        print("DataImporter made")
    }
}
class DataManager {
    lazy var importer = DataImporter()
    var data: [String] = []
}
let manager = DataManager()
manager.data.append("Some data")
manager.data.append("Some more data")
print("manager has \(manager.data.count) items")
print(manager.importer.filename)
print(manager.importer.filename)
struct Sequence3 {
    var base: Int
    lazy var squares: [Int] = {
        print("computing squares of \(base)")
        return [base * base, base * base * base]
    }()
}
var s = Sequence3(base: 3)
print("before")
print(s.squares)
s.base = 10
print(s.squares)
