/// The syntax tree. Every node keeps its source range for diagnostics.
public struct Expr: Sendable {
  public var kind: ExprKind
  public var range: SourceRange
  public init(_ kind: ExprKind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

public struct CallArgument: Sendable {
  public var label: String?
  public var value: Expr
  /// A closure written after the call's parentheses.
  public var isTrailing = false
}

public enum StringPart: Sendable {
  case text(String)
  case expr(Expr)
}

public indirect enum ExprKind: Sendable {
  case integer(Int)
  case double(Double)
  case bool(Bool)
  case string([StringPart])
  case nilLiteral
  case identifier(String)
  case array([Expr])
  case dictionary([(Expr, Expr)])
  case tuple([(String?, Expr)])
  case prefix(String, Expr)
  /// A postfix operator; only `x...` (a range from `x`) is supported.
  case postfix(String, Expr)
  case binary(String, Expr, Expr)
  case assign(String, Expr, Expr)
  case ternary(Expr, Expr, Expr)
  case call(Expr, [CallArgument])
  case subscriptAccess(Expr, [CallArgument])
  case member(Expr, String)
  /// `x?` inside an optional chain: short-circuits the chain when `x` is nil.
  case optionalChainPoint(Expr)
  /// The whole postfix chain that contains a `?`.
  case optionalChainRoot(Expr)
  case forceUnwrap(Expr)
  case closure(ClosureExpr)
  /// An operator used as a function value: `reduce(0, +)`, `sorted(by: >)`.
  case operatorRef(String)
  case cast(Expr, TypeRef, CastKind)
  /// `.name` with the type left to the context (an enum case or a static member).
  case implicitMember(String)
  /// `try e`, `try? e`, `try! e`.
  case tryExpr(TryKind, Expr)
  /// `&x` passed to an `inout` parameter.
  case inoutArgument(Expr)
  /// `\Type.a.b` or `\.a.b`: the written components (the root type, when written, is
  /// told apart from the properties when the cell compiles).
  case keyPath([String], hasRoot: Bool)
  case error
}

public enum TryKind: String, Sendable {
  case plain = "try", optional = "try?", forced = "try!"
}

public enum CastKind: String, Sendable {
  case asPlain = "as", asOptional = "as?", asForced = "as!", isType = "is"
}

/// A type annotation. Checked when a value meets it, not before running.
public indirect enum TypeRef: Sendable, CustomStringConvertible {
  case named(String)
  case optional(TypeRef)
  /// `T!`: stored as an optional, read unwrapped.
  case implicitlyUnwrapped(TypeRef)
  case array(TypeRef)
  case dictionary(TypeRef, TypeRef)
  case tuple([(String?, TypeRef)])
  case function([TypeRef], TypeRef)

  public var description: String {
    switch self {
    case .named(let n): return n
    case .optional(let t): return "\(t)?"
    case .implicitlyUnwrapped(let t): return "\(t)!"
    case .array(let t): return "[\(t)]"
    case .dictionary(let k, let v): return "[\(k): \(v)]"
    case .tuple(let items):
      return "(" + items.map { ($0.0.map { "\($0): " } ?? "") + $0.1.description }.joined(separator: ", ") + ")"
    case .function(let ps, let r): return "(" + ps.map(\.description).joined(separator: ", ") + ") -> \(r)"
    }
  }
}

public struct Parameter: Sendable {
  /// The argument label callers write; nil for `_`.
  public var label: String?
  public var name: String
  public var type: TypeRef?
  public var defaultValue: Expr?
  public var isVariadic: Bool
  public var range: SourceRange
  public var isInout = false
}

public final class FunctionDecl: Sendable {
  public let name: String
  public let parameters: [Parameter]
  public let returnType: TypeRef?
  public let body: [Stmt]
  public let range: SourceRange
  public let nameRange: SourceRange
  /// The `///` or `//` comment lines right above the declaration, for `help`.
  public let doc: String?
  public let modifiers: Set<String>
  public let isThrowing: Bool
  /// Generic parameters with their constraints (`<T: Comparable>` and `where` clauses).
  public let genericParameters: [(String, [String])]
  /// `init?`: the initializer may return nil.
  public let isFailable: Bool

  init(name: String, parameters: [Parameter], returnType: TypeRef?, body: [Stmt], range: SourceRange, nameRange: SourceRange, doc: String?,
       modifiers: Set<String> = [], isThrowing: Bool = false, genericParameters: [(String, [String])] = [], isFailable: Bool = false)
  {
    self.modifiers = modifiers
    self.isThrowing = isThrowing
    self.genericParameters = genericParameters
    self.isFailable = isFailable
    self.name = name
    self.parameters = parameters
    self.returnType = returnType
    self.body = body
    self.range = range
    self.nameRange = nameRange
    self.doc = doc
  }

  /// `name(label:label:)`, Swift's way to name a function.
  public var signatureName: String {
    "\(name)(" + parameters.map { ($0.label ?? "_") + ":" }.joined() + ")"
  }
}

public final class ClosureExpr: Sendable {
  public let parameters: [(String, TypeRef?)]
  public let returnType: TypeRef?
  public let body: [Stmt]
  /// The highest `$n` used plus one, when the closure has no parameter list.
  public let anonymousCount: Int
  /// `[x, weak y, z = e] in`: names captured by value when the closure is made.
  public let captures: [(String, Expr)]
  init(parameters: [(String, TypeRef?)], returnType: TypeRef?, body: [Stmt], anonymousCount: Int, captures: [(String, Expr)] = []) {
    self.captures = captures
    self.parameters = parameters
    self.returnType = returnType
    self.body = body
    self.anonymousCount = anonymousCount
  }
}

public indirect enum Pattern: Sendable {
  case wildcard
  case identifier(String, SourceRange)
  case tuple([Pattern])
  /// `let x` / `var x` in a case pattern.
  case binding(Pattern)
  /// A value compared with `==` or matched with `~=` (ranges).
  case expression(Expr)
  /// `x?` in `case let x?`.
  case optionalSome(Pattern)
  /// `.name`, `.name(p, label: q)`, `Type.name(…)`: an enum case (or `.some`/`.none`).
  case enumCase(type: String?, name: String, payload: [(String?, Pattern)]?, range: SourceRange)
  /// `is Type`.
  case isType(TypeRef)
  /// `pattern as Type`.
  case asType(Pattern, TypeRef)
  /// `for case pattern in …`: elements that do not match are skipped.
  case refutable(Pattern)
}

public enum Condition: Sendable {
  case expression(Expr)
  /// `let name = value` (`value` nil for the `if let name` shorthand).
  case optionalBinding(isLet: Bool, pattern: Pattern, value: Expr?, range: SourceRange)
  /// `case pattern = value`.
  case casePattern(Pattern, Expr, range: SourceRange)
}

public struct SwitchCase: Sendable {
  /// Empty for `default`.
  public var patterns: [(Pattern, Expr?)]
  public var body: [Stmt]
  public var range: SourceRange
  public var isDefault: Bool
}

public struct Stmt: Sendable {
  public var kind: StmtKind
  public var range: SourceRange
  public init(_ kind: StmtKind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

public indirect enum StmtKind: Sendable {
  case expression(Expr)
  case variable(isLet: Bool, pattern: Pattern, type: TypeRef?, value: Expr?)
  case function(FunctionDecl)
  case ifStmt([Condition], [Stmt], [Stmt]?)
  case guardStmt([Condition], [Stmt])
  case forIn(Pattern, Expr, Expr?, [Stmt])
  case whileStmt([Condition], [Stmt])
  case repeatWhile([Stmt], Expr)
  case switchStmt(Expr, [SwitchCase])
  case breakStmt(label: String?)
  case continueStmt(label: String?)
  case fallthroughStmt
  /// `name: for …` (also `while`, `repeat`, `switch`, `if`, `do`).
  case labeled(String, Stmt)
  case typeDecl(TypeDecl)
  case typealiasDecl(String, [String], TypeRef)
  case property(PropertyDecl)
  case initDecl(FunctionDecl)
  /// `subscript(i: Int) -> T { get … set … }` inside a type.
  case subscriptDecl(SubscriptDecl)
  case enumCases([EnumCaseDecl])
  case throwStmt(Expr)
  case doCatch([Stmt], [CatchClause])
  case deferStmt([Stmt])
  /// `deinit { … }` in a class: runs when the last reference to an instance goes away
  /// while a cell runs.
  case deinitDecl([Stmt])
  case returnStmt(Expr?)
  case importStmt(String)
  case block([Stmt])
  case error
}

public enum TypeDeclKind: String, Sendable {
  case `struct`, `class`, `enum`, `protocol`, `extension`
}

/// `struct`, `class`, `enum`, `protocol` or `extension` with its members.
public final class TypeDecl: Sendable {
  public let kind: TypeDeclKind
  public let name: String
  public let genericParameters: [(String, [String])]
  /// Superclass, raw type and protocols, in source order.
  public let inherited: [String]
  public let members: [Stmt]
  public let range: SourceRange
  public let nameRange: SourceRange
  init(kind: TypeDeclKind, name: String, genericParameters: [(String, [String])], inherited: [String], members: [Stmt], range: SourceRange, nameRange: SourceRange) {
    self.kind = kind
    self.name = name
    self.genericParameters = genericParameters
    self.inherited = inherited
    self.members = members
    self.range = range
    self.nameRange = nameRange
  }
}

/// A `var`/`let` member: stored (with an optional default) or computed.
public final class PropertyDecl: Sendable {
  public let name: String
  public let isLet: Bool
  public let type: TypeRef?
  public let value: Expr?
  public let modifiers: Set<String>
  public let getter: [Stmt]?
  /// The setter's parameter name (`newValue` unless written) and body.
  public let setter: (String, [Stmt])?
  public let willSet: (String, [Stmt])?
  public let didSet: (String, [Stmt])?
  public let range: SourceRange
  init(name: String, isLet: Bool, type: TypeRef?, value: Expr?, modifiers: Set<String>, getter: [Stmt]?, setter: (String, [Stmt])?,
       willSet: (String, [Stmt])?, didSet: (String, [Stmt])?, range: SourceRange)
  {
    self.name = name
    self.isLet = isLet
    self.type = type
    self.value = value
    self.modifiers = modifiers
    self.getter = getter
    self.setter = setter
    self.willSet = willSet
    self.didSet = didSet
    self.range = range
  }
}

/// A `subscript` member: its getter is a function named `subscript` (parameters unlabeled
/// unless an argument label is written, as Swift specifies); the setter gets the same
/// parameters plus the new value.
public final class SubscriptDecl: Sendable {
  public let getter: FunctionDecl
  /// The setter's parameter name (`newValue` unless written) and body.
  public let setter: (String, [Stmt])?
  init(getter: FunctionDecl, setter: (String, [Stmt])?) {
    self.getter = getter
    self.setter = setter
  }
}

public struct EnumCaseDecl: Sendable {
  public var name: String
  public var payload: [(String?, TypeRef)]?
  public var rawValue: Expr?
  public var range: SourceRange
}

public struct CatchClause: Sendable {
  /// nil: `catch` alone, which binds `error`.
  public var pattern: Pattern?
  public var whereClause: Expr?
  public var body: [Stmt]
  public var range: SourceRange
}
