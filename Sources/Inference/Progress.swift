import Foundation

/// Where one chain is, as the driver reports it a few times a second.
public struct ChainProgress: Sendable, Equatable {
  public enum Phase: String, Sendable {
    case initializing, warmup, sampling, finished, interrupted, failed
  }
  public var chain: Int
  public var phase: Phase
  /// Iterations done, warmup and sampling together, of `totalIterations`.
  public var iteration: Int
  public var totalIterations: Int
  public var warmupIterations: Int
  /// Divergent transitions so far after warmup, and during warmup.
  public var divergences: Int
  public var warmupDivergences: Int
  /// The current nominal step size.
  public var stepSize: Double
  /// The tree depth of the latest transition (NUTS), and gradient evaluations so far.
  public var treeDepth: Int = 0
  public var gradientEvaluations: Int = 0
  /// Iterations per second since the chain started.
  public var drawsPerSecond: Double
  public var elapsedSeconds: Double
}

/// One progress report: every chain, at most five times a second, and a final one.
public struct RunProgress: Sendable {
  public var chains: [ChainProgress]
  /// True for the last report of the run.
  public var isFinal: Bool
  public var elapsedSeconds: Double
}

/// The chains' progress slots, written by workers and read by the driver's thread.
final class ProgressBoard: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [ChainProgress]
  private var starts: [Double]

  init(numChains: Int, numWarmup: Int, numSamples: Int, stepSize: Double) {
    slots = (0..<numChains).map {
      ChainProgress(chain: $0, phase: .initializing, iteration: 0, totalIterations: numWarmup + numSamples,
        warmupIterations: numWarmup, divergences: 0, warmupDivergences: 0, stepSize: stepSize,
        drawsPerSecond: 0, elapsedSeconds: 0)
    }
    starts = [Double](repeating: 0, count: numChains)
  }

  func start(_ chain: Int) {
    lock.lock()
    starts[chain] = monotonicSeconds()
    lock.unlock()
  }

  func update(_ chain: Int, _ body: (inout ChainProgress) -> Void) {
    lock.lock()
    body(&slots[chain])
    let elapsed = monotonicSeconds() - starts[chain]
    slots[chain].elapsedSeconds = elapsed
    slots[chain].drawsPerSecond = elapsed > 0 ? Double(slots[chain].iteration) / elapsed : 0
    lock.unlock()
  }

  func snapshot() -> [ChainProgress] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}

/// Seconds on a monotonic clock.
func monotonicSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU seconds consumed by the calling thread.
func threadCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
