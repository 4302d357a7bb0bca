import Foundation

/// A `KernelTransport` made of queues, for testing the dispatcher without sockets (like
/// SwiftNIO's `EmbeddedChannel`). Tests enqueue request frames, run the dispatcher on their
/// own thread and read what it sent on each channel.
public final class InMemoryTransport: KernelTransport, @unchecked Sendable {
  private let lock = NSLock()
  private var sentFrames: [Channel: [[[UInt8]]]] = [:]
  private var queuedShell: [[[UInt8]]] = []
  private var queuedStdin: [[[UInt8]]] = []
  /// Called with each message sent on stdin (an `input_request`); what it returns is
  /// queued as the stdin reply. Lets a test answer input requests like a client would.
  public var stdinResponder: (@Sendable ([[UInt8]]) -> [[UInt8]]?)?

  /// Called after each `send` (not `publish`), with the channel; lets a test deliver a
  /// request at the moment a reply goes out.
  public var onSend: (@Sendable (Channel) -> Void)?

  public init() {}

  /// Queues shell requests that the dispatcher has not handled yet (they are what
  /// `takeQueuedShellRequests` returns, as if they had arrived during a cell).
  public func enqueueShell(_ frames: [[UInt8]]) {
    lock.lock(); queuedShell.append(frames); lock.unlock()
  }

  /// Takes the next queued shell request, as the shell loop of a real transport would.
  public func nextShellRequest() -> [[UInt8]]? {
    lock.lock(); defer { lock.unlock() }
    return queuedShell.isEmpty ? nil : queuedShell.removeFirst()
  }

  public func enqueueStdin(_ frames: [[UInt8]]) {
    lock.lock(); queuedStdin.append(frames); lock.unlock()
  }

  /// Everything sent on `channel` so far, oldest first.
  public func sent(on channel: Channel) -> [[[UInt8]]] {
    lock.lock(); defer { lock.unlock() }
    return sentFrames[channel] ?? []
  }

  /// Forgets what was sent (between steps of a test).
  public func clearSent() {
    lock.lock(); sentFrames = [:]; lock.unlock()
  }

  public func send(_ frames: [[UInt8]], on channel: Channel) {
    lock.lock()
    sentFrames[channel, default: []].append(frames)
    let responder = channel == .stdin ? stdinResponder : nil
    let hook = onSend
    lock.unlock()
    if let responder, let answer = responder(frames) { enqueueStdin(answer) }
    hook?(channel)
  }

  public func publish(_ frames: [[UInt8]]) {
    lock.lock(); sentFrames[.iopub, default: []].append(frames); lock.unlock()
  }

  public func takeQueuedShellRequests() -> [[[UInt8]]] {
    lock.lock(); defer { lock.unlock() }
    let queued = queuedShell
    queuedShell = []
    return queued
  }

  public func receiveStdin(timeout: Double) -> [[UInt8]]? {
    let deadline = Date().addingTimeInterval(timeout)
    repeat {
      lock.lock()
      if !queuedStdin.isEmpty {
        let frames = queuedStdin.removeFirst()
        lock.unlock()
        return frames
      }
      lock.unlock()
      usleep(1000)
    } while Date() < deadline
    return nil
  }
}
