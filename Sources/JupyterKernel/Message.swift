import Foundation

/// One Jupyter message: the routing identities that precede `<IDS|MSG>` on a ROUTER socket,
/// the four JSON parts and any binary buffers (protocol 5.4, "The Wire Protocol").
public struct Message: Sendable, Equatable {
  public var identities: [[UInt8]]
  public var header: JSON
  public var parentHeader: JSON
  public var metadata: JSON
  public var content: JSON
  public var buffers: [[UInt8]]

  public init(
    identities: [[UInt8]] = [], header: JSON, parentHeader: JSON = [:], metadata: JSON = [:],
    content: JSON = [:], buffers: [[UInt8]] = []
  ) {
    self.identities = identities
    self.header = header
    self.parentHeader = parentHeader
    self.metadata = metadata
    self.content = content
    self.buffers = buffers
  }

  public var msgType: String { header["msg_type"]?.stringValue ?? "" }
  public var msgID: String { header["msg_id"]?.stringValue ?? "" }
  public var sessionID: String { header["session"]?.stringValue ?? "" }
}

/// Makes the kernel's outgoing messages: fresh `msg_id`s, the kernel's session id, the
/// protocol version and a UTC timestamp with microseconds, as jupyter_client writes them.
public struct MessageBuilder: Sendable {
  public static let protocolVersion = "5.4"
  public let sessionID: String
  public let username: String

  public init(sessionID: String = UUID().uuidString.lowercased(), username: String = "kernel") {
    self.sessionID = sessionID
    self.username = username
  }

  /// A new message whose parent is `parent` (if any) and which is routed back to the
  /// parent's identities (replies on ROUTER sockets).
  public func make(
    _ msgType: String, content: JSON, parent: Message?, metadata: JSON = [:]
  ) -> Message {
    let header: JSON = [
      "msg_id": .string(UUID().uuidString.lowercased()),
      "session": .string(sessionID),
      "username": .string(username),
      "date": .string(MessageBuilder.timestamp()),
      "msg_type": .string(msgType),
      "version": .string(MessageBuilder.protocolVersion),
    ]
    return Message(
      identities: parent?.identities ?? [], header: header,
      parentHeader: parent?.header ?? [:], metadata: metadata, content: content)
  }

  /// ISO 8601 in UTC with microseconds, e.g. `2026-11-27T06:31:30.123456Z`.
  public static func timestamp(_ date: Date = Date()) -> String {
    let seconds = date.timeIntervalSince1970
    var whole = time_t(seconds.rounded(.down))
    let micros = Int(((seconds - Double(whole)) * 1_000_000).rounded(.down))
    var parts = tm()
    gmtime_r(&whole, &parts)
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-"
      + pad(Int(parts.tm_mday), 2) + "T" + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2)
      + ":" + pad(Int(parts.tm_sec), 2) + "." + pad(micros, 6) + "Z"
  }
}
