import Foundation

/// ArviZ's `scale` for information criteria: log score (default), its negative, or
/// deviance (−2 × log score).
public enum ICScale: String, Sendable, CaseIterable {
  case log, negativeLog = "negative_log", deviance
  var value: Double {
    switch self {
    case .log: return 1
    case .negativeLog: return -1
    case .deviance: return -2
    }
  }
  /// ArviZ's `SCALE_DICT`.
  var label: String {
    switch self {
    case .log: return "elpd"
    case .negativeLog: return "-elpd"
    case .deviance: return "deviance"
    }
  }
}

/// Pointwise log-likelihood: samples × observations, samples in (chain, draw) order.
public struct PointwiseLogLikelihood: Sendable {
  public let chains: Int
  public let draws: Int
  public let observations: Int
  /// Row-major (chain, draw, observation).
  public let values: [Double]

  public init(_ values: [Double], chains: Int, draws: Int) {
    precondition(chains > 0 && draws > 0 && values.count % (chains * draws) == 0, "values must be chains × draws × observations")
    self.values = values
    self.chains = chains
    self.draws = draws
    observations = values.count / (chains * draws)
  }

  var samples: Int { chains * draws }

  /// The log-likelihood of observation `i` across all samples.
  func column(_ i: Int) -> [Double] {
    (0..<samples).map { values[$0 * observations + i] }
  }
}

/// The result of `loo` or `waic` (ArviZ's `ELPDData`), with pointwise values.
public struct ELPDResult: Sendable, Equatable {
  public enum Kind: String, Sendable { case loo, waic }
  public let kind: Kind
  /// elpd_loo / elpd_waic on `scale`.
  public let estimate: Double
  public let se: Double
  /// p_loo / p_waic, the effective number of parameters.
  public let p: Double
  public let samples: Int
  public let observations: Int
  /// A Pareto k̂ above `goodK` (loo) or a log-density variance above 0.4 (waic).
  public let warning: Bool
  public let scale: ICScale
  public let pointwise: [Double]
  /// loo only: Pareto k̂ per observation, and the threshold min(1 − 1/log10 S, 0.7).
  public let paretoK: [Double]?
  public let goodK: Double?
  /// loo only: the relative efficiency used for the tail length.
  public let reff: Double?

  /// Counts of k̂ in (−∞, goodK), [goodK, 1), [1, ∞] (NumPy histogram bins).
  public var paretoKCounts: [Int]? {
    guard let paretoK, let goodK else { return nil }
    var c = [0, 0, 0]
    for k in paretoK where !k.isNaN {
      if k < goodK { c[0] += 1 } else if k < 1 { c[1] += 1 } else { c[2] += 1 }
    }
    return c
  }

  /// Indices of observations whose k̂ is above `goodK`.
  public var badObservations: [Int] {
    guard let paretoK, let goodK else { return [] }
    return paretoK.indices.filter { paretoK[$0] > goodK }
  }
}

extension Diagnostics {
  /// PSIS-LOO-CV (`arviz.loo`, pointwise): expected log pointwise predictive density,
  /// its standard error, p_loo, and Pareto k̂ per observation.
  /// - Parameters:
  ///   - reff: relative MCMC efficiency ESS/S for the tail length; nil: 1 with one chain,
  ///     otherwise ArviZ's mean ESS-of-the-mean over `posterior`'s scalar components / S,
  ///     or 1 when no posterior is given.
  public static func loo(_ ll: PointwiseLogLikelihood, scale: ICScale = .log, reff: Double? = nil, posterior: [SummaryVariable] = []) throws -> ELPDResult {
    let s = ll.samples
    guard s >= 2 else { throw DiagnosticsError("loo needs at least 2 posterior samples, got \(s)") }
    let r = try reff ?? relativeEfficiency(ll, posterior)
    let scaleValue = scale.value
    var pointwise = [Double](repeating: 0, count: ll.observations)
    var ks = [Double](repeating: 0, count: ll.observations)
    var lppd = [Double](repeating: 0, count: ll.observations)
    for i in 0..<ll.observations {
      let col = ll.column(i)
      let (lw, k) = PSIS.smooth(col.map { -$0 }, reff: r)
      ks[i] = k
      pointwise[i] = scaleValue * logSumExp(zip(lw, col).map { $0 + $1 })
      lppd[i] = logSumExp(col, bInv: Double(s))
    }
    let goodK = Swift.min(1 - 1 / Foundation.log10(Double(s)), 0.7)
    let estimate = npSum(pointwise)
    let se = (Double(ll.observations) * variance(pointwise, ddof: 0)).squareRoot()
    let p = npSum(lppd) - estimate / scaleValue
    return ELPDResult(kind: .loo, estimate: estimate, se: se, p: p, samples: s, observations: ll.observations,
                      warning: ks.contains { $0 > goodK }, scale: scale, pointwise: pointwise,
                      paretoK: ks, goodK: goodK, reff: r)
  }

  static func relativeEfficiency(_ ll: PointwiseLogLikelihood, _ posterior: [SummaryVariable]) throws -> Double {
    if ll.chains == 1 || posterior.isEmpty { return 1.0 }
    var esses: [Double] = []
    for v in posterior {
      let shape = v.draws.shape
      guard shape.count >= 2, shape[0] == ll.chains, shape[1] == ll.draws else {
        throw DiagnosticsError("loo: posterior '\(v.name)' must be shaped (\(ll.chains), \(ll.draws), …) like the log-likelihood, got \(shape)")
      }
      let k = shape.dropFirst(2).reduce(1, *)
      let all = v.draws.converted(to: .double).doubles
      for j in 0..<k {
        let x = (0..<(ll.samples)).map { all[$0 * k + j] }
        esses.append(try ess(ChainSamples(x, chains: ll.chains), method: .mean))
      }
    }
    return npSum(esses) / Double(esses.count) / Double(ll.samples)
  }

  /// WAIC (`arviz.waic`, pointwise): lppd − p_waic with p_waic the summed posterior
  /// variance of the log density (ddof 0); a warning when any variance exceeds 0.4.
  public static func waic(_ ll: PointwiseLogLikelihood, scale: ICScale = .log) -> ELPDResult {
    let s = ll.samples
    var pointwise = [Double](repeating: 0, count: ll.observations)
    var vars = [Double](repeating: 0, count: ll.observations)
    for i in 0..<ll.observations {
      let col = ll.column(i)
      let lppd = logSumExp(col, bInv: Double(s))
      vars[i] = variance(col, ddof: 0)
      pointwise[i] = scale.value * (lppd - vars[i])
    }
    return ELPDResult(kind: .waic, estimate: npSum(pointwise), se: (Double(ll.observations) * variance(pointwise, ddof: 0)).squareRoot(),
                      p: npSum(vars), samples: s, observations: ll.observations, warning: vars.contains { $0 > 0.4 },
                      scale: scale, pointwise: pointwise, paretoK: nil, goodK: nil, reff: nil)
  }
}

extension ELPDResult {
  /// ArviZ's `ELPDData.__str__`, character for character.
  public var text: String {
    let kindName = kind.rawValue
    let scaleLabel = scale.label
    let padding = scaleLabel.count + kindName.count + 1
    func fmt(_ v: Double, _ width: Int) -> String { TableRendering.leftPad(String(format: "%.2f", v), width) }
    var s = "Computed from \(samples) posterior samples and \(observations) observations log-likelihood matrix.\n\n"
    s += String(repeating: " ", count: padding) + " Estimate       SE\n"
    s += "\(scaleLabel)_\(kindName) \(fmt(estimate, 8))  \(fmt(se, 7))\n"
    s += ("p_" + kindName.padding(toLength: max(padding - 2, kindName.count), withPad: " ", startingAt: 0)) + " \(fmt(p, 8))        -"
    if warning { s += "\n\nThere has been a warning during the calculation. Please check the results." }
    if let counts = paretoKCounts, let goodK {
      let w = max(4, String(counts.max() ?? 0).count)
      let total = Double(counts.reduce(0, +))
      func pct(_ c: Int) -> String { TableRendering.leftPad(String(format: "%.1f", 100 * Double(c) / total), 6) }
      func cnt(_ c: Int) -> String { TableRendering.leftPad(String(c), w) }
      let g = String(format: "%.2f", goodK)
      s += "\n------\n\nPareto k diagnostic values:\n"
      s += String(repeating: " ", count: 25) + TableRendering.leftPad("Count", w) + " " + TableRendering.leftPad("Pct.", 6) + "\n"
      s += "(-Inf, \(g)]   (good)     \(cnt(counts[0])) \(pct(counts[0]))%\n"
      s += "   (\(g), 1]   (bad)      \(cnt(counts[1])) \(pct(counts[1]))%\n"
      s += "   (1, Inf)   (very bad) \(cnt(counts[2])) \(pct(counts[2]))%\n"
    }
    return s
  }

  /// Plain-language warnings (with the observations concerned) for display under the
  /// table.
  public var warnings: [String] {
    switch kind {
    case .loo:
      let bad = badObservations
      guard !bad.isEmpty, let goodK else { return [] }
      let shown = bad.prefix(10).map(String.init).joined(separator: ", ") + (bad.count > 10 ? ", …" : "")
      return ["Warning: Pareto k̂ above \(String(format: "%.2f", goodK)) for \(bad.count) observation\(bad.count == 1 ? "" : "s") (\(shown)): importance sampling is unreliable there; consider a more robust model or exact LOO for those points."]
    case .waic:
      return warning ? ["Warning: the posterior variance of the log predictive density exceeds 0.4 for some observations; WAIC may be unreliable (arXiv:1507.04544). Prefer loo."] : []
    }
  }

  var tableIndex: [String] { ["\(scale.label)_\(kind.rawValue)", "p_\(kind.rawValue)"] }

  /// An HTML rendering: estimate and SE, then the Pareto k̂ table for loo.
  public var html: String {
    var h = "<div class=\"swiftbayes-elpd\">\n<p>Computed from \(samples) posterior samples and \(observations) observations log-likelihood matrix.</p>\n"
    h += TableRendering.html(index: tableIndex, columns: ["Estimate", "SE"],
                             cells: [.float([estimate, p].map { roundHalfEven($0, 2) }), .text([String(format: "%.2f", se), "-"])])
    if let counts = paretoKCounts, let goodK {
      let g = String(format: "%.2f", goodK)
      let total = Double(counts.reduce(0, +))
      h += "\n<p>Pareto k diagnostic values:</p>\n"
      h += TableRendering.html(index: ["(-Inf, \(g)] (good)", "(\(g), 1] (bad)", "(1, Inf) (very bad)"], columns: ["Count", "Pct."],
                               cells: [.int(counts), .text(counts.map { String(format: "%.1f%%", 100 * Double($0) / total) })],
                               flags: [[], counts[1] > 0 ? ["Count"] : [], counts[2] > 0 ? ["Count"] : []])
    }
    let w = warnings
    if !w.isEmpty { h += "\n<p style=\"color: #b00020;\">" + w.map(TableRendering.escape).joined(separator: "<br>") + "</p>" }
    return h + "\n</div>"
  }

  /// A markdown rendering.
  public var markdown: String {
    var lines = [TableRendering.markdown(index: tableIndex, columns: ["Estimate", "SE"],
                                         cells: [.text([String(format: "%.2f", estimate), String(format: "%.2f", p)]), .text([String(format: "%.2f", se), "-"])])]
    if let counts = paretoKCounts, let goodK {
      let g = String(format: "%.2f", goodK)
      lines.append("")
      lines.append(TableRendering.markdown(index: ["(-Inf, \(g)] (good)", "(\(g), 1] (bad)", "(1, Inf) (very bad)"], columns: ["Count"], cells: [.int(counts)]))
    }
    lines += warnings.map { "\n> " + $0 }
    return lines.joined(separator: "\n")
  }
}
