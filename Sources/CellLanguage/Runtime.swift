/// The activation record of a function call (or of a block whose variables closures
/// capture). Slots are resolved at compile time to (depth, index) pairs.
final class Frame {
  let slots: UnsafeMutablePointer<Value>
  let count: Int
  var parent: Frame?
  /// The next frame on the owning function's free list.
  var nextSpare: Frame?

  @inline(__always)
  init(count: Int, parent: Frame?) {
    self.count = count
    self.parent = parent
    slots = .allocate(capacity: Swift.max(count, 1))
    slots.initialize(repeating: .void, count: count)
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  /// Clears the slots so the frame can be reused for another call.
  @inline(__always)
  func reset() {
    for i in 0..<count { (slots + i).pointee = .void }
    parent = nil
  }

  @inline(__always)
  func ancestor(_ depth: Int) -> Frame {
    var f = self
    var d = depth
    while d > 0 {
      f = f.parent.unsafelyUnwrapped
      d -= 1
    }
    return f
  }
}

/// What a statement tells the block around it.
enum Flow {
  case normal
  case breakLoop
  case continueLoop
  case returned(Value)
  /// `break label` / `continue label`, passed outward until the labeled statement.
  case breakLabel(String)
  case continueLabel(String)
  /// `fallthrough`: the switch runs the next case's body.
  case fallthroughCase
}

typealias Eval = (Frame) throws -> Value
typealias Exec = (Frame) throws -> Flow

/// Closures kept in arrays are wrapped so they keep their natural calling convention:
/// an array (or any generic container) of bare closures stores them maximally abstract,
/// and every call then goes through a reabstraction thunk.
struct ExecBox {
  let run: Exec
}

struct EvalBox {
  let run: Eval
}

/// A session-wide name. Cells keep the same cell object when they redeclare a name, so
/// functions compiled earlier see the new binding.
public final class GlobalCell {
  public let name: String
  public internal(set) var value: Value = .void
  /// Bumped on every write to `value`, so call sites can keep an unretained reference to
  /// the function it holds for as long as it is unchanged.
  var version = 0
  public internal(set) var isDefined = false
  public internal(set) var isLet = false
  var type: CompiledType?
  /// Documentation for `help(name)`: the function's doc comment or the declaration.
  public internal(set) var doc: String?

  init(name: String) { self.name = name }
}

/// A callable value: a user function or closure, or a builtin.
public class Function {
  public let name: String
  let isUser: Bool

  init(name: String, isUser: Bool) {
    self.name = name
    self.isUser = isUser
  }

  /// Calls the function with already evaluated arguments.
  public func call(_ args: Arguments, _ interpreter: Interpreter) throws -> Value {
    fatalError("Function.call must be overridden")
  }

  /// How many arguments a closure takes (a host calling back, such as a widget's
  /// `observe`, passes that many); nil for functions and builtins.
  public var closureParameterCount: Int? { nil }

  /// The argument labels of a user function (`nil` for `_`); nil for closures and builtins.
  public var parameterLabels: [String?]? { nil }
}

/// A builtin function registered by the language or the session.
public final class BuiltinFunction: Function {
  public let signature: String
  public let doc: String
  let impl: (Arguments, Interpreter) throws -> Value

  public init(name: String, signature: String, doc: String, _ impl: @escaping (Arguments, Interpreter) throws -> Value) {
    self.signature = signature
    self.doc = doc
    self.impl = impl
    super.init(name: name, isUser: false)
  }

  public override func call(_ args: Arguments, _ interpreter: Interpreter) throws -> Value {
    try impl(args, interpreter)
  }
}

/// A type used as a value: `Int`, `Double.pi`, `String(x)`, `[Int]()`.
public final class TypeObject {
  public let name: String
  /// The user's struct, class, enum or protocol this type value stands for.
  var user: UserType?
  public let doc: String
  public var staticMembers: [String: Value] = [:]
  public var staticMethods: [String: (Arguments, Interpreter) throws -> Value] = [:]
  let construct: ((Arguments, Interpreter) throws -> Value)?

  public init(name: String, doc: String, construct: ((Arguments, Interpreter) throws -> Value)?) {
    self.name = name
    self.doc = doc
    self.construct = construct
  }
}

/// Where a call is written, for error stacks. Made once per call site at compile time.
final class CallSite {
  let range: SourceRange
  let file: SourceFile
  init(range: SourceRange, file: SourceFile) {
    self.range = range
    self.file = file
  }
}
