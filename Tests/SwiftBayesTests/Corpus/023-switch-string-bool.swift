// switch over String and Bool values.
func animalSound(_ a: String) -> String {
    switch a {
    case "dog":
        return "woof"
    case "cat", "lion":
        return "meow-ish"
    case "cow":
        return "moo"
    default:
        return "?"
    }
}
for a in ["dog", "cat", "lion", "cow", "fish"] {
    print(a, animalSound(a))
}
for flag in [true, false] {
    switch flag {
    case true:
        print("yes")
    case false:
        print("no")
    }
}
let cmd = "stop"
switch cmd {
case let c where c.hasPrefix("st"):
    print("starts with st: \(c)")
default:
    print("other")
}
let n = 15
switch n % 3 == 0 {
case true: print("divisible by 3")
case false: print("not divisible by 3")
}
