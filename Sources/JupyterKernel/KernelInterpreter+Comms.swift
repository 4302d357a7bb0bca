/// Comms: Jupyter's custom messages between a front end and the kernel, which the widgets
/// protocol rides on (target `jupyter.widget`). The kernel does the bookkeeping (busy/idle,
/// parents, `comm_info`, closing comms to unknown targets, coalescing superseded messages)
/// and hands the payloads to the interpreter through these hooks. Payloads cross the seam
/// as JSON object texts, so neither side needs the other's JSON type.
///
/// Every hook is called on the shell thread, between cells; an `interrupt()` from the
/// control thread may stop a slow one. The defaults serve no comms at all.
public protocol KernelCommHandler {
  /// A front end opened a comm (`comm_open` on shell). Return false for a target the
  /// interpreter does not serve: the kernel then answers with `comm_close`.
  func commOpen(commID: String, targetName: String, data: String, publisher: KernelPublisher) -> Bool
  /// A `comm_msg` from the front end on an open comm; `data` is its JSON object text.
  func commMessage(commID: String, data: String, publisher: KernelPublisher)
  /// The front end closed a comm.
  func commClose(commID: String, data: String, publisher: KernelPublisher)
  /// The open comms, comm id → target name (`comm_info_request`).
  func openComms() -> [String: String]
  /// When `later` (a message queued behind `earlier` on the same comm, not yet handled)
  /// supersedes it, the one message to handle instead of both; nil to handle both. A
  /// slider dragged faster than its callback runs sends many `update`s; handling only the
  /// merged last one keeps the front end live.
  func coalesceCommMessages(_ earlier: String, _ later: String) -> String?
}

extension KernelInterpreter {
  public func commOpen(commID: String, targetName: String, data: String, publisher: KernelPublisher) -> Bool { false }
  public func commMessage(commID: String, data: String, publisher: KernelPublisher) {}
  public func commClose(commID: String, data: String, publisher: KernelPublisher) {}
  public func openComms() -> [String: String] { [:] }
  public func coalesceCommMessages(_ earlier: String, _ later: String) -> String? { nil }
}
