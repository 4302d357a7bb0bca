import Arrays
import Autodiff
import CellLanguage
import Probability

/// One site a model reaches (`sample`, `deterministic`, `factor`), as NumPyro's message:
/// effect handlers read and change it on its way down the handler stack.
final class Site {
  enum Kind: String { case sample, deterministic, factor }
  let kind: Kind
  let name: String
  var distribution: DistributionHost?
  var value: Value?
  var isObserved: Bool
  var key: PRNGKey?
  /// Set by `block`: outer handlers do not see the site.
  var stop = false
  /// The plates (name, size, dim) the site sits in.
  var plates: [PlateFrame]

  init(kind: Kind, name: String, distribution: DistributionHost?, value: Value?, isObserved: Bool, plates: [PlateFrame]) {
    self.kind = kind
    self.name = name
    self.distribution = distribution
    self.value = value
    self.isObserved = isObserved
    self.plates = plates
  }

  func copy() -> Site {
    let s = Site(kind: kind, name: name, distribution: distribution, value: value, isObserved: isObserved, plates: plates)
    s.key = key
    return s
  }
}

struct PlateFrame {
  let name: String
  let size: Int
  /// Negative: the batch axis counted from the right.
  let dim: Int
}

/// An effect handler (NumPyro's `Messenger`): `process` sees a site before it is
/// handled (innermost handler first), `postprocess` after (outermost last).
class Handler {
  func process(_ site: Site) throws {}
  func postprocess(_ site: Site) throws {}
}

/// The handler stack and plates of the model runs in progress.
final class ModelRuntime {
  var stack: [Handler] = []
  var plates: [PlateFrame] = []

  /// Runs `body` with `handler` pushed (innermost).
  func with<T>(_ handler: Handler, _ body: () throws -> T) rethrows -> T {
    stack.append(handler)
    let savedPlates = plates
    defer {
      stack.removeLast()
      plates = savedPlates
    }
    return try body()
  }

  /// Runs `model` with `args` under seed(`key`) and, when given, substitute(`data`),
  /// and returns the sites it reached (what Predictive, logLikelihood, the density
  /// functions and the init strategies read).
  func tracedRun(_ model: Value, _ args: Arguments, key: PRNGKey, substituting data: [String: Value]? = nil, _ interp: Interpreter) throws -> [Site] {
    let t = TraceHandler()
    _ = try with(t) {
      try with(SeedHandler(key)) {
        guard let data else { return try interp.callValue(model, args) }
        return try with(SubstituteHandler(data)) { try interp.callValue(model, args) }
      }
    }
    return t.sites
  }

  /// Sends a site through the handlers, then takes the default action (draw a value
  /// for a sample site that still has none), then post-processes.
  func apply(_ site: Site) throws {
    var reached = stack.count
    for i in stride(from: stack.count - 1, through: 0, by: -1) {
      try stack[i].process(site)
      reached = i
      if site.stop { break }
    }
    if site.kind == .sample, site.value == nil, let d = site.distribution {
      guard let key = site.key else {
        throw HostError("sample('\(site.name)', …) has no random key to draw with: run the model under seed(model, PRNGKey(0)), or through MCMC or Predictive", kind: "ModelError")
      }
      site.value = arrayValue(try d.sample(key))
    }
    for i in reached..<stack.count { try stack[i].postprocess(site) }
  }
}

// MARK: - Handlers

/// `seed`: gives every sample site that needs one a fresh key split from its own.
final class SeedHandler: Handler {
  var key: PRNGKey
  init(_ key: PRNGKey) { self.key = key }
  override func process(_ site: Site) throws {
    guard site.kind == .sample, site.value == nil, site.key == nil else { return }
    let keys = key.split(2)
    key = keys[0]
    site.key = keys[1]
  }
}

/// `trace`: records every site it sees, in order; a repeated name is an error.
final class TraceHandler: Handler {
  var sites: [Site] = []
  var names: Set<String> = []
  override func postprocess(_ site: Site) throws {
    guard names.insert(site.name).inserted else {
      throw HostError("duplicate site name '\(site.name)': every sample, deterministic and factor in a model needs its own name", kind: "ModelError")
    }
    sites.append(site.copy())
  }
}

/// `substitute`: sample sites named in `data` take those values.
final class SubstituteHandler: Handler {
  let data: [String: Value]
  init(_ data: [String: Value]) { self.data = data }
  override func process(_ site: Site) throws {
    if site.kind == .sample, let v = data[site.name] { site.value = v }
  }
}

/// `condition`: sample sites named in `data` become observed with those values.
final class ConditionHandler: Handler {
  let data: [String: Value]
  init(_ data: [String: Value]) { self.data = data }
  override func process(_ site: Site) throws {
    if site.kind == .sample, let v = data[site.name] {
      site.value = v
      site.isObserved = true
    }
  }
}

/// `block`: hides sites (all, or those named in `hide`, or all but `expose`) from the
/// handlers outside it.
final class BlockHandler: Handler {
  let hide: Set<String>?
  let expose: Set<String>?
  init(hide: Set<String>?, expose: Set<String>?) {
    self.hide = hide
    self.expose = expose
  }
  override func process(_ site: Site) throws {
    if let expose { site.stop = !expose.contains(site.name); return }
    if let hide { site.stop = hide.contains(site.name); return }
    site.stop = true
  }
}

/// `replay`: latent sample sites take their values from a recorded trace.
final class ReplayHandler: Handler {
  let values: [String: Value]
  init(_ values: [String: Value]) { self.values = values }
  override func process(_ site: Site) throws {
    if site.kind == .sample, !site.isObserved, let v = values[site.name] { site.value = v }
  }
}

extension ModelRuntime {
  /// The distribution a sample site draws from inside the current plates: its batch
  /// shape broadcast to each plate's size at the plate's axis.
  func applyPlates(_ d: DistributionHost, site name: String) throws -> DistributionHost {
    guard !plates.isEmpty else { return d }
    var batch = d.batchShape
    for p in plates {
      let needed = -p.dim
      if batch.count < needed { batch = Array(repeating: 1, count: needed - batch.count) + batch }
      let axis = batch.count + p.dim
      guard batch[axis] == 1 || batch[axis] == p.size else {
        throw HostError("sample('\(name)'): the distribution's batch shape \(Graph.shapeText(d.batchShape)) has size \(batch[axis]) at dim \(p.dim), but plate '\(p.name)' has size \(p.size)", kind: "ShapeError")
      }
      batch[axis] = p.size
    }
    return try d.expand(batch)
  }
}
