import Arrays
import CellLanguage
import Convergence

/// NumPyro's `mcmc.print_summary()` text for draws grouped by chain: mean, std, median,
/// the `prob` HPDI, n_eff and r_hat (NumPyro's classic estimators), then
/// "Number of divergences: N" when the draws carry a `diverging` statistic. The MCMC
/// binding's `printSummary()` writes this to stdout.
public func numpyroSummaryText(_ draws: ChainDraws, prob: Double = 0.9) -> String {
  var text = NumPyroSummary.text(summaryVariables(draws), prob: prob)
  if let d = draws.sampleStats["diverging"] {
    text += "Number of divergences: \(d.converted(to: .double).doubles.filter { $0 != 0 }.count)\n"
  }
  return text
}

/// ArviZ's summary of draws (see `summary` in the cell language), with the sampler's
/// divergences, tree-depth saturation and E-BFMI under the table when `draws` has them.
public func summaryTable(_ draws: ChainDraws, options: SummaryOptions = SummaryOptions()) throws -> SummaryTable {
  var table = try diagnostics { try Diagnostics.summary(summaryVariables(draws), options: options) }
  table.sampler = samplerReport(draws)
  return table
}

func summaryVariables(_ draws: ChainDraws) -> [SummaryVariable] {
  draws.names.compactMap { name in draws.arrays[name].map { SummaryVariable(name: name, draws: $0) } }
}

func samplerReport(_ draws: ChainDraws) -> SamplerReport? {
  func stat(_ key: String) -> ChainSamples? {
    guard let a = draws.sampleStats[key], a.ndim == 2, a.shape[0] >= 1, a.size > 0 else { return nil }
    return ChainSamples(a.converted(to: .double).doubles, chains: a.shape[0])
  }
  return SamplerReport(diverging: stat("diverging"), treeDepth: stat("treeDepth"), maxTreeDepth: draws.maxTreeDepth, energy: stat("energy"))
}

/// Runs a diagnostics call, turning its errors into the language's.
func diagnostics<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let e as DiagnosticsError {
    throw HostError(e.description, kind: "ValueError")
  }
}

/// One quantity's draws from a plain array: (draws,) is one chain, (chains, draws) as
/// given. Nil for values that are not numeric arrays (dictionaries, MCMC runs).
func singleQuantity(_ v: Value, _ function: String) throws -> ChainSamples? {
  if case .dictionary = v { return nil }
  if case .host(let h) = v, h is DrawsSource { return nil }
  guard let a = asArray(v) else { return nil }
  switch a.ndim {
  case 1:
    guard a.size > 0 else { throw HostError("\(function) of no draws", kind: "ValueError") }
    return ChainSamples(a.converted(to: .double).doubles, chains: 1)
  case 2:
    guard a.size > 0 else { throw HostError("\(function) of no draws (shape \(a.shapeText))", kind: "ValueError") }
    return ChainSamples(a.converted(to: .double).doubles, chains: a.shape[0])
  default:
    throw HostError("\(function) takes one quantity's draws shaped (chains, draws) or (draws,), got shape \(a.shapeText); for a vector variable pass a dictionary, e.g. \(function)([\"theta\": draws])", kind: "ShapeError")
  }
}

/// Applies `f` to one array, or to every scalar component of every variable in a draws
/// value (dictionary → NDArray of the event shape, or a Double for scalars).
func perQuantity(_ v: Value, _ function: String, _ f: (ChainSamples) throws -> [Double]) throws -> Value {
  if let x = try singleQuantity(v, function) {
    let r = try diagnostics { try f(x) }
    return r.count == 1 ? .double(r[0]) : .host(ArrayHost(NDArray(r)))
  }
  let draws = try chainDraws(from: v, function)
  var out = DictionaryValue(keyType: .string, valueType: nil)
  for name in draws.names {
    guard let a = draws.arrays[name] else { continue }
    let (m, n) = (a.shape[0], a.shape[1])
    guard m > 0, n > 0 else {
      throw HostError("\(function): '\(name)' has no draws (shape \(a.shapeText))", kind: "ValueError")
    }
    let event = Array(a.shape.dropFirst(2))
    let k = event.reduce(1, *)
    let all = a.converted(to: .double).doubles
    var results: [Double] = []
    var width = 1
    for j in 0..<k {
      let x = ChainSamples((0..<(m * n)).map { all[$0 * k + j] }, chains: m)
      let r = try diagnostics { try f(x) }
      width = r.count
      results += r
    }
    let shape = event + (width == 1 ? [] : [width])
    try out.set(.string(name), shape.isEmpty ? .double(results[0]) : .host(ArrayHost(try arrays { try NDArray(results, shape: shape) })))
  }
  return .dictionary(out)
}

func stringOption<T: RawRepresentable>(_ v: Value?, _ what: String, _ fallback: T, _ allowed: [T]) throws -> T where T.RawValue == String {
  guard let v else { return fallback }
  let s = try Arg.string(v, what)
  guard let t = allowed.first(where: { $0.rawValue.lowercased() == s.lowercased() }) else {
    throw HostError("\(what) must be one of \(allowed.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), not \"\(s)\"", kind: "ValueError")
  }
  return t
}

func probability(_ p: NamedArguments, _ function: String, _ fallback: Double) throws -> Double {
  let prob = try p.double("prob", fallback, function)
  guard prob > 0 && prob <= 1 else { throw HostError("\(function)'s prob must be in (0, 1], got \(prob)", kind: "ValueError") }
  return prob
}

/// Pointwise log-likelihood from (chains, draws, observations…) or (draws, observations)
/// arrays, or a dictionary holding one such array.
func pointwiseLogLikelihood(_ v: Value, _ function: String) throws -> PointwiseLogLikelihood {
  var value = v
  // An MCMC run or a log-likelihood samples value with one observed site.
  if case .host(let h) = v, let source = h as? LogLikelihoodSource {
    let sites = try source.pointwiseLogLikelihoodSites()
    guard sites.count == 1, let only = sites.first else {
      throw HostError("\(function) needs the log-likelihood of one observed site; this has \(sites.count) (\(sites.map(\.name).joined(separator: ", "))): pick one, e.g. \(function)(mcmc.logLikelihood[\"\(sites.first?.name ?? "y")\"])", kind: "ValueError")
    }
    value = .host(ArrayHost(only.draws))
  }
  if case .dictionary(let d) = value {
    guard d.count == 1 else {
      throw HostError("\(function) needs the log-likelihood of one observed site; this dictionary has \(d.count) entries (pick one, e.g. \(function)(ll[\"y\"]))", kind: "ValueError")
    }
    value = d.values[0]
  }
  guard let a = asArray(value), a.dtype != .bool else {
    throw HostError("\(function) needs pointwise log-likelihood: an array shaped (chains, draws, observations) or (draws, observations), not \(value.typeName)", kind: "TypeError")
  }
  guard a.ndim >= 2, a.size > 0 else {
    throw HostError("\(function) needs pointwise log-likelihood shaped (chains, draws, observations) or (draws, observations), got shape \(a.shapeText)", kind: "ShapeError")
  }
  let (chains, draws) = a.ndim == 2 ? (1, a.shape[0]) : (a.shape[0], a.shape[1])
  return PointwiseLogLikelihood(a.converted(to: .double).doubles, chains: chains, draws: draws)
}

extension Session {
  /// Registers `summary`, `rhat`, `ess`, `mcse`, `hdi`, `eti`, `autocorr`, `bfmi`,
  /// `printSummary`, `loo`, `waic`, `compare`, and the `SummaryKind`/`CIKind` names.
  public func registerConvergenceBindings() {
    let b = interpreter.builtins
    registerEnumNames(b)
    b.function("summary", "summary(_ draws: Any, prob: Double = 0.94, kind: String = \"all\", ciKind: String = \"hdi\", varNames: [String]? = nil, roundTo: Int? = nil) -> SummaryTable",
      "ArviZ's posterior summary: mean, sd, hdi_3%, hdi_97%, mcse_mean, mcse_sd, ess_bulk, ess_tail, r_hat (rank-normalized split R-hat, Vehtari et al. 2021), one row per scalar component (`theta[0]`, `L[1, 2]`). `draws`: an MCMC run, samples from getSamples(groupByChain: true), a dictionary of arrays shaped (chains, draws, …), or an array (one quantity). `kind`: \"all\", \"stats\" or \"diagnostics\" (also SummaryKind.stats); `ciKind`: \"hdi\" or \"eti\"; `varNames`: names to keep, or names prefixed \"~\" to drop; `roundTo`: decimals, or \"none\" (default: ArviZ's 3, ESS 0, R-hat 2). Shows as an HTML table with rows flagged when r_hat > 1.01 or ESS < 400, and under it divergences, tree-depth saturation and E-BFMI per chain for NUTS runs. Index it as s[\"theta[0]\", \"r_hat\"]; s.markdown gives markdown.") { args, _ in
      let p = try NamedArguments("summary", args, positional: ["draws"], labeled: ["prob", "kind", "ciKind", "varNames", "roundTo"], required: ["draws"])
      var o = SummaryOptions()
      o.prob = try probability(p, "summary", 0.94)
      o.kind = try stringOption(p["kind"], "summary's kind", .all, SummaryOptions.Kind.allCases)
      o.intervalKind = try stringOption(p["ciKind"], "summary's ciKind", .hdi, SummaryOptions.IntervalKind.allCases)
      if let names = p["varNames"] {
        if case .string(let s) = names { o.varNames = [s] } else {
          guard case .array(let a) = names else { throw HostError("summary's varNames must be an array of Strings, not \(names.typeName)", kind: "TypeError") }
          o.varNames = try a.items.map { try Arg.string($0, "summary's varNames") }
        }
      }
      if let r = p["roundTo"] {
        if case .string(let s) = r, s.lowercased() == "none" { o.rounding = .none } else { o.rounding = .decimals(try Arg.int(r, "summary's roundTo")) }
      }
      let draws = try chainDraws(from: p["draws"]!, "summary")
      return .host(SummaryHost(try summaryTable(draws, options: o)))
    }
    b.function("printSummary", "printSummary(_ draws: Any, prob: Double = 0.9)",
      "Prints NumPyro's print_summary table (mean, std, median, 5.0%, 95.0%, n_eff, r_hat; a 90% HPDI and NumPyro's classic n_eff and split R-hat, not ArviZ's rank-normalized ones) and the number of divergences when known.") { args, interpreter in
      let p = try NamedArguments("printSummary", args, positional: ["draws"], labeled: ["prob"], required: ["draws"])
      let prob = try probability(p, "printSummary", 0.9)
      interpreter.write(numpyroSummaryText(try chainDraws(from: p["draws"]!, "printSummary"), prob: prob), .stdout)
      return .void
    }
    registerDiagnosticFunctions(b)
    registerInformationCriteria(b)
  }

  func registerEnumNames(_ b: BuiltinRegistry) {
    let kind = TypeObject(name: "SummaryKind", doc: "What summary(kind:) computes: SummaryKind.all, .stats (mean, sd, interval) or .diagnostics (MCSE, ESS, R-hat). The values are the Strings \"all\", \"stats\", \"diagnostics\".", construct: nil)
    for k in SummaryOptions.Kind.allCases { kind.staticMembers[k.rawValue] = .string(k.rawValue) }
    b.type(kind, signature: "SummaryKind")
    let ci = TypeObject(name: "CIKind", doc: "summary(ciKind:): CIKind.hdi (highest-density interval, ArviZ 0.x's default) or CIKind.eti (equal-tailed). The values are the Strings \"hdi\", \"eti\".", construct: nil)
    for k in SummaryOptions.IntervalKind.allCases { ci.staticMembers[k.rawValue] = .string(k.rawValue) }
    b.type(ci, signature: "CIKind")
  }

  func registerDiagnosticFunctions(_ b: BuiltinRegistry) {
    b.function("rhat", "rhat(_ draws: Any, method: String = \"rank\") -> Double",
      "R-hat as arviz.rhat: \"rank\" (default; the larger of the rank-normalized bulk and folded split R-hat, Vehtari et al. 2021), \"split\", \"folded\", \"z_scale\" or \"identity\". `draws`: an array shaped (chains, draws) or (draws,), or a dictionary/MCMC run (then a dictionary of results). NaN with NaN draws, one chain, or fewer than 4 draws.") { args, _ in
      let p = try NamedArguments("rhat", args, positional: ["draws"], labeled: ["method"], required: ["draws"])
      let method = try stringOption(p["method"], "rhat's method", .rank, Diagnostics.RhatMethod.allCases)
      return try perQuantity(p["draws"]!, "rhat") { [Diagnostics.rhat($0, method: method)] }
    }
    b.function("ess", "ess(_ draws: Any, method: String = \"bulk\", prob: Double? = nil) -> Double",
      "Effective sample size as arviz.ess: method \"bulk\" (default), \"tail\" (prob: the tail probability, default 0.05/0.95), \"mean\", \"sd\", \"median\", \"quantile\" (needs prob), \"mad\", \"folded\", \"z_scale\", \"identity\", \"local\" (prob: [lower, upper]). Arrays shaped (chains, draws) or (draws,), or dictionaries. Constant draws give chains × draws; NaN draws give NaN.") { args, _ in
      let p = try NamedArguments("ess", args, positional: ["draws"], labeled: ["method", "prob"], required: ["draws"])
      let method = try stringOption(p["method"], "ess's method", .bulk, Diagnostics.ESSMethod.allCases)
      var prob: [Double]? = nil
      if let v = p["prob"] {
        if case .array(let a) = v { prob = try a.items.map { try scalarDouble($0, "ess's prob") } } else { prob = [try scalarDouble(v, "ess's prob")] }
      }
      return try perQuantity(p["draws"]!, "ess") { [try Diagnostics.ess($0, method: method, prob: prob)] }
    }
    b.function("mcse", "mcse(_ draws: Any, method: String = \"mean\", prob: Double? = nil) -> Double",
      "Monte Carlo standard error as arviz.mcse: of the \"mean\" (default), \"sd\" (ArviZ 0.23's variant, see docs/DIAGNOSTICS.md), \"median\" or a \"quantile\" (needs prob).") { args, _ in
      let p = try NamedArguments("mcse", args, positional: ["draws"], labeled: ["method", "prob"], required: ["draws"])
      let method = try stringOption(p["method"], "mcse's method", .mean, Diagnostics.MCSEMethod.allCases)
      let prob = try p["prob"].map { try scalarDouble($0, "mcse's prob") }
      return try perQuantity(p["draws"]!, "mcse") { [try Diagnostics.mcse($0, method: method, prob: prob)] }
    }
    for (name, isHDI) in [("hdi", true), ("eti", false)] {
      let what = isHDI ? "highest-density interval (arviz.hdi: the narrowest interval holding prob of the pooled draws)" : "equal-tailed interval (NumPy's linear quantiles at (1 ∓ prob)/2)"
      b.function(name, "\(name)(_ draws: Any, prob: Double = 0.94) -> NDArray", "The \(what) of all chains' draws: [lower, upper]. For a dictionary, each variable's intervals shaped (…, 2).") { args, _ in
        let p = try NamedArguments(name, args, positional: ["draws"], labeled: ["prob"], required: ["draws"])
        let prob = try probability(p, name, 0.94)
        return try perQuantity(p["draws"]!, name) { x in
          let r = isHDI ? try Diagnostics.hdi(x.values, prob: prob) : try Diagnostics.eti(x.values, prob: prob)
          return [r.lower, r.upper]
        }
      }
    }
    b.function("autocorr", "autocorr(_ x: NDArray) -> NDArray",
      "Autocorrelation at lags 0..<n by FFT (arviz.autocorr): of a series (draws,), or of each chain of (chains, draws).") { args, _ in
      let p = try NamedArguments("autocorr", args, positional: ["x"], required: ["x"])
      let a = try requireArray(p["x"]!, "autocorr's x").converted(to: .double)
      switch a.ndim {
      case 1: return .host(ArrayHost(NDArray(Diagnostics.autocorrelation(a.doubles))))
      case 2:
        let n = a.shape[1]
        let rows = (0..<a.shape[0]).flatMap { c in Diagnostics.autocorrelation(Array(a.doubles[(c * n)..<((c + 1) * n)])) }
        return .host(ArrayHost(try arrays { try NDArray(rows, shape: a.shape) }))
      default:
        throw HostError("autocorr takes a series (draws,) or chains (chains, draws), got shape \(a.shapeText)", kind: "ShapeError")
      }
    }
    b.function("bfmi", "bfmi(_ energy: Any) -> NDArray",
      "E-BFMI per chain (arviz.bfmi): mean squared energy change over the energy variance. `energy`: an array shaped (chains, draws), or an MCMC run (its energy statistic). Below 0.3 suggests poor exploration.") { args, _ in
      let p = try NamedArguments("bfmi", args, positional: ["energy"], required: ["energy"])
      var v = p["energy"]!
      if case .host(let h) = v, let source = h as? DrawsSource {
        guard let e = try source.chainDraws().sampleStats["energy"] else {
          throw HostError("bfmi: these draws carry no energy statistic", kind: "ValueError")
        }
        v = .host(ArrayHost(e))
      }
      guard let x = try singleQuantity(v, "bfmi"), x.draws >= 2 else {
        throw HostError("bfmi needs energies shaped (chains, draws) with at least 2 draws", kind: "ShapeError")
      }
      return .host(ArrayHost(NDArray(Diagnostics.bfmi(x))))
    }
  }

  func registerInformationCriteria(_ b: BuiltinRegistry) {
    b.function("loo", "loo(_ logLikelihood: Any, scale: String = \"log\", reff: Double? = nil, posterior: Any? = nil) -> ELPDData",
      "PSIS-LOO-CV as arviz.loo: elpd_loo, its SE, p_loo and Pareto k̂ per observation, with a warning when k̂ > min(1 − 1/log10 S, 0.7). `logLikelihood`: pointwise, shaped (chains, draws, observations) or (draws, observations), or a one-entry dictionary. `scale`: \"log\", \"negative_log\" or \"deviance\". `reff` (relative efficiency) defaults to ArviZ's mean ESS of the posterior's draws / S when `posterior:` is given, else 1.") { args, _ in
      let p = try NamedArguments("loo", args, positional: ["logLikelihood"], labeled: ["scale", "reff", "posterior"], required: ["logLikelihood"])
      let ll = try pointwiseLogLikelihood(p["logLikelihood"]!, "loo")
      let scale = try stringOption(p["scale"], "loo's scale", .log, ICScale.allCases)
      let reff = try p["reff"].map { try scalarDouble($0, "loo's reff") }
      if let r = reff, !(r > 0) { throw HostError("loo's reff must be positive, got \(r)", kind: "ValueError") }
      let posterior = try p["posterior"].map { summaryVariables(try chainDraws(from: $0, "loo's posterior")) } ?? []
      return .host(ELPDHost(try diagnostics { try Diagnostics.loo(ll, scale: scale, reff: reff, posterior: posterior) }))
    }
    b.function("waic", "waic(_ logLikelihood: Any, scale: String = \"log\") -> ELPDData",
      "WAIC as arviz.waic: elpd_waic, SE and p_waic from pointwise log-likelihood shaped (chains, draws, observations) or (draws, observations); warns when a log-density variance exceeds 0.4.") { args, _ in
      let p = try NamedArguments("waic", args, positional: ["logLikelihood"], labeled: ["scale"], required: ["logLikelihood"])
      let ll = try pointwiseLogLikelihood(p["logLikelihood"]!, "waic")
      let scale = try stringOption(p["scale"], "waic's scale", .log, ICScale.allCases)
      return .host(ELPDHost(Diagnostics.waic(ll, scale: scale)))
    }
    b.function("compare", "compare(_ models: [String: Any], ic: String = \"loo\", method: String = \"stacking\", scale: String = \"log\") -> ComparisonTable",
      "Compares models as arviz.compare: ranks by elpd, elpd_diff and dse against the best, and weights (\"stacking\", ArviZ's default, or \"pseudo-BMA\"). `models`: a dictionary from name to loo/waic results or to pointwise log-likelihood arrays.") { args, _ in
      let p = try NamedArguments("compare", args, positional: ["models"], labeled: ["ic", "method", "scale"], required: ["models"])
      guard case .dictionary(let d) = p["models"]! else {
        throw HostError("compare needs a dictionary from model name to loo/waic results or log-likelihood arrays, not \(p["models"]!.typeName)", kind: "TypeError")
      }
      let ic = try stringOption(p["ic"], "compare's ic", ELPDResult.Kind.loo, [.loo, .waic])
      let method = try stringOption(p["method"], "compare's method", .stacking, ComparisonTable.WeightMethod.allCases)
      let scale = try stringOption(p["scale"], "compare's scale", .log, ICScale.allCases)
      var models: [(name: String, result: ELPDResult)] = []
      for (k, v) in zip(d.keys, d.values) {
        guard case .string(let name) = k else { throw HostError("compare's model names must be Strings, not \(k.typeName)", kind: "TypeError") }
        if case .host(let h) = v, let e = h as? ELPDHost {
          models.append((name, e.result))
        } else {
          let ll = try pointwiseLogLikelihood(v, "compare's model '\(name)'")
          models.append((name, ic == .loo ? try diagnostics { try Diagnostics.loo(ll, scale: scale) } : Diagnostics.waic(ll, scale: scale)))
        }
      }
      return .host(ComparisonHost(try diagnostics { try Diagnostics.compare(models, method: method) }))
    }
  }
}
