import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public enum OutputStreamKind: String, Sendable {
  case stdout, stderr
}

/// The outcome of running one cell.
public struct CellOutcome {
  /// The value of the cell's last expression, unless it was Void.
  public var value: Value?
  public var error: CellError?
}

/// Runs cells against a persistent set of globals.
///
/// ```
/// source ─▶ Lexer ─▶ Parser ─▶ Compiler (names → slots) ─▶ closures ─▶ run
///                      │             │                                  │
///                      └─ all syntax errors, then all name errors ──────┴─▶ CellError
/// ```
public final class Interpreter {
  public internal(set) var globals: [String: GlobalCell] = [:]
  /// The user's types by name (the latest declaration of each).
  var userTypes: [String: UserType] = [:]
  /// Members users added to built-in types (`extension Double { … }`), by type name.
  var builtinExtensions: [String: UserType] = [:]
  var typeAliases: [String: TypeRef] = [:]
  /// Global functions declared `throws`, for the missing-`try` check.
  var throwingFunctions: Set<String> = []
  /// Parameter types of the session's functions, by name (implicit-member hints).
  var functionParameterTypes: [String: [CompiledType?]] = [:]
  /// Global `let`s holding a struct, enum or literal (type name, "" for literals), so
  /// mutating them is a compile error.
  var knownValueLets: [String: String] = [:]
  /// Types of the cell being compiled, before they are committed.
  var pendingTypeLookup: ((String) -> UserType?)?
  public let builtins = BuiltinRegistry()
  /// Where `print` writes. The session points it at its output sink.
  public var write: (String, OutputStreamKind) -> Void
  /// Where `readLine()` reads; nil means input is not available.
  public var readInput: ((String, Bool) throws -> String)?
  /// Why the running cell must stop: 0 = it need not, 1 = an interrupt, 2 = the error
  /// in `stopError` (`stop(with:)`). Loops and calls test it for nonzero.
  private let interruptRequested = Atomic<UInt8>(0)
  /// The thread running a cell (0: none), so a class instance freed there may run its
  /// `deinit`, and one freed elsewhere (or after the cell) does not.
  private let cellThread = Atomic<UInt>(0)

  var isRunningOnCurrentThread: Bool {
    let t = cellThread.load(ordering: .relaxed)
    return t != 0 && t == Interpreter.currentThreadID
  }

  /// The interpreter running a cell on this thread (a thread-local), for checks that meet
  /// values without an interpreter at hand (a built-in type's extension conformances).
  static var current: Interpreter? {
    guard let p = pthread_getspecific(currentKey) else { return nil }
    return Unmanaged<Interpreter>.fromOpaque(p).takeUnretainedValue()
  }

  private static let currentKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()

  static var currentThreadID: UInt {
    #if canImport(Darwin)
      UInt(bitPattern: pthread_self())
    #else
      UInt(pthread_self())
    #endif
  }
  private let stopError = Mutex<HostError?>(nil)
  var callDepth = 0
  /// User function calls deeper than this end in an error instead of a crash.
  public var maxCallDepth = 10_000
  /// Operators between values the language does not handle itself (set by the session
  /// for numeric arrays): return nil to fall back to the language's own rules.
  public var operatorHook: ((String, Value, Value) throws -> Value?)?
  private var cellNumber = 0
  /// Frames of finished calls are kept on a free list in their function's code object
  /// (all of one function's frames have the same size), so a call needs no allocation.
  @inline(__always)
  func makeFrame(_ code: CompiledFunction, parent: Frame) -> Frame {
    if let f = code.spareFrames {
      code.spareFrames = f.nextSpare
      code.spareCount &-= 1
      f.nextSpare = nil
      f.parent = parent
      return f
    }
    return Frame(count: code.slotCount, parent: parent)
  }

  /// Returns a frame to its function's free list if nothing (no closure) kept it.
  @inline(__always)
  func recycle(_ frame: inout Frame, _ code: CompiledFunction) {
    guard code.spareCount < 32, isKnownUniquelyReferenced(&frame) else { return }
    frame.reset()
    frame.nextSpare = code.spareFrames
    code.spareFrames = frame
    code.spareCount &+= 1
  }

  /// The type of the last `nil` produced from a typed source (a `-> Double?` function,
  /// `first` of a `[Double]`), so `x ?? -1` can type its literal as Swift would.
  var nilTypeHint: CompiledType?

  /// How many times a struct or enum value was copied because a mutation met a shared
  /// instance (copy on write). Tests use it to check that updates happen in place.
  var structCopies = 0
  /// How deeply `deinit` bodies are running inside one another, and whether the limit's
  /// message was written this cell.
  var deinitDepth = 0
  var deinitLimitReported = false

  public init(write: @escaping (String, OutputStreamKind) -> Void = { text, _ in print(text, terminator: "") }) {
    self.write = write
    registerStandardLibrary()
  }

  // MARK: - Interrupts

  /// Asks the running cell to stop. Safe to call from any thread; the evaluator checks
  /// the flag at every loop iteration and function call.
  public func interrupt() { interruptRequested.store(1, ordering: .relaxed) }

  /// Asks the running cell to stop with `error` at its next loop iteration or call
  /// (the session's memory watchdog uses it). Safe to call from any thread; an interrupt
  /// already waiting wins.
  public func stop(with error: HostError) {
    stopError.withLock { $0 = error }
    _ = interruptRequested.compareExchange(expected: 0, desired: 2, ordering: .relaxed)
  }

  @inline(__always)
  func checkInterrupt(_ range: SourceRange?) throws {
    if interruptRequested.load(ordering: .relaxed) != 0 { try takeInterrupt(range) }
  }

  @inline(never)
  private func takeInterrupt(_ range: SourceRange?) throws {
    let reason = interruptRequested.exchange(0, ordering: .relaxed)
    if reason == 2, let e = stopError.withLock({ e -> HostError? in defer { e = nil }; return e }) {
      throw RuntimeError(e.message, range, kind: e.kind)
    }
    if reason != 0 { throw RuntimeError("execution interrupted", range, kind: "KeyboardInterrupt") }
  }

  /// For long-running builtins (sampling): throws if an interrupt arrived.
  public func checkInterrupt() throws { try checkInterrupt(nil) }

  /// Whether an interrupt is waiting (without taking it): for work on other threads,
  /// which stops early and then calls `checkInterrupt()` on the cell's thread.
  public var isInterruptPending: Bool { interruptRequested.load(ordering: .relaxed) != 0 }

  // MARK: - Memory

  /// Checks an allocation of that many bytes against the session's memory budget and
  /// throws (a `MemoryError`) if it would pass it. The session sets it; the default
  /// allows everything. Builtins call it through `reserve(_:of:)` for large requests only.
  public var checkMemory: (Int) throws -> Void = { _ in }

  /// Throws a `MemoryError` if `count` more elements of `stride` bytes would pass the
  /// session's memory budget. Small requests (under 64K elements) are not checked.
  @inline(__always)
  public func reserve(_ count: Int, of stride: Int = MemoryLayout<Value>.stride) throws {
    if count >= 1 << 16 { try checkLargeAllocation(count, stride) }
  }

  @inline(never)
  private func checkLargeAllocation(_ count: Int, _ stride: Int) throws {
    let (bytes, overflow) = count.multipliedReportingOverflow(by: stride)
    try checkMemory(overflow ? Int.max : bytes)
  }

  // MARK: - Running cells

  /// Parses, compiles and runs one cell. Nothing runs if the cell has a syntax or name
  /// error; a run-time error keeps every binding made before it.
  public func run(_ source: String, name: String? = nil) -> CellOutcome {
    cellNumber += 1
    let file = SourceFile(name: name ?? "cell[\(cellNumber)]", text: source)
    interruptRequested.store(0, ordering: .relaxed)
    let parsed = Parser.parse(file)
    if !parsed.diagnostics.isEmpty {
      return CellOutcome(value: nil, error: CellError(compile: parsed.diagnostics, file: file))
    }
    let compiler = Compiler(interp: self, file: file)
    pendingTypeLookup = { [unowned compiler] n in compiler.pendingTypes[n] }
    defer { pendingTypeLookup = nil }
    let (exec, slotCount, _) = compiler.compileCell(parsed.statements)
    if !compiler.diagnostics.isEmpty {
      return CellOutcome(value: nil, error: CellError(compile: Diagnostic.inSourceOrder(compiler.diagnostics), file: file))
    }
    for (name, (cell, _)) in compiler.pendingGlobals where globals[name] == nil {
      globals[name] = cell
    }
    compiler.commitTypes()
    deinitLimitReported = false
    let previousThread = cellThread.exchange(Interpreter.currentThreadID, ordering: .relaxed)
    let previousCurrent = pthread_getspecific(Interpreter.currentKey)
    pthread_setspecific(Interpreter.currentKey, Unmanaged.passUnretained(self).toOpaque())
    defer {
      cellThread.store(previousThread, ordering: .relaxed)
      pthread_setspecific(Interpreter.currentKey, previousCurrent)
    }
    let frame = Frame(count: slotCount, parent: nil)
    callDepth = 0
    return outcome(file: file) {
      let flow = try exec(frame)
      if case .returned(let v) = flow, !v.isVoid { return v }
      return nil
    }
  }

  /// Calls a function value from host code between cells (a widget's callback, run when
  /// a front end moves a slider): as a cell does, it starts with no pending interrupt and
  /// an empty call stack, and an error comes back as a `CellError` (located in the cell
  /// that defined the function) instead of being thrown.
  /// With `nested`, the callback runs inside a running cell or callback: the pending
  /// interrupt and the call depth stay as they are.
  public func runCallback(_ callee: Value, _ args: Arguments, name: String = "callback", nested: Bool = false) -> CellOutcome {
    if !nested {
      interruptRequested.store(0, ordering: .relaxed)
      callDepth = 0
    }
    return outcome(file: SourceFile(name: name, text: "")) {
      let v = try callValue(callee, args)
      return v.isVoid ? nil : v
    }
  }

  /// Runs `body`, turning every error it throws into the cell's `CellError`.
  private func outcome(file: SourceFile, _ body: () throws -> Value?) -> CellOutcome {
    do {
      return CellOutcome(value: try body(), error: nil)
    } catch var e as RuntimeError {
      if e.file == nil { e.file = file }
      return CellOutcome(value: nil, error: CellError(runtime: e))
    } catch let e as HostError {
      return CellOutcome(value: nil, error: CellError(runtime: RuntimeError(e.message, nil, kind: e.kind), file: file))
    } catch let e as ThrownError {
      var r = RuntimeError("error raised at top level: \(Interpreter.errorText(e.value))", e.range, kind: Interpreter.errorKind(e.value))
      r.file = e.file ?? file
      r.stack = e.stack
      return CellOutcome(value: nil, error: CellError(runtime: r))
    } catch {
      return CellOutcome(value: nil, error: CellError(runtime: RuntimeError("\(error)", nil), file: file))
    }
  }

  /// Evaluates a single expression without recording it (Jupyter's user_expressions).
  public func evaluate(_ source: String) -> CellOutcome {
    run(source, name: "expression")
  }

  /// Calls a user function: depth limit, interrupt check, return-type conversion and the
  /// stack entry that error messages show. The common path is inlined into call sites;
  /// everything that only matters for errors is out of line.
  @inline(__always)
  func invoke(_ code: CompiledFunction, _ frame: Frame, site: CallSite?) throws -> Value {
    callDepth &+= 1
    defer { callDepth &-= 1 }
    if callDepth > maxCallDepth || interruptRequested.load(ordering: .relaxed) != 0 {
      try callRefused(code, site)
    }
    let flow: Flow
    do {
      flow = try code.body(frame)
    } catch {
      throw annotate(error, code, site)
    }
    if case .returned(let v) = flow {
      if code.returnKind.admits(v) { return v }
      return try convertReturn(code, v, site)
    }
    return try returnWithoutValue(code, site)
  }

  @inline(never)
  private func callRefused(_ code: CompiledFunction, _ site: CallSite?) throws {
    if callDepth > maxCallDepth {
      throw RuntimeError("maximum call depth (\(maxCallDepth)) exceeded in '\(code.displayName)': is the recursion missing a base case?", site?.range, kind: "RecursionError")
    }
    try checkInterrupt(site?.range)
  }

  @inline(never)
  private func convertReturn(_ code: CompiledFunction, _ v: Value, _ site: CallSite?) throws -> Value {
    guard let t = code.returnType else { return v }
    if case .nilValue = v, case .optional(let inner) = t { nilTypeHint = inner }
    do { return try t.coerce(v) } catch let e as HostError {
      throw annotate(RuntimeError("'\(code.displayName)' returned a value of the wrong type: \(e.message)", nil, kind: e.kind), code, site)
    }
  }

  @inline(never)
  private func returnWithoutValue(_ code: CompiledFunction, _ site: CallSite?) throws -> Value {
    if let t = code.returnType, !code.isClosure {
      if case .void = t {} else if case .optional(let inner) = t {
        nilTypeHint = inner
        return .nilValue
      } else {
        throw annotate(RuntimeError("missing return in '\(code.displayName)', which is declared to return '\(t)'", nil, kind: "TypeError"), code, site)
      }
    }
    return .void
  }

  /// Adds the call to an error's stack (or gives a location-less error the call site).
  @inline(never)
  private func annotate(_ error: Error, _ code: CompiledFunction, _ site: CallSite?) -> Error {
    if var t = error as? ThrownError {
      if let site { t.stack.append(StackEntry(function: code.displayName, callSite: site.range, file: site.file)) }
      return t
    }
    guard var e = error as? RuntimeError else { return error }
    if e.range == nil, let site {
      e.range = site.range
      e.file = site.file
    } else {
      if e.file == nil { e.file = code.file }
      if let site {
        e.stack.append(StackEntry(function: code.displayName, callSite: site.range, file: site.file))
      }
    }
    return e
  }

  /// Runs `body`, turning a `HostError` (a builtin's complaint) into a located error.
  @inline(__always)
  func withRange<T>(_ range: SourceRange, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let e as HostError {
      throw RuntimeError(e.message, range, kind: e.kind)
    }
  }

  /// The name an uncaught error shows as its kind: the error value's type.
  static func errorKind(_ v: Value) -> String {
    if case .instance(let i) = v { return i.type.name }
    return v.typeName
  }

  /// An error value as Swift's top-level error message shows it (`VendingError.outOfStock`).
  static func errorText(_ v: Value) -> String {
    let d = debugDescription(v)
    return d.hasPrefix("main.") ? String(d.dropFirst(5)) : d
  }

  /// Calls any callable value with evaluated arguments (used by builtins such as `map`).
  public func callValue(_ callee: Value, _ args: Arguments) throws -> Value {
    switch callee {
    case .function(let fn):
      return try fn.call(args, self)
    case .type(let t):
      guard let c = t.construct else { throw HostError("'\(t.name)' cannot be constructed", kind: "TypeError") }
      return try c(args, self)
    case .host(let h):
      if let v = try h.call(args, self) { return v }
      throw HostError("value of type '\(h.typeName)' cannot be called", kind: "TypeError")
    default:
      throw HostError("cannot call a value of type '\(callee.typeName)'", kind: "TypeError")
    }
  }

  /// Calls a function value with positional arguments.
  public func call(_ callee: Value, _ values: [Value]) throws -> Value {
    try callValue(callee, Arguments(values))
  }

  /// Defines (or replaces) a session global from host code.
  public func define(_ name: String, _ value: Value, isLet: Bool = true) {
    let cell = globals[name] ?? GlobalCell(name: name)
    cell.value = value
    cell.version &+= 1
    cell.isDefined = true
    cell.isLet = isLet
    globals[name] = cell
  }

  /// The current value of a session global.
  public func global(_ name: String) -> Value? {
    guard let c = globals[name], c.isDefined else { return nil }
    return c.value
  }
}
