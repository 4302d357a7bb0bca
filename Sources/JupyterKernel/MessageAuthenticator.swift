internal import COpenSSL
import Foundation

/// Signs and verifies messages with HMAC-SHA256 (libcrypto) and rejects replays.
///
/// The signature is the lowercase hex HMAC of header, parent header, metadata and content,
/// exactly as jupyter_client's `Session.sign`. An empty key disables signing (the protocol
/// sends an empty signature then). Verification compares in constant time. A signature
/// seen before is a replay; the last `replayWindow` signatures are remembered, like
/// jupyter_client's `digest_history`. Thread-safe: shell and control threads share one.
public final class MessageAuthenticator: @unchecked Sendable {
  public enum Verdict: Equatable, Sendable { case accepted, missingSignature, badSignature, replayed }
  public enum SetupError: Error, Equatable, CustomStringConvertible {
    case unsupportedScheme(String)
    public var description: String {
      switch self { case .unsupportedScheme(let s): "unsupported signature_scheme '\(s)' (only hmac-sha256)" }
    }
  }

  public let key: [UInt8]
  public let replayWindow: Int
  /// An HMAC context already keyed, duplicated for every signature (cheaper than fetching
  /// the algorithm and setting the key each time). Only read after init.
  private let keyedTemplate: OpaquePointer?
  private let lock = NSLock()
  private var seen: Set<[UInt8]> = []
  private var order: [[UInt8]] = []
  private var orderStart = 0

  public init(key: [UInt8], signatureScheme: String = "hmac-sha256", replayWindow: Int = 1 << 16) throws {
    guard signatureScheme == "hmac-sha256" || (key.isEmpty && signatureScheme.isEmpty) else {
      throw SetupError.unsupportedScheme(signatureScheme)
    }
    self.key = key
    self.replayWindow = max(1, replayWindow)
    keyedTemplate = key.isEmpty ? nil : Self.keyedContext(key: key)
  }

  deinit {
    if let keyedTemplate { EVP_MAC_CTX_free(keyedTemplate) }
  }

  public convenience init(key: String, signatureScheme: String = "hmac-sha256") throws {
    try self.init(key: Array(key.utf8), signatureScheme: signatureScheme)
  }

  public var isSigning: Bool { !key.isEmpty }

  /// The hex signature of the four JSON parts (empty when signing is off).
  public func signature(_ parts: [[UInt8]]) -> [UInt8] {
    guard isSigning, let keyedTemplate, let ctx = EVP_MAC_CTX_dup(keyedTemplate) else { return [] }
    defer { EVP_MAC_CTX_free(ctx) }
    return Self.hex(Self.finish(ctx, parts: parts))
  }

  /// Checks `signature` against the parts and records it so the same message cannot be
  /// accepted twice.
  public func verify(signature: [UInt8], parts: [[UInt8]]) -> Verdict {
    guard isSigning else { return .accepted }
    guard !signature.isEmpty else { return .missingSignature }
    let expected = self.signature(parts)
    guard Self.constantTimeEqual(expected, signature) else { return .badSignature }
    lock.lock()
    defer { lock.unlock() }
    if seen.contains(signature) { return .replayed }
    seen.insert(signature)
    order.append(signature)
    if order.count - orderStart > replayWindow {
      seen.remove(order[orderStart])
      orderStart += 1
      if orderStart > replayWindow {  // compact now and then
        order.removeFirst(orderStart)
        orderStart = 0
      }
    }
    return .accepted
  }

  /// Equality whose running time depends only on the lengths, not on where bytes differ.
  public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBytes { pa in
      b.withUnsafeBytes { pb in CRYPTO_memcmp(pa.baseAddress, pb.baseAddress, a.count) == 0 }
    }
  }

  /// HMAC-SHA256 of the concatenated parts, via OpenSSL 3's `EVP_MAC`.
  public static func hmacSHA256(key: [UInt8], parts: [[UInt8]]) -> [UInt8] {
    let ctx = keyedContext(key: key)
    defer { EVP_MAC_CTX_free(ctx) }
    return finish(ctx, parts: parts)
  }

  /// A new HMAC-SHA256 context initialised with `key`.
  static func keyedContext(key: [UInt8]) -> OpaquePointer {
    guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { fatalError("libcrypto has no HMAC") }
    defer { EVP_MAC_free(mac) }
    guard let ctx = EVP_MAC_CTX_new(mac) else { fatalError("EVP_MAC_CTX_new failed") }
    "digest".withCString { digestKey in  // OSSL_MAC_PARAM_DIGEST
      "SHA256".withCString { digestName in
        var params = [
          OSSL_PARAM_construct_utf8_string(digestKey, UnsafeMutablePointer(mutating: digestName), 0),
          OSSL_PARAM_construct_end(),
        ]
        let keyBytes = key.isEmpty ? [0] : key
        let ok = keyBytes.withUnsafeBufferPointer { k in
          EVP_MAC_init(ctx, k.baseAddress, key.count, &params)
        }
        precondition(ok == 1, "EVP_MAC_init failed")
      }
    }
    return ctx
  }

  /// Feeds the parts to a keyed context and returns the 32-byte MAC.
  static func finish(_ ctx: OpaquePointer, parts: [[UInt8]]) -> [UInt8] {
    for part in parts where !part.isEmpty {
      part.withUnsafeBufferPointer { p in _ = EVP_MAC_update(ctx, p.baseAddress, p.count) }
    }
    var out = [UInt8](repeating: 0, count: 32)
    var outLength = 0
    _ = EVP_MAC_final(ctx, &out, &outLength, out.count)
    return Array(out.prefix(outLength))
  }

  static func hex(_ bytes: [UInt8]) -> [UInt8] {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0xF)])
    }
    return out
  }
}
