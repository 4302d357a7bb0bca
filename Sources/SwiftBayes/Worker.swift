import Foundation

/// A thread with a large stack that runs the session's cells one at a time, so deep
/// (but bounded) recursion in user code cannot overflow the caller's stack.
final class Worker: @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [() -> Void] = []
  private var thread: Thread?

  init(stackSize: Int = 1 << 29) {
    let t = Thread { [unowned self] in self.loop() }
    t.stackSize = stackSize
    t.name = "swiftbayes-session"
    thread = t
    t.start()
  }

  private func loop() {
    while true {
      condition.lock()
      while jobs.isEmpty { condition.wait() }
      let job = jobs.removeFirst()
      condition.unlock()
      job()
    }
  }

  /// Runs `body` on the worker and waits for its result.
  func run<T>(_ body: @escaping () -> T) -> T {
    if Thread.current === thread { return body() }
    let done = NSCondition()
    var result: T? = nil
    condition.lock()
    jobs.append {
      let r = body()
      done.lock()
      result = r
      done.signal()
      done.unlock()
    }
    condition.signal()
    condition.unlock()
    done.lock()
    while result == nil { done.wait() }
    done.unlock()
    return result!
  }
}
