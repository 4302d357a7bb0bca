import Arrays
import Autodiff
import CellLanguage
import Probability

/// `Predictive(model, posteriorSamples:)` / `Predictive(model, numSamples:)`: calling it
/// with a key and the model's arguments runs the model once per draw — latent sites
/// fixed to the draw's values (posterior) or drawn (prior) — and returns the sites it
/// sampled (an observed site passed as `nil` is predicted) and the deterministics,
/// shaped (draws, …).
final class PredictiveHost: HostObject {
  let model: Value
  let posterior: SamplesHost?
  let numSamples: Int?
  let returnSites: [String]?
  let runtime: ModelRuntime

  init(model: Value, posterior: SamplesHost?, numSamples: Int?, returnSites: [String]?, runtime: ModelRuntime) {
    self.model = model
    self.posterior = posterior
    self.numSamples = numSamples
    self.returnSites = returnSites
    self.runtime = runtime
  }

  var typeName: String { "Predictive" }
  var description: String {
    posterior.map { "Predictive(\(describe(model)), posteriorSamples: \($0.description))" } ?? "Predictive(\(describe(model)), numSamples: \(numSamples ?? 0))"
  }

  func call(_ args: Arguments, _ interp: Interpreter) throws -> Value? {
    guard args.count >= 1, args.labels[0] == nil else {
      throw HostError("a Predictive is called with a random key first, then the model's arguments by label", kind: "TypeError")
    }
    let key: PRNGKey
    if case .int(let i) = args[0] { key = PRNGKey(i) } else { key = try requireKey(args[0], "Predictive") }
    let modelArgs = Arguments(Array(args.values.dropFirst()), labels: Array(args.labels.dropFirst()))
    // Posterior draws flattened over chains.
    var latent: [String: NDArray] = [:]
    var draws = numSamples ?? 0
    if let posterior {
      for name in posterior.names { latent[name] = try posterior.array(name) }
      let counts = Set(latent.values.map { $0.shape[0] })
      guard counts.count <= 1 else { throw HostError("Predictive: the posterior samples disagree on the number of draws", kind: "ShapeError") }
      draws = numSamples.map { min($0, counts.first ?? 0) } ?? (counts.first ?? 0)
    }
    guard draws > 0 else { throw HostError("Predictive needs posteriorSamples with draws, or numSamples: > 0", kind: "ValueError") }
    let keys = key.split(draws)
    var names: [String] = []
    var columns: [String: [Double]] = [:]
    var shapes: [String: [Int]] = [:]
    for d in 0..<draws {
      try interp.checkInterrupt()
      var data: [String: Value] = [:]
      for (name, a) in latent { data[name] = arrayValue(try arrays { try a.get([.at(d)]) }) }
      for s in try runtime.tracedRun(model, modelArgs, key: keys[d], substituting: data, interp) {
        let wanted: Bool
        if let returnSites { wanted = returnSites.contains(s.name) } else {
          wanted = (s.kind == .sample && !s.isObserved && latent[s.name] == nil) || s.kind == .deterministic
        }
        guard wanted, let v = s.value, let a = asArray(v) else { continue }
        if d == 0 {
          names.append(s.name)
          shapes[s.name] = a.shape
          columns[s.name] = []
          columns[s.name]!.reserveCapacity(draws * a.size)
        }
        guard shapes[s.name] == a.shape else {
          throw HostError("Predictive: site '\(s.name)' changed shape between draws (\(shapes[s.name]!) then \(a.shape))", kind: "ShapeError")
        }
        columns[s.name]!.append(contentsOf: a.converted(to: .double).doubles)
      }
    }
    if let returnSites {
      for r in returnSites where !names.contains(r) {
        throw HostError("Predictive: the model has no site '\(r)'", kind: "KeyError")
      }
    }
    var grouped: [String: NDArray] = [:]
    for n in names { grouped[n] = try NDArray(columns[n]!, shape: [1, draws] + shapes[n]!) }
    return .host(SamplesHost(names: names, grouped: grouped, byChain: false, label: "Samples"))
  }
}

extension Session {
  func registerPredictiveBindings() {
    let b = interpreter.builtins
    let runtime = modelRuntime
    b.function("Predictive", "Predictive(_ model, posteriorSamples: samples? = nil, numSamples: Int? = nil, returnSites: [String]? = nil)",
      """
      Posterior or prior predictive draws (NumPyro's `Predictive`). `Predictive(model, posteriorSamples: mcmc.getSamples())(key, X: X, …)` runs the model once per posterior draw with the latent sites fixed and returns every site it sampled — pass an observed site as `nil` (or leave it out) to predict it — and the deterministics, as samples shaped (draws, …). `Predictive(model, numSamples: 500)(key, …)` draws from the prior.
      """) { args, _ in
      let p = try NamedArguments("Predictive", args, positional: ["model"], labeled: ["posteriorSamples", "numSamples", "returnSites"], required: ["model"])
      guard p["model"]!.isCallable else { throw HostError("Predictive needs a model function, not \(p["model"]!.typeName)", kind: "TypeError") }
      var posterior: SamplesHost?
      if let v = p["posteriorSamples"] {
        switch v {
        case .host(let h as SamplesHost): posterior = h
        case .host(let h as MCMCHost):
          guard let s = h.samples else { throw HostError("Predictive: the MCMC has no draws yet", kind: "ValueError") }
          posterior = s
        default:
          let named = try namedValues(v, "Predictive(posteriorSamples:)")
          var grouped: [String: NDArray] = [:]
          for (k, x) in named {
            let a = try requireArray(x, "posteriorSamples['\(k)']")
            grouped[k] = try arrays { try a.converted(to: .double).reshaped([1] + a.shape) }
          }
          posterior = SamplesHost(names: named.keys.sorted(), grouped: grouped, byChain: false)
        }
      }
      let n = try p["numSamples"].map { try Arg.int($0, "numSamples") }
      if posterior == nil && n == nil { throw HostError("Predictive needs posteriorSamples: or numSamples:", kind: "TypeError") }
      if let n, n <= 0 { throw HostError("Predictive: numSamples must be positive, got \(n)", kind: "ValueError") }
      let sites = try p["returnSites"].map { try sequenceElements($0).map { try Arg.string($0, "a site name") } }
      return .host(PredictiveHost(model: p["model"]!, posterior: posterior, numSamples: n, returnSites: sites, runtime: runtime))
    }

    b.function("logLikelihood", "logLikelihood(_ model, _ samples, model arguments by label…) -> samples",
      "The pointwise log-likelihood of each observed site for each draw (`numpyro.infer.log_likelihood`), shaped (chains, draws, …) when the samples know their chains — what `loo` and `waic` read.") { args, interp in
      guard args.count >= 2, args.labels[0] == nil, args.labels[1] == nil else {
        throw HostError("logLikelihood(_ model, _ samples, arguments by label…)", kind: "TypeError")
      }
      let model = args[0]
      let samples: SamplesHost
      switch args[1] {
      case .host(let h as SamplesHost): samples = h
      case .host(let h as MCMCHost):
        guard let s = h.samples else { throw HostError("logLikelihood: the MCMC has no draws yet", kind: "ValueError") }
        samples = s
      default: throw HostError("logLikelihood needs samples from getSamples() (or an MCMC), not \(args[1].typeName)", kind: "TypeError")
      }
      let modelArgs = Arguments(Array(args.values.dropFirst(2)), labels: Array(args.labels.dropFirst(2)))
      guard let first = samples.names.first, let shape = samples.grouped[first]?.shape else { throw HostError("logLikelihood: no draws", kind: "ValueError") }
      let (chains, draws) = (shape[0], shape[1])
      var names: [String] = []
      var columns: [String: [Double]] = [:]
      var shapes: [String: [Int]] = [:]
      for c in 0..<chains {
        for d in 0..<draws {
          try interp.checkInterrupt()
          var data: [String: Value] = [:]
          for n in samples.names { data[n] = arrayValue(try arrays { try samples.grouped[n]!.get([.at(c), .at(d)]) }) }
          for s in try runtime.tracedRun(model, modelArgs, key: PRNGKey(0), substituting: data, interp) where s.kind == .sample && s.isObserved {
            guard let dist = s.distribution, let v = s.value, let lp = asArray(try dist.logProb(v)) else { continue }
            if columns[s.name] == nil { names.append(s.name); columns[s.name] = []; shapes[s.name] = lp.shape }
            columns[s.name]!.append(contentsOf: lp.converted(to: .double).doubles)
          }
        }
      }
      var grouped: [String: NDArray] = [:]
      for n in names { grouped[n] = try NDArray(columns[n]!, shape: [chains, draws] + shapes[n]!) }
      return .host(SamplesHost(names: names, grouped: grouped, byChain: chains > 1, label: "LogLikelihood"))
    }

    b.function("potentialEnergy", "potentialEnergy(_ model, _ params: [String: value], model arguments by label…) -> Double",
      "The potential energy −log p of the model at constrained parameter values (NumPyro's `potential_energy` takes unconstrained ones; here the values are the sites' own), with the log-Jacobians of the transforms to the unconstrained space, as the sampler sees it.") { args, interp in
      try modelDensity(args, interp, runtime, name: "potentialEnergy", potential: true)
    }
    b.function("logDensity", "logDensity(_ model, _ params: [String: value], model arguments by label…) -> Double",
      "The model's log joint density at constrained parameter values (NumPyro's `log_density`): Σ log p of every sample site, observed ones included, and every factor.") { args, interp in
      try modelDensity(args, interp, runtime, name: "logDensity", potential: false)
    }
  }
}

/// log p(θ, data) at constrained values (or the potential, with Jacobians, negated).
private func modelDensity(_ args: Arguments, _ interp: Interpreter, _ runtime: ModelRuntime, name: String, potential: Bool) throws -> Value {
  guard args.count >= 2, args.labels[0] == nil, args.labels[1] == nil else {
    throw HostError("\(name)(_ model, _ params: [String: value], arguments by label…)", kind: "TypeError")
  }
  let data = try namedValues(args[1], "\(name)'s params")
  let modelArgs = Arguments(Array(args.values.dropFirst(2)), labels: Array(args.labels.dropFirst(2)))
  var total = 0.0
  for s in try runtime.tracedRun(args[0], modelArgs, key: PRNGKey(0), substituting: data, interp) {
    switch s.kind {
    case .sample:
      guard let d = s.distribution, let v = s.value else { continue }
      if !s.isObserved && data[s.name] == nil {
        throw HostError("\(name): no value for the latent site '\(s.name)'", kind: "KeyError")
      }
      guard let lp = asArray(try d.logProb(v)) else { continue }
      total += lp.converted(to: .double).doubles.reduce(0, +)
      if potential && !s.isObserved, let x = asArray(v), let bij = d.support.bijector(lastDimension: x.shape.last ?? 0) {
        // log|det J| of the forward map at the unconstrained point u = f⁻¹(x).
        let u = bij.inverse(x.converted(to: .double).doubles)
        total += bij.forward(u).logAbsDetJacobian
      }
    case .factor:
      if let v = s.value, let a = asArray(v) { total += a.converted(to: .double).doubles.reduce(0, +) }
    case .deterministic: break
    }
  }
  return .double(potential ? -total : total)
}
