import Foundation

extension BayesPlots {
  // MARK: - Pair

  /// A scatter matrix: each pair of scalars below the diagonal (draws thinned to
  /// `maxPairPoints` per panel), each scalar's density on the diagonal, divergent
  /// transitions as red dots on top.
  public static func pair(_ draws: PosteriorDraws, options: PlotOptions = PlotOptions()) throws -> Figure {
    let scalars = try draws.scalars("plotPair", try draws.sites("plotPair", options))
    guard scalars.count >= 2 else {
      throw PlotError("plotPair needs at least two scalars; '\(scalars[0].label)' is the only one selected")
    }
    guard scalars.count <= 12 else {
      throw PlotError("plotPair: \(scalars.count) scalars would make \(scalars.count * scalars.count) panels; choose at most 12 with varNames:")
    }
    let k = scalars.count
    let pooled = scalars.map(\.pooled)
    let n = pooled[0].count
    let keep = thinnedIndices(n, limit: maxPairPoints)
    // Divergent draws as pooled indices (chains laid end to end).
    var divergentIndex: [Int] = []
    if let div = draws.diverging {
      var offset = 0
      for (c, row) in div.enumerated() {
        for (d, v) in row.enumerated() where v { divergentIndex.append(offset + d) }
        offset += scalars[0].chains[c].count
      }
    }
    var panels: [Panel?] = []
    for r in 0..<k {
      for c in 0..<k {
        if c > r { panels.append(nil); continue }
        var p = Panel()
        if r == c {
          p.marks += densityMarks(pooled[r], color: Palette.color(0), width: 1.5, label: scalars[r].label)
          p.yFromZero = true
          p.hideYTickLabels = true
          p.sharesY = false
        } else {
          p.marks.append(.scatter(x: keep.map { pooled[c][$0] }, y: keep.map { pooled[r][$0] }, color: Palette.color(0), alpha: 0.25, radius: 1.8,
                                  hover: PointHover(noun: "draw", indices: keep)))
          if !divergentIndex.isEmpty {
            p.marks.append(.scatter(x: divergentIndex.map { pooled[c][$0] }, y: divergentIndex.map { pooled[r][$0] }, color: .red, alpha: 0.9, radius: 2.2,
                                    hover: PointHover(noun: "divergent draw", indices: divergentIndex)))
          }
          if c == 0 { p.yLabel = scalars[r].label }
        }
        if r == k - 1 { p.xLabel = scalars[c].label }
        if r == 0 && c == 0 && !divergentIndex.isEmpty {
          p.legend = [LegendEntry("\(divergentIndex.count) divergent", color: .red, kind: .dot)]
        }
        panels.append(p)
      }
    }
    let side = max(1.6, min(3, 9 / Double(k)))
    var fig = grid(panels, columns: k, cell: (side, side), options: options, kind: "plotPair")
    fig.sharedX = true
    fig.sharedY = true
    return fig
  }

  // MARK: - Posterior predictive check

  /// The density of the observed data (black) against the densities of `numDraws`
  /// predictive draws (thin blue) and their mean (dashed orange). Integer
  /// data spanning at most 200 values (counts) is shown as probability mass per value.
  /// - Parameters:
  ///   - predictive: predictive draws, `predictive[draw][observation]`.
  ///   - observed: the data, one value per observation.
  public static func ppc(_ predictive: [[Double]], observed: [Double], name: String = "obs", numDraws: Int = 100, options: PlotOptions = PlotOptions()) throws -> Figure {
    guard !predictive.isEmpty else { throw PlotError("plotPPC: the predictive has no draws") }
    guard !observed.isEmpty else { throw PlotError("plotPPC: observed is empty") }
    for (i, row) in predictive.enumerated() where row.count != observed.count {
      throw PlotError("plotPPC: predictive draw \(i) has \(row.count) values but observed has \(observed.count); they must be the same length")
    }
    var p = Panel(xLabel: name)
    p.yFromZero = true
    p.hideYTickLabels = true
    let keep = thinnedIndices(predictive.count, limit: max(1, numDraws))
    let light = Color("#56b4e9")
    // Counts (integers over a modest range) are drawn as probability mass per value,
    // step lines like ArviZ's histograms, not as smoothed densities.
    let sample = keep.flatMap { predictive[$0] }.filter(\.isFinite)
    let observedFinite = observed.filter(\.isFinite)
    let isInteger = { (v: Double) in v == v.rounded() }
    if let lo = (sample + observedFinite).min(), let hi = (sample + observedFinite).max(),
       hi - lo <= 200, sample.allSatisfy(isInteger), observedFinite.allSatisfy(isInteger) {
      let edges = stride(from: lo - 0.5, through: hi + 0.5, by: 1).map { $0 }
      p.integerXTicks = true
      func mass(_ v: [Double]) -> [Double] {
        let c = PlotStats.histogram(v, edges: edges)
        let n = Swift.max(1, c.reduce(0, +))
        return c.map { $0 / n } + [c.isEmpty ? 0 : c[c.count - 1] / n]
      }
      for i in keep {
        p.marks.append(.step(x: edges, y: mass(predictive[i]), style: LineStyle(color: light, width: 0.8, opacity: 0.35), label: "predictive draw \(i)"))
      }
      p.marks.append(.step(x: edges, y: mass(sample), style: LineStyle(color: Color("#e69f00"), width: 2, dash: [6, 3]), label: "predictive mean"))
      p.marks.append(.step(x: edges, y: mass(observed), style: LineStyle(color: .black, width: 2), label: "observed"))
      p.legend = [
        LegendEntry("observed", color: .black),
        LegendEntry("posterior predictive", color: light),
        LegendEntry("predictive mean", color: Color("#e69f00"), kind: .dashed),
      ]
      let (w, h) = options.pixels((7, 4.5))
      return Figure(width: w, height: h, columns: 1, panels: [p], title: options.title, kind: "plotPPC")
    }
    var densities: [Density] = []
    for i in keep {
      if let d = kernelDensity(predictive[i], gridSize: 120) {
        densities.append(d)
        p.marks.append(.line(x: d.x, y: d.y, style: LineStyle(color: light, width: 0.8, opacity: 0.35), label: "predictive draw \(i)"))
      }
    }
    // The mean of those densities on a common grid, as ArviZ draws it (a density of the
    // pooled draws would use a much narrower bandwidth and look sharper than any draw's).
    if let mean = meanDensity(densities) {
      p.marks.append(.line(x: mean.x, y: mean.y, style: LineStyle(color: Color("#e69f00"), width: 2, dash: [6, 3]), label: "predictive mean"))
    }
    p.marks += densityMarks(observed, color: .black, width: 2, label: "observed \(name)")
    p.legend = [
      LegendEntry("observed", color: .black),
      LegendEntry("posterior predictive", color: light),
      LegendEntry("predictive mean", color: Color("#e69f00"), kind: .dashed),
    ]
    let (w, h) = options.pixels((7, 4.5))
    return Figure(width: w, height: h, columns: 1, panels: [p], title: options.title, kind: "plotPPC")
  }

  /// The pointwise mean of densities, each interpolated onto one grid spanning them all
  /// (zero outside its own range).
  static func meanDensity(_ ds: [Density], gridSize: Int = 200) -> (x: [Double], y: [Double])? {
    guard let lo = ds.compactMap(\.x.first).min(), let hi = ds.compactMap(\.x.last).max(), hi > lo else { return nil }
    let xs = (0..<gridSize).map { lo + (hi - lo) * Double($0) / Double(gridSize - 1) }
    var ys = [Double](repeating: 0, count: gridSize)
    for d in ds {
      guard let a = d.x.first, let b = d.x.last, b > a else { continue }
      let step = (b - a) / Double(d.x.count - 1)
      for (k, x) in xs.enumerated() where x >= a && x <= b {
        let t = (x - a) / step
        let i = min(d.x.count - 2, Int(t))
        let f = t - Double(i)
        ys[k] += d.y[i] * (1 - f) + d.y[i + 1] * f
      }
    }
    return (xs, ys.map { $0 / Double(ds.count) })
  }

  // MARK: - Autocorrelation

  /// The autocorrelation of each chain at lags 0…`maxLag`, one panel per scalar.
  public static func autocorr(_ draws: PosteriorDraws, maxLag: Int = 100, options: PlotOptions = PlotOptions()) throws -> Figure {
    guard maxLag >= 1, maxLag <= 100_000 else { throw PlotError("plotAutocorr: maxLag must be between 1 and 100000, not \(maxLag)") }
    let scalars = try draws.scalars("plotAutocorr", try draws.sites("plotAutocorr", options))
    var panels: [Panel?] = []
    for s in scalars {
      var p = Panel(title: s.label, xLabel: "lag")
      p.yDomain = (-1.05, 1.05)
      p.marks.append(.hrule(y: 0, style: LineStyle(color: .gray, width: 1)))
      for (c, chain) in s.chains.enumerated() {
        let ac = PlotStats.autocorrelation(PlotStats.finite(chain), maxLag: maxLag)
        p.marks.append(.line(x: ac.indices.map(Double.init), y: ac, style: LineStyle(color: chainColor(c), width: 1.3, opacity: 0.9), label: "chain \(c) autocorrelation"))
      }
      panels.append(p)
    }
    if let chains = scalars.first?.chains.count, chains > 1 {
      panels[0]?.legend = (0..<chains).map { LegendEntry("chain \($0)", color: chainColor($0)) }
    }
    return grid(panels, columns: min(3, panels.count), cell: (3.6, 2.5), options: options, kind: "plotAutocorr")
  }

  // MARK: - Energy

  /// The marginal energy distribution (energy minus its mean) against the energy
  /// transition distribution (differences between successive draws), with the
  /// Bayesian fraction of missing information (E-BFMI) per chain. When the transition
  /// density is much narrower than the marginal, the sampler explores the tails poorly.
  ///
  /// References:
  /// 1. M. Betancourt. Diagnosing Suboptimal Cotangent Disintegrations in Hamiltonian
  ///    Monte Carlo. arXiv:1604.00695, 2016.
  public static func energy(_ draws: PosteriorDraws, options: PlotOptions = PlotOptions()) throws -> Figure {
    guard let energy = draws.energy, !energy.isEmpty, energy.allSatisfy({ $0.count >= 2 }) else {
      throw PlotError("plotEnergy needs the sampler's energy at each draw (an MCMC run, or a dictionary with an 'energy' entry shaped (chains, draws) with at least 2 draws)")
    }
    let all = energy.flatMap { $0 }
    let m = PlotStats.mean(all)
    let marginal = all.map { $0 - m }
    let transition = energy.flatMap { e in zip(e.dropFirst(), e).map { $0 - $1 } }
    var p = Panel(xLabel: "energy − mean")
    p.yFromZero = true
    p.hideYTickLabels = true
    p.marks += densityMarks(marginal, color: Palette.color(0), width: 1.5, fill: true, label: "marginal energy")
    p.marks += densityMarks(transition, color: Palette.color(1), width: 1.5, fill: true, label: "energy transition")
    p.legend = [LegendEntry("marginal energy", color: Palette.color(0), kind: .box), LegendEntry("energy transition", color: Palette.color(1), kind: .box)]
    let bfmi = energy.map(Self.bfmi)
    let text = "E-BFMI " + bfmi.enumerated().map { "chain \($0): \(String(format: "%.2f", $1))" }.joined(separator: ", ")
    p.title = text
    let (w, h) = options.pixels((7, 4.5))
    return Figure(width: w, height: h, columns: 1, panels: [p], title: options.title, kind: "plotEnergy")
  }

  /// E-BFMI of one chain: the mean squared energy change over the energy variance
  /// (both over n − 1, as `arviz.bfmi` computes it).
  public static func bfmi(_ e: [Double]) -> Double {
    guard e.count > 1 else { return .nan }
    let m = PlotStats.mean(e)
    let v = e.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(e.count - 1)
    let d = zip(e.dropFirst(), e).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(e.count - 1)
    return v > 0 ? d / v : .nan
  }
}
