/// Stan's schedule of slow metric-adaptation windows over warmup: an initial fast buffer
/// (75 iterations), doubling windows starting at 25, a terminal fast buffer (50). The
/// metric is re-estimated at the end of each window from the draws inside it.
///
/// Rules (`src/stan/mcmc/windowed_adaptation.hpp`):
/// - `num_warmup < 20`: no metric adaptation at all.
/// - `init_buffer + base_window + term_buffer > num_warmup`: the stages shrink to
///   15% / 75% / 10% of warmup (integer parts).
/// - The first window ends at init_buffer + window − 1; at each end the size doubles; if
///   the window after the next one would pass warmup − term_buffer, the next window is
///   stretched to end at warmup − term_buffer − 1.
///
/// Departures from Stan, on purpose (the result equals NumPyro's `build_adaptation_schedule`
/// for every warmup length, and Stan's windows wherever Stan's are sound, e.g. 500, 1000):
/// 1. Stan's 15/75/10 branch returns without `restart()`, so the next window end stays at
///    the unsigned underflow of 0 + 0 − 1 and the metric is never adapted for
///    20 ≤ warmup < 150 (stan-dev/stan#3380). Here the window end is recomputed.
/// 2. Stan looks ahead ("would the following window overtake the end?") only when a
///    window ends, never for the first one, so for 151 ≤ warmup ≤ 199 its second window
///    holds warmup − 150 draws (one at 151, which Stan's Welford estimator cannot use: it
///    keeps the old metric and shrinks it six-fold). `restart()` applies the same
///    look-ahead to the first window.
struct WindowedAdaptation {
  private(set) var numWarmup = 0
  private(set) var initBuffer = 0
  private(set) var termBuffer = 0
  private(set) var baseWindow = 0
  private(set) var counter = 0
  private(set) var nextWindowEnd = -1
  private(set) var windowSize = 0
  /// False when warmup is too short (< 20) for any metric estimation.
  private(set) var isEnabled = false

  /// - Parameters: warmup length and Stan's stage sizes (defaults 75 / 50 / 25 from
  ///   cmdstan `arguments/arg_adapt.hpp`).
  init(numWarmup: Int, initBuffer: Int = 75, termBuffer: Int = 50, baseWindow: Int = 25) {
    guard numWarmup >= 20 else { return }  // from Stan: no estimation below 20
    isEnabled = true
    self.numWarmup = numWarmup
    if initBuffer + baseWindow + termBuffer > numWarmup {
      // from Stan: 15% / 75% / 10%, truncated as Stan's unsigned conversion does
      self.initBuffer = Int(0.15 * Double(numWarmup))
      self.termBuffer = Int(0.10 * Double(numWarmup))
      self.baseWindow = numWarmup - (self.initBuffer + self.termBuffer)
    } else {
      self.initBuffer = initBuffer
      self.termBuffer = termBuffer
      self.baseWindow = baseWindow
    }
    restart()  // the call Stan's short-warmup branch misses (stan-dev/stan#3380)
  }

  mutating func restart() {
    counter = 0
    windowSize = baseWindow
    nextWindowEnd = initBuffer + windowSize - 1
    // Departure 2: Stan's look-ahead from `compute_next_window`, for the first window.
    let lastEnd = numWarmup - termBuffer - 1
    if nextWindowEnd < lastEnd && nextWindowEnd + 2 * windowSize >= numWarmup - termBuffer { nextWindowEnd = lastEnd }
  }

  /// Whether the current iteration's draw belongs to a slow window (`adaptation_window`).
  var inWindow: Bool {
    isEnabled && counter >= initBuffer && counter < numWarmup - termBuffer && counter != numWarmup
  }

  /// Whether the current iteration closes a slow window (`end_adaptation_window`).
  var atWindowEnd: Bool { isEnabled && counter == nextWindowEnd && counter != numWarmup }

  /// `compute_next_window`: double the size, stretch the last window to the buffer.
  private mutating func computeNextWindow() {
    let lastEnd = numWarmup - termBuffer - 1
    if nextWindowEnd == lastEnd { return }
    windowSize *= 2
    nextWindowEnd = counter + windowSize
    if nextWindowEnd == lastEnd { return }
    // Boundary of the following window, not the window just computed.
    let nextWindowBoundary = nextWindowEnd + 2 * windowSize
    if nextWindowBoundary >= numWarmup - termBuffer { nextWindowEnd = lastEnd }
  }

  /// Advances past one warmup iteration; `collect` is true when its draw goes into the
  /// estimator, the result is true when the metric must be recomputed now (the shape of
  /// Stan's `learn_variance`).
  mutating func advance() -> (collect: Bool, windowEnded: Bool) {
    let collect = inWindow
    var ended = false
    if atWindowEnd {
      computeNextWindow()
      ended = true
    }
    counter += 1
    return (collect, ended)
  }

  /// The slow windows (first and last warmup iteration of each, 0-based) this schedule
  /// produces, found by running it over the whole warmup.
  static func slowWindows(numWarmup: Int, initBuffer: Int = 75, termBuffer: Int = 50, baseWindow: Int = 25) -> [ClosedRange<Int>] {
    var schedule = WindowedAdaptation(numWarmup: numWarmup, initBuffer: initBuffer, termBuffer: termBuffer, baseWindow: baseWindow)
    var windows: [ClosedRange<Int>] = []
    var start: Int?
    for i in 0..<numWarmup {
      let step = schedule.advance()
      if step.collect, start == nil { start = i }
      if step.windowEnded, let s = start {
        windows.append(s...i)
        start = nil
      }
    }
    return windows
  }
}
