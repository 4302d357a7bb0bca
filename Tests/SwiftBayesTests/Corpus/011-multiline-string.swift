// Multi-line string literals.
let text = """
    First line
      indented line
    Last line
    """
print(text)
let n = 3
let report = """
Items: \(n)
Total: \(n * 10)
"""
print(report)
print(report.count)
let withQuotes = """
He said "hi".
"""
print(withQuotes)
let empty = """
"""
print(empty.isEmpty)
let lines = text.split(separator: "\n").map { String($0) }
print(lines.count)
for line in lines {
    print("[\(line)]")
}
