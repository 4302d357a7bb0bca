import CellLanguage
import Foundation

/// A MIME bundle: MIME type → content (text, HTML, SVG, …).
public typealias MimeBundle = [String: String]

/// Where a session's output goes while a cell runs. The kernel's sink publishes on
/// iopub; the CLI's prints; the report writer records. Implementations must be
/// thread-safe: sampler threads report progress through them.
public protocol OutputSink: AnyObject, Sendable {
  func stream(_ text: String, to stream: OutputStreamKind)
  func display(_ bundle: MimeBundle, displayID: String?)
  func updateDisplay(_ bundle: MimeBundle, displayID: String)
  func clearOutput(wait: Bool)
  /// Opens a comm to the front end (widgets: target `jupyter.widget`); `data` and
  /// `metadata` are JSON object texts. Sinks without a front end ignore comms.
  func commOpen(id: String, target: String, data: String, metadata: String)
  /// A message to the front end on an open comm (`data` is a JSON object text).
  func commMessage(id: String, data: String)
  /// Closes a comm from the session's side.
  func commClose(id: String)
}

extension OutputSink {
  public func commOpen(id: String, target: String, data: String, metadata: String) {}
  public func commMessage(id: String, data: String) {}
  public func commClose(id: String) {}
}

/// A value with a rich representation (HTML tables, SVG plots).
public protocol RichDisplayable {
  var mimeBundle: MimeBundle { get }
}

/// An output sink that collects everything, for tests and the report writer.
public final class RecordingSink: OutputSink, @unchecked Sendable {
  public enum Event: Equatable {
    case stream(OutputStreamKind, String)
    case display(MimeBundle, String?)
    case update(MimeBundle, String)
    case clear(Bool)
    case commOpen(id: String, target: String, data: String)
    case commMessage(id: String, data: String)
    case commClose(id: String)
  }

  private let lock = NSLock()
  private var _events: [Event] = []

  public init() {}

  public var events: [Event] { lock.withLock { _events } }

  /// Everything written to standard output, concatenated.
  public var stdout: String {
    events.compactMap { if case .stream(.stdout, let s) = $0 { return s }; return nil }.joined()
  }

  public var stderr: String {
    events.compactMap { if case .stream(.stderr, let s) = $0 { return s }; return nil }.joined()
  }

  public func reset() { lock.withLock { _events = [] } }

  public func stream(_ text: String, to stream: OutputStreamKind) { lock.withLock { _events.append(.stream(stream, text)) } }
  public func display(_ bundle: MimeBundle, displayID: String?) { lock.withLock { _events.append(.display(bundle, displayID)) } }
  public func updateDisplay(_ bundle: MimeBundle, displayID: String) { lock.withLock { _events.append(.update(bundle, displayID)) } }
  public func clearOutput(wait: Bool) { lock.withLock { _events.append(.clear(wait)) } }
  public func commOpen(id: String, target: String, data: String, metadata: String) {
    lock.withLock { _events.append(.commOpen(id: id, target: target, data: data)) }
  }
  public func commMessage(id: String, data: String) { lock.withLock { _events.append(.commMessage(id: id, data: data)) } }
  public func commClose(id: String) { lock.withLock { _events.append(.commClose(id: id)) } }
}

