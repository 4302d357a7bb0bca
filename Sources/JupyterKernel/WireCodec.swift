/// Why a multipart ZeroMQ message was not accepted. Every case is logged and the message
/// dropped; none of them stops the kernel.
public enum WireError: Error, Equatable, CustomStringConvertible {
  case missingDelimiter
  case tooFewFrames(Int)
  case missingSignature
  case badSignature
  case replayed
  case badJSON(part: String, reason: String)
  case notAnObject(part: String)
  case missingMessageType

  public var description: String {
    switch self {
    case .missingDelimiter: "no <IDS|MSG> delimiter"
    case .tooFewFrames(let n): "only \(n) frames after the delimiter (need 5)"
    case .missingSignature: "unsigned message (the connection key is not empty)"
    case .badSignature: "signature does not match"
    case .replayed: "replayed signature"
    case .badJSON(let part, let reason): "bad JSON in \(part): \(reason)"
    case .notAnObject(let part): "\(part) is not a JSON object"
    case .missingMessageType: "header has no msg_type"
    }
  }
}

/// Turns frames into messages and back: `[ids…, <IDS|MSG>, hmac, header, parent, metadata,
/// content, buffers…]`. Signatures are checked before any JSON is parsed, so a forged message
/// costs one HMAC and nothing runs.
public struct WireCodec: Sendable {
  public static let delimiter = Array("<IDS|MSG>".utf8)
  public let authenticator: MessageAuthenticator

  public init(authenticator: MessageAuthenticator) { self.authenticator = authenticator }

  public func decode(_ frames: [[UInt8]]) -> Result<Message, WireError> {
    guard let split = frames.firstIndex(of: WireCodec.delimiter) else { return .failure(.missingDelimiter) }
    let rest = frames[(split + 1)...]
    guard rest.count >= 5 else { return .failure(.tooFewFrames(rest.count)) }
    let start = rest.startIndex
    let signature = rest[start]
    let parts = Array(rest[(start + 1)...(start + 4)])
    switch authenticator.verify(signature: signature, parts: parts) {
    case .accepted: break
    case .missingSignature: return .failure(.missingSignature)
    case .badSignature: return .failure(.badSignature)
    case .replayed: return .failure(.replayed)
    }
    let names = ["header", "parent_header", "metadata", "content"]
    var values: [JSON] = []
    for (name, bytes) in zip(names, parts) {
      do {
        let value = try JSON.parse(bytes)
        guard case .object = value else { return .failure(.notAnObject(part: name)) }
        values.append(value)
      } catch let error as JSONParseError {
        return .failure(.badJSON(part: name, reason: error.description))
      } catch {
        return .failure(.badJSON(part: name, reason: "\(error)"))
      }
    }
    guard values[0]["msg_type"]?.stringValue != nil else { return .failure(.missingMessageType) }
    return .success(
      Message(
        identities: Array(frames[..<split]), header: values[0], parentHeader: values[1],
        metadata: values[2], content: values[3], buffers: Array(rest.dropFirst(5))))
  }

  public func encode(_ message: Message) -> [[UInt8]] {
    let parts = [
      message.header.encoded(), message.parentHeader.encoded(), message.metadata.encoded(),
      message.content.encoded(),
    ]
    return message.identities + [WireCodec.delimiter, authenticator.signature(parts)] + parts
      + message.buffers
  }
}
