import CellLanguage

/// The methods cells call on widgets: `observe`, `onClick`, `click`, `close`, and an
/// `Output`'s `clear`, `display` and `capture`.
extension Widget {
  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    guard let manager else { throw HostError("this widget's session has been reset", kind: "ValueError") }
    switch name {
    case "observe":
      let p = try NamedArguments("\(kind.rawValue).observe", args, positional: ["handler"], labeled: ["names"], required: ["handler"])
      let handler = try Arg.function(p["handler"]!, "observe's handler")
      let names = try p["names"].map { v -> [String] in
        if case .string(let s) = v { return [s] }
        return try Widget.strings(v, "observe's names")
      } ?? ["value"]
      let known = Set(memberNames)
      for n in names where !known.contains(n) {
        throw HostError("\(kind.rawValue) has no property '\(n)' to observe", kind: "ValueError")
      }
      observers.append(Observer(names: Set(names), action: try manager.userAction(handler, "observe"), output: manager.callbackOutput()))
      return .void
    case "onClick" where kind == .button:
      let p = try NamedArguments("Button.onClick", args, positional: ["handler"], required: ["handler"])
      let handler = try Arg.function(p["handler"]!, "onClick's handler")
      clickHandlers.append(Observer(names: [], action: try manager.userAction(handler, "onClick"), output: manager.callbackOutput()))
      return .void
    case "click" where kind == .button:
      guard args.count == 0 else { throw HostError("click() takes no arguments", kind: "TypeError") }
      try manager.fire(clickHandlers, with: .host(self), on: self)
      return .void
    case "close":
      manager.close(self)
      return .void
    case "clear" where kind == .output:
      let wait = try args.labeled("wait").map { try Arg.bool($0, "clear's wait") } ?? false
      outputs?.clear(wait: wait)
      outputs?.flush()
      return .void
    case "display" where kind == .output:
      guard args.count == 1 else { throw HostError("Output.display takes one value to show", kind: "TypeError") }
      outputs?.display(manager.session.mimeBundle(for: args[0]), displayID: nil)
      outputs?.flush()
      return .void
    case "capture" where kind == .output:
      let p = try NamedArguments("Output.capture", args, positional: ["body"], labeled: ["clear"], required: ["body"])
      let body = try Arg.function(p["body"]!, "capture's body")
      if let c = p["clear"], try Arg.bool(c, "capture's clear") { outputs?.clear(wait: true) }
      return try manager.capturing(into: self) { try interpreter.call(body, []) }
    default:
      return nil
    }
  }
}
