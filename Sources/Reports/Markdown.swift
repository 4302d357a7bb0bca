/// A small Markdown renderer for notebook prose and `help` pages in reports: ATX
/// headings, paragraphs, fenced code (Swift highlighted), bullet and numbered lists,
/// block quotes, and inline code, bold, italics and links. Everything else is text.
public enum Markdown {
  public static func html(_ markdown: String) -> String {
    var out = ""
    var paragraph: [String] = []
    var listKind: String?
    var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
    func flushParagraph() {
      if !paragraph.isEmpty { out += "<p>" + inline(paragraph.joined(separator: "\n")) + "</p>\n" }
      paragraph = []
    }
    func closeList() {
      if let k = listKind { out += "</\(k)>\n" }
      listKind = nil
    }
    while let line = lines.popFirst() {
      let trimmed = line.trimmingLeadingSpaces
      if trimmed.hasPrefix("```") {
        flushParagraph(); closeList()
        let lang = trimmed.dropFirst(3).trimmingLeadingSpaces
        var code: [String] = []
        while let l = lines.popFirst(), !l.trimmingLeadingSpaces.hasPrefix("```") { code.append(l) }
        let body = code.joined(separator: "\n")
        out += "<pre class=\"code\">" + (lang.isEmpty || lang == "swift" ? SwiftHighlighter.html(body) : escapeHTML(body)) + "</pre>\n"
      } else if trimmed.isEmpty {
        flushParagraph(); closeList()
      } else if let level = headingLevel(trimmed) {
        flushParagraph(); closeList()
        out += "<h\(level)>" + inline(String(trimmed.dropFirst(level + 1))) + "</h\(level)>\n"
      } else if let item = listItem(trimmed) {
        flushParagraph()
        if listKind != item.kind { closeList(); out += "<\(item.kind)>\n"; listKind = item.kind }
        out += "<li>" + inline(item.text) + "</li>\n"
      } else if trimmed.hasPrefix(">") {
        flushParagraph(); closeList()
        out += "<blockquote>" + inline(String(trimmed.dropFirst().trimmingLeadingSpaces)) + "</blockquote>\n"
      } else if listKind != nil, line.hasPrefix("  ") {
        out = String(out.dropLast("</li>\n".count)) + " " + inline(trimmed) + "</li>\n"
      } else {
        closeList()
        paragraph.append(trimmed)
      }
    }
    flushParagraph(); closeList()
    return out
  }

  static func headingLevel(_ line: String) -> Int? {
    let hashes = line.prefix(while: { $0 == "#" }).count
    guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
    return hashes
  }

  static func listItem(_ line: String) -> (kind: String, text: String)? {
    if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { return ("ul", String(line.dropFirst(2))) }
    let digits = line.prefix(while: \.isNumber)
    if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return ("ol", String(line.dropFirst(digits.count + 2))) }
    return nil
  }

  /// Inline markup: `code`, **bold**, *italic* / _italic_, [text](url).
  static func inline(_ text: String) -> String {
    let chars = Array(text)
    var out = ""
    var i = 0
    func find(_ target: String, from: Int) -> Int? {
      let t = Array(target)
      var j = from
      while j + t.count <= chars.count {
        if Array(chars[j..<(j + t.count)]) == t { return j }
        j += 1
      }
      return nil
    }
    while i < chars.count {
      let c = chars[i]
      if c == "`", let end = find("`", from: i + 1) {
        out += "<code>" + escapeHTML(String(chars[(i + 1)..<end])) + "</code>"
        i = end + 1
      } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*", let end = find("**", from: i + 2) {
        out += "<strong>" + inline(String(chars[(i + 2)..<end])) + "</strong>"
        i = end + 2
      } else if (c == "*" || c == "_"), i + 1 < chars.count, chars[i + 1] != " ", (i == 0 || !chars[i - 1].isLetter),
                let end = find(String(c), from: i + 1), end > i + 1 {
        out += "<em>" + inline(String(chars[(i + 1)..<end])) + "</em>"
        i = end + 1
      } else if c == "[", let close = find("](", from: i + 1), let end = find(")", from: close + 2) {
        let label = String(chars[(i + 1)..<close]), url = String(chars[(close + 2)..<end])
        out += "<a href=\"\(escapeHTML(url))\">" + inline(label) + "</a>"
        i = end + 1
      } else {
        out += escapeHTML(String(c))
        i += 1
      }
    }
    return out
  }
}

extension StringProtocol {
  var trimmingLeadingSpaces: String { String(drop(while: { $0 == " " || $0 == "\t" })) }
}
