import Arrays
import CellLanguage
import Convergence
import Plotting

extension Session {
  /// Registers the plots: `scatter`, `plot`, `hist` and ArviZ's catalogue (`plotTrace`,
  /// `plotRank`, `plotPosterior`, `plotForest`, `plotPair`, `plotPPC`, `plotAutocorr`,
  /// `plotEnergy`). Each returns a `Plot` (`PlotHost.swift`). Call from `configure()`.
  public func registerPlotBindings() {
    let b = interpreter.builtins
    let basic = ["xlabel", "ylabel", "title", "figsize", "xscale", "yscale"]
    b.function("scatter", "scatter(_ x, _ y, alpha: Double = 1, xlabel: String? = nil, ylabel: String? = nil, title: String? = nil, diagonal: Bool = false, pointLabels: [String]? = nil, figsize: (Double, Double)? = nil, xscale: String = \"linear\", yscale: String = \"linear\") -> Plot",
      "Points (x[i], y[i]) as an inline SVG. `diagonal: true` adds the dashed red line y = x (predicted against observed). More than 10,000 points are thinned evenly. Hovering a point shows its index and values (\"observation 17: …\" with `diagonal`, \"point 17: …\" otherwise, or `pointLabels[i]`) and highlights it.") { args, _ in
      let p = try NamedArguments("scatter", args, positional: ["x", "y"], labeled: ["alpha", "diagonal", "pointLabels"] + basic, required: ["x", "y"])
      let x = try plotVector(p["x"]!, "scatter's x"), y = try plotVector(p["y"]!, "scatter's y")
      let alpha = try p.double("alpha", 1, "scatter")
      let diagonal = try p["diagonal"].map { try Arg.bool($0, "scatter's diagonal") } ?? false
      let pointLabels = try p["pointLabels"].map { try plotStrings($0, "scatter's pointLabels") }
      return try plotting { .host(PlotHost(try BasicPlots.scatter(x, y, alpha: alpha, diagonal: diagonal, pointLabels: pointLabels, labels: try plotLabels(p, "scatter")))) }
    }
    b.function("plot", "plot(_ x, _ y, label: String | [String]? = nil, xlabel:, ylabel:, title:, figsize:, xscale: \"linear\" | \"log\", yscale:) -> Plot",
      "Lines: `plot(y)` against 0, 1, 2, …, or `plot(x, y)`. A 2-d `y` draws one line per row, with `label:` names in a legend.") { args, _ in
      let p = try NamedArguments("plot", args, positional: ["x", "y"], labeled: ["label"] + basic, required: ["x"])
      let (xv, yv) = p["y"] == nil ? (nil, p["x"]!) : (p["x"], p["y"]!)
      let x = try xv.map { try plotVector($0, "plot's x") }
      let series = try plotSeries(yv, "plot's y")
      var names: [String]?
      if let l = p["label"] {
        if case .string(let s) = l { names = [s] } else { names = try plotStrings(l, "plot's label") }
        if names!.count != series.count {
          throw HostError("plot: \(names!.count) labels for \(series.count) lines", kind: "ValueError")
        }
      }
      return try plotting { .host(PlotHost(try BasicPlots.lines(x, series, names: names, labels: try plotLabels(p, "plot")))) }
    }
    b.function("hist", "hist(_ x, bins: Int? = nil, density: Bool = false, xlabel:, ylabel:, title:, figsize:) -> Plot",
      "A histogram of the finite values (Freedman–Diaconis bins unless `bins:` is given; one bin per integer for small integer data). `density: true` scales bar areas to sum to 1.") { args, _ in
      let p = try NamedArguments("hist", args, positional: ["x"], labeled: ["bins", "density"] + basic, required: ["x"])
      let x = try plotVector(p["x"]!, "hist's x", flatten: true)
      let bins = try p["bins"].map { try Arg.int($0, "hist's bins") }
      let density = try p["density"].map { try Arg.bool($0, "hist's density") } ?? false
      return try plotting { .host(PlotHost(try BasicPlots.histogram(x, bins: bins, density: density, labels: try plotLabels(p, "hist")))) }
    }

    let common = "varNames: [String]? = nil, figsize: (Double, Double)? = nil, title: String? = nil"
    let drawsDoc = "Draws: an MCMC run, samples from getSamples(), or a dictionary of arrays shaped (chains, draws, …)."
    func bayes(_ name: String, _ extra: [String], _ signatureExtra: String, _ doc: String,
               _ build: @escaping (PosteriorDraws, PlotOptions, NamedArguments, ChainDraws) throws -> Figure) {
      b.function(name, "\(name)(_ draws, \(common)\(signatureExtra)) -> Plot", doc + " " + drawsDoc) { args, _ in
        let p = try NamedArguments(name, args, positional: ["draws"], labeled: ["varNames", "figsize", "title"] + extra, required: ["draws"])
        let source = try chainDraws(from: p["draws"]!, name)
        var draws = try posteriorDraws(source, name)
        if let d = p["divergences"] { draws.diverging = try plotDivergences(d, draws, name) }
        let options = try plotOptions(p, name)
        return try plotting { .host(PlotHost(try build(draws, options, p, source))) }
      }
    }
    bayes("plotTrace", ["divergences"], ", divergences: [[Bool]]? = nil",
      "Per variable, the density of each chain (left) and its draws in order (right); divergent transitions are marked along the bottom (from the sampler, or `divergences:` shaped (chains, draws)).") { d, o, _, _ in
      try BayesPlots.trace(d, options: o)
    }
    bayes("plotRank", [], "",
      "Rank plots: each chain's histogram of ranks among all draws, one row per chain; well-mixed chains look uniform (Vehtari et al. 2021).") { d, o, _, _ in
      try BayesPlots.rank(d, options: o)
    }
    bayes("plotPosterior", ["hdiProb"], ", hdiProb: Double = 0.94",
      "Per scalar, the posterior density with its highest-density interval and mean.") { d, o, _, _ in
      try BayesPlots.posterior(d, options: o)
    }
    bayes("plotForest", ["hdiProb", "rhat", "ess"], ", hdiProb: Double = 0.94, rhat: Bool = true, ess: Bool = true",
      "One row per scalar (every element of vector sites): HDI (thin), interquartile range (thick) and median, with rank-normalized R-hat and bulk ESS columns when there are at least 2 chains.") { d, o, p, _ in
      let wantRhat = try p["rhat"].map { try Arg.bool($0, "plotForest's rhat") } ?? true
      let wantESS = try p["ess"].map { try Arg.bool($0, "plotForest's ess") } ?? true
      return try BayesPlots.forest(d, options: o, columns: try forestColumns(d, o, rhat: wantRhat, ess: wantESS))
    }
    bayes("plotPair", ["divergences"], ", divergences: [[Bool]]? = nil",
      "A scatter matrix of the selected scalars with densities on the diagonal; divergent transitions in red.") { d, o, _, _ in
      try BayesPlots.pair(d, options: o)
    }
    bayes("plotAutocorr", ["maxLag"], ", maxLag: Int = 100",
      "The autocorrelation of each chain at lags 0…maxLag, one panel per scalar.") { d, o, p, _ in
      try BayesPlots.autocorr(d, maxLag: try p.int("maxLag", 100, "plotAutocorr"), options: o)
    }
    bayes("plotEnergy", [], "",
      "Marginal energy against energy transition densities with E-BFMI per chain (Betancourt 2016). Needs the sampler's energy (an MCMC run, or an 'energy' entry in a dictionary).") { d, o, _, _ in
      try BayesPlots.energy(d, options: o)
    }
    b.function("plotPPC", "plotPPC(_ predictive, observed: [Double], varNames: [String]? = nil, numPPSamples: Int = 100, figsize:, title:) -> Plot",
      "Posterior (or prior) predictive check: the density of the observed data against the densities of predictive draws and of all of them pooled. `predictive` is the value `Predictive` returns, a dictionary of arrays shaped (draws, n), or one such array.") { args, _ in
      let p = try NamedArguments("plotPPC", args, positional: ["predictive"], labeled: ["observed", "varNames", "numPPSamples", "figsize", "title"], required: ["predictive", "observed"])
      let observed = try plotVector(p["observed"]!, "plotPPC's observed", flatten: true)
      let options = try plotOptions(p, "plotPPC")
      let (name, rows) = try predictiveDraws(p["predictive"]!, options.varNames)
      let n = try p.int("numPPSamples", 100, "plotPPC")
      return try plotting { .host(PlotHost(try BayesPlots.ppc(rows, observed: observed, name: name, numDraws: n, options: PlotOptions(figsize: options.figsize, title: options.title)))) }
    }
  }
}

/// Runs a plot builder, turning its `PlotError` into a `ValueError` for the cell.
func plotting<T>(_ body: () throws -> T) throws -> T {
  do { return try body() } catch let e as PlotError { throw HostError(e.message, kind: "ValueError") }
}

/// The numbers of a 1-d array (or a Swift array of numbers); `flatten` accepts any shape.
func plotVector(_ v: Value, _ what: String, flatten: Bool = false) throws -> [Double] {
  let a = try requireArray(v, what)
  guard a.dtype != .bool else { throw HostError("\(what) must be numbers, not Bools", kind: "TypeError") }
  guard flatten || a.ndim <= 1 else {
    throw HostError("\(what) must be 1-dimensional; it has shape \(a.shapeText)", kind: "ShapeError")
  }
  return a.converted(to: .double).doubles
}

/// One series per row of a 2-d array, or the one series of a 1-d array.
func plotSeries(_ v: Value, _ what: String) throws -> [[Double]] {
  let a = try requireArray(v, what)
  guard a.dtype != .bool else { throw HostError("\(what) must be numbers, not Bools", kind: "TypeError") }
  let d = a.converted(to: .double).doubles
  switch a.ndim {
  case 0, 1: return [d]
  case 2:
    let cols = a.shape[1]
    return (0..<a.shape[0]).map { Array(d[($0 * cols)..<(($0 + 1) * cols)]) }
  default: throw HostError("\(what) must be 1- or 2-dimensional; it has shape \(a.shapeText)", kind: "ShapeError")
  }
}

func plotStrings(_ v: Value, _ what: String) throws -> [String] {
  if case .string(let s) = v { return [s] }
  guard case .array(let a) = v else { throw HostError("\(what) must be an array of Strings, not \(v.typeName)", kind: "TypeError") }
  return try a.items.map { try Arg.string($0, what) }
}

func plotFigsize(_ v: Value, _ function: String) throws -> (Double, Double) {
  let items: [Value]
  switch v {
  case .tuple(let t): items = t.items
  case .array(let a): items = a.items
  default: items = []
  }
  guard items.count == 2 else {
    throw HostError("\(function)'s figsize is (width, height) in inches, e.g. figsize: (8, 4)", kind: "TypeError")
  }
  let w = try scalarDouble(items[0], "figsize width"), h = try scalarDouble(items[1], "figsize height")
  guard w > 0, h > 0, w <= 100, h <= 100 else {
    throw HostError("\(function)'s figsize must be between 0 and 100 inches each, not (\(w), \(h))", kind: "ValueError")
  }
  return (w, h)
}

func plotScale(_ v: Value?, _ what: String) throws -> ScaleKind {
  guard let v else { return .linear }
  switch try Arg.string(v, what) {
  case "linear": return .linear
  case "log": return .log
  case let s: throw HostError("\(what) must be \"linear\" or \"log\", not \(quoteString(s))", kind: "ValueError")
  }
}

func plotLabels(_ p: NamedArguments, _ function: String) throws -> BasicPlots.Labels {
  var l = BasicPlots.Labels(
    xLabel: try p["xlabel"].map { try Arg.string($0, "\(function)'s xlabel") },
    yLabel: try p["ylabel"].map { try Arg.string($0, "\(function)'s ylabel") },
    title: try p["title"].map { try Arg.string($0, "\(function)'s title") },
    figsize: try p["figsize"].map { try plotFigsize($0, function) })
  l.xScale = try plotScale(p["xscale"], "\(function)'s xscale")
  l.yScale = try plotScale(p["yscale"], "\(function)'s yscale")
  return l
}

func plotOptions(_ p: NamedArguments, _ function: String) throws -> PlotOptions {
  var o = PlotOptions()
  o.varNames = try p["varNames"].map { try plotStrings($0, "\(function)'s varNames") }
  o.figsize = try p["figsize"].map { try plotFigsize($0, function) }
  o.title = try p["title"].map { try Arg.string($0, "\(function)'s title") }
  if let h = p["hdiProb"] {
    let prob = try scalarDouble(h, "\(function)'s hdiProb")
    guard prob > 0, prob < 1 else { throw HostError("\(function)'s hdiProb must be between 0 and 1, not \(prob)", kind: "ValueError") }
    o.hdiProb = prob
  }
  return o
}

/// The plots' view of draws: sites, plus divergences and energy from the sampler's
/// statistics (or an `energy` entry of a dictionary, which is then not a site).
func posteriorDraws(_ c: ChainDraws, _ function: String) throws -> PosteriorDraws {
  guard c.chainCount > 0, c.drawCount > 0 else {
    throw HostError("\(function): no draws (\(c.chainCount) chains × \(c.drawCount) draws)", kind: "ValueError")
  }
  var names = c.names
  var energy = c.sampleStats["energy"]
  if energy == nil, c.sampleStats.isEmpty, let e = c.arrays["energy"], e.ndim == 2 {
    energy = e
    names.removeAll { $0 == "energy" }
  }
  func rows<T>(_ a: NDArray, _ values: [T]) -> [[T]] {
    let (ch, d) = (a.shape[0], a.shape.count > 1 ? a.shape[1] : 0)
    return (0..<ch).map { Array(values[($0 * d)..<(($0 + 1) * d)]) }
  }
  let div = c.sampleStats["diverging"].flatMap { a in a.ndim == 2 ? rows(a, a.dtype == .bool ? a.bools : a.converted(to: .double).doubles.map { $0 != 0 }) : nil }
  let en = energy.flatMap { a in a.ndim == 2 ? rows(a, a.converted(to: .double).doubles) : nil }
  return PosteriorDraws(names: names, arrays: c.arrays, diverging: div, energy: en)
}

/// `divergences:` given by hand: Bools shaped like the draws' (chains, draws).
func plotDivergences(_ v: Value, _ d: PosteriorDraws, _ function: String) throws -> [[Bool]] {
  guard let a = asArray(v), a.dtype == .bool else {
    throw HostError("\(function)'s divergences must be Bools shaped (chains, draws), not \(v.typeName)", kind: "TypeError")
  }
  guard let first = d.names.first, let s = d.arrays[first] else { return [] }
  let flat = a.bools
  let (c, n) = (s.shape[0], s.shape[1])
  guard flat.count == c * n, a.ndim <= 2 else {
    throw HostError("\(function)'s divergences has shape \(a.shapeText) but the draws are \(c) chains × \(n) draws", kind: "ShapeError")
  }
  return (0..<c).map { Array(flat[($0 * n)..<(($0 + 1) * n)]) }
}

/// R-hat and bulk-ESS columns for a forest plot (Convergence's ArviZ-matching numbers),
/// when there are at least 2 chains of at least 4 draws.
func forestColumns(_ d: PosteriorDraws, _ o: PlotOptions, rhat: Bool, ess: Bool) throws -> [(header: String, values: [String: String])] {
  guard rhat || ess, let first = d.names.first, let a = d.arrays[first], a.shape[0] >= 2, a.shape[1] >= 4 else { return [] }
  var r: [String: String] = [:], e: [String: String] = [:]
  for site in o.varNames ?? d.names {
    guard let arr = d.arrays[site], arr.ndim >= 2 else { continue }
    let (c, n) = (arr.shape[0], arr.shape[1])
    let event = arr.shape.dropFirst(2).reduce(1, *)
    let values = arr.converted(to: .double).doubles
    for k in 0..<event {
      let label = arr.ndim == 2 ? site : site + "[" + plotIndex(k, Array(arr.shape.dropFirst(2))) + "]"
      var flat = [Double](repeating: 0, count: c * n)
      for i in 0..<(c * n) { flat[i] = values[i * event + k] }
      let samples = ChainSamples(flat, chains: c)
      if rhat { r[label] = formatStat(Diagnostics.rhat(samples), decimals: 2) }
      if ess { e[label] = formatStat((try? Diagnostics.ess(samples)) ?? .nan, decimals: 0) }
    }
  }
  var out: [(header: String, values: [String: String])] = []
  if rhat { out.append(("R-hat", r)) }
  if ess { out.append(("ESS bulk", e)) }
  return out
}

func plotIndex(_ flat: Int, _ shape: [Int]) -> String {
  var r = [Int](repeating: 0, count: shape.count)
  var f = flat
  for i in stride(from: shape.count - 1, through: 0, by: -1) {
    r[i] = f % shape[i]
    f /= shape[i]
  }
  return r.map(String.init).joined(separator: ",")
}

func formatStat(_ x: Double, decimals: Int) -> String {
  guard x.isFinite else { return "–" }
  if decimals == 0 { return String(Int(x.rounded())) }
  let p = 100.0
  let v = (x * p).rounded() / p
  let whole = Int(v)
  let frac = Int(((v - Double(whole)) * p).rounded())
  return "\(whole)." + (frac < 10 ? "0" : "") + "\(frac)"
}

/// Predictive draws for `plotPPC` as rows (draw, observation): from a draws host (chains
/// and draws pooled), a dictionary of arrays shaped (draws, n) — or (chains, draws, n) —
/// one such array, or any host value whose `value["obs"]` is one. With several sites, `varNames` picks one (default "obs" when present).
func predictiveDraws(_ v: Value, _ varNames: [String]?) throws -> (String, [[Double]]) {
  var sites: [(String, NDArray)] = []
  if case .host(let h) = v, let source = h as? DrawsSource {
    let c = try source.chainDraws()
    sites = c.names.compactMap { n in c.arrays[n].map { (n, $0) } }
  } else if case .dictionary(let d) = v {
    for (k, value) in zip(d.keys, d.values) {
      guard case .string(let name) = k else { throw HostError("plotPPC: predictive dictionaries need String keys (site names), not \(k.typeName)", kind: "TypeError") }
      guard let a = asArray(value), a.dtype != .bool else { throw HostError("plotPPC: '\(name)' is not a numeric array (it is \(value.typeName))", kind: "TypeError") }
      sites.append((name, a))
    }
  } else if let a = asArray(v), a.dtype != .bool {
    sites = [("y", a)]
  } else if case .host(let h) = v, case let name = varNames?.first ?? "obs",
            let got = try? h.subscriptGet(Arguments([.string(name)])), let a = asArray(got), a.dtype != .bool {
    // Any other value that answers value["obs"] (or value[varNames[0]]) with an array.
    sites = [(name, a)]
  } else {
    throw HostError("plotPPC needs predictive draws: the value Predictive returns, a dictionary of arrays shaped (draws, n), or one such array; got \(v.typeName)", kind: "TypeError")
  }
  guard !sites.isEmpty else { throw HostError("plotPPC: the predictive has no sites", kind: "ValueError") }
  let chosen: (String, NDArray)
  if let wanted = varNames?.first {
    guard let s = sites.first(where: { $0.0 == wanted }) else {
      throw HostError("plotPPC: no variable named '\(wanted)'; the predictive has \(sites.map { "'\($0.0)'" }.joined(separator: ", "))", kind: "ValueError")
    }
    chosen = s
  } else if sites.count == 1 {
    chosen = sites[0]
  } else if let obs = sites.first(where: { $0.0 == "obs" }) {
    chosen = obs
  } else {
    throw HostError("plotPPC: the predictive has several sites (\(sites.map { "'\($0.0)'" }.joined(separator: ", "))); choose one with varNames:", kind: "ValueError")
  }
  let a = chosen.1
  // (draws, n); (chains, draws, n) pools chains and draws; a 1-d array is one draw.
  let n = a.ndim == 0 ? 1 : a.shape[a.ndim - 1]
  let rowsCount = n == 0 ? 0 : a.size / n
  guard rowsCount > 0 else { throw HostError("plotPPC: '\(chosen.0)' has no draws (shape \(a.shapeText))", kind: "ValueError") }
  let d = a.converted(to: .double).doubles
  return (chosen.0, (0..<rowsCount).map { Array(d[($0 * n)..<(($0 + 1) * n)]) })
}
