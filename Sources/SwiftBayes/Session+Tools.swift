import CellLanguage

/// Completion, inspection and is-complete: what the kernel asks between executions.
extension Session {
  /// Completions at `cursor` (a Unicode scalar offset): names in scope, or members after
  /// a `.`. Returns the matches and the replaced range.
  public func complete(_ code: String, cursor: Int) -> (matches: [String], start: Int, end: Int) {
    worker.run { self.completeOnWorker(code, cursor: cursor) }
  }

  private func completeOnWorker(_ code: String, cursor: Int) -> (matches: [String], start: Int, end: Int) {
    let scalars = Array(code.unicodeScalars)
    let end = max(0, min(cursor, scalars.count))
    var start = end
    while start > 0, isIdentifierScalar(scalars[start - 1]) { start -= 1 }
    let prefix = String(String.UnicodeScalarView(scalars[start..<end]))
    var candidates: [String]
    if start > 0, scalars[start - 1] == "." {
      // Members of the dotted name before the dot.
      var s = start - 1
      while s > 0, isIdentifierScalar(scalars[s - 1]) || scalars[s - 1] == "." { s -= 1 }
      let chain = String(String.UnicodeScalarView(scalars[s..<(start - 1)]))
      guard !chain.isEmpty, let base = evaluateQuietly(chain) else { return ([], start, end) }
      candidates = interpreter.builtins.memberNames(of: base)
    } else {
      candidates = Array(interpreter.globals.values.filter(\.isDefined).map(\.name)) + Array(interpreter.builtins.values.keys)
      candidates += Session.completableKeywords
      candidates += declaredNames(in: code)
    }
    let matches = Set(candidates.filter { $0.hasPrefix(prefix) && !$0.hasPrefix("$") }).sorted()
    return (matches, start, end)
  }

  /// The keywords of the supported subset (unsupported ones are not offered).
  static let completableKeywords = [
    "let", "var", "func", "if", "else", "guard", "for", "in", "while", "repeat", "switch", "case",
    "default", "break", "continue", "return", "true", "false", "nil", "import", "where", "as", "is",
  ]

  /// Names a cell declares (so completion offers them before the cell has run).
  private func declaredNames(in code: String) -> [String] {
    var names: [String] = []
    let words = code.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
    for (i, w) in words.enumerated() where ["let", "var", "func"].contains(w) && i + 1 < words.count {
      names.append(String(words[i + 1]))
    }
    return names
  }

  /// Evaluates a plain dotted name (`x`, `mcmc.samples`) without side effects beyond
  /// reading properties; nil if it is not one.
  func evaluateQuietly(_ chain: String) -> Value? {
    let parts = chain.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard let first = parts.first, !first.isEmpty else { return nil }
    var v: Value
    if let g = interpreter.global(first) {
      v = g
    } else if let b = interpreter.builtins.values[first] {
      v = b
    } else {
      return nil
    }
    for p in parts.dropFirst() {
      if case .type(let t) = v, let m = t.staticMembers[p] {
        v = m
        continue
      }
      guard !p.isEmpty, let next = try? interpreter.property(v, p) else { return nil }
      v = next
    }
    return v
  }

  private func isIdentifierScalar(_ c: Unicode.Scalar) -> Bool {
    c == "_" || c == "$" || c.properties.isAlphabetic || (c >= "0" && c <= "9")
  }

  /// The documentation for the name under (or just before) the cursor.
  public func inspect(_ code: String, cursor: Int) -> String? {
    worker.run { () -> String? in
      let scalars = Array(code.unicodeScalars)
      var end = max(0, min(cursor, scalars.count))
      while end < scalars.count, self.isIdentifierScalar(scalars[end]) { end += 1 }
      var start = min(cursor, scalars.count)
      while start > 0, self.isIdentifierScalar(scalars[start - 1]) || scalars[start - 1] == "." { start -= 1 }
      // `zip(` with the cursor after the parenthesis inspects `zip`.
      if start == end, end > 0, scalars[end - 1] == "(" {
        end -= 1
        start = end
        while start > 0, self.isIdentifierScalar(scalars[start - 1]) || scalars[start - 1] == "." { start -= 1 }
      }
      let name = String(String.UnicodeScalarView(scalars[start..<end]))
      guard !name.isEmpty else { return nil }
      if let dot = name.lastIndex(of: "."), let base = self.evaluateQuietly(String(name[..<dot])) {
        let member = String(name[name.index(after: dot)...])
        if let d = self.interpreter.builtins.memberDoc(of: base, member) { return d.signature + "\n\n" + d.doc }
      }
      guard let v = self.evaluateQuietly(name) else { return nil }
      return self.documentation(of: v)
    }
  }

  /// Whether `code` is a complete cell, needs more lines, or can never parse.
  public func isComplete(_ code: String) -> Completeness { Completeness(of: code) }

}
