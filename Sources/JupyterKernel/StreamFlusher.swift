import Foundation

/// Flushes buffered stream text on a thread of its own, 50 ms after the first unflushed
/// write, so live output keeps flowing even when Dispatch's global pool is saturated (a
/// sampler running chains with `concurrentPerform` would starve an `asyncAfter` timer).
/// The thread starts on demand and ends after a second without work.
final class StreamFlusher: @unchecked Sendable {
  static let delayMicroseconds: useconds_t = 50_000
  private let condition = NSCondition()
  private var dirty: [ObjectIdentifier: StreamPublisher] = [:]
  private var threadRunning = false

  /// Asks for `publisher.flush()` within the flush delay.
  func schedule(_ publisher: StreamPublisher) {
    condition.lock()
    dirty[ObjectIdentifier(publisher)] = publisher
    if !threadRunning {
      threadRunning = true
      Thread.detachNewThread { [self] in run() }
    }
    condition.signal()
    condition.unlock()
  }

  private func run() {
    while true {
      condition.lock()
      if dirty.isEmpty, !condition.wait(until: Date().addingTimeInterval(1)), dirty.isEmpty {
        threadRunning = false
        condition.unlock()
        return
      }
      condition.unlock()
      usleep(StreamFlusher.delayMicroseconds)
      condition.lock()
      let due = Array(dirty.values)
      dirty = [:]
      condition.unlock()
      for publisher in due { publisher.flush() }
    }
  }
}
