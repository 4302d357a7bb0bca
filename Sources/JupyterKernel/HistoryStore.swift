import Foundation

/// The inputs (and `text/plain` outputs) of this kernel's cells, in memory, answering
/// `history_request` the way IPython's history manager does for the current session.
///
/// The session number is always `HistoryStore.session` (1); `range` also accepts 0, which
/// IPython uses to mean "the current session". Lines are execution counts.
struct HistoryStore: Sendable {
  struct Entry: Sendable, Equatable {
    var line: Int
    var input: String
    var output: String?
  }

  static let session = 1
  private(set) var entries: [Entry] = []

  mutating func append(line: Int, input: String) {
    entries.append(Entry(line: line, input: input, output: nil))
  }

  mutating func setOutput(line: Int, output: String) {
    if let i = entries.lastIndex(where: { $0.line == line }) { entries[i].output = output }
  }

  mutating func reset() { entries = [] }

  /// The `history` list of a `history_reply` for a request's content.
  func reply(to content: JSON) -> JSON {
    let output = content["output"]?.boolValue ?? false
    let selected: [Entry]
    switch content["hist_access_type"]?.stringValue ?? "tail" {
    case "tail":
      let n = content["n"]?.intValue ?? 10
      selected = Array(entries.suffix(max(0, n)))
    case "range":
      let session = content["session"]?.intValue ?? 0
      guard session == 0 || session == HistoryStore.session else { return .array([]) }
      let start = content["start"]?.intValue ?? 0
      let stop = content["stop"]?.intValue
      selected = entries.filter { e in e.line >= start && (stop.map { e.line < $0 } ?? true) }
    case "search":
      let pattern = content["pattern"]?.stringValue ?? "*"
      var matches = entries.filter { HistoryStore.glob(pattern, matches: $0.input) }
      if content["unique"]?.boolValue ?? false {
        var seen: Set<String> = []
        matches = matches.reversed().filter { seen.insert($0.input).inserted }.reversed()
      }
      if let n = content["n"]?.intValue { matches = Array(matches.suffix(max(0, n))) }
      selected = matches
    default:
      selected = []
    }
    return .array(
      selected.map { e in
        let input: JSON = output ? .array([.string(e.input), e.output.map(JSON.string) ?? .null]) : .string(e.input)
        return .array([.int(HistoryStore.session), .int(e.line), input])
      })
  }

  /// Shell-style glob over the whole text: `*` any run, `?` one character, `[...]` a set
  /// (as SQLite's GLOB, which IPython's search uses). Case-sensitive.
  static func glob(_ pattern: String, matches text: String) -> Bool {
    let p = Array(pattern), t = Array(text)
    // Iterative matcher with backtracking to the last star: O(|p|·|t|) worst case.
    var pi = 0, ti = 0, starP = -1, starT = 0
    while ti < t.count {
      if pi < p.count, p[pi] == "*" {
        starP = pi; starT = ti; pi += 1
      } else if pi < p.count, let (ok, next) = matchOne(p, pi, t[ti]), ok {
        pi = next; ti += 1
      } else if starP >= 0 {
        pi = starP + 1; starT += 1; ti = starT
      } else {
        return false
      }
    }
    while pi < p.count, p[pi] == "*" { pi += 1 }
    return pi == p.count
  }

  /// Whether `p[pi]` (a literal, `?` or a `[...]` set) matches `c`, and where the pattern
  /// continues; `nil` when the element does not match.
  private static func matchOne(_ p: [Character], _ pi: Int, _ c: Character) -> (Bool, Int)? {
    switch p[pi] {
    case "?": return (true, pi + 1)
    case "[":
      guard let close = p[(pi + 1)...].firstIndex(of: "]"), close > pi + 1 else {
        return c == "[" ? (true, pi + 1) : nil
      }
      var set = Array(p[(pi + 1)..<close])
      let negate = set.first == "^"
      if negate { set.removeFirst() }
      var hit = false
      var i = 0
      while i < set.count {
        if i + 2 < set.count, set[i + 1] == "-" {
          if set[i] <= c && c <= set[i + 2] { hit = true }
          i += 3
        } else {
          if set[i] == c { hit = true }
          i += 1
        }
      }
      return hit != negate ? (true, close + 1) : nil
    default:
      return p[pi] == c ? (true, pi + 1) : nil
    }
  }
}
