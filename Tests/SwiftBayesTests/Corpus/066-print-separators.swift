// print with separator and terminator in combination.
let a = 1
let b = 2.5
print(a, b, separator: ", ", terminator: "")
print()
print("x", "y", "z", separator: "")
print("row", terminator: ":")
print(1, 2, 3, separator: "+", terminator: "=6\n")
for i in 1...5 {
    print(i, terminator: i < 5 ? " " : "\n")
}
print("a", "b", separator: "\n")
print("", terminator: "")
print("tab", "separated", separator: "\t")
print([1, 2], (3, 4), separator: " & ")
print(terminator: "")
print("done", terminator: "\n\n")
print("after blank line")
