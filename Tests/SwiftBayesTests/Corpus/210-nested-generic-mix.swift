// Nested types in generic types, protocol-extension subscripts, lazy and observed properties in subclasses.
struct A { enum Kind { case x, y }; var k: Kind = .x }
struct B { enum Kind { case x, z }; var k: Kind = .z }
var a = A()
a.k = .y
let b = B()
print(a.k, b.k)
let ks: [A.Kind] = [.x, .y]
print(ks)
switch a.k {
case A.Kind.x: print("ax")
case A.Kind.y: print("ay")
}
let anyK: Any = b.k
print(anyK is B.Kind, anyK is A.Kind, (anyK as? B.Kind) == .z)
struct Stack<T> {
    struct Node { var value: T; var depth: Int }
    var nodes: [Node] = []
    mutating func push(_ v: T) { nodes.append(Node(value: v, depth: nodes.count)) }
    subscript(i: Int, default d: T) -> T { i < nodes.count ? nodes[i].value : d }
}
var s = Stack<String>()
s.push("a"); s.push("b")
print(s[1, default: "-"], s[5, default: "-"], s.nodes.map(\.depth))
protocol HasItems { var items: [Int] { get } }
extension HasItems { subscript(i: Int) -> Int { items[i] * 10 } }
struct Bag: HasItems { var items = [1, 2, 3] }
print(Bag()[2])
class Base { lazy var label: String = "base-\(id)"; var id = 1 }
class Sub: Base { var extra = 0 { didSet { print("extra", oldValue, "->", extra) } } }
let sub = Sub()
sub.id = 7
print(sub.label)
sub.extra = 3
sub.extra += 1
struct Temp { var c: Double; var f: Double { get { c * 9 / 5 + 32 } set { c = (newValue - 32) * 5 / 9 } } }
var ts = [Temp(c: 0), Temp(c: 100)]
ts[0].f += 18
print(ts[0].c, ts.map(\.f))
