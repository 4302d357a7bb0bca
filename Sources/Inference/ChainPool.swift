import Foundation

/// A value handed to a worker thread that only that thread touches.
struct UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// The queue of chains, the outcomes, and the workers' completion.
final class ChainPool: @unchecked Sendable {
  private let condition = NSCondition()
  private var next = 0
  private var outcomes: [Result<ChainResult, any Error>?]
  private var running: Int
  private let numChains: Int

  init(numChains: Int, workers: Int) {
    self.numChains = numChains
    outcomes = Array(repeating: nil, count: numChains)
    running = workers
  }

  func nextChain() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    guard next < numChains else { return nil }
    next += 1
    return next - 1
  }

  func finish(_ chain: Int, _ outcome: Result<ChainResult, any Error>) {
    condition.lock()
    outcomes[chain] = outcome
    condition.unlock()
  }

  func workerDone() {
    condition.lock()
    running -= 1
    condition.broadcast()
    condition.unlock()
  }

  /// Waits up to `timeout` seconds; true once every worker has finished.
  func waitForWorkers(timeout: Double) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    if running > 0 { _ = condition.wait(until: Date(timeIntervalSinceNow: timeout)) }
    return running == 0
  }

  func outcome(_ chain: Int) -> Result<ChainResult, any Error>? {
    condition.lock()
    defer { condition.unlock() }
    return outcomes[chain]
  }
}
