// Multi-line strings with interpolation and indentation stripping.
let title = "Report"
let items = ["alpha", "beta", "gamma"]
let body = """
    == \(title) ==
    count: \(items.count)
    first: \(items[0].uppercased())
      total length: \(items.map { $0.count }.reduce(0, +))
    """
print(body)
var table = ""
for (i, item) in items.enumerated() {
    table += """
    \(i)\t\(item)

    """
}
print(table, terminator: "")
let poem = """
Roses are red,
  violets are blue.
"""
print(poem.split(separator: "\n").count)
print(poem.hasPrefix("Roses"), poem.hasSuffix("blue."))
let json = """
{"name": "\(title)", "n": \(items.count)}
"""
print(json)
