import Arrays
import Autodiff
import CellLanguage
import Probability

/// A model wrapped in an effect handler (`seed(model, key)`, `trace(model)`, …): calling
/// it runs the inner callable with the handler on the stack.
final class HandledModel: HostObject {
  let inner: Value
  let handler: Handler
  let kind: String
  let runtime: ModelRuntime

  init(_ inner: Value, _ handler: Handler, kind: String, runtime: ModelRuntime) {
    self.inner = inner
    self.handler = handler
    self.kind = kind
    self.runtime = runtime
  }

  var typeName: String { "Handled" }
  var description: String { "\(kind)(\(describe(inner)))" }
  var memberNames: [String] { kind == "trace" ? ["getTrace"] : [] }

  func call(_ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    try runtime.with(handler) { try interpreter.callValue(inner, args) }
  }

  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    guard name == "getTrace", kind == "trace" else { return nil }
    let t = TraceHandler()
    _ = try runtime.with(t) { try interpreter.callValue(inner, args) }
    return .host(TraceResult(t.sites))
  }
}

/// The sites a traced run recorded, by name, in order (NumPyro's trace dict).
final class TraceResult: HostObject {
  let sites: [Site]
  init(_ sites: [Site]) { self.sites = sites }
  var typeName: String { "Trace" }
  var description: String {
    "Trace(" + sites.map { s in
      let shape = s.value.flatMap(asArray).map { Graph.shapeText($0.shape) } ?? "()"
      return "\(s.name): \(s.kind.rawValue)\(s.isObserved ? " observed" : "") \(shape)"
    }.joined(separator: ", ") + ")"
  }
  var memberNames: [String] { ["keys", "count"] }
  func property(_ name: String) throws -> Value? {
    switch name {
    case "keys": return stringArrayValue(sites.map(\.name))
    case "count": return .int(sites.count)
    default: return nil
    }
  }
  func values() -> [String: Value] {
    var out: [String: Value] = [:]
    for s in sites { if let v = s.value { out[s.name] = v } }
    return out
  }
  func subscriptGet(_ args: Arguments) throws -> Value? {
    guard args.count == 1, case .string(let name) = args[0] else { return nil }
    guard let s = sites.first(where: { $0.name == name }) else {
      throw HostError("no site '\(name)' in this trace; its sites are \(sites.map(\.name).joined(separator: ", "))", kind: "KeyError")
    }
    var d = DictionaryValue(keyType: .string, valueType: nil)
    try d.set(.string("type"), .string(s.kind.rawValue))
    try d.set(.string("name"), .string(s.name))
    try d.set(.string("fn"), s.distribution.map { .host($0) } ?? .nilValue)
    try d.set(.string("value"), s.value ?? .nilValue)
    try d.set(.string("isObserved"), .bool(s.isObserved))
    return .dictionary(d)
  }
  func elements() throws -> [Value]? { sites.map { .string($0.name) } }
}

/// Named values from a dictionary `[String: …]`, a samples value or a trace.
func namedValues(_ v: Value, _ what: String) throws -> [String: Value] {
  switch v {
  case .dictionary(let d):
    var out: [String: Value] = [:]
    for (k, x) in zip(d.keys, d.values) {
      guard case .string(let name) = k else { throw HostError("\(what) needs String keys (site names), not \(k.typeName)", kind: "TypeError") }
      // A Swift array of numbers stands for the site's array value, as `sample` returns
      // it (so `a[g]` indexes it as in the model).
      if case .array = x, let a = asArray(x) { out[name] = .host(ArrayHost(a)) } else { out[name] = x }
    }
    return out
  case .host(let h as TraceResult): return h.values()
  case .host(let h as SamplesHost): return h.namedArrays()
  default: throw HostError("\(what) must be a dictionary from site names to values, not \(v.typeName)", kind: "TypeError")
  }
}

extension Session {
  func registerModelBindings() {
    let b = interpreter.builtins
    let runtime = modelRuntime
    registerDistributionBindings()

    b.function("sample", "sample(_ name: String, _ distribution, obs: value? = nil) -> value",
      """
      A random variable of a model (NumPyro's `numpyro.sample`). With `obs:` the site is observed: its log density joins the likelihood and the observed value is returned. Without it the site is latent: under `MCMC` it is a parameter (sampled on the unconstrained space), under `seed(model, key)` and `Predictive` it is drawn.

      A model is any `func` that calls `sample`; calling it needs a handler that supplies randomness (`seed`, `MCMC`, `Predictive`). Site names must be unique in a model run.
      """) { args, _ in
      let p = try args.bind("sample", [nil, nil, "obs"], optional: ["obs"])
      guard case .string(let name) = p[0]! else { throw HostError("sample's first argument is the site name, a String, not \(p[0]!.typeName)", kind: "TypeError") }
      guard case .host(let h) = p[1]!, var d = h as? DistributionHost else {
        throw HostError("sample('\(name)', …) needs a distribution such as Normal(0, 1), not \(p[1]!.typeName)", kind: "TypeError")
      }
      guard !runtime.stack.isEmpty else {
        throw HostError("sample('\(name)', …) ran outside a model run: call the model through seed(model, PRNGKey(0)) for a prior draw, or through MCMC or Predictive", kind: "ModelError")
      }
      d = try runtime.applyPlates(d, site: name)
      var obs: Value? = nil
      if let o = p[2] { if case .nilValue = o {} else { obs = o.unwrappedForModel } }
      if let o = obs, let a = asArray(o) {
        // The observed value must broadcast with the distribution's shape.
        guard (try? Graph.broadcastShape(a.shape, d.shape)) != nil else {
          throw HostError("sample('\(name)', …, obs:): observed data of shape \(Graph.shapeText(a.shape)) do not broadcast with the distribution's shape \(Graph.shapeText(d.shape))", kind: "ShapeError")
        }
      }
      let site = Site(kind: .sample, name: name, distribution: d, value: obs, isObserved: obs != nil, plates: runtime.plates)
      try runtime.apply(site)
      return site.value ?? .void
    }
    b.function("deterministic", "deterministic(_ name: String, _ value) -> value",
      "Records a value computed in a model (`numpyro.deterministic`): it is kept with the draws, as a site of its own.") { args, _ in
      let p = try args.bind("deterministic", [nil, nil])
      guard case .string(let name) = p[0]! else { throw HostError("deterministic's first argument is the site name, a String", kind: "TypeError") }
      guard !runtime.stack.isEmpty else { return p[1]! }
      let site = Site(kind: .deterministic, name: name, distribution: nil, value: p[1]!, isObserved: false, plates: runtime.plates)
      try runtime.apply(site)
      return site.value ?? p[1]!
    }
    b.function("factor", "factor(_ name: String, _ logp)",
      "Adds `logp` (a number or an array, summed) to the model's log density (`numpyro.factor`).") { args, _ in
      let p = try args.bind("factor", [nil, nil])
      guard case .string(let name) = p[0]! else { throw HostError("factor's first argument is the site name, a String", kind: "TypeError") }
      guard !runtime.stack.isEmpty else { return .void }
      let site = Site(kind: .factor, name: name, distribution: nil, value: p[1]!, isObserved: true, plates: runtime.plates)
      try runtime.apply(site)
      return .void
    }
    b.function("plate", "plate(_ name: String, _ size: Int, dim: Int? = nil) { … }",
      "Runs its closure with every `sample` inside broadcast to `size` along batch axis `dim` (counted from the right, -1 by default for the outermost plate), as NumPyro's `with numpyro.plate(...)`; shapes that do not fit are errors. Returns the closure's result.") { args, interp in
      guard let body = args.values.last, body.isCallable, args.count >= 3 else {
        throw HostError("plate(_ name: String, _ size: Int, dim: Int? = nil) { … } needs its body as a trailing closure", kind: "TypeError")
      }
      var p = try Arguments(Array(args.values.dropLast()), labels: Array(args.labels.dropLast())).bind("plate", [nil, nil, "dim"], optional: ["dim"])
      p.append(body)
      guard case .string(let name) = p[0]! else { throw HostError("plate's first argument is its name, a String", kind: "TypeError") }
      let size = try Arg.int(p[1]!, "size")
      guard size >= 0 else { throw HostError("plate('\(name)'): size must be non-negative, got \(size)", kind: "ValueError") }
      let used = Set(runtime.plates.map(\.dim))
      var dim = try p[2].map { try Arg.int($0, "dim") } ?? -1
      if p[2] == nil { while used.contains(dim) { dim -= 1 } }
      guard dim < 0 else { throw HostError("plate('\(name)'): dim must be negative (a batch axis counted from the right), got \(dim)", kind: "ValueError") }
      if used.contains(dim) { throw HostError("plate('\(name)'): dim \(dim) is already used by an enclosing plate", kind: "ValueError") }
      runtime.plates.append(PlateFrame(name: name, size: size, dim: dim))
      defer { runtime.plates.removeLast() }
      return try interp.callValue(p[3]!, Arguments([]))
    }

    func handlerFunction(_ name: String, _ signature: String, _ doc: String, _ params: [String?], optional: Set<String> = [],
                         _ make: @escaping ([Value?]) throws -> Handler) {
      b.function(name, signature, doc) { args, _ in
        let p = try args.bind(name, params, optional: optional)
        return .host(HandledModel(p[0]!, try make(p), kind: name, runtime: runtime))
      }
    }
    handlerFunction("seed", "seed(_ model, _ key: PRNGKey | Int) -> model",
      "Runs `model` with randomness from `key` (NumPyro's `handlers.seed`): each `sample` without a value draws with a fresh key split from it.", [nil, nil]) { p in
      if case .int(let i) = p[1]! { return SeedHandler(PRNGKey(i)) }
      return SeedHandler(try requireKey(p[1], "seed"))
    }
    handlerFunction("trace", "trace(_ model) -> model with getTrace(…)",
      "Records the sites of a run (NumPyro's `handlers.trace`): `trace(seed(model, key)).getTrace(args…)` returns them by name.", [nil]) { _ in TraceHandler() }
    handlerFunction("substitute", "substitute(_ model, data: [String: value]) -> model",
      "Gives the named sample sites fixed values (NumPyro's `handlers.substitute`).", [nil, "data"]) { p in
      SubstituteHandler(try namedValues(p[1]!, "substitute(data:)"))
    }
    handlerFunction("condition", "condition(_ model, data: [String: value]) -> model",
      "Observes the named sample sites at the given values (NumPyro's `handlers.condition`).", [nil, "data"]) { p in
      ConditionHandler(try namedValues(p[1]!, "condition(data:)"))
    }
    handlerFunction("block", "block(_ model, hide: [String]? = nil, expose: [String]? = nil) -> model",
      "Hides sites from the handlers outside it (NumPyro's `handlers.block`).", [nil, "hide", "expose"], optional: ["hide", "expose"]) { p in
      func names(_ v: Value?) throws -> Set<String>? {
        guard let v else { return nil }
        return Set(try sequenceElements(v).map { try Arg.string($0, "a site name") })
      }
      return BlockHandler(hide: try names(p[1]), expose: try names(p[2]))
    }
    handlerFunction("replay", "replay(_ model, trace: Trace) -> model",
      "Replays latent sample sites from a recorded trace (NumPyro's `handlers.replay`).", [nil, "trace"]) { p in
      guard case .host(let h as TraceResult) = p[1]! else { throw HostError("replay(trace:) needs a trace from getTrace", kind: "TypeError") }
      return ReplayHandler(h.values())
    }
  }
}

extension Value {
  /// The value inside an optional (`Y` passed as `[Double]?`).
  var unwrappedForModel: Value {
    if case .some(let inner) = self { return inner.unwrappedForModel }
    return self
  }
}
