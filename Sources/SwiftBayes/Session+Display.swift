import CellLanguage

/// Text with a MIME type, made by `HTML("…")`, `SVG("…")`, `Markdown("…")`.
final class MimeText: HostObject, RichDisplayable {
  let mime: String
  let text: String
  init(mime: String, text: String) {
    self.mime = mime
    self.text = text
  }
  var typeName: String {
    switch mime {
    case "text/html": return "HTML"
    case "image/svg+xml": return "SVG"
    default: return "Markdown"
    }
  }
  var description: String { text }
  var mimeBundle: MimeBundle { ["text/plain": "<\(typeName): \(text.count) characters>", mime: text] }
}

/// The handle `display(x, id:)` returns: `handle.update(y)` replaces the output in place.
final class DisplayHandle: HostObject {
  let id: String
  weak var session: Session?
  init(id: String, session: Session) {
    self.id = id
    self.session = session
  }
  var typeName: String { "DisplayHandle" }
  var description: String { "DisplayHandle(\(quoteString(id)))" }
  var memberNames: [String] { ["update", "id"] }

  func property(_ name: String) throws -> Value? { name == "id" ? .string(id) : nil }

  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    guard name == "update", let session else { return nil }
    guard args.count == 1 else { throw HostError("update takes the new value", kind: "TypeError") }
    session.output.updateDisplay(session.mimeBundle(for: args[0]), displayID: id)
    return .void
  }
}

extension Session {
  func registerDisplayBuiltins() {
    let b = interpreter.builtins
    b.function("display", "display(_ value: Any, id: String? = nil) -> DisplayHandle",
      "Shows a value now, in the middle of a cell. Returns a handle whose `update(_:)` replaces the output in place.") { [unowned self] args, _ in
      let p = try args.bind("display", [nil, "id"], optional: ["id"])
      let id = try p[1].map { try Arg.string($0, "id") } ?? self.nextDisplayID()
      self.output.display(self.mimeBundle(for: p[0]!), displayID: id)
      return .host(DisplayHandle(id: id, session: self))
    }
    for (name, mime) in [("HTML", "text/html"), ("SVG", "image/svg+xml"), ("Markdown", "text/markdown")] {
      b.function(name, "\(name)(_ source: String) -> \(name)", "Wraps text so it displays as \(mime).") { args, _ in
        .host(MimeText(mime: mime, text: try Arg.string(try args.bind(name, [nil])[0]!, "source")))
      }
    }
    b.function("clearOutput", "clearOutput(wait: Bool = false)",
      "Clears the cell's output (with `wait: true`, when the next output arrives).") { [unowned self] args, _ in
      let wait = try args.labeled("wait").map { try Arg.bool($0, "wait") } ?? false
      self.output.clearOutput(wait: wait)
      return .void
    }
    b.function("help", "help(_ value: Any)", "Shows the documentation of a function, type or value in the pager.") { [unowned self] args, _ in
      guard args.count == 1 else { throw HostError("help takes one value, e.g. help(zip)", kind: "TypeError") }
      let text = self.documentation(of: args[0]) ?? "No documentation for \(describe(args[0]))."
      self.page(text, markdown: self.documentationMarkdown(of: args[0]) ?? text)
      return .void
    }
  }

  /// The documentation as Markdown (`help` sends it as `text/markdown` beside the plain
  /// text, so JupyterLab renders the docs' `code` spans): the signature as a Swift code
  /// block, then the prose.
  func documentationMarkdown(of v: Value) -> String? {
    let b = interpreter.builtins
    func block(_ code: String) -> String { "```swift\n\(code)\n```" }
    switch v {
    case .function(let f):
      if let d = b.docs[f.name] { return block(d.signature) + "\n\n" + d.doc }
      if let cell = interpreter.globals[f.name], let doc = cell.doc { return doc }
      return block("func \(f.name)")
    case .type(let t):
      if let d = b.docs[t.name] { return block(d.signature) + "\n\n" + d.doc }
      return t.doc
    case .host(let h):
      if let d = b.docs[h.typeName] { return "**\(h.typeName)**: " + d.doc + "\n\n" + block(h.description) }
      return "**\(h.typeName)**\n\n" + block(h.description)
    default:
      return block("\(v.typeName) = \(debugDescription(v))")
    }
  }

  /// The documentation text for a value, as `help` and inspection show it.
  func documentation(of v: Value) -> String? {
    let b = interpreter.builtins
    switch v {
    case .function(let f):
      if let d = b.docs[f.name] { return d.signature + "\n\n" + d.doc }
      if let cell = interpreter.globals[f.name], let doc = cell.doc { return doc }
      return "func \(f.name)"
    case .type(let t):
      if let d = b.docs[t.name] { return d.signature + "\n\n" + d.doc }
      return t.doc
    case .host(let h):
      if let d = b.docs[h.typeName] { return "\(h.typeName): " + d.doc + "\n\n" + h.description }
      return "\(h.typeName)\n\n\(h.description)"
    default:
      return "\(v.typeName) = \(debugDescription(v))"
    }
  }
}
