/// Settings of the No-U-Turn sampler and its warmup (Stan's defaults).
///
/// References: cmdstan `src/cmdstan/arguments/arg_adapt.hpp` (δ 0.8, γ 0.05, κ 0.75,
/// t0 10, init_buffer 75, term_buffer 50, window 25), `arg_nuts.hpp` (max_depth 10),
/// `arg_hmc.hpp` (stepsize 1, jitter 0); NumPyro `NUTS` (`target_accept_prob=0.8`,
/// `max_tree_depth=10`, `dense_mass=False`).
public struct NUTSConfig: Sendable, Hashable {
  /// δ, the mean acceptance statistic dual averaging aims for, in (0, 1).
  public var targetAcceptProb = 0.8
  /// The maximum number of trajectory doublings (2^depth leapfrog steps at most).
  public var maxTreeDepth = 10
  /// Adapt a dense inverse metric (full covariance) instead of a diagonal one.
  public var denseMass = false
  /// The step size before (or without) adaptation.
  public var initialStepSize = 1.0
  /// Run dual averaging and Stan's step-size heuristic during warmup.
  public var adaptStepSize = true
  /// Run windowed metric adaptation during warmup.
  public var adaptMass = true
  /// Uniform step-size jitter: each transition uses ε·(1 + j·U(−1, 1)); 0 ≤ j < 1.
  public var stepSizeJitter = 0.0
  /// The energy error above which a trajectory is divergent (Stan `max_deltaH_`).
  public var maxDeltaEnergy = 1000.0
  /// The starting inverse metric; identity when nil.
  public var initialInverseMetric: InverseMetric?
  /// Dual-averaging and window constants (Stan's defaults).
  public var adaptation = AdaptationSettings()

  public init(targetAcceptProb: Double = 0.8, maxTreeDepth: Int = 10, denseMass: Bool = false,
    initialStepSize: Double = 1, adaptStepSize: Bool = true, adaptMass: Bool = true, stepSizeJitter: Double = 0) {
    self.targetAcceptProb = targetAcceptProb
    self.maxTreeDepth = maxTreeDepth
    self.denseMass = denseMass
    self.initialStepSize = initialStepSize
    self.adaptStepSize = adaptStepSize
    self.adaptMass = adaptMass
    self.stepSizeJitter = stepSizeJitter
  }
}

/// Settings of static HMC: a fixed number of leapfrog steps, or a fixed integration time
/// with L = max(1, ⌊T/ε⌋) steps (Stan `base_static_hmc::update_L_`). The warmup is the same
/// as NUTS's.
public struct HMCConfig: Sendable, Hashable {
  /// A fixed number of leapfrog steps per transition; when nil, `trajectoryLength` rules.
  public var numSteps: Int?
  /// The integration time T (NumPyro's default 2π).
  public var trajectoryLength = 2 * Double.pi
  public var targetAcceptProb = 0.8
  public var denseMass = false
  public var initialStepSize = 1.0
  public var adaptStepSize = true
  public var adaptMass = true
  public var stepSizeJitter = 0.0
  public var maxDeltaEnergy = 1000.0
  public var initialInverseMetric: InverseMetric?
  public var adaptation = AdaptationSettings()

  public init(numSteps: Int? = nil, trajectoryLength: Double = 2 * Double.pi, targetAcceptProb: Double = 0.8,
    denseMass: Bool = false, initialStepSize: Double = 1, adaptStepSize: Bool = true, adaptMass: Bool = true) {
    self.numSteps = numSteps
    self.trajectoryLength = trajectoryLength
    self.targetAcceptProb = targetAcceptProb
    self.denseMass = denseMass
    self.initialStepSize = initialStepSize
    self.adaptStepSize = adaptStepSize
    self.adaptMass = adaptMass
  }
}

/// Dual-averaging constants and warmup stages; the defaults are Stan's.
public struct AdaptationSettings: Sendable, Hashable {
  public var gamma = 0.05
  public var kappa = 0.75
  public var t0 = 10.0
  public var initBuffer = 75
  public var termBuffer = 50
  public var baseWindow = 25
  /// Run Stan's step-size heuristic (`init_stepsize`) at the start and at each window end.
  public var findReasonableStepSize = true
  public init() {}
}

/// The sampler a run uses.
public enum SamplerKernel: Sendable, Hashable {
  case nuts(NUTSConfig)
  case hmc(HMCConfig)
}

/// How each chain picks its first point on the unconstrained space.
public enum InitStrategy: Sendable, Hashable {
  /// Each coordinate uniform on (−radius, radius), redrawn until the potential and its
  /// gradient are finite, at most 100 times (Stan's default; NumPyro `init_to_uniform`
  /// and `find_valid_initial_params`).
  case uniform(radius: Double)
  /// The same point for every chain.
  case values([Double])
  /// One point per chain.
  case perChain([[Double]])
}

/// The settings both kernels share, in one internal form.
struct SamplerSettings: Sendable {
  enum Trajectory: Sendable {
    case nuts(maxTreeDepth: Int)
    case staticSteps(Int)
    case staticLength(Double)
  }
  var trajectory: Trajectory
  var targetAcceptProb: Double
  var denseMass: Bool
  var initialStepSize: Double
  var adaptStepSize: Bool
  var adaptMass: Bool
  var stepSizeJitter: Double
  var maxDeltaEnergy: Double
  var initialInverseMetric: InverseMetric?
  var adaptation: AdaptationSettings

  init(_ kernel: SamplerKernel) {
    switch kernel {
    case .nuts(let c):
      trajectory = .nuts(maxTreeDepth: c.maxTreeDepth)
      (targetAcceptProb, denseMass, initialStepSize) = (c.targetAcceptProb, c.denseMass, c.initialStepSize)
      (adaptStepSize, adaptMass, stepSizeJitter) = (c.adaptStepSize, c.adaptMass, c.stepSizeJitter)
      (maxDeltaEnergy, initialInverseMetric, adaptation) = (c.maxDeltaEnergy, c.initialInverseMetric, c.adaptation)
    case .hmc(let c):
      trajectory = c.numSteps.map { .staticSteps($0) } ?? .staticLength(c.trajectoryLength)
      (targetAcceptProb, denseMass, initialStepSize) = (c.targetAcceptProb, c.denseMass, c.initialStepSize)
      (adaptStepSize, adaptMass, stepSizeJitter) = (c.adaptStepSize, c.adaptMass, c.stepSizeJitter)
      (maxDeltaEnergy, initialInverseMetric, adaptation) = (c.maxDeltaEnergy, c.initialInverseMetric, c.adaptation)
    }
  }

  var maxTreeDepth: Int? {
    if case .nuts(let d) = trajectory { return d }
    return nil
  }

  func validate(dimension: Int) throws {
    func bad(_ m: String) -> InferenceError { .invalidArgument(m) }
    guard targetAcceptProb > 0, targetAcceptProb < 1 else { throw bad("targetAcceptProb must be in (0, 1), got \(targetAcceptProb)") }
    guard initialStepSize > 0, initialStepSize.isFinite else { throw bad("the initial step size must be positive, got \(initialStepSize)") }
    guard stepSizeJitter >= 0, stepSizeJitter < 1 else { throw bad("stepSizeJitter must be in [0, 1), got \(stepSizeJitter)") }
    guard maxDeltaEnergy > 0 else { throw bad("maxDeltaEnergy must be positive") }
    switch trajectory {
    case .nuts(let d): guard d >= 1, d <= 30 else { throw bad("maxTreeDepth must be in 1...30, got \(d)") }
    case .staticSteps(let l): guard l >= 1 else { throw bad("numSteps must be at least 1, got \(l)") }
    case .staticLength(let t): guard t > 0, t.isFinite else { throw bad("trajectoryLength must be positive, got \(t)") }
    }
    let a = adaptation
    guard a.gamma > 0, a.kappa > 0, a.t0 > 0, a.initBuffer >= 0, a.termBuffer >= 0, a.baseWindow >= 1 else {
      throw bad("adaptation settings must be positive")
    }
    if let m = initialInverseMetric {
      guard m.dimension == dimension else {
        throw bad("the initial inverse metric has dimension \(m.dimension), the model \(dimension)")
      }
      guard m.isDense == denseMass else { throw bad("the initial inverse metric is \(m.isDense ? "dense" : "diagonal") but denseMass is \(denseMass)") }
    }
  }
}
