/// A problem found in a cell, with where it is. Renderers (see `ErrorRendering`)
/// decide how it looks.
public struct Diagnostic: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var range: SourceRange
  public var notes: [String]

  public init(_ message: String, _ range: SourceRange, notes: [String] = []) {
    self.message = message
    self.range = range
    self.notes = notes
  }

  public var description: String { "\(range.start): error: \(message)" }

  /// Sorted by where they start (the lexer, string interpolations and hoisted functions
  /// report out of order); diagnostics at the same place keep their order.
  static func inSourceOrder(_ ds: [Diagnostic]) -> [Diagnostic] {
    ds.enumerated().sorted { ($0.element.range.start.offset, $0.offset) < ($1.element.range.start.offset, $1.offset) }.map(\.element)
  }
}

/// One active call of a user function when a runtime error happened.
public struct StackEntry: Sendable {
  public var function: String
  /// Where the call was made (in the caller).
  public var callSite: SourceRange
  /// The cell that holds the call site (functions can be called from later cells).
  public var file: SourceFile
}

/// An error raised while a cell runs: a message, where it happened, and the stack of
/// user functions active at that moment (innermost first).
public struct RuntimeError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var range: SourceRange?
  public var file: SourceFile?
  public var stack: [StackEntry] = []
  /// A short category used as Jupyter's `ename`.
  public var kind: String

  public init(_ message: String, _ range: SourceRange? = nil, kind: String = "RuntimeError") {
    self.message = message
    self.range = range
    self.kind = kind
  }

  public var description: String { message }
}

/// Thrown by builtins that do not know their source range; the evaluator attaches the
/// range of the call that raised it.
public struct HostError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var kind: String
  public init(_ message: String, kind: String = "RuntimeError") {
    self.message = message
    self.kind = kind
  }
  public var description: String { message }
}
