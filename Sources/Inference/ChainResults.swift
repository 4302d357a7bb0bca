/// Per-draw sampler statistics of one chain, one entry per kept draw (NumPyro's
/// `extra_fields` names; Stan's `divergent__`, `treedepth__`, `n_leapfrog__`,
/// `stepsize__`, `energy__`, `accept_stat__`, and −`lp__`).
public struct SampleStats: Sendable, Equatable {
  public var diverging: [Bool] = []
  public var treeDepth: [Int] = []
  /// Leapfrog steps (gradient evaluations) of the transition.
  public var numSteps: [Int] = []
  /// The (jittered) step size the transition used.
  public var stepSize: [Double] = []
  /// The Hamiltonian at the selected state.
  public var energy: [Double] = []
  /// The mean Metropolis acceptance over the trajectory (what dual averaging reads).
  public var acceptProb: [Double] = []
  /// U = −log density (up to a constant) at the selected state.
  public var potentialEnergy: [Double] = []

  public init() {}

  public var count: Int { diverging.count }

  mutating func reserve(_ n: Int) {
    diverging.reserveCapacity(n); treeDepth.reserveCapacity(n); numSteps.reserveCapacity(n)
    stepSize.reserveCapacity(n); energy.reserveCapacity(n); acceptProb.reserveCapacity(n)
    potentialEnergy.reserveCapacity(n)
  }

  mutating func append(_ s: TransitionStats) {
    diverging.append(s.diverging); treeDepth.append(s.treeDepth); numSteps.append(s.numSteps)
    stepSize.append(s.stepSize); energy.append(s.energy); acceptProb.append(s.acceptProb)
    potentialEnergy.append(s.potentialEnergy)
  }
}

/// Everything a later run needs to continue a chain without warmup (NumPyro's
/// `mcmc.post_warmup_state`): the position, the adapted step size and metric, and the
/// chain's random stream.
public struct ChainState: Sendable, Hashable {
  public var position: [Double]
  public var stepSize: Double
  public var inverseMetric: InverseMetric
  public var rng: ChainRNG

  public init(position: [Double], stepSize: Double, inverseMetric: InverseMetric, rng: ChainRNG) {
    self.position = position
    self.stepSize = stepSize
    self.inverseMetric = inverseMetric
    self.rng = rng
  }
}

/// One chain's output.
public struct ChainResult: Sendable {
  /// The chain's index (0-based) in the run.
  public let chain: Int
  /// The number of unconstrained coordinates.
  public let dimension: Int
  /// Post-warmup draws after thinning, flat: draw d is `draws[d·dimension ..< (d+1)·dimension]`.
  public var draws: [Double] = []
  public var stats = SampleStats()
  /// Warmup draws (every iteration), only when the run kept them.
  public var warmupDraws: [Double] = []
  public var warmupStats = SampleStats()
  /// The step size after warmup (the nominal one; draws may use a jittered value).
  public var stepSize = 0.0
  /// The inverse metric after warmup.
  public var inverseMetric: InverseMetric
  /// The state at the end of the run, to continue it; nil if warmup did not finish.
  public var postWarmupState: ChainState?
  /// True when the run was stopped before this chain finished.
  public var interrupted = false
  /// Warmup and sampling iterations completed (before thinning).
  public var warmupIterations = 0
  public var samplingIterations = 0
  /// Every gradient evaluation, including initialization and the step-size searches.
  public var gradientEvaluations = 0
  public var warmupSeconds = 0.0
  public var samplingSeconds = 0.0
  /// CPU time of the worker thread for this chain (less sensitive to a busy machine than
  /// the wall times).
  public var cpuSeconds = 0.0

  /// The number of kept post-warmup draws.
  public var numDraws: Int { dimension == 0 ? 0 : draws.count / dimension }
  /// Divergent post-warmup transitions among the kept draws.
  public var divergences: Int { stats.diverging.reduce(0) { $0 + ($1 ? 1 : 0) } }
  /// Draw `index` (post-warmup, after thinning).
  public func draw(_ index: Int) -> ArraySlice<Double> { draws[(index * dimension)..<((index + 1) * dimension)] }
}

/// The output of `runChains`.
public struct ChainResults: Sendable {
  public var chains: [ChainResult]
  /// True when `shouldStop` ended the run early (each chain says how far it got).
  public var interrupted: Bool
  public var wallSeconds: Double
  /// Worker threads used.
  public var threads: Int
  public var dimension: Int
  /// The NUTS maximum tree depth (nil for static HMC), for saturation reports.
  public var maxTreeDepth: Int?

  /// Post-warmup draws of all chains, chain after chain.
  public var totalDraws: Int { chains.reduce(0) { $0 + $1.numDraws } }
}
