/// Highlights Swift-syntax cell source as HTML spans (keywords, strings, numbers,
/// comments, type names), for reports that must read without a network or a script.
public enum SwiftHighlighter {
  static let keywords: Set<String> = [
    "let", "var", "func", "if", "else", "guard", "for", "in", "while", "repeat", "switch", "case",
    "default", "break", "continue", "return", "true", "false", "nil", "import", "where", "as", "is",
    "struct", "class", "enum", "protocol", "extension", "throws", "throw", "try", "do", "catch",
    "defer", "inout", "self", "Self", "init", "static", "private", "public", "fileprivate", "internal",
  ]

  /// The source as HTML (escaped), with `<span class="…">` around tokens: `k` keyword,
  /// `s` string, `n` number, `c` comment, `t` capitalized name (types, constructors).
  public static func html(_ source: String) -> String {
    let chars = Array(source)
    var out = ""
    var i = 0
    func span(_ cls: String, _ text: String) { out += "<span class=\"\(cls)\">\(escapeHTML(text))</span>" }
    while i < chars.count {
      let c = chars[i]
      if c == "/", i + 1 < chars.count, chars[i + 1] == "/" {
        var j = i
        while j < chars.count, chars[j] != "\n" { j += 1 }
        span("c", String(chars[i..<j]))
        i = j
      } else if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
        var j = i + 2
        while j + 1 < chars.count, !(chars[j] == "*" && chars[j + 1] == "/") { j += 1 }
        j = min(chars.count, j + 2)
        span("c", String(chars[i..<j]))
        i = j
      } else if c == "\"" {
        let triple = i + 2 < chars.count && chars[i + 1] == "\"" && chars[i + 2] == "\""
        var j = i + (triple ? 3 : 1)
        while j < chars.count {
          if chars[j] == "\\" { j += 2; continue }
          if triple {
            if j + 2 < chars.count, chars[j] == "\"", chars[j + 1] == "\"", chars[j + 2] == "\"" { j += 3; break }
          } else if chars[j] == "\"" || chars[j] == "\n" {
            j += 1
            break
          }
          j += 1
        }
        j = min(j, chars.count)
        span("s", String(chars[i..<j]))
        i = j
      } else if c.isNumber {
        var j = i
        while j < chars.count, chars[j].isNumber || chars[j] == "." || chars[j] == "_" || chars[j] == "e" || chars[j] == "x" {
          if chars[j] == ".", j + 1 < chars.count, !chars[j + 1].isNumber { break }
          j += 1
        }
        span("n", String(chars[i..<j]))
        i = j
      } else if c.isLetter || c == "_" || c == "$" {
        var j = i
        while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "$" { j += 1 }
        let word = String(chars[i..<j])
        if keywords.contains(word) { span("k", word) } else if word.first!.isUppercase { span("t", word) } else { out += escapeHTML(word) }
        i = j
      } else {
        out += escapeHTML(String(c))
        i += 1
      }
    }
    return out
  }
}

/// Escapes `&`, `<`, `>` and `"` for HTML text and attribute values.
public func escapeHTML(_ s: String) -> String {
  var out = ""
  out.reserveCapacity(s.utf8.count)
  for ch in s {
    switch ch {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    default: out.append(ch)
    }
  }
  return out
}

/// Removes ANSI escape sequences (colours in tracebacks).
public func stripANSI(_ s: String) -> String {
  var out = ""
  var it = s.makeIterator()
  while let ch = it.next() {
    if ch == "\u{1B}" {
      guard let next = it.next() else { break }
      if next == "[" {
        while let t = it.next(), !(t.isLetter) {}
      }
      continue
    }
    out.append(ch)
  }
  return out
}
