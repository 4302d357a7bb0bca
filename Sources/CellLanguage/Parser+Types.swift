/// Type annotations.
extension Parser {
  mutating func parseType() -> TypeRef {
    guard enterNesting() else { return .named("Any") }
    defer { depth -= 1 }
    var base: TypeRef
    while at(.at) {
      // `@escaping`, `@autoclosure`-free attributes on types change nothing here.
      advance()
      if current.identifier != nil { advance() }
    }
    switch current.kind {
    case .keyword(.Self):
      advance()
      base = .named("Self")
    case .identifier(let name):
      advance()
      if ["some", "any"].contains(name), current.identifier != nil || at(.lparen) {
        // `any Shape`, `some Comparable`: the value's dynamic type is checked against the protocol.
        return parseType()
      }
      base = .named(name)
      let nameRange = tokens[pos - 1].range
      if current.isOp("<") && !current.spaceBefore {
        advance()
        var args: [TypeRef] = []
        while !current.isEOF {
          args.append(parseType())
          if at(.comma) { advance() } else { break }
        }
        if current.isOp(">") {
          advance()
        } else if case .op(let o) = current.kind, o.hasPrefix(">") {
          // `>>` closing two generic lists: split it.
          tokens[pos].kind = .op(String(o.dropFirst()))
        } else {
          error("expected '>' to close the generic argument list")
        }
        switch (name, args.count) {
        case ("Array", 1): base = .array(args[0])
        case ("Optional", 1): base = .optional(args[0])
        case ("Dictionary", 2): base = .dictionary(args[0], args[1])
        case ("Set", _), ("Result", _), ("UnsafePointer", _), ("UnsafeMutablePointer", _), ("ContiguousArray", _):
          error("generic type '\(name)<…>' is not supported in SwiftBayes cells", SourceRange(nameRange.start, previousEnd))
        default: break  // a user's generic type: its arguments are checked on the values
        }
      }
      // `Outer.Inner` names a nested type; `Swift.Int` is `Int`.
      var dotted = name
      while at(.dot), let member = tokenWord(peekToken()) {
        advance(); advance()
        dotted = dotted == "Swift" || dotted == "Foundation" ? member : dotted + "." + member
        base = .named(dotted)
      }
    case .lbracket:
      advance()
      let element = parseType()
      if at(.colon) {
        advance()
        let value = parseType()
        _ = expectRBracket()
        base = .dictionary(element, value)
      } else {
        _ = expectRBracket()
        base = .array(element)
      }
    case .lparen:
      advance()
      var items: [(String?, TypeRef)] = []
      while !at(.rparen) && !current.isEOF {
        var label: String? = nil
        if let l = current.identifier, case .colon = peekToken().kind {
          label = l
          advance(); advance()
        } else if let l = current.identifier, peekToken().identifier != nil, case .colon = peekToken(2).kind {
          label = l
          advance(); advance(); advance()
        }
        items.append((label, parseType()))
        if at(.comma) { advance() } else { break }
      }
      _ = expectRParen()
      if let id = current.identifier, id == "async" { error("'async' function types are not supported"); advance() }
      if current.isKeyword(.throws) || current.isKeyword(.rethrows) { advance() }
      if at(.arrow) {
        advance()
        let result = parseType()
        return .function(items.map(\.1), result)
      }
      base = items.count == 1 && items[0].0 == nil ? items[0].1 : .tuple(items)
    default:
      error("expected a type" + (current.isEOF ? "" : " but found '\(current.spelling)'"))
      return .named("Any")
    }
    while true {
      if at(.postfixQuestion) || at(.postfixBang) || (current.isOp("?") && !current.spaceBefore) {
        let bang = at(.postfixBang)
        advance()
        base = bang ? .implicitlyUnwrapped(base) : .optional(base)
      } else {
        break
      }
    }
    if current.isOp("&") {
      // `Named & Aged`: a protocol composition, checked part by part.
      var parts = [base.description]
      while current.isOp("&") {
        advance()
        parts.append(parseType().description)
      }
      return .named(parts.joined(separator: " & "))
    }
    if at(.arrow) {
      // `Int -> Int` without parentheses.
      advance()
      let result = parseType()
      return .function([base], result)
    }
    return base
  }
}
