/// Why a run could not start or had to stop. Each case says what to change.
public enum InferenceError: Error, CustomStringConvertible, Equatable {
  /// A configuration value is out of range (the message names it).
  case invalidArgument(String)
  /// No initial point with a finite potential and gradient was found.
  case initializationFailed(chain: Int, attempts: Int, detail: String)
  /// Stan's step-size heuristic doubled past 1e7 (`base_hmc.hpp` init_stepsize).
  case improperPosterior(chain: Int)
  /// Stan's step-size heuristic halved down to 0.
  case noAcceptableStepSize(chain: Int)
  /// The windowed (co)variance estimate was not finite or not positive definite
  /// (`var_adaptation.hpp`).
  case metricAdaptationFailed(chain: Int)

  public var description: String {
    switch self {
    case .invalidArgument(let message):
      return message
    case .initializationFailed(let chain, let attempts, let detail):
      return "chain \(chain): could not find a valid initial point in \(attempts) attempts (\(detail)); "
        + "the log density or its gradient is not finite there — check the model's support, or pass initial values"
    case .improperPosterior(let chain):
      return "chain \(chain): the step size grew past 1e7 while searching for a reasonable one; the posterior is improper — check the model"
    case .noAcceptableStepSize(let chain):
      return "chain \(chain): no acceptably small step size could be found; is the log density continuous?"
    case .metricAdaptationFailed(let chain):
      return "chain \(chain): numerical overflow in metric adaptation (extreme values on the unconstrained space); "
        + "the posterior may be too wide or improper"
    }
  }
}
