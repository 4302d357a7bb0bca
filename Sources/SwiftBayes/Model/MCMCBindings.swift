import Arrays
import Autodiff
import CellLanguage
import Foundation
import Inference
import Probability

/// How chains start (NumPyro's `init_to_*` strategies).
enum InitChoice {
  case uniform(Double)
  case median(Int)
  case sample
  case values([String: NDArray])
}

final class InitHost: HostObject {
  let choice: InitChoice
  init(_ choice: InitChoice) { self.choice = choice }
  var typeName: String { "InitStrategy" }
  var description: String {
    switch choice {
    case .uniform(let r): return "initToUniform(radius: \(r))"
    case .median(let n): return "initToMedian(numSamples: \(n))"
    case .sample: return "initToSample()"
    case .values(let v): return "initToValue(values: [" + v.keys.sorted().joined(separator: ", ") + "])"
    }
  }
}

/// `NUTS(model, …)` or `HMC(model, …)`: a model with its sampler settings.
final class KernelHost: HostObject {
  let model: Value
  let kernel: SamplerKernel
  let initChoice: InitChoice
  let name: String
  init(model: Value, kernel: SamplerKernel, initChoice: InitChoice, name: String) {
    self.model = model
    self.kernel = kernel
    self.initChoice = initChoice
    self.name = name
  }
  var typeName: String { name }
  var description: String {
    switch kernel {
    case .nuts(let c): return "NUTS(\(describe(model)), targetAcceptProb: \(c.targetAcceptProb), maxTreeDepth: \(c.maxTreeDepth), denseMass: \(c.denseMass))"
    case .hmc(let c): return "HMC(\(describe(model)), numSteps: \(c.numSteps.map(String.init) ?? "nil"), trajectoryLength: \(c.trajectoryLength))"
    }
  }
}

/// An MCMC run (NumPyro's `MCMC`): compiles the model on `run`, samples chains in
/// parallel with live progress, and keeps the draws.
final class MCMCHost: HostObject, DrawsSource {
  let kernel: KernelHost
  let numWarmup: Int, numSamples: Int, numChains: Int, thinning: Int
  let progressBar: Bool
  /// 1 for `chainMethod: "sequential"`; otherwise every core.
  let maxThreads: Int
  let session: Session
  var compiled: CompiledModel?
  var compiledArgs: Arguments?
  var results: ChainResults?
  var samples: SamplesHost?
  /// The pointwise log-likelihood of the observed sites, computed on first use (by
  /// `mcmc.logLikelihood`, `loo(mcmc)`, `waic(mcmc)`): at 3000 groups it is 4 × 1000 ×
  /// 105,180 numbers (3.4 GB), which a run should not pay for unless asked.
  private var logLikelihoodCache: SamplesHost?
  private var logLikelihoodInputs: (results: ChainResults, model: CompiledModel, kept: Int)?

  func logLikelihood() throws -> SamplesHost? {
    if let logLikelihoodCache { return logLikelihoodCache }
    guard let (results, model, kept) = logLikelihoodInputs else { return nil }
    var ll: [String: [NDArray]] = [:]
    for chain in results.chains {
      let draws = Array(chain.draws.prefix(kept * model.dimension))
      for (n, a) in try model.pointwiseLogLikelihood(draws, count: kept) { ll[n, default: []].append(a) }
    }
    let host = SamplesHost(names: model.observedNames, grouped: try ll.mapValues { list in try arrays { try NDArray.stack(list) } },
                           byChain: true, label: "LogLikelihood")
    logLikelihoodCache = host
    logLikelihoodInputs = nil
    return host
  }
  var resumeState: [ChainState]?
  var lastArgs: Arguments?
  var lastKey: PRNGKey?

  init(kernel: KernelHost, numWarmup: Int, numSamples: Int, numChains: Int, thinning: Int, progressBar: Bool, maxThreads: Int = .max, session: Session) {
    self.maxThreads = maxThreads
    self.kernel = kernel
    self.numWarmup = numWarmup
    self.numSamples = numSamples
    self.numChains = numChains
    self.thinning = thinning
    self.progressBar = progressBar
    self.session = session
  }

  var typeName: String { "MCMC" }
  var description: String {
    "MCMC(\(kernel.name), numWarmup: \(numWarmup), numSamples: \(numSamples), numChains: \(numChains)" + (thinning > 1 ? ", thinning: \(thinning)" : "") + ")"
      + (results.map { _ in " with \(samples?.names.count ?? 0) sites sampled" } ?? "")
  }

  var memberNames: [String] {
    ["run", "getSamples", "getExtraFields", "printSummary", "lastState", "postWarmupState", "numChains", "numSamples", "numWarmup", "wallTime", "compileTime", "logLikelihood", "writeCSV", "writeJSON"]
  }

  func chainDraws() throws -> ChainDraws {
    guard let samples else { throw HostError("this MCMC has no draws yet: call run(key, …) first", kind: "ValueError") }
    return try samples.chainDraws()
  }

  func property(_ name: String) throws -> Value? {
    switch name {
    case "numChains": return .int(numChains)
    case "numSamples": return .int(numSamples)
    case "numWarmup": return .int(numWarmup)
    case "wallTime": return results.map { .double($0.wallSeconds) } ?? .nilValue
    case "compileTime": return compiled.map { .double($0.compileSeconds) } ?? .nilValue
    case "lastState":
      guard let states = results?.chains.compactMap(\.postWarmupState), states.count == numChains else { return .nilValue }
      return .host(StateHost(states))
    case "postWarmupState": return resumeState.map { .host(StateHost($0)) } ?? .nilValue
    case "logLikelihood": return try logLikelihood().map { .host($0) } ?? .nilValue
    default: return nil
    }
  }

  func setProperty(_ name: String, _ value: Value) throws -> Bool {
    guard name == "postWarmupState" else { return false }
    switch value {
    case .nilValue: resumeState = nil
    case .host(let h as StateHost): resumeState = h.states
    case .some(.host(let h as StateHost)): resumeState = h.states
    default: throw HostError("postWarmupState takes mcmc.lastState (or nil), not \(value.typeName)", kind: "TypeError")
    }
    return true
  }

  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    switch name {
    case "run": try run(args, interpreter); return .void
    case "getSamples", "get_samples":
      let p = try args.bind("getSamples", ["groupByChain"], optional: ["groupByChain"])
      let byChain = try p[0].map { try Arg.bool($0, "groupByChain") } ?? false
      guard let s = samples else { throw HostError("this MCMC has no draws yet: call run(key, …) first", kind: "ValueError") }
      return .host(SamplesHost(names: s.names, grouped: s.grouped, byChain: byChain, sampleStats: s.sampleStats, maxTreeDepth: s.maxTreeDepth))
    case "getExtraFields", "get_extra_fields":
      let p = try args.bind("getExtraFields", ["groupByChain"], optional: ["groupByChain"])
      let byChain = try p[0].map { try Arg.bool($0, "groupByChain") } ?? false
      guard let s = samples else { throw HostError("this MCMC has no draws yet: call run(key, …) first", kind: "ValueError") }
      let names = ["diverging", "treeDepth", "numSteps", "stepSize", "energy", "acceptProb", "potentialEnergy"].filter { s.sampleStats[$0] != nil }
      return .host(SamplesHost(names: names, grouped: s.sampleStats, byChain: byChain, label: "ExtraFields"))
    case "printSummary", "print_summary":
      let p = try args.bind("printSummary", ["prob"], optional: ["prob"])
      let prob = try p[0].map { try Arg.double($0, "prob") } ?? 0.9
      session.output.stream(numpyroSummaryText(try chainDraws(), prob: prob) + "\n", to: .stdout)
      return .void
    case "logLikelihood":
      guard let ll = try logLikelihood() else { throw HostError("this MCMC has no draws yet: call run(key, …) first", kind: "ValueError") }
      return .host(ll)
    case "writeCSV": return try writeCSV(args)
    case "writeJSON": return try writeJSON(args)
    default: return nil
    }
  }

  // MARK: run

  func run(_ args: Arguments, _ interp: Interpreter) throws {
    guard args.count >= 1, args.labels[0] == nil else {
      throw HostError("run(_ key: PRNGKey, model arguments by label…): the first argument is the random key", kind: "TypeError")
    }
    let key: PRNGKey
    if case .int(let i) = args[0] { key = PRNGKey(i) } else { key = try requireKey(args[0], "MCMC.run") }
    let modelArgs = Arguments(Array(args.values.dropFirst()), labels: Array(args.labels.dropFirst()))
    let runtime = session.modelRuntime
    let output = session.output
    let displayID = "mcmc-\(UUID().uuidString)"
    if progressBar { output.display(progressBundle(nil, compiling: true), displayID: displayID) }

    // Compile unless the model and its arguments are unchanged.
    let model: CompiledModel
    if let c = compiled, let previous = compiledArgs, sameArguments(previous, modelArgs) {
      model = c
    } else {
      model = try runtime.compile(kernel.model, modelArgs, key: key.foldIn(0x5eed), interp)
      compiled = model
      compiledArgs = modelArgs
    }
    let initStrategy = try initialPoints(model, key: key, interp: interp, modelArgs: modelArgs)
    var lastProgress: RunProgress?
    let results = try runChains(
      model: model, kernel: kernel.kernel, numWarmup: numWarmup, numSamples: numSamples, numChains: numChains,
      thinning: thinning, key: key, init: initStrategy, resume: resumeState, maxThreads: maxThreads,
      progress: { p in
        lastProgress = p
        if self.progressBar { output.updateDisplay(self.progressBundle(p, compiling: false), displayID: displayID) }
      },
      shouldStop: { interp.isInterruptPending })
    self.results = results
    lastKey = key
    try collect(results, model)
    // Afterwards: the wall time and the health report.
    let health = healthReport(results)
    let compileNote = compiled === model && model.compileSeconds > 0 ? String(format: " (compiled in %.0f ms)", model.compileSeconds * 1000) : ""
    var text = String(format: "Sampled %d chains × %d draws in %.2f s%@ on %d thread%@.", numChains, samples?.grouped.values.first?.shape[1] ?? 0,
                      results.wallSeconds, compileNote, results.threads, results.threads == 1 ? "" : "s")
    text += "\n" + (health.isEmpty ? "No divergences, no tree-depth saturation, E-BFMI fine." : health.joined(separator: "\n"))
    if progressBar, let p = lastProgress { output.updateDisplay(progressBundle(p, compiling: false, footer: text), displayID: displayID) }
    else { output.stream(text + "\n", to: .stdout) }
    lastArgs = modelArgs
    if results.interrupted { try interp.checkInterrupt() }
  }

  private func sameArguments(_ a: Arguments, _ b: Arguments) -> Bool {
    a.labels == b.labels && a.values.count == b.values.count && zip(a.values, b.values).allSatisfy { valuesEqual($0, $1) }
  }

  private func initialPoints(_ model: CompiledModel, key: PRNGKey, interp: Interpreter, modelArgs: Arguments) throws -> InitStrategy {
    switch kernel.initChoice {
    case .uniform(let r): return .uniform(radius: r)
    case .values(let v): return .values(try model.unconstrained(v, fallback: model.priorDraw.map { _ in 0 }))
    case .sample, .median:
      // Prior draws through the seeded model, per chain (median: elementwise median of
      // several draws, as NumPyro's init_to_median).
      let draws = { () -> Int in if case .median(let n) = self.kernel.initChoice { return n } else { return 1 } }()
      var points: [[Double]] = []
      for c in 0..<numChains {
        var perSite: [String: [NDArray]] = [:]
        for d in 0..<draws {
          let sites = try session.modelRuntime.tracedRun(kernel.model, modelArgs, key: key.foldIn(UInt32(1000 + c * draws + d)), interp)
          for s in sites where s.kind == .sample && !s.isObserved { if let a = s.value.flatMap(asArray) { perSite[s.name, default: []].append(a) } }
        }
        var values: [String: NDArray] = [:]
        for (name, list) in perSite {
          let stacked = try arrays { try NDArray.stack(list.map { $0.converted(to: .double) }) }
          values[name] = draws == 1 ? list[0] : try arrays { try stacked.quantile(NDArray(scalar: 0.5), axis: 0) }
        }
        points.append(try model.unconstrained(values, fallback: model.priorDraw))
      }
      return .perChain(points)
    }
  }

  private func collect(_ results: ChainResults, _ model: CompiledModel) throws {
    let kept = results.chains.map(\.numDraws).min() ?? 0
    var grouped: [String: [NDArray]] = [:]
    var names: [String] = []
    for chain in results.chains {
      let draws = Array(chain.draws.prefix(kept * model.dimension))
      let values = try model.constrainedValues(draws, count: kept)
      if names.isEmpty { names = values.map(\.0) }
      for (n, a) in values { grouped[n, default: []].append(a) }
    }
    func stack(_ m: [String: [NDArray]]) throws -> [String: NDArray] {
      try m.mapValues { list in try arrays { try NDArray.stack(list) } }
    }
    var stats: [String: NDArray] = [:]
    func stat<T>(_ name: String, _ get: (SampleStats) -> [T], _ make: ([T], [Int]) throws -> NDArray) throws {
      let rows = results.chains.flatMap { Array(get($0.stats).prefix(kept)) }
      stats[name] = try make(rows, [results.chains.count, kept])
    }
    try stat("diverging", { $0.diverging }) { try NDArray($0, shape: $1) }
    try stat("treeDepth", { $0.treeDepth }) { try NDArray($0, shape: $1) }
    try stat("numSteps", { $0.numSteps }) { try NDArray($0, shape: $1) }
    try stat("stepSize", { $0.stepSize }) { try NDArray($0, shape: $1) }
    try stat("energy", { $0.energy }) { try NDArray($0, shape: $1) }
    try stat("acceptProb", { $0.acceptProb }) { try NDArray($0, shape: $1) }
    try stat("potentialEnergy", { $0.potentialEnergy }) { try NDArray($0, shape: $1) }
    samples = SamplesHost(names: names, grouped: try stack(grouped), byChain: false, sampleStats: stats, maxTreeDepth: results.maxTreeDepth)
    logLikelihoodCache = nil
    logLikelihoodInputs = (results, model, kept)
  }

  // MARK: progress

  func progressBundle(_ p: RunProgress?, compiling: Bool, footer: String? = nil) -> MimeBundle {
    guard let p else {
      return ["text/plain": "Compiling the model…", "text/html": "<div style=\"font-family: monospace\">Compiling the model…</div>"]
    }
    var lines: [String] = []
    var html = "<table style=\"font-family: monospace; font-size: 12px\"><tbody>"
    for c in p.chains {
      let fraction = c.totalIterations > 0 ? Double(c.iteration) / Double(c.totalIterations) : 0
      let bar = String(repeating: "█", count: Int(fraction * 20)) + String(repeating: "░", count: 20 - Int(fraction * 20))
      let phase = c.phase.rawValue
      let line = String(format: "chain %d %@ %@ %5d/%d  %6.0f draws/s  divergences %d  step size %.3g",
                        c.chain, bar, phase.padding(toLength: 11, withPad: " ", startingAt: 0), c.iteration, c.totalIterations,
                        c.drawsPerSecond, c.divergences, c.stepSize)
      lines.append(line)
      let colour = c.divergences > 0 ? "#d55e00" : (c.phase == .sampling || c.phase == .finished ? "#009e73" : "#0072b2")
      html += "<tr><td>chain \(c.chain)</td><td><div style=\"width: 160px; background: #eee\"><div style=\"width: \(Int(fraction * 160))px; height: 10px; background: \(colour)\"></div></div></td>"
        + "<td>\(phase)</td><td>\(c.iteration)/\(c.totalIterations)</td><td>\(String(format: "%.0f", c.drawsPerSecond)) draws/s</td>"
        + "<td>divergences \(c.divergences)</td><td>step size \(String(format: "%.3g", c.stepSize))</td></tr>"
    }
    html += "</tbody></table>"
    if let footer {
      lines.append(footer)
      html += "<pre>\(footer.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</pre>"
    }
    return ["text/plain": lines.joined(separator: "\n"), "text/html": html]
  }
}

/// Saved chain states (`mcmc.lastState`), to continue a run without warmup.
final class StateHost: HostObject {
  let states: [ChainState]
  init(_ states: [ChainState]) { self.states = states }
  var typeName: String { "ChainStates" }
  var description: String { "ChainStates(\(states.count) chains, step sizes " + states.map { String(format: "%.3g", $0.stepSize) }.joined(separator: ", ") + ")" }
}

extension Session {
  func registerMCMCBindings() {
    let b = interpreter.builtins
    let session = self
    func initChoice(_ v: Value?) throws -> InitChoice {
      guard let v else { return .uniform(2) }
      guard case .host(let h as InitHost) = v else { throw HostError("initStrategy takes initToUniform(), initToMedian(), initToSample() or initToValue(values:)", kind: "TypeError") }
      return h.choice
    }
    b.function("NUTS", "NUTS(_ model, targetAcceptProb: 0.8, maxTreeDepth: 10, denseMass: false, stepSize: 1.0, adaptStepSize: true, adaptMassMatrix: true, initStrategy: initToUniform())",
      "The No-U-Turn sampler as Stan runs it (multinomial sampling, the additional U-turn checks, dual averaging and windowed metric adaptation). Pass it to `MCMC`.") { args, _ in
      let p = try NamedArguments("NUTS", args, positional: ["model"], labeled: ["targetAcceptProb", "maxTreeDepth", "denseMass", "stepSize", "adaptStepSize", "adaptMassMatrix", "initStrategy"], required: ["model"])
      guard p["model"]!.isCallable else { throw HostError("NUTS needs a model function, not \(p["model"]!.typeName)", kind: "TypeError") }
      let config = NUTSConfig(
        targetAcceptProb: try p.double("targetAcceptProb", 0.8, "NUTS"), maxTreeDepth: try p.int("maxTreeDepth", 10, "NUTS"),
        denseMass: try p["denseMass"].map { try Arg.bool($0, "denseMass") } ?? false, initialStepSize: try p.double("stepSize", 1, "NUTS"),
        adaptStepSize: try p["adaptStepSize"].map { try Arg.bool($0, "adaptStepSize") } ?? true,
        adaptMass: try p["adaptMassMatrix"].map { try Arg.bool($0, "adaptMassMatrix") } ?? true)
      guard config.targetAcceptProb > 0, config.targetAcceptProb < 1 else {
        throw HostError("NUTS: targetAcceptProb must be in (0, 1), got \(config.targetAcceptProb)", kind: "ValueError")
      }
      guard config.maxTreeDepth >= 1 else { throw HostError("NUTS: maxTreeDepth must be at least 1", kind: "ValueError") }
      return .host(KernelHost(model: p["model"]!, kernel: .nuts(config), initChoice: try initChoice(p["initStrategy"]), name: "NUTS"))
    }
    b.function("HMC", "HMC(_ model, stepSize: 1.0, numSteps: Int? = nil, trajectoryLength: 2π, targetAcceptProb: 0.8, denseMass: false, initStrategy:)",
      "Static Hamiltonian Monte Carlo with Stan's warmup (a fixed number of leapfrog steps, or a fixed trajectory length).") { args, _ in
      let p = try NamedArguments("HMC", args, positional: ["model"], labeled: ["stepSize", "numSteps", "trajectoryLength", "targetAcceptProb", "denseMass", "adaptStepSize", "adaptMassMatrix", "initStrategy"], required: ["model"])
      let config = HMCConfig(
        numSteps: try p["numSteps"].map { try Arg.int($0, "numSteps") }, trajectoryLength: try p.double("trajectoryLength", 2 * .pi, "HMC"),
        targetAcceptProb: try p.double("targetAcceptProb", 0.8, "HMC"), denseMass: try p["denseMass"].map { try Arg.bool($0, "denseMass") } ?? false,
        initialStepSize: try p.double("stepSize", 1, "HMC"), adaptStepSize: try p["adaptStepSize"].map { try Arg.bool($0, "adaptStepSize") } ?? true,
        adaptMass: try p["adaptMassMatrix"].map { try Arg.bool($0, "adaptMassMatrix") } ?? true)
      return .host(KernelHost(model: p["model"]!, kernel: .hmc(config), initChoice: try initChoice(p["initStrategy"]), name: "HMC"))
    }
    b.function("MCMC", "MCMC(_ kernel, numWarmup: Int, numSamples: Int, numChains: Int = 1, thinning: Int = 1, progressBar: Bool = true)",
      """
      Markov chain Monte Carlo with a `NUTS` or `HMC` kernel (NumPyro's `MCMC`). `mcmc.run(key, X: X, …)` compiles the model with its arguments (passed by label) into a tape, runs the chains in parallel on all cores (each on a stream split from `key`, so draws do not depend on the number of cores) with live progress, and keeps the draws: `getSamples(groupByChain:)`, `getExtraFields()`, `printSummary()`, `summary(mcmc)`. An interrupt stops within a second and keeps what each chain drew. `mcmc.postWarmupState = mcmc.lastState` makes the next `run` continue without warmup.
      """) { args, _ in
      let p = try NamedArguments("MCMC", args, positional: ["kernel"], labeled: ["numWarmup", "numSamples", "numChains", "thinning", "progressBar", "chainMethod"], required: ["kernel", "numSamples"])
      guard case .host(let h as KernelHost) = p["kernel"]! else { throw HostError("MCMC needs a kernel: NUTS(model) or HMC(model)", kind: "TypeError") }
      let numWarmup = try p.int("numWarmup", 1000, "MCMC"), numSamples = try p.int("numSamples", 1000, "MCMC")
      let numChains = try p.int("numChains", 1, "MCMC"), thinning = try p.int("thinning", 1, "MCMC")
      guard numWarmup >= 0 else { throw HostError("MCMC: numWarmup must be >= 0, got \(numWarmup)", kind: "ValueError") }
      guard numSamples >= 1 else { throw HostError("MCMC: numSamples must be >= 1, got \(numSamples)", kind: "ValueError") }
      guard numChains >= 1, numChains <= 1024 else { throw HostError("MCMC: numChains must be between 1 and 1024, got \(numChains)", kind: "ValueError") }
      guard thinning >= 1 else { throw HostError("MCMC: thinning must be >= 1, got \(thinning)", kind: "ValueError") }
      let progress = try p["progressBar"].map { try Arg.bool($0, "progressBar") } ?? true
      let method = try p["chainMethod"].map { try Arg.string($0, "chainMethod") } ?? "parallel"
      guard method == "parallel" || method == "sequential" else {
        throw HostError("MCMC: chainMethod must be \"parallel\" or \"sequential\", got \"\(method)\"", kind: "ValueError")
      }
      return .host(MCMCHost(kernel: h, numWarmup: numWarmup, numSamples: numSamples, numChains: numChains, thinning: thinning,
                            progressBar: progress, maxThreads: method == "sequential" ? 1 : .max, session: session))
    }
    b.function("initToUniform", "initToUniform(radius: Double = 2)", "Start each chain uniformly in (−radius, radius) on the unconstrained space (the default).") { args, _ in
      let p = try NamedArguments("initToUniform", args, positional: [], labeled: ["radius"])
      let r = try p.double("radius", 2, "initToUniform")
      guard r > 0 else { throw HostError("initToUniform: radius must be positive", kind: "ValueError") }
      return .host(InitHost(.uniform(r)))
    }
    b.function("initToMedian", "initToMedian(numSamples: Int = 15)", "Start each chain at the elementwise median of prior draws.") { args, _ in
      let p = try NamedArguments("initToMedian", args, positional: [], labeled: ["numSamples"])
      return .host(InitHost(.median(max(1, try p.int("numSamples", 15, "initToMedian")))))
    }
    b.function("initToSample", "initToSample()", "Start each chain at a draw from the prior.") { _, _ in .host(InitHost(.sample)) }
    b.function("initToValue", "initToValue(values: [String: value])", "Start every chain at the given values (sites not named start at 0 on the unconstrained space).") { args, _ in
      let p = try args.bind("initToValue", ["values"])
      var out: [String: NDArray] = [:]
      for (k, v) in try namedValues(p[0]!, "initToValue(values:)") { out[k] = try requireArray(v, "initial value of '\(k)'") }
      return .host(InitHost(.values(out)))
    }
  }
}
