/// A value the language does not know, added by the session's bindings (n-d arrays,
/// distributions, MCMC runs, plots, tables). The evaluator sends operators, member
/// access, calls, subscripts and iteration to it; any of them may be unsupported.
public protocol HostObject: AnyObject {
  /// The type name users see in messages and annotations.
  var typeName: String { get }
  var description: String { get }
  var debugDescription: String { get }

  /// `self op other` (or `other op self` when `selfIsLeft` is false); nil when the
  /// operator does not apply, so the evaluator reports it.
  func binaryOperator(_ op: String, _ other: Value, selfIsLeft: Bool) throws -> Value?
  func prefixOperator(_ op: String) throws -> Value?
  /// A property (`x.count`, `x.shape`); nil when there is none.
  func property(_ name: String) throws -> Value?
  /// A method call; nil when there is no such method.
  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value?
  /// A method call that may replace the receiver (`x.append(…)` on a `var`).
  func callMutatingMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter, receiver: inout Value) throws -> Value?
  /// Calling the value itself (`predictive(key, …)`).
  func call(_ args: Arguments, _ interpreter: Interpreter) throws -> Value?
  func subscriptGet(_ args: Arguments) throws -> Value?
  /// Assignment through a subscript; returns the new receiver, or nil if unsupported.
  func subscriptSet(_ args: Arguments, _ newValue: Value) throws -> Value?
  /// The elements for `for x in value`, or nil if not iterable.
  func elements() throws -> [Value]?
  func isEqual(to other: any HostObject) -> Bool
  func conforms(toTypeNamed name: String) -> Bool
  /// Names for completion after `.`.
  var memberNames: [String] { get }
  /// Why this value cannot decide an `if`, `while`, `guard`, `&&`, `||` or `?:` (a traced
  /// value has no number yet); nil for the usual "cannot be used as a boolean" message.
  var conditionError: String? { get }
  /// Why this value cannot become a number of `type` (`Double(x)`, `Int(x)`); nil for
  /// the usual conversion message.
  func conversionError(to type: String) -> String?
  /// Whether this value passes `Double`, `[Double]` (nested too) and `NDArray`
  /// annotations unchanged: a traced value stands in for the numbers it will become.
  var standsInForNumbers: Bool { get }
  /// Assigns a property (`x.name = value`); false when it is read-only.
  func setProperty(_ name: String, _ value: Value) throws -> Bool
  /// Whether the value is a reference (a widget the front end mirrors): its properties
  /// can then be set through a `let`, as a class instance's can.
  var hasReferenceSemantics: Bool { get }
}

extension HostObject {
  public var debugDescription: String { description }
  public func binaryOperator(_ op: String, _ other: Value, selfIsLeft: Bool) throws -> Value? { nil }
  public func prefixOperator(_ op: String) throws -> Value? { nil }
  public func property(_ name: String) throws -> Value? { nil }
  public func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? { nil }
  public func callMutatingMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter, receiver: inout Value) throws -> Value? {
    try callMethod(name, args, interpreter)
  }
  public func call(_ args: Arguments, _ interpreter: Interpreter) throws -> Value? { nil }
  public func subscriptGet(_ args: Arguments) throws -> Value? { nil }
  public func subscriptSet(_ args: Arguments, _ newValue: Value) throws -> Value? { nil }
  public func elements() throws -> [Value]? { nil }
  public func isEqual(to other: any HostObject) -> Bool { self === other }
  public func conforms(toTypeNamed name: String) -> Bool { name == typeName }
  public var memberNames: [String] { [] }
  public var conditionError: String? { nil }
  public func conversionError(to type: String) -> String? { nil }
  public var standsInForNumbers: Bool { false }
  public func setProperty(_ name: String, _ value: Value) throws -> Bool { false }
  public var hasReferenceSemantics: Bool { false }
}

/// Arguments of a call: values with their labels (nil for unlabeled).
public struct Arguments: @unchecked Sendable {
  public var values: [Value]
  public var labels: [String?]

  public init(_ values: [Value], labels: [String?]? = nil) {
    self.values = values
    self.labels = labels ?? Array(repeating: nil, count: values.count)
  }

  public var count: Int { values.count }
  public subscript(_ i: Int) -> Value { values[i] }

  /// The spelling of the labels, `(_:by:)`, for messages.
  public var labelSpelling: String { "(" + labels.map { ($0 ?? "_") + ":" }.joined() + ")" }

  /// The value passed with `label`, if any.
  public func labeled(_ label: String) -> Value? {
    guard let i = labels.firstIndex(of: label) else { return nil }
    return values[i]
  }

  /// Whether argument `i` carries `label`, counting an unlabeled trailing closure as
  /// labeled (Swift matches trailing closures to the closure parameter).
  public func has(_ i: Int, label: String) -> Bool {
    i < values.count && (labels[i] == label || (labels[i] == nil && values[i].isCallable))
  }

  /// Matches the arguments against parameter labels (`nil` = unlabeled), in order; a
  /// parameter whose name is in `optional` may be left out. Throws a message naming the
  /// function when the call does not fit.
  public func bind(_ function: String, _ params: [String?], optional: Set<String> = []) throws -> [Value?] {
    var out = [Value?](repeating: nil, count: params.count)
    var j = 0
    for (k, p) in params.enumerated() {
      let key = p ?? "_\(k)"
      if j < values.count, labels[j] == p || (labels[j] == nil && p != nil && values[j].isCallable) {
        out[k] = values[j]
        j += 1
      } else if optional.contains(key) || (p != nil && optional.contains(p!)) {
        continue
      } else {
        let expected = "(" + params.map { ($0 ?? "_") + ":" }.joined() + ")"
        throw HostError("no '\(function)' takes arguments \(labelSpelling); expected \(function)\(expected)", kind: "TypeError")
      }
    }
    if j < values.count {
      let expected = "(" + params.map { ($0 ?? "_") + ":" }.joined() + ")"
      throw HostError("extra argument\(labels[j].map { " '\($0)'" } ?? "") in call to '\(function)'; expected \(function)\(expected)", kind: "TypeError")
    }
    return out
  }
}
