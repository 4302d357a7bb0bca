// if / else if / else chains.
func classify(_ n: Int) -> String {
    if n < 0 {
        return "negative"
    } else if n == 0 {
        return "zero"
    } else if n < 10 {
        return "small"
    } else {
        return "large"
    }
}
for v in [-5, 0, 3, 42] {
    print(v, classify(v))
}
let t = 25
if t > 30 {
    print("hot")
} else if t > 20 {
    print("warm")
} else {
    print("cold")
}
let a = true
let b = false
if a && !b {
    print("a and not b")
}
if a || b {
    print("a or b")
}
if !(a && b) {
    print("not both")
}
if 1 < 2 && 2 < 3 || false {
    print("precedence ok")
}
