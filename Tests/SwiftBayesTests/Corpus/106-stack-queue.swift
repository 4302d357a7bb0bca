// Stack and queue behaviour with arrays; balanced brackets.
var stack: [Int] = []
for i in 1...4 {
    stack.append(i * i)
}
print(stack)
while !stack.isEmpty {
    print("pop", stack.removeLast())
}
var queue = ["a", "b", "c"]
queue.append("d")
print(queue.removeFirst(), queue.removeFirst())
print(queue)
func balanced(_ s: String) -> Bool {
    var st: [String] = []
    let pairs = [")": "(", "]": "[", "}": "{"]
    for ch in s {
        let c = String(ch)
        if c == "(" || c == "[" || c == "{" {
            st.append(c)
        } else if let open = pairs[c] {
            if st.isEmpty || st.last! != open {
                return false
            }
            st.removeLast()
        }
    }
    return st.isEmpty
}
for s in ["()", "([]{})", "(]", "((", "a(b[c]d)e", ""] {
    print("\"\(s)\"", balanced(s))
}
