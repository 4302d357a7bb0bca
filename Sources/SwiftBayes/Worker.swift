import Foundation

/// A thread with a large stack that runs the session's cells one at a time, so deep
/// (but bounded) recursion in user code cannot overflow the caller's stack. The thread
/// ends when the worker is released.
final class Worker: @unchecked Sendable {
  /// The state the thread shares with the worker; the thread holds it, not the worker.
  private final class Queue: @unchecked Sendable {
    let condition = NSCondition()
    var jobs: [() -> Void] = []
    var stopped = false
  }

  private let queue = Queue()
  private let thread: Thread?

  /// - Parameter inline: run jobs on the caller's thread (no worker thread at all).
  init(stackSize: Int = 1 << 29, inline: Bool = false) {
    guard !inline else {
      thread = nil
      return
    }
    let q = queue
    thread = Thread {
      while true {
        q.condition.lock()
        while q.jobs.isEmpty && !q.stopped { q.condition.wait() }
        if q.jobs.isEmpty && q.stopped {
          q.condition.unlock()
          return
        }
        let job = q.jobs.removeFirst()
        q.condition.unlock()
        job()
      }
    }
    let t = thread!
    t.stackSize = stackSize
    t.name = "swiftbayes-session"
    t.start()
  }

  deinit {
    queue.condition.lock()
    queue.stopped = true
    queue.condition.signal()
    queue.condition.unlock()
  }

  /// Runs `body` on the worker and waits for its result.
  func run<T>(_ body: @escaping () -> T) -> T {
    guard let thread, Thread.current !== thread else { return body() }
    let done = NSCondition()
    var result: T? = nil
    queue.condition.lock()
    queue.jobs.append {
      let r = body()
      done.lock()
      result = r
      done.signal()
      done.unlock()
    }
    queue.condition.signal()
    queue.condition.unlock()
    done.lock()
    while result == nil { done.wait() }
    done.unlock()
    return result!
  }
}
