import Arrays
import CellLanguage
import Foundation

/// Watches the process's resident memory while cells run and stops a cell that takes it
/// past the memory budget, with a `MemoryError`, at the cell's next loop iteration or call.
///
/// Large single allocations are refused before they happen (`MemoryBudget.check` at the
/// allocation sites); this catches the rest: memory that grows a little at a time (string
/// concatenation in a loop, dictionaries, many small arrays). One thread for the whole
/// process reads `/proc/self/statm` every 10 ms while at least one cell runs and sleeps
/// otherwise. A cell that starts above the budget (its globals hold the memory) may still
/// run; it is stopped only if it grows by more than 16 MB.
final class MemoryWatchdog: @unchecked Sendable {
  static let shared = MemoryWatchdog()
  static let interval = 0.01
  static let slack = 16 << 20

  private struct Watch {
    let threshold: Int
    let stop: (HostError) -> Void
    var fired = false
  }

  private let condition = NSCondition()
  private var watches: [Int: Watch] = [:]
  private var nextID = 0
  private var started = false

  /// Starts watching a cell; `stop` is called (from the watchdog's thread) at most once.
  /// Returns a token for `end(_:)`, or nil when there is no budget.
  func begin(stop: @escaping (HostError) -> Void) -> Int? {
    let limit = MemoryBudget.limit
    guard limit != Int.max, let resident = MemoryBudget.residentBytes() else { return nil }
    let threshold = resident > limit ? resident + Self.slack : limit
    condition.lock()
    defer { condition.unlock() }
    nextID += 1
    watches[nextID] = Watch(threshold: threshold, stop: stop)
    if !started {
      started = true
      let thread = Thread { [unowned self] in self.loop() }
      thread.name = "swiftbayes-memory"
      thread.start()
    }
    condition.signal()
    return nextID
  }

  /// Gives freed heap pages back to the system (glibc's `malloc_trim`, looked up at run
  /// time), so that after a `MemoryError` the budget sees the cell's memory as free.
  static func releaseFreedMemory() {
    typealias Trim = @convention(c) (Int) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
    _ = unsafeBitCast(symbol, to: Trim.self)(0)
  }

  func end(_ token: Int?) {
    guard let token else { return }
    condition.lock()
    watches[token] = nil
    condition.unlock()
  }

  private func loop() {
    while true {
      condition.lock()
      while watches.isEmpty { condition.wait() }
      condition.unlock()
      Thread.sleep(forTimeInterval: Self.interval)
      guard let resident = MemoryBudget.residentBytes() else { continue }
      condition.lock()
      var due: [(HostError) -> Void] = []
      for (id, w) in watches where !w.fired && resident > w.threshold {
        watches[id]!.fired = true
        due.append(w.stop)
      }
      condition.unlock()
      guard !due.isEmpty else { continue }
      let error = HostError(
        "the session uses \(MemoryBudget.describe(resident)), past its memory budget of "
          + "\(MemoryBudget.describe(MemoryBudget.limit)); free some variables or set SWIFTBAYES_MEMORY_LIMIT",
        kind: "MemoryError")
      for stop in due { stop(error) }
    }
  }
}
