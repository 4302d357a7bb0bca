/// Swift's `description` for a value: what `print` and string interpolation show.
public func describe(_ v: Value) -> String {
  switch v {
  case .void: return "()"
  case .int(let i): return String(i)
  case .double(let d): return String(d)
  case .bool(let b): return b ? "true" : "false"
  case .string(let s): return s
  case .array(let a):
    return "[" + a.items.map(debugDescription).joined(separator: ", ") + "]"
  case .dictionary(let d):
    if d.count == 0 { return "[:]" }
    return "[" + zip(d.keys, d.values).map { debugDescription($0) + ": " + debugDescription($1) }.joined(separator: ", ") + "]"
  case .tuple(let t):
    var parts: [String] = []
    for (i, item) in t.items.enumerated() {
      let label = t.labels?[i].map { "\($0): " } ?? ""
      parts.append(label + debugDescription(item))
    }
    return "(" + parts.joined(separator: ", ") + ")"
  case .nilValue: return "nil"
  case .some(let inner): return "Optional(\(debugDescription(inner)))"
  case .range(let r):
    let op = r.closed ? "..." : "..<"
    return (r.lower.map(String.init) ?? "") + op + (r.upper.map(String.init) ?? "")
  case .doubleRange(let lo, let hi, let closed): return "\(lo)\(closed ? "..." : "..<")\(hi)"
  case .function(let f): return f is KeyPathFunction ? f.name : "(Function)"
  case .type(let t): return t.name
  case .host(let h): return h.description
  case .instance(let i): return i.describe(debug: false)
  }
}

/// Swift's `debugDescription`: how a value looks inside a collection (strings quoted).
public func debugDescription(_ v: Value) -> String {
  switch v {
  case .string(let s): return quoteString(s)
  case .host(let h): return h.debugDescription
  case .instance(let i): return i.describe(debug: true)
  default: return describe(v)
  }
}

/// A string literal as Swift's `String.debugDescription` writes it.
public func quoteString(_ s: String) -> String {
  var out = "\""
  for u in s.unicodeScalars {
    switch u {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\t": out += "\\t"
    case "\r": out += "\\r"
    case "\0": out += "\\0"
    default:
      if u.value < 0x20 || u.value == 0x7F {
        out += "\\u{" + String(u.value, radix: 16) + "}"
      } else {
        out.unicodeScalars.append(u)
      }
    }
  }
  return out + "\""
}
